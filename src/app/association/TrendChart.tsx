import { formatDong } from '../../domain/money';
import type { AssociationView } from '../../domain/protocol';
import { useAssociationStrings } from './strings';
import { formatPercent, shortPeriod, statName, TREND_STATS, trendPoints, type TrendStat } from './view-figures';

/** Each line drawn its own way, so none is told apart by colour alone: a colour, dashes, a mark. */
const LOOK: Record<TrendStat, { color: string; dash?: string; mark: 'circle' | 'square' | 'triangle' | 'diamond' }> = {
  fullActivitiesPercent: { color: '#0b6e4f', mark: 'circle' },
  digitalPercent: { color: '#1565c0', dash: '8 4', mark: 'square' },
  fundPercent: { color: '#a84300', dash: '2 4', mark: 'triangle' },
  borrowingPercent: { color: '#6a1b9a', dash: '12 4 2 4', mark: 'diamond' },
};

const WIDTH = 360;
const HEIGHT = 230;
const PLOT = { left: 40, right: 14, top: 12, bottom: 44 };
const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;
const GRID = [0, 25, 50, 75, 100];

function Mark({ kind, x, y, color }: { kind: (typeof LOOK)[TrendStat]['mark']; x: number; y: number; color: string }) {
  switch (kind) {
    case 'circle':
      return <circle cx={x} cy={y} r={4} fill={color} />;
    case 'square':
      return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
    case 'triangle':
      return <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z`} fill={color} />;
    default:
      return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill={color} />;
  }
}

/** The legend's sample of a line: its dashes and its mark. */
function Sample({ stat }: { stat: TrendStat }) {
  const look = LOOK[stat];
  return (
    <svg className="association-legend__sample" width="40" height="14" viewBox="0 0 40 14" aria-hidden="true" focusable="false">
      <line x1="2" y1="7" x2="38" y2="7" stroke={look.color} strokeWidth="2.5" strokeDasharray={look.dash} />
      <Mark kind={look.mark} x={20} y={7} color={look.color} />
    </svg>
  );
}

/**
 * A few of the plan's rates over the periods kept (half-years, or years, as the period shown),
 * drawn as plain SVG: an image to assistive tech, named with what it shows, and its numbers
 * in a table below (open the details).
 */
export function TrendSection({ view }: { view: AssociationView }) {
  const { t } = useAssociationStrings();
  const points = trendPoints(view);
  if (points.length === 0) return null;
  const floor = formatDong(view.targets.fundFloor);
  const names = TREND_STATS.map((stat) => statName(stat, t, floor));
  const x = (i: number) => PLOT.left + 20 + (points.length === 1 ? (PLOT_WIDTH - 40) / 2 : (i * (PLOT_WIDTH - 40)) / (points.length - 1));
  const y = (value: number) => PLOT.top + ((100 - Math.max(0, Math.min(100, value))) * PLOT_HEIGHT) / 100;
  const pathOf = (stat: TrendStat) => {
    let d = '';
    let drawing = false;
    points.forEach((point, i) => {
      const value = point.total[stat];
      if (value === null) {
        drawing = false;
        return;
      }
      d += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)} ${y(value).toFixed(1)}`;
      drawing = true;
    });
    return d;
  };
  return (
    <section className="association-section">
      <h2 id="association-trend">{t('trend.title')}</h2>
      {points.length === 1 ? (
        <p className="field__hint">{t('trend.one')}</p>
      ) : (
        <>
          <svg className="association-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('trend.chart', { names: names.join(', ') })}>
            {GRID.map((value) => (
              <g key={value}>
                <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(value)} y2={y(value)} stroke="#c9d1cd" strokeWidth={value === 0 ? 1.5 : 1} />
                <text x={PLOT.left - 4} y={y(value) + 4} textAnchor="end" className="association-chart__axis">
                  {formatPercent(value)}
                </text>
              </g>
            ))}
            {points.map((point, i) => {
              // "6T đầu" above "2026": the year on a line of its own keeps the labels apart at 360 px.
              const label = shortPeriod(point.period, t);
              const cut = label.lastIndexOf(' ');
              return (
                <text key={point.period.key} x={x(i)} y={HEIGHT - PLOT.bottom + 18} textAnchor="middle" className="association-chart__axis">
                  <tspan x={x(i)}>{cut > 0 ? label.slice(0, cut) : label}</tspan>
                  {cut > 0 && (
                    <tspan x={x(i)} dy="14">
                      {label.slice(cut + 1)}
                    </tspan>
                  )}
                </text>
              );
            })}
            {TREND_STATS.map((stat) => {
              const look = LOOK[stat];
              return (
                <g key={stat} data-stat={stat}>
                  <path d={pathOf(stat)} fill="none" stroke={look.color} strokeWidth={2.5} strokeDasharray={look.dash} strokeLinejoin="round" />
                  {points.map((point, i) => {
                    const value = point.total[stat];
                    return value === null ? null : <Mark key={point.period.key} kind={look.mark} x={x(i)} y={y(value)} color={look.color} />;
                  })}
                </g>
              );
            })}
          </svg>
          <ul className="association-legend">
            {TREND_STATS.map((stat, i) => (
              <li key={stat}>
                <Sample stat={stat} />
                {names[i]}
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="association-numbers">
        <summary>{t('trend.caption')}</summary>
        <div className="association-table-wrap" role="region" tabIndex={0} aria-label={t('trend.caption')}>
          <table className="association-table" aria-label={t('trend.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('trend.period')}</th>
                {TREND_STATS.map((stat) => (
                  <th key={stat} scope="col">
                    {t(`col.${stat}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.period.key}>
                  <th scope="row">{shortPeriod(point.period, t)}</th>
                  {TREND_STATS.map((stat) => (
                    <td key={stat}>{formatPercent(point.total[stat])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

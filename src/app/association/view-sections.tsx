import { formatDong } from '../../domain/money';
import { REPORT_DUE_DAYS, type ReportStatus } from '../../domain/periods';
import type { AssociationView } from '../../domain/protocol';
import { useAssociationStrings } from './strings';
import {
  formatCount,
  formatStat,
  goalsOf,
  goalSummary,
  goalText,
  statDetail,
  statName,
  TOTAL_GROUP_NAMES,
  TOTAL_GROUPS,
  verdictText,
  type Goal,
} from './view-figures';

function lineClass(goal: Goal | undefined): string {
  if (!goal?.judged || goal.met === null) return 'report-figure';
  return goal.met ? 'report-figure report-figure--met' : 'report-figure report-figure--unmet';
}

/** The total of the place against the plan: each figure, the counts behind it, its target, met or not in words. */
export function TotalSection({ view }: { view: AssociationView }) {
  const { t } = useAssociationStrings();
  const goals = goalsOf(view.total, view.targets, view.level, view.period);
  const { met, judged } = goalSummary(goals.values());
  const floor = formatDong(view.targets.fundFloor);
  return (
    <section className="association-section">
      <h2 id="association-total">{t('total.title')}</h2>
      <p className="report-summary">{t('total.summary', { met, judged })}</p>
      {TOTAL_GROUP_NAMES.map((group) => (
        <section key={group} className="association-group">
          <h3 id={`association-total-${group}`}>{t(`total.${group}`)}</h3>
          <ul className="report-figures">
            {TOTAL_GROUPS[group].map((stat) => {
              const goal = goals.get(stat);
              const detail = statDetail(stat, view.total, t);
              return (
                <li key={stat} className={lineClass(goal)} data-stat={stat}>
                  <span className="report-figure__name">{statName(stat, t, floor)}</span>
                  <span className="report-figure__value">{formatStat(stat, view.total)}</span>
                  {(detail || goal) && (
                    <span className="report-figure__check">
                      {detail && <span className="association-detail">{detail}</span>}
                      {goal && <span className="report-figure__target">{goalText(goal, t)}</span>}
                      {goal?.judged && <span className="report-figure__met">{verdictText(goal, t)}</span>}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}

const STATUSES: readonly ReportStatus[] = ['in', 'late', 'missing', 'due', 'open'];

/** How many clubs sent the period's report in time, late, or not yet. */
export function ReportingSection({ view }: { view: AssociationView }) {
  const { t } = useAssociationStrings();
  const counts = view.total.reports;
  return (
    <section className="association-section">
      <h2 id="association-reporting">{t('reporting.title')}</h2>
      <p className="field__hint">{t('reporting.explain', { days: REPORT_DUE_DAYS })}</p>
      <ul className="association-counts">
        {STATUSES.filter((status) => status !== 'open' || counts.open > 0).map((status) => (
          <li key={status} className={`association-count association-count--${status}`} data-status={status}>
            <span>{t(`reporting.${status}`)}</span>
            <strong className="association-count__value">{formatCount(counts[status])}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The plan's goals for communes (REPORTS.md, seed 001): every plains commune, a share of mountain ones. */
const COMMUNE_GOALS = {
  plains: [
    { year: 2030, atLeast: 2, share: 100 },
    { year: 2035, atLeast: 4, share: 100 },
  ],
  mountains: [
    { year: 2030, atLeast: 1, share: 70 },
    { year: 2035, atLeast: 3, share: 85 },
  ],
} as const;
const AREAS = ['plains', 'mountains'] as const;

/** Communes by how many standard clubs they have, plains and mountains apart, and the plan's goals for them. */
export function CommunesSection({ view }: { view: AssociationView }) {
  const { t } = useAssociationStrings();
  return (
    <section className="association-section">
      <h2 id="association-communes">{t('communes.title')}</h2>
      <div className="association-table-wrap" role="region" tabIndex={0} aria-label={t('communes.caption')}>
        <table className="association-table">
          <caption>{t('communes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('communes.area')}</th>
              <th scope="col">{t('communes.communes')}</th>
              {[1, 2, 3, 4].map((n) => (
                <th key={n} scope="col">
                  {t('communes.atLeast', { value: n })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {AREAS.map((area) => (
              <tr key={area} data-area={area}>
                <th scope="row">{t(`communes.${area}`)}</th>
                <td>{formatCount(view.communes[area].communes)}</td>
                {view.communes[area].atLeast.map((count, i) => (
                  <td key={i}>{formatCount(count)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="association-commune-goals">
        {AREAS.flatMap((area) =>
          COMMUNE_GOALS[area].map(({ year, atLeast, share }) => {
            const whole = view.communes[area].communes;
            const part = view.communes[area].atLeast[atLeast - 1]!;
            const areaWord = t(area === 'plains' ? 'communes.areaPlains' : 'communes.areaMountains');
            const goal = share === 100 ? t('communes.goalAll', { year, area: areaWord, value: atLeast }) : t('communes.goalShare', { year, area: areaWord, value: atLeast, share });
            return (
              <li key={`${area}-${year}`}>
                {goal} ({t('communes.goalNow', { part: formatCount(part), whole: formatCount(whole) })})
              </li>
            );
          }),
        )}
      </ul>
      <p className="field__hint">{t('communes.explain')}</p>
    </section>
  );
}

import { useId } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { formatDate, formatDateTime, todayOn } from '../../domain/dates';
import type { AssociationSummary, AssociationView } from '../../domain/protocol';
import { periodName } from '../reports/report-figures';
import { downloadFile } from '../reports/report-csv';
import { fetchView, viewSearch, type ViewQuery } from './api';
import { Loading, ProblemView, usePageTitle } from './page';
import { RowsTable } from './RowsTable';
import { useAssociationStrings } from './strings';
import { TrendSection } from './TrendChart';
import { useRemote } from './use-remote';
import { viewCsv, viewFileName } from './view-csv';
import { placeName, viewHref } from './view-figures';
import { CommunesSection, ReportingSection, TotalSection } from './view-sections';

/** The levels from the officer's own area down to the place shown, each a link but the last. */
function Crumbs({ view }: { view: AssociationView }) {
  const { t } = useAssociationStrings();
  const period = view.period.key;
  const { association, place } = view;
  const crumbs: { label: string; href: string }[] = [];
  if (association.province === null) crumbs.push({ label: t('view.nation'), href: viewHref({ period, province: null, commune: null }) });
  if (place.province !== null && association.commune === null) crumbs.push({ label: place.province, href: viewHref({ period, province: place.provinceKey, commune: null }) });
  if (place.commune !== null) crumbs.push({ label: place.commune, href: viewHref({ period, province: place.provinceKey, commune: place.communeKey }) });
  return (
    <nav className="association-crumbs" aria-label={t('view.levels')}>
      <ol>
        {crumbs.map((crumb, i) => (
          <li key={crumb.href}>
            {i === crumbs.length - 1 ? (
              <span aria-current="page">{crumb.label}</span>
            ) : (
              <Link href={crumb.href} className="association-crumbs__link">
                {crumb.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The period shown, among those the server keeps; choosing one opens its page. */
function PeriodSelect({ view }: { view: AssociationView }) {
  const { t, tr } = useAssociationStrings();
  const [, navigate] = useLocation();
  const id = useId();
  return (
    <div className="field association-period">
      <label className="field__label" htmlFor={id}>
        {t('view.period')}
      </label>
      <select
        id={id}
        className="input"
        value={view.period.key}
        onChange={(event) => navigate(viewHref({ period: event.target.value, province: view.place.provinceKey, commune: view.place.communeKey }))}
      >
        {view.periods.map((period) => (
          <option key={period.key} value={period.key}>
            {periodName(period, tr)}
          </option>
        ))}
      </select>
      <span className="field__hint">{t('view.dates', { from: formatDate(view.period.from), to: formatDate(view.period.to) })}</span>
    </div>
  );
}

function View({ view }: { view: AssociationView }) {
  const { t, tr } = useAssociationStrings();
  const place = placeName(view.place, t);
  const saveCsv = () => {
    const name = viewFileName(view, t);
    downloadFile(new File([viewCsv(view, t)], name, { type: 'text/csv;charset=utf-8' }));
  };
  return (
    <>
      <Crumbs view={view} />
      <h1 className="association-title">{place}</h1>
      <p className="association-period-name">{periodName(view.period, tr)}</p>
      <PeriodSelect view={view} />
      <p className="field__hint">{view.figuresAsOf ? t('view.asOf', { date: formatDateTime(view.figuresAsOf) }) : t('view.noFigures')}</p>
      <p className="association-print-only">{t('view.printedOn', { date: formatDate(todayOn()) })}</p>
      <div className="button-row association-actions">
        <button type="button" className="button" onClick={saveCsv}>
          {t('view.csv')}
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('view.print')}
        </button>
      </div>
      <TotalSection view={view} />
      <ReportingSection view={view} />
      <CommunesSection view={view} />
      <RowsTable key={`${view.level}|${view.place.provinceKey}|${view.place.communeKey}`} view={view} />
      <TrendSection view={view} />
    </>
  );
}

/**
 * The officer's view (/association?period=…&province=…&commune=…): the address says which
 * period and place, the server answers with their figures; loading, no network (try again),
 * outside the officer's area (the server's words) each said in words.
 */
export function ViewPage({ onUnauthorized, onAccount }: { onUnauthorized: () => void; onAccount: (association: AssociationSummary) => void }) {
  const { t, i18n } = useAssociationStrings();
  const params = new URLSearchParams(useSearch());
  const query: ViewQuery = { period: params.get('period'), province: params.get('province'), commune: params.get('commune') };
  const [remote, retry] = useRemote(
    viewSearch(query),
    async (signal) => {
      const view = await fetchView(query, i18n.language, signal);
      onAccount(view.association);
      return view;
    },
    onUnauthorized,
  );
  usePageTitle(remote.state === 'ready' ? placeName(remote.data.place, t) : t('view.loading'));
  if (remote.state === 'loading') return <Loading />;
  if (remote.state === 'failed') return <ProblemView problem={remote.problem} onRetry={retry} />;
  return <View view={remote.data} />;
}

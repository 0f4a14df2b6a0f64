import { Link, useSearch } from 'wouter';
import { REPORT_FIGURES, type ReportFigure } from '../../domain/club-report';
import { formatDateTime } from '../../domain/dates';
import { periodOf, type ReportPeriod } from '../../domain/periods';
import type { AssociationClubReports } from '../../domain/protocol';
import { FIGURE_GROUPS, figureKind, formatFigure, GROUPS, periodDates, periodName } from '../reports/report-figures';
import { fetchClubReports } from './api';
import { Loading, ProblemView, usePageTitle } from './page';
import { useAssociationStrings, type Translate } from './strings';
import { useRemote } from './use-remote';
import { viewHref } from './view-figures';

type SentReport = AssociationClubReports['reports'][number];

const KNOWN = new Set<string>(REPORT_FIGURES);

/** The period a report names (its key), or its own two dates for a key this version does not know. */
function periodOfReport(report: SentReport): ReportPeriod {
  return periodOf(report.periodKey) ?? { key: report.periodKey, kind: 'custom', from: report.from, to: report.to };
}

/**
 * A figure's name as the phone's report words it. The association does not know from which
 * age the club counts its older members, so that one is named without the age.
 */
function figureLabel(figure: ReportFigure, t: Translate, tr: Translate): string {
  return figure === 'older' ? t('club.older') : tr(`figure.${figure}`);
}

/** One report's figures, in the phone report's groups; figures this version does not know, apart. */
function ReportFigures({ report }: { report: SentReport }) {
  const { t, tr } = useAssociationStrings();
  const others = Object.keys(report.figures).filter((figure) => !KNOWN.has(figure));
  return (
    <div className="association-report__figures">
      {GROUPS.map((group) => {
        const figures = FIGURE_GROUPS[group].filter((figure) => figure in report.figures);
        if (figures.length === 0) return null;
        return (
          <section key={group} aria-label={tr(`group.${group}`)}>
            <h4 className="association-report__group">{tr(`group.${group}`)}</h4>
            <ul className="report-figures">
              {figures.map((figure) => (
                <li key={figure} className="report-figure" data-figure={figure}>
                  <span className="report-figure__name">{figureLabel(figure, t, tr)}</span>
                  <span className="report-figure__value">{formatFigure(report.figures[figure] ?? null, figureKind(figure), tr)}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {others.length > 0 && (
        <section aria-label={t('club.other')}>
          <h4 className="association-report__group">{t('club.other')}</h4>
          <ul className="report-figures">
            {others.map((figure) => (
              <li key={figure} className="report-figure" data-figure={figure}>
                <span className="report-figure__name">{figure}</span>
                <span className="report-figure__value">{formatFigure(report.figures[figure] ?? null, 'count', tr)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ClubReports({ answer, back }: { answer: AssociationClubReports; back: string }) {
  const { t, tr } = useAssociationStrings();
  const { club } = answer;
  const reports = [...answer.reports].sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  return (
    <>
      <p className="association-back">
        <Link href={back} className="association-back__link">
          {t('club.back', { place: club.commune })}
        </Link>
      </p>
      <h1 className="association-title">{club.name}</h1>
      <p className="association-period-name">{t('view.place', { commune: club.commune, province: club.province })}</p>
      <section className="association-section">
        <h2 id="association-club-reports">{t('club.reports')}</h2>
        {reports.length === 0 ? (
          <p className="empty">{t('club.none')}</p>
        ) : (
          <>
            <p className="field__hint">
              {t('club.count', { value: reports.length })} {t('club.expand')}
            </p>
            <ol className="association-reports">
              {reports.map((report) => {
                const period = periodOfReport(report);
                return (
                  <li key={report.id} className={report.current ? 'association-report association-report--current' : 'association-report association-report--replaced'} data-report={report.id}>
                    <details>
                      <summary>
                        <h3 className="association-report__period">{periodName(period, tr)}</h3>
                        <span className="association-report__facts">
                          {periodDates(period, tr)} · {t('club.sentAt', { date: formatDateTime(report.sentAt) })}
                        </span>
                        <span className="association-report__state">{t(report.current ? 'club.current' : 'club.replaced')}</span>
                      </summary>
                      {report.note && <p className="association-report__note">{t('club.note', { note: report.note })}</p>}
                      <ReportFigures report={report} />
                    </details>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </section>
    </>
  );
}

/**
 * A club's reports (/association/clubs/:id), newest first: each with its period, when it was
 * sent, whether it is the one in force or was replaced by a later one, and its figures named as
 * on the phone. Back goes to the view it came from (its address rides along), else the club's commune.
 */
export function ClubReportsPage({ id, onUnauthorized }: { id: string; onUnauthorized: () => void }) {
  const { t, i18n } = useAssociationStrings();
  const search = useSearch();
  const [remote, retry] = useRemote(id, (signal) => fetchClubReports(id, i18n.language, signal), onUnauthorized);
  usePageTitle(remote.state === 'ready' ? remote.data.club.name : t('view.loading'));
  if (remote.state === 'loading') return <Loading />;
  if (remote.state === 'failed') return <ProblemView problem={remote.problem} onRetry={retry} />;
  const { club } = remote.data;
  const back = search ? `/association?${new URLSearchParams(search)}` : viewHref({ period: null, province: club.province, commune: club.commune });
  return <ClubReports answer={remote.data} back={back} />;
}

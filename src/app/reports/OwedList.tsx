import { Link } from 'wouter';
import { formatDate } from '../../domain/dates';
import { REPORT_DUE_DAYS, vietnamDay } from '../../domain/periods';
import type { OwedReport } from './owed';
import { periodName } from './report-figures';
import { useReportStrings, type Translate } from './strings';

/** Where a period's report stands, in words with a mark: sent (when, how many times), waiting to go, late, missing, due. */
export function owedStatus({ status, sent, deadline }: OwedReport, waiting: ReadonlySet<string>, t: Translate): string {
  const date = sent && formatDate(vietnamDay(sent.latest.createdAt));
  const count = sent?.history.length ?? 0;
  if (sent && waiting.has(sent.latest.id)) return t('owed.waiting', { date });
  if (status === 'in') return count > 1 ? t('owed.inAgain', { date, count }) : t('owed.in', { date });
  if (status === 'late') return t(count > 1 ? 'owed.lateAgain' : 'owed.late', { date, count, deadline: formatDate(deadline) });
  if (status === 'open') return t('owed.open');
  return t(`owed.${status}`, { deadline: formatDate(deadline) });
}

/** "Reports to the association": every half-year and year the club owes, newest first; a tap opens that period's report. */
export function OwedList({ owed, waiting }: { owed: readonly OwedReport[]; waiting: ReadonlySet<string> }) {
  const { t } = useReportStrings();
  return (
    <section id="reports-owed" className="report-owed no-print" aria-labelledby="reports-owed-title">
      <h2 id="reports-owed-title" className="section-title" tabIndex={-1}>
        {t('owed.title')}
      </h2>
      <p className="field__hint">{t('owed.explain', { days: REPORT_DUE_DAYS })}</p>
      {owed.length === 0 ? (
        <p className="empty">{t('owed.none')}</p>
      ) : (
        <ul className="member-list">
          {owed.map((o) => (
            <li key={o.period.key}>
              <Link href={`/reports?period=${o.period.key}`} className={`member-row report-owed__row report-owed__row--${o.status}`}>
                <span className="member-row__name">{periodName(o.period, t)}</span>
                <span className="member-row__facts">{owedStatus(o, waiting, t)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

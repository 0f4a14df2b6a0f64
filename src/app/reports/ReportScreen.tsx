import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { canRead } from '../../domain/collection';
import { clubReport, targetChecks, type ReportFigures } from '../../domain/club-report';
import { formatDate, todayOn, type CalendarDate } from '../../domain/dates';
import { periodContaining, periodOf, REPORTED_KINDS, reportStatus, vietnamDay, type ReportPeriod } from '../../domain/periods';
import { reports as reportBook, submissionsByPeriod, type Submissions } from '../../domain/reports';
import type { DeviceRole } from '../../domain/record';
import { bookBegan, clubBooks, reportsWaiting, sentReports } from '../../local/report-queries';
import { useDatabase } from '../database-context';
import { useDeviceRole, useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { ShareButton } from '../ui/ShareButton';
import { OwedList } from './OwedList';
import { owedReports } from './owed';
import { PeriodPicker } from './PeriodPicker';
import { downloadFile, reportCsv, reportFileName, type FigureRow } from './report-csv';
import { FIGURE_GROUPS, GROUPS, groupKept, periodDates, periodName, sameFigures } from './report-figures';
import { reportSummary } from './report-text';
import { ReportFigureList } from './ReportFigureList';
import { SendReport } from './SendReport';
import { useReportStrings } from './strings';

/** Whether this browser's share sheet takes files (Chrome on Android does; a desktop often does not). */
function sharesFiles(file: File): boolean {
  return typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] });
}

async function shareFile(file: File): Promise<void> {
  try {
    await navigator.share({ files: [file], title: file.name });
  } catch {
    // The person closed the sheet, or the app they chose refused the file: the download is still there.
  }
}

/**
 * The club's report for a period: the period chosen in a few taps (its key in the address, so
 * Back and a reload keep it), every figure in its group against its target, then print, CSV,
 * share and — on the chair's phone — send to the association; below, the reports the club
 * owes and where each stands. Everything is counted on the phone, with no network.
 */
export function ReportScreen() {
  const { t } = useReportStrings();
  const db = useDatabase();
  const role = useDeviceRole();
  const maySend = useMayWrite('reports');
  const [, navigate] = useLocation();
  const key = new URLSearchParams(useSearch()).get('period') ?? '';
  const today = todayOn();
  const period = useMemo<ReportPeriod>(() => periodOf(key) ?? periodContaining('month', today), [key, today]);
  // Two live reads: a report sent re-reads the reports, not every book.
  const books = useLiveQuery(() => clubBooks(db), [db]);
  const sending = useLiveQuery(async () => {
    const [sent, began, waiting] = await Promise.all([sentReports(db), bookBegan(db), reportsWaiting(db)]);
    return { sent, began, waiting };
  }, [db]);
  const report = useMemo(() => (books ? clubReport(books, period) : null), [books, period]);
  // A period opened from the list below starts at its top. A block body: Chromium's scrollTo
  // now returns a promise, which React would take for the effect's cleanup and call.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [period.key]);

  if (role !== undefined && !canRead(reportBook, role)) {
    return (
      <AppShell title={t('title')} back="/">
        <p className="empty">{t('notKept')}</p>
      </AppShell>
    );
  }
  if (!books || !report || !sending || role === undefined) {
    return (
      <AppShell title={t('title')} back="/">
        <div aria-busy="true" />
      </AppShell>
    );
  }
  const { club } = books;
  const checks = targetChecks(report.figures, club);
  const checkOf = new Map(checks.map((c) => [c.figure, c]));
  const kept = (group: (typeof GROUPS)[number]) => groupKept(group, role as DeviceRole);
  const rows: FigureRow[] = GROUPS.flatMap((group) =>
    FIGURE_GROUPS[group].map((figure) => ({ group, figure, value: report.figures[figure], check: checkOf.get(figure) ?? null, kept: kept(group) })),
  );
  const judged = rows.filter((row) => row.kept && row.check && row.check.met !== null);
  const csv = new File([reportCsv(rows, t, club.olderAgeFrom)], reportFileName(club.name, period.key, t), { type: 'text/csv' });
  const owed = owedReports(today, sending.began, sending.sent);
  const submissions = submissionsByPeriod(sending.sent).get(period.key) ?? null;
  const choose = (next: string) => navigate(`/reports?period=${next}`, { replace: true });

  return (
    <AppShell title={t('title')} back="/">
      <PeriodPicker period={period} today={today} onChoose={choose} />
      <div className="report-sheet">
        <header className="report-print-head print-only">
          <p className="report-print-head__club">{club.name}</p>
          <p>{t('print.place', { village: club.village, commune: club.commune, province: club.province })}</p>
          <p>{t('print.printedOn', { date: formatDate(today) })}</p>
        </header>
        <h2 className="report-period" elementtiming="report">{`${t('title')}: ${periodName(period, t)}`}</h2>
        <p className="report-dates">{periodDates(period, t)}</p>
        {today <= period.to && <p className="notice notice--due">{t('running', { date: formatDate(period.to) })}</p>}
        <SentLine period={period} submissions={submissions} waiting={sending.waiting} today={today} figures={report.figures} />
        <p className="report-summary">{t('summary', { met: judged.filter((row) => row.check!.met).length, judged: judged.length })}</p>
        <div className="report-actions no-print">
          {maySend && <SendReport period={period} figures={report.figures} today={today} />}
          <div className="button-row">
            <button type="button" className="button" onClick={() => window.print()}>
              {t('actions.print')}
            </button>
            <button type="button" className="button" onClick={() => downloadFile(csv)}>
              {t('actions.csv')}
            </button>
          </div>
          <ShareButton text={reportSummary({ club, period, figures: report.figures, checks, kept, t })} label={t('actions.share')} />
          {sharesFiles(csv) && (
            <button type="button" className="button" onClick={() => void shareFile(csv)}>
              {t('actions.shareFile')}
            </button>
          )}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              const list = document.getElementById('reports-owed-title');
              list?.scrollIntoView({ block: 'start' });
              list?.focus({ preventScroll: true });
            }}
          >
            {t('toOwed')}
          </button>
        </div>
        <ReportFigureList rows={rows} report={report} club={club} />
        <footer className="report-signatures print-only">
          {(['chair', 'treasurer'] as const).map((who) => (
            <div key={who} className="report-signature">
              <p className="report-signature__who">{t(`print.${who}`)}</p>
              <p>{t('print.signHint')}</p>
              <p className="report-signature__line">{t('print.name')}</p>
            </div>
          ))}
        </footer>
      </div>
      <OwedList owed={owed} waiting={sending.waiting} />
    </AppShell>
  );
}

/** This period's report as the association has it: sent when (and how often), waiting to go, changed since, or not sent. */
function SentLine(props: {
  period: ReportPeriod;
  submissions: Submissions | null;
  waiting: ReadonlySet<string>;
  today: CalendarDate;
  figures: ReportFigures;
}) {
  const { t } = useReportStrings();
  const { period, submissions, waiting } = props;
  if (!submissions) {
    // Only the half-years and years are asked for: a month's report not sent is nothing to say.
    const asked = (REPORTED_KINDS as readonly string[]).includes(period.kind) && reportStatus(period, null, props.today) !== 'open';
    return asked ? <p className="report-status no-print">{t('sent.notYet')}</p> : null;
  }
  const { latest, history } = submissions;
  const date = formatDate(vietnamDay(latest.createdAt));
  return (
    <div className="report-status no-print">
      <p>{waiting.has(latest.id) ? t('sent.waiting', { date }) : history.length > 1 ? t('sent.again', { count: history.length, date }) : t('sent.once', { date })}</p>
      {!sameFigures(props.figures, latest.figures) && <p className="text-urgent">{t('sent.changed')}</p>}
    </div>
  );
}

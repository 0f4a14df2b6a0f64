import type { CalendarDate } from '../../domain/dates';
import { deadlineOf, reportedPeriods, reportStatus, type ReportPeriod, type ReportStatus } from '../../domain/periods';
import { submissionsByPeriod, type Report, type Submissions } from '../../domain/reports';

/** One report the association wants of the club: its period, its deadline, what was sent for it, and where that leaves it. */
export interface OwedReport {
  period: ReportPeriod;
  deadline: CalendarDate;
  sent: Submissions | null;
  status: ReportStatus;
}

/**
 * The half-years and years the club owes, newest first, each with its status. A small module
 * of its own: the home screen's tile needs it without loading the report's screen.
 */
export function owedReports(today: CalendarDate, bookBegan: CalendarDate | null, reports: readonly Report[]): OwedReport[] {
  if (bookBegan === null) return [];
  const byPeriod = submissionsByPeriod(reports);
  return reportedPeriods(today, bookBegan).map((period) => {
    const sent = byPeriod.get(period.key) ?? null;
    return { period, deadline: deadlineOf(period), sent, status: reportStatus(period, sent?.firstSentAt ?? null, today) };
  });
}

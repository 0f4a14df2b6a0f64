import { clubReport, type ClubBooks } from './club-report';
import { addDays, type CalendarDate } from './dates';
import { reportedPeriods, REPORT_DUE_DAYS } from './periods';
import type { ReportFields } from './reports';
import { Dice } from './sample-dice';

/**
 * The reports the sample club's chair sent: every half-year's and year's since its books
 * began (three years back at most), each from the books as they were, mostly within a
 * week or two of the period's end; one sent late, one corrected by a second sending a few
 * days later, and the one before last year's second half never sent (the association
 * sees it missing). Own dice, so the rest of the sample club is as it was.
 */
export interface SampleReport {
  fields: ReportFields;
  /** When the chair sent it: the record's createdAt. */
  sentAt: string;
}

const sentOn = (day: CalendarDate, hour: number) => `${day}T${String(hour).padStart(2, '0')}:15:00.000Z`;

export function sampleReports(books: ClubBooks, today: CalendarDate, bookBegan: CalendarDate, seed: number): SampleReport[] {
  const dice = new Dice(seed ^ 0x5e9047);
  const periods = reportedPeriods(today, bookBegan).reverse();
  const out: SampleReport[] = [];
  const missing = periods.findLast((p) => p.kind === 'half' && p.key.endsWith('H2') && p.to < addDays(today, -365));
  const late = periods.find((p) => p.kind === 'half' && p !== missing);
  const corrected = periods.findLast((p) => p.kind === 'year');
  for (const period of periods) {
    if (period === missing) continue;
    const delay = period === late ? REPORT_DUE_DAYS + dice.int(5, 20) : dice.int(3, 12);
    const day = addDays(period.to, delay);
    if (day > today) continue;
    const report = (figures: ReportFields['figures'], at: CalendarDate, note: string | null) =>
      out.push({ fields: { periodKey: period.key, from: period.from, to: period.to, figures, note }, sentAt: sentOn(at, dice.int(1, 10)) });
    const full = clubReport(books, period).figures;
    if (period !== corrected) {
      report(full, day, null);
      continue;
    }
    // Sent before the treasurer had written up the period's last month; sent again once she had.
    const lastMonth = `${period.to.slice(0, 7)}-01`;
    report(clubReport({ ...books, entries: books.entries.filter((e) => e.postedOn < lastMonth) }, period).figures, day, null);
    const again = addDays(day, dice.int(2, 5));
    if (again <= today) report(full, again, 'Sửa: thêm các phiếu thu chi tháng cuối ghi muộn');
  }
  return out;
}

import { addDays, daysBetween, isCalendarDate, lastDayOfMonth, type CalendarDate } from './dates';

/**
 * The periods a club reports on (REPORTS.md): a month, a quarter, a half-year, a year, or
 * any two dates. Each has a key that names it in a submitted report and on the server:
 * '2026-06', '2026-Q2', '2026-H1', '2026', or '2026-01-05_2026-03-10'.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  key: string;
  kind: PeriodKind;
  /** Both days included. */
  from: CalendarDate;
  to: CalendarDate;
}

/** The key's shape, for the schemas that carry one. */
export const PERIOD_KEY = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$|^\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}$/;

const pad = (n: number) => String(n).padStart(2, '0');

function months(year: number, first: number, last: number, kind: PeriodKind, key: string): ReportPeriod {
  return { key, kind, from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(`${year}-${pad(last)}`) };
}

/** The period a key names, or null for a key that names none (or dates the wrong way round). */
export function periodOf(key: string): ReportPeriod | null {
  if (!PERIOD_KEY.test(key)) return null;
  const year = Number(key.slice(0, 4));
  if (key.length === 4) return months(year, 1, 12, 'year', key);
  const rest = key.slice(5);
  if (rest.startsWith('Q')) {
    const q = Number(rest.slice(1));
    return months(year, q * 3 - 2, q * 3, 'quarter', key);
  }
  if (rest.startsWith('H')) return rest === 'H1' ? months(year, 1, 6, 'half', key) : months(year, 7, 12, 'half', key);
  if (key.length === 7) return months(year, Number(rest), Number(rest), 'month', key);
  const [from = '', to = ''] = key.split('_');
  if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) return null;
  return { key, kind: 'custom', from, to };
}

/** The period of a kind that a day falls in ('custom' is the day itself). */
export function periodContaining(kind: PeriodKind, date: CalendarDate): ReportPeriod {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const key =
    kind === 'year'
      ? year
      : kind === 'half'
        ? `${year}-H${month <= 6 ? 1 : 2}`
        : kind === 'quarter'
          ? `${year}-Q${Math.ceil(month / 3)}`
          : kind === 'month'
            ? date.slice(0, 7)
            : `${date}_${date}`;
  return periodOf(key)!;
}

/** Any two dates as a period (the earlier first). */
export function customPeriod(from: CalendarDate, to: CalendarDate): ReportPeriod {
  return from <= to ? periodOf(`${from}_${to}`)! : periodOf(`${to}_${from}`)!;
}

/** The period of the same kind just before (a custom one: as long, ending the day before). */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  if (period.kind === 'custom') {
    const days = daysBetween(period.from, period.to);
    const to = addDays(period.from, -1);
    return customPeriod(addDays(to, -days), to);
  }
  return periodContaining(period.kind, addDays(period.from, -1));
}

/**
 * The association wants each half-year's report and each year's (the province reports to
 * the Department of Health every 6 months and yearly) within this many days of its end.
 */
export const REPORT_DUE_DAYS = 15;
export const REPORTED_KINDS = ['half', 'year'] as const satisfies readonly PeriodKind[];

export function deadlineOf(period: ReportPeriod): CalendarDate {
  return addDays(period.to, REPORT_DUE_DAYS);
}

/**
 * in: sent by its deadline; late: sent after it; missing: not sent and the deadline passed;
 * due: ended, not sent, still in time; open: not ended yet. Deadlines are days in Vietnam
 * (UTC+7), where every club is.
 */
export type ReportStatus = 'in' | 'late' | 'missing' | 'due' | 'open';

/** The calendar day in Vietnam of an instant (a report sent at 23:30 on the 15th is on the 15th). */
export function vietnamDay(instant: string): CalendarDate {
  return new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** `firstSentAt`: when the period's first report was sent (a later correction does not make it late). */
export function reportStatus(period: ReportPeriod, firstSentAt: string | null, today: CalendarDate): ReportStatus {
  const deadline = deadlineOf(period);
  if (firstSentAt !== null) return vietnamDay(firstSentAt) <= deadline ? 'in' : 'late';
  if (today <= period.to) return 'open';
  return today > deadline ? 'missing' : 'due';
}

/**
 * The half-years and years a club owes, newest first: every one that has ended by `today`,
 * back to the one its book began in (and `years` years at most: older paper is not asked for).
 */
export function reportedPeriods(today: CalendarDate, bookBegan: CalendarDate, years = 3): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  const earliest = `${Number(today.slice(0, 4)) - years}-01-01`;
  const begin = bookBegan > earliest ? bookBegan : earliest;
  for (const kind of REPORTED_KINDS) {
    for (let p = previousPeriod(periodContaining(kind, today)); p.to >= begin; p = previousPeriod(p)) out.push(p);
  }
  return out.sort((a, b) => b.to.localeCompare(a.to) || (a.kind === 'year' ? -1 : 1));
}

/**
 * The periods the associations look at: this half-year and the five before it (three years
 * of half-years), this year and the two before. The server keeps every club's figures for
 * these, and the association's pages choose among them.
 */
export function associationPeriods(today: CalendarDate): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let p = periodContaining('half', today), i = 0; i < 6; p = previousPeriod(p), i++) out.push(p);
  for (let p = periodContaining('year', today), i = 0; i < 3; p = previousPeriod(p), i++) out.push(p);
  return out.sort((a, b) => b.to.localeCompare(a.to) || (a.kind === 'year' ? -1 : 1));
}

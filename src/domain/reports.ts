import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { calendarDate, optionalText } from './validation';
import { PERIOD_KEY, periodOf } from './periods';

/** A report's figures travel as named numbers (club-report.ts); a name is short and plain. */
const FIGURE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const MAX_FIGURES = 200;

/**
 * A report the chair sent to the association: the figures as they were on the phone that
 * day, the period, and (createdAt) when. Append-only: sending again for the same period is
 * a new record that replaces the last in the association's view, and the earlier ones stay
 * as its history (REPORTS.md: a correction is a new submission). Figures from a newer app
 * may hold names this one does not know; they are kept as they came.
 */
export const reports = defineCollection({
  name: 'reports',
  kind: 'appendOnly',
  shape: () => ({
    periodKey: z.string({ error: 'validation.invalidValue' }).check(z.regex(PERIOD_KEY, { error: 'validation.invalidValue' })),
    from: calendarDate,
    to: calendarDate,
    figures: z.record(
      z.string().check(z.regex(FIGURE_NAME, { error: 'validation.invalidValue' })),
      z.nullable(z.number({ error: 'validation.invalidValue' })),
    ),
    note: optionalText(500),
  }),
  check(report, ctx) {
    const period = typeof report.periodKey === 'string' ? periodOf(report.periodKey) : null;
    if (period && (period.from !== report.from || period.to !== report.to)) {
      ctx.addIssue({ code: 'custom', path: ['periodKey'], message: 'validation.invalidValue' });
    }
    if (report.figures && typeof report.figures === 'object' && Object.keys(report.figures).length > MAX_FIGURES) {
      ctx.addIssue({ code: 'custom', path: ['figures'], message: 'validation.invalidValue' });
    }
  },
  // The board sees what the club sent; only the chair sends it.
  read: ['chair', 'board', 'treasurer'],
  write: ['chair'],
  localIndexes: ['periodKey'],
});

export type Report = z.output<typeof reports.recordSchema>;
export type ReportFields = z.output<typeof reports.fieldsSchema>;

export interface Submissions {
  /** The report in force: the last one sent. */
  latest: Report;
  /** When the first one was sent: what makes a period's report on time or late. */
  firstSentAt: string;
  /** Every one sent, newest first. */
  history: Report[];
}

/** The reports sent, by period. Order is by when they were sent, then by id (two phones alike). */
export function submissionsByPeriod(all: readonly Report[]): Map<string, Submissions> {
  const byPeriod = new Map<string, Report[]>();
  for (const report of all) {
    if (report.deleted) continue;
    const list = byPeriod.get(report.periodKey) ?? [];
    list.push(report);
    byPeriod.set(report.periodKey, list);
  }
  const out = new Map<string, Submissions>();
  for (const [key, list] of byPeriod) {
    list.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    out.set(key, { latest: list[0]!, firstSentAt: list[list.length - 1]!.createdAt, history: list });
  }
  return out;
}

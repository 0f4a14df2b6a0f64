import * as z from 'zod/mini';
import { defineCollection } from './collection';
import type { CalendarDate } from './dates';
import { FUND_READERS, FUND_WRITERS, type Entry } from './entries';
import { MAX_LINE_AMOUNT, line, type Line } from './ledger';
import type { Dong } from './money';
import { calendarDate, idList, optionalId, text } from './validation';

const signedDong = z
  .int({ error: 'validation.money' })
  .check(z.refine((n) => Math.abs(n) <= MAX_LINE_AMOUNT, { error: 'validation.money' }));

/**
 * The meeting's cash count, which closes the books through the meeting's day (LEDGER.md
 * principle 5): two officers count the cash box; the book's figure stands beside it; a
 * difference is posted as an over/short entry to suspense, never absorbed. Append-only.
 */
export const cashCounts = defineCollection({
  name: 'cashCounts',
  kind: 'appendOnly',
  shape: () => ({
    meetingId: z.uuid({ error: 'validation.countMeeting' }),
    countedOn: calendarDate,
    counted: z.int({ error: 'validation.money' }).check(z.gte(0, { error: 'validation.money' }), z.lte(MAX_LINE_AMOUNT, { error: 'validation.money' })),
    /** What the book said the cash box held, through the meeting's day. */
    expected: signedDong,
    /** The two officers who counted. */
    countedBy: idList(2, 'validation.countedBy').check(z.minLength(2, { error: 'validation.countedBy' })),
    /** The over/short entry, when the count differed. */
    overShortEntryId: optionalId,
  }),
  read: FUND_READERS,
  write: FUND_WRITERS,
});

export type CashCount = z.output<typeof cashCounts.recordSchema>;

/** The last meeting's close undone, with the reason: its entries may be added to again. */
export const reopenings = defineCollection({
  name: 'reopenings',
  kind: 'appendOnly',
  shape: () => ({
    cashCountId: z.uuid({ error: 'validation.invalidValue' }),
    reason: text(300, 'validation.reopenReason'),
  }),
  read: FUND_READERS,
  write: FUND_WRITERS,
});

export type Reopening = z.output<typeof reopenings.recordSchema>;

/** The counts that still close their period: not reopened. */
export function standingCounts(counts: readonly CashCount[], reopened: readonly Reopening[]): CashCount[] {
  const undone = new Set(reopened.filter((r) => !r.deleted).map((r) => r.cashCountId));
  return counts.filter((c) => !c.deleted && !undone.has(c.id));
}

/** The last close in force, the only one that may be reopened. */
export function lastClose(counts: readonly CashCount[], reopened: readonly Reopening[]): CashCount | null {
  let last: CashCount | null = null;
  for (const c of standingCounts(counts, reopened)) {
    if (!last || c.countedOn > last.countedOn || (c.countedOn === last.countedOn && c.createdAt > last.createdAt)) last = c;
  }
  return last;
}

/** The day through which the book is closed: an entry dated on or before it is refused on the phone. */
export function lockedThrough(counts: readonly CashCount[], reopened: readonly Reopening[]): CalendarDate | null {
  return lastClose(counts, reopened)?.countedOn ?? null;
}

/** The cash the book expects in the box at the end of a day. */
export function expectedCash(entries: readonly Entry[], through: CalendarDate): Dong {
  let cash = 0;
  for (const e of entries) {
    if (e.deleted || e.postedOn > through) continue;
    for (const l of e.lines) if (l.account === 'cash') cash += l.amount;
  }
  return cash;
}

/** The over/short entry of a count: cash up or down to what was counted, the difference held in suspense. */
export function overShortLines(counted: Dong, expected: Dong): Line[] | null {
  const difference = counted - expected;
  if (difference === 0) return null;
  return [line('cash', difference), line('suspense', -difference)];
}

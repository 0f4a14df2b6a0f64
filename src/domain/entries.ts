import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { ACCOUNTS, MAX_LINE_AMOUNT, linesBalance, type Line } from './ledger';
import type { DeviceRole } from './record';
import { calendarDate, optionalId, optionalText } from './validation';

/** Who sees the club's money: the board. Volunteers see none of it (the server sends them none). */
export const FUND_READERS = ['chair', 'board', 'treasurer'] as const satisfies readonly DeviceRole[];
/** Who records money: the treasurer, and the chair beside them. */
export const FUND_WRITERS = ['chair', 'treasurer'] as const satisfies readonly DeviceRole[];

/** What an entry records (LEDGER.md, "Entry types and their lines"). */
export const ENTRY_TYPES = [
  'opening',
  'seed',
  'disbursement',
  'repayment',
  'dues',
  'donation',
  'expense',
  'transfer',
  'writeOff',
  'recovery',
  'overShort',
  'suspenseCleared',
  'reversal',
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];


/**
 * Which accounts each type may debit and credit, and whether it names its loan (LEDGER.md's
 * table): "debits/credits", accounts by their first letters (c cash, b bank, l loans,
 * i income fund, o operating fund, s suspense), then n (no loan), r (required) or x (on its
 * lines). Compact because every phone's first screen carries the registry.
 */
const TEMPLATE_CODES: Record<Exclude<EntryType, 'reversal'>, string> = {
  opening: 'cbls/ios/x',
  seed: 'cb/i/n',
  disbursement: 'l/cb/r',
  repayment: 'cb/lio/r',
  dues: 'cb/io/n',
  donation: 'cb/io/n',
  expense: 'o/cb/n',
  transfer: 'cb/cb/n',
  writeOff: 'i/l/r',
  recovery: 'cb/i/r',
  overShort: 'cs/cs/n',
  suspenseCleared: 'soi/soi/n',
};

function template(type: Exclude<EntryType, 'reversal'>) {
  const [debit = '', credit = '', loan = 'n'] = TEMPLATE_CODES[type].split('/');
  const accounts = (letters: string) => ACCOUNTS.filter((a) => letters.includes(a[0]!));
  return { debit: accounts(debit), credit: accounts(credit), loan: loan === 'r' ? 'required' : loan === 'x' ? 'lines' : 'none' };
}

const lineAmount = z
  .int({ error: 'validation.lineAmount' })
  .check(z.refine((n) => n !== 0 && Math.abs(n) <= MAX_LINE_AMOUNT, { error: 'validation.lineAmount' }));

const lineSchema = z.strictObject({
  account: z.enum(ACCOUNTS, { error: 'validation.invalidValue' }),
  amount: lineAmount,
  loanId: optionalId,
});

function problem(ctx: z.core.$RefinementCtx<unknown>, field: string, messageKey: string) {
  ctx.addIssue({ code: 'custom', path: [field], message: messageKey, input: undefined });
}

/**
 * An entry in the fund's book. Append-only: never edited, never deleted; a mistake is put
 * right by a reversal (the same lines, signs flipped) and, when needed, a new entry.
 */
export const entries = defineCollection({
  name: 'entries',
  kind: 'appendOnly',
  shape: () => ({
    type: z.enum(ENTRY_TYPES, { error: 'validation.invalidValue' }),
    postedOn: calendarDate,
    lines: z.array(lineSchema).check(z.minLength(2, { error: 'validation.entryLines' }), z.maxLength(400, { error: 'validation.entryLines' })),
    /** The loan the entry is about (disbursement, repayment, write-off, recovery). */
    loanId: optionalId,
    /** Who paid or borrowed: the member, for their dues, their loan, their donation. */
    memberId: optionalId,
    /** The meeting it was collected or counted at. */
    meetingId: optionalId,
    reversesEntryId: optionalId,
    /** What for (an expense), from whom (a donation), why (a reversal: required). */
    note: optionalText(300),
    /**
     * The phone that recorded it (its own device id): two phones recording the same
     * repayment is a suspected duplicate; one phone recording it twice is not the same case.
     */
    phoneId: z.uuid({ error: 'validation.invalidValue' }),
  }),
  check(entry, ctx) {
    const lines = Array.isArray(entry.lines) ? entry.lines : [];
    const valid = lines.every((l) => typeof l?.amount === 'number' && Number.isSafeInteger(l.amount) && ACCOUNTS.includes(l.account));
    if (!valid || lines.length < 2) return;
    if (linesBalance(lines) !== 0) problem(ctx, 'lines', 'validation.entryUnbalanced');
    if (entry.type === 'reversal') {
      if (!entry.reversesEntryId) problem(ctx, 'reversesEntryId', 'validation.invalidValue');
      if (!entry.note) problem(ctx, 'note', 'validation.reversalReason');
      return;
    }
    if (entry.reversesEntryId !== null) problem(ctx, 'reversesEntryId', 'validation.invalidValue');
    if (!Object.hasOwn(TEMPLATE_CODES, entry.type)) return;
    const rule = template(entry.type as Exclude<EntryType, 'reversal'>);
    const fits = lines.every((l: Line) => (l.amount > 0 ? rule.debit : rule.credit).includes(l.account));
    if (!fits || !lines.some((l) => l.amount > 0) || !lines.some((l) => l.amount < 0)) problem(ctx, 'lines', 'validation.entryLines');
    if (entry.type === 'transfer' && new Set(lines.map((l) => l.account)).size < 2) problem(ctx, 'lines', 'validation.entryLines');
    // The loans account always names its loan; a one-loan entry names the same loan on every loans line.
    const loanLines = lines.filter((l) => l.account === 'loans');
    if (loanLines.some((l) => l.loanId === null)) problem(ctx, 'lines', 'validation.entryLines');
    if (lines.some((l) => l.account !== 'loans' && l.loanId !== null)) problem(ctx, 'lines', 'validation.entryLines');
    if (rule.loan === 'required') {
      if (entry.loanId === null) problem(ctx, 'loanId', 'validation.entryLoan');
      else if (loanLines.some((l) => l.loanId !== entry.loanId)) problem(ctx, 'lines', 'validation.entryLines');
    }
    if (rule.loan === 'none' && entry.loanId !== null) problem(ctx, 'loanId', 'validation.invalidValue');
    if (entry.type === 'expense' && !entry.note) problem(ctx, 'note', 'validation.expenseNote');
  },
  read: FUND_READERS,
  write: FUND_WRITERS,
  localIndexes: ['postedOn', 'loanId', 'memberId'],
  // A write-off forgives a member's debt: the club votes it, and the chair's phone records it.
  writeRule: (fields, role) => (fields.type === 'writeOff' && role !== 'chair' ? 'sync.writeOffByChair' : null),
});

export type Entry = z.output<typeof entries.recordSchema>;
export type EntryFields = z.output<typeof entries.fieldsSchema>;

/** The cash (or bank) an entry brought in (positive) or paid out (negative). */
export function cashMoved(entry: { lines: readonly Line[] }): number {
  let sum = 0;
  for (const l of entry.lines) if (l.account === 'cash' || l.account === 'bank') sum += l.amount;
  return sum;
}

/** The amount an entry is "of" as people say it: the larger side of its lines. */
export function entryAmount(entry: { lines: readonly Line[] }): number {
  let debit = 0;
  for (const l of entry.lines) if (l.amount > 0) debit += l.amount;
  return debit;
}

/** Orders entries as the book lists them: by date, then as recorded, then by id (the same on every phone). */
export function compareEntries(a: Entry, b: Entry): number {
  // Code-unit order, not localeCompare: ISO dates and ids sort the same way, every phone's ICU
  // agrees on it, and it is several times faster over a five-year book.
  return order(a.postedOn, b.postedOn) || order(a.createdAt, b.createdAt) || order(a.id, b.id);
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entries that reverse each entry, by the id they reverse. */
export function reversalsByEntry(all: readonly Entry[]): Map<string, Entry[]> {
  const byEntry = new Map<string, Entry[]>();
  for (const e of all) {
    if (e.deleted || e.reversesEntryId === null) continue;
    const list = byEntry.get(e.reversesEntryId) ?? [];
    list.push(e);
    byEntry.set(e.reversesEntryId, list);
  }
  return byEntry;
}

/**
 * Whether an entry stands: no reversal of it stands. A reversal that is itself reversed (the
 * undo undone) no longer takes its original away. Asked in the book's order first, so that
 * even a ring of reversals (no phone makes one) comes out the same on every phone.
 */
function standing(all: readonly Entry[]): (entry: Entry) => boolean {
  const reversals = reversalsByEntry(all);
  const known = new Map<string, boolean>();
  const stands = (entry: Entry): boolean => {
    const seen = known.get(entry.id);
    if (seen !== undefined) return seen;
    known.set(entry.id, false);
    const result = !(reversals.get(entry.id) ?? []).some(stands);
    known.set(entry.id, result);
    return result;
  };
  for (const e of all.filter((e) => !e.deleted).sort(compareEntries)) stands(e);
  return stands;
}

/**
 * The entries that stand: not reversed (by a reversal that itself stands), and not
 * reversals themselves. Balances use every entry (a reversal's lines cancel its
 * original's); lists of what happened use these.
 */
export function standingEntries(all: readonly Entry[]): Entry[] {
  const stands = standing(all);
  return all.filter((e) => !e.deleted && e.type !== 'reversal' && stands(e));
}

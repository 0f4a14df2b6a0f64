import * as z from 'zod/mini';
import type { CalendarDate } from './dates';
import { addMonths } from './dates';
import type { EntryFields } from './entries';
import { MAX_LINE_AMOUNT, line, type Fund, type Line } from './ledger';
import type { LoanFields } from './loans';
import type { ClubProfile } from './club';
import type { Dong } from './money';
import { calendarDate, optionalText, wholeNumber } from './validation';

/**
 * What the treasurer types for each kind of money event, and the entry it makes. The form
 * asks for an amount and a choice or two; the lines (LEDGER.md) are made here, never typed,
 * so an entry is balanced and of its type's template by construction.
 */

/** An amount typed in: whole đồng, more than 0, at most a trillion. */
export const amountSchema = z
  .number({ error: 'validation.money' })
  .check(
    z.refine((n) => Number.isSafeInteger(n) && n > 0, { error: 'validation.amountPositive' }),
    z.refine((n) => !(n > MAX_LINE_AMOUNT), { error: 'validation.amountTooLarge' }),
  );

export const SIMPLE_KINDS = ['dues', 'donation', 'expense', 'transfer', 'seed', 'recovery'] as const;
export type SimpleKind = (typeof SIMPLE_KINDS)[number];

export const simpleEntrySchema = z.strictObject({
  kind: z.enum(SIMPLE_KINDS, { error: 'validation.invalidValue' }),
  amount: amountSchema,
  postedOn: calendarDate,
  /** Where the money is: the cash box or the bank (for a transfer: where it goes). */
  account: z.enum(['cash', 'bank'], { error: 'validation.invalidValue' }),
  /** A donation's or the dues' fund. */
  fund: z.enum(['incomeFund', 'operatingFund'], { error: 'validation.invalidValue' }),
  memberId: z.nullable(z.uuid({ error: 'validation.invalidValue' })),
  loanId: z.nullable(z.uuid({ error: 'validation.entryLoan' })),
  note: optionalText(300),
});
export type SimpleEntryValues = z.output<typeof simpleEntrySchema>;

type NewEntry = Omit<EntryFields, 'phoneId'>;

function entry(type: EntryFields['type'], postedOn: CalendarDate, lines: Line[], extra: Partial<NewEntry> = {}): NewEntry {
  return { type, postedOn, lines, loanId: null, memberId: null, meetingId: null, reversesEntryId: null, note: null, ...extra };
}

/** The entry a simple form makes: dues, a donation, an expense, a transfer, seed capital, a recovery. */
export function simpleEntry(v: SimpleEntryValues): NewEntry {
  const other = v.account === 'cash' ? 'bank' : 'cash';
  const base = { memberId: v.memberId, note: v.note };
  switch (v.kind) {
    case 'dues':
    case 'donation':
      return entry(v.kind, v.postedOn, [line(v.account, v.amount), line(v.fund, -v.amount)], base);
    case 'seed':
      return entry('seed', v.postedOn, [line(v.account, v.amount), line('incomeFund', -v.amount)], base);
    case 'expense':
      return entry('expense', v.postedOn, [line('operatingFund', v.amount), line(v.account, -v.amount)], base);
    case 'transfer':
      return entry('transfer', v.postedOn, [line(v.account, v.amount), line(other, -v.amount)], { note: v.note });
    case 'recovery':
      return entry('recovery', v.postedOn, [line(v.account, v.amount), line('incomeFund', -v.amount)], { ...base, loanId: v.loanId });
  }
}

/** One member's dues at a meeting, as the dues roll records them with a tap. */
export function duesEntry(memberId: string, meetingId: string | null, postedOn: CalendarDate, amount: Dong, fund: Fund): NewEntry {
  return entry('dues', postedOn, [line('cash', amount), line(fund, -amount)], { memberId, meetingId });
}

/** The reversal of an entry: its lines with signs flipped, the reason, dated the day it is made. */
export function reversalEntry(original: EntryFields & { id: string }, postedOn: CalendarDate, reason: string): NewEntry {
  return entry(
    'reversal',
    postedOn,
    original.lines.map((l) => ({ ...l, amount: -l.amount })),
    { reversesEntryId: original.id, loanId: original.loanId, memberId: original.memberId, note: reason },
  );
}

/** A voted loan paid out: the terms come from the club's rules in force, copied on (LEDGER.md principle 4). */
export const disbursementSchema = z.strictObject({
  principal: amountSchema,
  disbursedOn: calendarDate,
  termMonths: wholeNumber(1, 60, 'validation.loanTerm'),
  rateBasisPoints: wholeNumber(0, 1000, 'validation.interestRate'),
  account: z.enum(['cash', 'bank'], { error: 'validation.invalidValue' }),
});
export type DisbursementValues = z.output<typeof disbursementSchema>;

export function loanTermsFromClub(club: ClubProfile | null): Pick<LoanFields, 'method' | 'pattern' | 'roundTo' | 'toIncomeFundPercent'> {
  return {
    method: club?.loanMethod ?? 'flat',
    pattern: club?.loanPattern ?? 'equal',
    roundTo: club?.loanRoundTo ?? 1,
    toIncomeFundPercent: club?.interestToFundPercent ?? 50,
  };
}

/** The loan and its disbursement entry for an approved application. */
export function disbursement(
  v: DisbursementValues,
  application: { id: string; memberId: string; purpose: string | null },
  club: ClubProfile | null,
  loanId: string,
): { loan: LoanFields; entry: NewEntry } {
  const loan: LoanFields = {
    memberId: application.memberId,
    applicationId: application.id,
    source: 'disbursed',
    principal: v.principal,
    originalPrincipal: null,
    disbursedOn: v.disbursedOn,
    firstDueOn: addMonths(v.disbursedOn, 1),
    termMonths: v.termMonths,
    rateBasisPoints: v.rateBasisPoints,
    ...loanTermsFromClub(club),
    purpose: application.purpose,
  };
  const lines = [line('loans', v.principal, loanId), line(v.account, -v.principal)];
  return { loan, entry: entry('disbursement', v.disbursedOn, lines, { loanId, memberId: application.memberId }) };
}

/** Checks that need the book, not only the form: say them beside the field, before saving. */
export function disbursementProblems(v: DisbursementValues, maxLoan: Dong, available: Dong, lockedThrough: CalendarDate | null) {
  const problems: { field: string; messageKey: string }[] = [];
  if (Number.isSafeInteger(v.principal) && v.principal > maxLoan) problems.push({ field: 'principal', messageKey: 'validation.aboveMaxLoan' });
  else if (Number.isSafeInteger(v.principal) && v.principal > available) problems.push({ field: 'principal', messageKey: 'validation.aboveAvailable' });
  if (lockedThrough !== null && typeof v.disbursedOn === 'string' && v.disbursedOn <= lockedThrough) problems.push({ field: 'disbursedOn', messageKey: 'validation.dateInClosedPeriod' });
  return problems;
}

/** Refused on the phone: a day the last meeting's count already closed. */
export function closedPeriodProblem(field: string, date: unknown, lockedThrough: CalendarDate | null) {
  return lockedThrough !== null && typeof date === 'string' && date <= lockedThrough ? [{ field, messageKey: 'validation.dateInClosedPeriod' }] : [];
}

export const repaymentSchema = z.strictObject({
  amount: amountSchema,
  paidOn: calendarDate,
  account: z.enum(['cash', 'bank'], { error: 'validation.invalidValue' }),
});
export type RepaymentValues = z.output<typeof repaymentSchema>;

export const cashCountSchema = z.strictObject({
  meetingId: z.uuid({ error: 'validation.countMeeting' }),
  counted: z.number({ error: 'validation.money' }).check(z.refine((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_LINE_AMOUNT, { error: 'validation.money' })),
  firstCounter: z.uuid({ error: 'validation.countedBy' }),
  secondCounter: z.uuid({ error: 'validation.countedBy' }),
});
export type CashCountValues = z.output<typeof cashCountSchema>;

/** A loan already out in the paper book, as typed: who, what remains, the months left, the next due day, the rate. */
export const paperLoanSchema = z.strictObject({
  memberId: z.uuid({ error: 'validation.loanMember' }),
  remaining: amountSchema,
  monthsLeft: wholeNumber(1, 60, 'validation.loanTerm'),
  nextDueOn: calendarDate,
  rateBasisPoints: wholeNumber(0, 1000, 'validation.interestRate'),
  originalPrincipal: z.nullable(amountSchema),
});
export type PaperLoanValues = z.output<typeof paperLoanSchema>;

/** The paper book moved in: what was counted in each place, and the operating fund's part. */
export const openingSchema = z.strictObject({
  openedOn: calendarDate,
  loans: z.array(paperLoanSchema).check(z.maxLength(300, { error: 'validation.invalidValue' })),
  cash: z.number({ error: 'validation.money' }).check(z.refine((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_LINE_AMOUNT, { error: 'validation.money' })),
  bank: z.number({ error: 'validation.money' }).check(z.refine((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_LINE_AMOUNT, { error: 'validation.money' })),
  operatingFund: z.number({ error: 'validation.money' }).check(z.refine((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_LINE_AMOUNT, { error: 'validation.money' })),
});
export type OpeningValues = z.output<typeof openingSchema>;

/** A loan already out in the paper book: who, what remains, the months left, the next due day. */
export interface PaperLoan {
  loanId: string;
  memberId: string;
  remaining: Dong;
  monthsLeft: number;
  nextDueOn: CalendarDate;
  rateBasisPoints: number;
  originalPrincipal: Dong | null;
}

/**
 * The opening entry: each place's money as counted, each paper loan's remaining principal,
 * the operating fund as the paper book says, and the income fund as what makes it balance
 * (cash + bank + loans − operating fund): the one figure the book derives, not types.
 */
export function opening(v: Omit<OpeningValues, 'loans'>, paper: readonly PaperLoan[], club: ClubProfile | null): { entry: NewEntry; loans: (LoanFields & { id: string })[] } {
  const lines: Line[] = [];
  if (v.cash > 0) lines.push(line('cash', v.cash));
  if (v.bank > 0) lines.push(line('bank', v.bank));
  for (const p of paper) lines.push(line('loans', p.remaining, p.loanId));
  const held = v.cash + v.bank + paper.reduce((sum, p) => sum + p.remaining, 0);
  if (v.operatingFund > 0) lines.push(line('operatingFund', -v.operatingFund));
  const income = held - v.operatingFund;
  if (income > 0) lines.push(line('incomeFund', -income));
  else if (income < 0) lines.push(line('suspense', -income));
  const loans = paper.map((p) => ({
    id: p.loanId,
    memberId: p.memberId,
    applicationId: null,
    source: 'paperBook' as const,
    principal: p.remaining,
    originalPrincipal: p.originalPrincipal,
    // Its first day is unknown to the phone: a month before the next instalment keeps the schedule's shape.
    disbursedOn: addMonths(p.nextDueOn, -1),
    firstDueOn: p.nextDueOn,
    termMonths: p.monthsLeft,
    rateBasisPoints: p.rateBasisPoints,
    ...loanTermsFromClub(club),
    purpose: null,
  }));
  return { entry: entry('opening', v.openedOn, lines), loans };
}

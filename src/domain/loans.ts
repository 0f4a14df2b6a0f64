import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { addMonths, isCalendarDate, type CalendarDate } from './dates';
import { FUND_READERS, FUND_WRITERS } from './entries';
import { MAX_LINE_AMOUNT } from './ledger';
import type { Dong } from './money';
import { acrossFields, calendarDate, optionalText, optionalId, wholeNumber } from './validation';

/** Flat on the original principal (the savings-group norm, the default) or on the balance still out. */
export const INTEREST_METHODS = ['flat', 'declining'] as const;
export type InterestMethod = (typeof INTEREST_METHODS)[number];

/** Equal monthly instalments, or the interest monthly and the principal at the end. */
export const REPAYMENT_PATTERNS = ['equal', 'interestOnly'] as const;
export type RepaymentPattern = (typeof REPAYMENT_PATTERNS)[number];

/** Instalments are rounded to whole đồng, or to 100 or 1,000 đồng for easier cash. */
export const ROUNDINGS = [1, 100, 1000] as const;
export type Rounding = (typeof ROUNDINGS)[number];

/** A loan moved in from the paper book starts its schedule on this phone with what remained. */
export const LOAN_SOURCES = ['disbursed', 'paperBook'] as const;

const principal = z
  .int({ error: 'validation.loanAmount' })
  .check(z.gte(1, { error: 'validation.loanAmount' }), z.lte(MAX_LINE_AMOUNT, { error: 'validation.loanAmount' }));

/**
 * A loan, with the club's policy in force copied onto it (LEDGER.md principle 4): a later
 * change of the club's rules changes only new loans. Append-only: the money it moved is in
 * the entries; its terms never change.
 */
export const loans = defineCollection({
  name: 'loans',
  kind: 'appendOnly',
  shape: () => ({
    memberId: z.uuid({ error: 'validation.loanMember' }),
    /** The application the club voted; null for a loan moved in from the paper book. */
    applicationId: optionalId,
    source: z.enum(LOAN_SOURCES, { error: 'validation.invalidValue' }),
    principal,
    /** For a loan from the paper book: what was lent at first (principal is what remained). */
    originalPrincipal: z.nullable(principal),
    disbursedOn: calendarDate,
    firstDueOn: calendarDate,
    termMonths: wholeNumber(1, 60, 'validation.loanTerm'),
    /** Monthly, in hundredths of a percent (100 = 1 % a month). */
    rateBasisPoints: wholeNumber(0, 1000, 'validation.interestRate'),
    method: z.enum(INTEREST_METHODS, { error: 'validation.invalidValue' }),
    pattern: z.enum(REPAYMENT_PATTERNS, { error: 'validation.invalidValue' }),
    roundTo: z.union([z.literal(1), z.literal(100), z.literal(1000)], { error: 'validation.invalidValue' }),
    /** The share of interest that goes to the income fund, the rest to the operating fund. */
    toIncomeFundPercent: wholeNumber(0, 100, 'validation.percent'),
    purpose: optionalText(200),
  }),
  check(loan, ctx) {
    if (isCalendarDate(loan.disbursedOn) && isCalendarDate(loan.firstDueOn) && loan.firstDueOn <= loan.disbursedOn) {
      ctx.addIssue(acrossFields('firstDueOn', 'validation.firstDueAfterDisbursed', ['disbursedOn']));
    }
  },
  read: FUND_READERS,
  write: FUND_WRITERS,
  localIndexes: ['memberId'],
});

export type Loan = z.output<typeof loans.recordSchema>;
export type LoanFields = z.output<typeof loans.fieldsSchema>;
export type LoanTerms = Pick<LoanFields, 'principal' | 'termMonths' | 'rateBasisPoints' | 'method' | 'pattern' | 'roundTo' | 'firstDueOn'>;

export interface Instalment {
  /** 1 for the first. */
  number: number;
  dueOn: CalendarDate;
  principal: Dong;
  interest: Dong;
}

/** numerator ÷ denominator rounded half up to a multiple of `to` (all positive). */
function roundedQuotient(numerator: bigint, denominator: bigint, to: Rounding): Dong {
  const step = denominator * BigInt(to);
  return Number(((numerator * 2n + step) / (step * 2n)) * BigInt(to));
}

const BASIS = 10_000n;

/**
 * The loan's schedule, made once at disbursement (LEDGER.md, "Schedule"): each instalment's
 * due date, principal and interest, rounding done here and only here; the last instalment
 * takes what rounding left, so the principals sum to the loan exactly.
 * 8,000,000 over 12 months at 1 % flat: 80,000 interest a month; 666,667 × 11 and 666,663.
 */
export function scheduleOf(terms: LoanTerms): Instalment[] {
  const { principal: p, termMonths: n, rateBasisPoints: bp, roundTo } = terms;
  const P = BigInt(p);
  const rate = BigInt(bp);
  const out: Instalment[] = [];
  let remaining = p;
  const flatInterest = roundedQuotient(P * rate, BASIS, roundTo);
  // Equal instalments on the balance (an annuity): P·r·(1+r)^n / ((1+r)^n − 1), with r = bp/10,000.
  let annuity = 0;
  if (terms.method === 'declining' && terms.pattern === 'equal') {
    if (bp === 0) annuity = roundedQuotient(P, BigInt(n), roundTo);
    else {
      const grown = (BASIS + rate) ** BigInt(n);
      annuity = roundedQuotient(P * rate * grown, BASIS * (grown - BASIS ** BigInt(n)), roundTo);
    }
  }
  const evenPrincipal = roundedQuotient(P, BigInt(n), roundTo);
  for (let i = 1; i <= n; i++) {
    const last = i === n;
    const interest = terms.method === 'flat' ? flatInterest : roundedQuotient(BigInt(remaining) * rate, BASIS, roundTo);
    let part: Dong;
    if (terms.pattern === 'interestOnly') part = last ? remaining : 0;
    else if (last) part = remaining;
    else if (terms.method === 'declining') part = Math.max(0, Math.min(remaining, annuity - interest));
    else part = Math.min(remaining, evenPrincipal);
    out.push({ number: i, dueOn: addMonths(terms.firstDueOn, i - 1), principal: part, interest });
    remaining -= part;
  }
  return out;
}

/** What the whole schedule asks: its principal and interest. */
export function scheduleTotals(schedule: readonly Instalment[]): { principal: Dong; interest: Dong } {
  let principalSum = 0;
  let interest = 0;
  for (const i of schedule) {
    principalSum += i.principal;
    interest += i.interest;
  }
  return { principal: principalSum, interest };
}

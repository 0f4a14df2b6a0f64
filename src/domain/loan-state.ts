import { daysBetween, type CalendarDate } from './dates';
import type { Entry } from './entries';
import { line, splitInterest, type Line } from './ledger';
import { scheduleOf, type Instalment, type Loan } from './loans';
import type { Dong } from './money';

/**
 * Where a loan stands on a day: what its schedule asked, what its repayments paid (interest
 * before principal, oldest instalment first), what is still out, how late. Derived from the
 * entries every time, never stored (LEDGER.md principle 1).
 */

export interface InstalmentState extends Instalment {
  interestPaid: Dong;
  principalPaid: Dong;
}

export interface LoanState {
  loan: Loan;
  instalments: InstalmentState[];
  /** Principal still out, from the ledger (the loan's sub-ledger): what the member owes. */
  outstanding: Dong;
  principalRepaid: Dong;
  interestRepaid: Dong;
  /** Principal forgiven by write-offs (net of their reversals). */
  writtenOff: Dong;
  /** Everything the schedule still asks: the exact "pay off" amount. */
  remaining: Dong;
  /** What is due on or before the day and not paid. */
  overdue: { principal: Dong; interest: Dong };
  /** Days since the oldest instalment not fully paid fell due (0 when none is late). */
  daysLate: number;
  /** The next instalment with something unpaid, and what it still asks. */
  next: { dueOn: CalendarDate; amount: Dong } | null;
  status: 'active' | 'repaid' | 'writtenOff';
}

/**
 * The money event a reversal finally undoes or redoes: its original, or for a reversal of a
 * reversal (the board undoing an undo, or settling a second reversal), the original's
 * original, and so on. Null while some entry of the chain has not arrived yet.
 */
function eventOf(entry: Entry, byId: ReadonlyMap<string, Entry>): Entry | null {
  let e: Entry | undefined = entry;
  // Bounded: ids are unique, but records from a broken phone could name each other in a ring.
  for (let step = 0; e && e.type === 'reversal' && step <= byId.size; step++) e = e.reversesEntryId === null ? undefined : byId.get(e.reversesEntryId);
  return e && e.type !== 'reversal' ? e : null;
}

function isRepaymentLike(entry: Entry, byId: ReadonlyMap<string, Entry>): boolean {
  return eventOf(entry, byId)?.type === 'repayment';
}

function isWriteOffLike(entry: Entry, byId: ReadonlyMap<string, Entry>): boolean {
  return eventOf(entry, byId)?.type === 'writeOff';
}

/**
 * The loan an entry is about. A reversal is about its event's loan, whatever loan it names
 * itself: the schema checks a reversal against nothing but its lines, so a reversal naming
 * no loan (or another) is valid, and must still give the original's money back.
 */
function loanOf(entry: Entry, byId: ReadonlyMap<string, Entry>): string | null {
  if (entry.type !== 'reversal') return entry.loanId;
  return eventOf(entry, byId)?.loanId ?? entry.loanId;
}

function loansLine(entry: Entry, loanId: string): Dong {
  let sum = 0;
  for (const l of entry.lines) if (l.account === 'loans' && l.loanId === loanId) sum += l.amount;
  return sum;
}

/**
 * A loan's state on `asOf` from the club's entries (`byId`: every entry, to tell what a
 * reversal reverses). Entries dated after `asOf` do not count.
 */
export function loanState(loan: Loan, entries: readonly Entry[], byId: ReadonlyMap<string, Entry>, asOf: CalendarDate): LoanState {
  let outstanding = 0;
  // What the ledger ever put on the loan: a loan whose disbursement has not arrived (or is dated later) is not repaid.
  let lent = 0;
  let principalRepaid = 0;
  let interestRepaid = 0;
  let writtenOff = 0;
  for (const entry of entries) {
    if (entry.deleted || entry.postedOn > asOf) continue;
    const principalLine = loansLine(entry, loan.id);
    outstanding += principalLine;
    if (principalLine > 0) lent += principalLine;
    if (loanOf(entry, byId) !== loan.id) continue;
    if (isRepaymentLike(entry, byId)) {
      principalRepaid -= principalLine;
      let cash = 0;
      for (const l of entry.lines) if (l.account === 'cash' || l.account === 'bank') cash += l.amount;
      interestRepaid += cash + principalLine;
    } else if (isWriteOffLike(entry, byId)) writtenOff -= principalLine;
  }
  // Paid amounts fill the schedule in order, each pool on its own part: the rule that made them.
  let interestPool = interestRepaid;
  let principalPool = principalRepaid;
  const instalments: InstalmentState[] = scheduleOf(loan).map((i) => {
    const interestPaid = Math.max(0, Math.min(i.interest, interestPool));
    const principalPaid = Math.max(0, Math.min(i.principal, principalPool));
    interestPool -= interestPaid;
    principalPool -= principalPaid;
    return { ...i, interestPaid, principalPaid };
  });
  let remaining = 0;
  const overdue = { principal: 0, interest: 0 };
  let daysLate = 0;
  let next: LoanState['next'] = null;
  const closed = lent > 0 && outstanding <= 0;
  for (const i of instalments) {
    const unpaid = i.interest - i.interestPaid + (i.principal - i.principalPaid);
    remaining += unpaid;
    if (unpaid === 0 || closed) continue;
    if (next === null) next = { dueOn: i.dueOn, amount: unpaid };
    if (i.dueOn <= asOf) {
      overdue.interest += i.interest - i.interestPaid;
      overdue.principal += i.principal - i.principalPaid;
      if (daysLate === 0) daysLate = daysBetween(i.dueOn, asOf);
    }
  }
  // A written-off loan's unpaid schedule is forgiven: nothing remains to pay or to be late on.
  if (closed) {
    remaining = 0;
    next = null;
  }
  const status = !closed ? 'active' : writtenOff > 0 ? 'writtenOff' : 'repaid';
  return { loan, instalments, outstanding, principalRepaid, interestRepaid, writtenOff, remaining, overdue, daysLate, next, status };
}

export type Allocation = { principal: Dong; interest: Dong };

/**
 * How a repayment of `amount` divides (LEDGER.md, "Repayment allocation"): interest before
 * principal, oldest instalment first. Null when it asks more than the loan still owes
 * (an overpayment is refused; "pay off" offers `state.remaining` exactly) or nothing.
 */
export function allocateRepayment(state: LoanState, amount: Dong): Allocation | null {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > state.remaining) return null;
  let left = amount;
  const out = { principal: 0, interest: 0 };
  for (const i of state.instalments) {
    const interest = Math.min(left, i.interest - i.interestPaid);
    out.interest += interest;
    left -= interest;
    const principal = Math.min(left, i.principal - i.principalPaid);
    out.principal += principal;
    left -= principal;
    if (left === 0) break;
  }
  // Principal can never go below what the ledger says is out (a write-off forgave the rest).
  if (out.principal > state.outstanding) return null;
  return out;
}

/** The lines of a repayment: cash in, principal off the loan, the interest split between the funds. */
export function repaymentLines(loan: Loan, allocation: Allocation, into: 'cash' | 'bank' = 'cash'): Line[] {
  const split = splitInterest(allocation.interest, loan.toIncomeFundPercent);
  const lines = [line(into, allocation.principal + allocation.interest)];
  if (allocation.principal > 0) lines.push(line('loans', -allocation.principal, loan.id));
  if (split.incomeFund > 0) lines.push(line('incomeFund', -split.incomeFund));
  if (split.operatingFund > 0) lines.push(line('operatingFund', -split.operatingFund));
  return lines;
}

/** What a member pays at a meeting: everything due by then, or the next instalment if nothing is. */
export function offeredRepayment(state: LoanState): Dong {
  const due = state.overdue.principal + state.overdue.interest;
  return due > 0 ? due : (state.next?.amount ?? 0);
}

export const ARREARS_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type ArrearsBucket = (typeof ARREARS_BUCKETS)[number];

export function arrearsBucket(daysLate: number): ArrearsBucket {
  if (daysLate <= 0) return 'current';
  if (daysLate <= 30) return 'days1to30';
  if (daysLate <= 60) return 'days31to60';
  if (daysLate <= 90) return 'days61to90';
  return 'over90';
}

export interface PortfolioFigures {
  /** Loans with principal still out. */
  activeLoans: number;
  outstanding: Dong;
  /** The whole unpaid principal of loans more than 30 days late. */
  atRisk30: Dong;
  /** Instalments due and not paid, principal and interest. */
  overdueAmount: Dong;
  overduePrincipal: Dong;
  byBucket: Record<ArrearsBucket, { loans: number; outstanding: Dong }>;
}

/**
 * The loans out, PAR30 and the overdue amount. PAR30 counts balances, not loans: the whole
 * unpaid principal of every loan more than 30 days late ÷ all unpaid principal. A written-off
 * loan has no principal out after its write-off, so it leaves both sides then, not before.
 */
export function portfolio(states: readonly LoanState[]): PortfolioFigures {
  const byBucket = Object.fromEntries(ARREARS_BUCKETS.map((b) => [b, { loans: 0, outstanding: 0 }])) as PortfolioFigures['byBucket'];
  const figures: PortfolioFigures = { activeLoans: 0, outstanding: 0, atRisk30: 0, overdueAmount: 0, overduePrincipal: 0, byBucket };
  for (const s of states) {
    if (s.status !== 'active') continue;
    figures.activeLoans += 1;
    figures.outstanding += s.outstanding;
    if (s.daysLate > 30) figures.atRisk30 += s.outstanding;
    figures.overdueAmount += s.overdue.principal + s.overdue.interest;
    figures.overduePrincipal += s.overdue.principal;
    const bucket = byBucket[arrearsBucket(s.daysLate)];
    bucket.loans += 1;
    bucket.outstanding += s.outstanding;
  }
  return figures;
}

/** A share in whole tenths of a percent (PAR30 12.5 % → 125), rounded half up; null with nothing out. */
export function permille(part: Dong, whole: Dong): number | null {
  if (whole <= 0) return null;
  return Number((BigInt(part) * 2000n + BigInt(whole)) / (BigInt(whole) * 2n));
}

/** Every loan's state, each reading only its own entries (a five-year book has thousands). */
export function loanStates(loans: readonly Loan[], entries: readonly Entry[], asOf: CalendarDate): LoanState[] {
  const byId = new Map<string, Entry>();
  const byLoan = new Map<string, Entry[]>();
  const add = (loanId: string, entry: Entry) => {
    const list = byLoan.get(loanId);
    if (list) {
      if (list[list.length - 1] !== entry) list.push(entry);
    } else byLoan.set(loanId, [entry]);
  };
  for (const entry of entries) if (!entry.deleted) byId.set(entry.id, entry);
  for (const entry of entries) {
    if (entry.deleted) continue;
    if (entry.loanId !== null) add(entry.loanId, entry);
    for (const l of entry.lines) if (l.loanId !== null) add(l.loanId, entry);
    // A reversal belongs with its original's loan, even one that names none (loanOf).
    const about = loanOf(entry, byId);
    if (about !== null) add(about, entry);
  }
  return loans.filter((l) => !l.deleted).map((loan) => loanState(loan, byLoan.get(loan.id) ?? [], byId, asOf));
}

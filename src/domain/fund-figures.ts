import type { CalendarDate } from './dates';
import { compareEntries, type Entry, type EntryType } from './entries';
import { availableToLend, balancesOf, fundBalance, trialBalance, type Balances } from './ledger';
import { loanStates, portfolio, type LoanState, type PortfolioFigures } from './loan-state';
import type { Loan } from './loans';
import type { Dong } from './money';

/** The fund book's head: balances of both funds, cash, bank and loans out, and the loans' health. */
export interface FundSummary {
  balances: Balances;
  incomeFund: Dong;
  operatingFund: Dong;
  available: Dong;
  trialBalance: number;
  portfolio: PortfolioFigures;
  states: LoanState[];
}

export function fundSummary(entries: readonly Entry[], loans: readonly Loan[], asOf: CalendarDate): FundSummary {
  const counted = entries.filter((e) => !e.deleted && e.postedOn <= asOf);
  const balances = balancesOf(counted);
  const states = loanStates(loans.filter((l) => l.disbursedOn <= asOf), counted, asOf);
  return {
    balances,
    incomeFund: fundBalance(balances, 'incomeFund'),
    operatingFund: fundBalance(balances, 'operatingFund'),
    available: availableToLend(balances),
    trialBalance: trialBalance(balances),
    portfolio: portfolio(states),
    states,
  };
}

/** The entries of a 'YYYY-MM' month, newest first (as the book's page shows them). */
export function entriesOfMonth(entries: readonly Entry[], month: string): Entry[] {
  return entries.filter((e) => !e.deleted && e.postedOn.startsWith(month)).sort((a, b) => compareEntries(b, a));
}

/** How a fund moved in a period, by what moved it (REPORTS.md: income fund, operating fund). */
export interface FundMovement {
  opening: Dong;
  closing: Dong;
  /** Credits to the fund (positive) and debits (negative), by the type of entry that made them. */
  byType: Partial<Record<EntryType, Dong>>;
  /** Interest collected into this fund. */
  interest: Dong;
}

/**
 * The type of the money event a reversal finally undoes or redoes: a reversal of a reversal
 * of a donation is a donation again. 'reversal' while an entry of the chain has not arrived.
 */
export function eventType(entry: Entry, byId: ReadonlyMap<string, Entry>): EntryType {
  let e: Entry | undefined = entry;
  // Bounded: ids are unique, but records from a broken phone could name each other in a ring.
  for (let step = 0; e && e.type === 'reversal' && step <= byId.size; step++) e = e.reversesEntryId ? byId.get(e.reversesEntryId) : undefined;
  return e?.type ?? 'reversal';
}

/**
 * The period's movements of both funds, from the dates `from` to `to` inclusive. A reversal
 * counts under the type it reverses, so a reversed donation is no donation at all (and a
 * reversal of that reversal is the donation again).
 */
export function fundMovements(entries: readonly Entry[], from: CalendarDate, to: CalendarDate): Record<'incomeFund' | 'operatingFund', FundMovement> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const blank = (): FundMovement => ({ opening: 0, closing: 0, byType: {}, interest: 0 });
  const out = { incomeFund: blank(), operatingFund: blank() };
  for (const e of entries) {
    if (e.deleted || e.postedOn > to) continue;
    const type = eventType(e, byId);
    for (const l of e.lines) {
      if (l.account !== 'incomeFund' && l.account !== 'operatingFund') continue;
      const fund = out[l.account];
      const credit = 0 - l.amount;
      fund.closing += credit;
      if (e.postedOn < from) fund.opening += credit;
      else {
        fund.byType[type] = (fund.byType[type] ?? 0) + credit;
        if (type === 'repayment') fund.interest += credit;
      }
    }
  }
  return out;
}

/** How the loans moved in a period: lent, repaid (principal) and written off, by the events that moved them. */
export function loanMovements(entries: readonly Entry[], from: CalendarDate, to: CalendarDate): { disbursed: Dong; repaid: Dong; writtenOff: Dong } {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const out = { disbursed: 0, repaid: 0, writtenOff: 0 };
  for (const e of entries) {
    if (e.deleted || e.postedOn < from || e.postedOn > to) continue;
    const type = eventType(e, byId);
    for (const l of e.lines) {
      if (l.account !== 'loans') continue;
      if (type === 'disbursement') out.disbursed += l.amount;
      else if (type === 'repayment') out.repaid -= l.amount;
      else if (type === 'writeOff') out.writtenOff -= l.amount;
    }
  }
  return out;
}

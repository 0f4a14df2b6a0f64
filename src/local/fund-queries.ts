import { lockedThrough, type CashCount, type Reopening } from '../domain/cash-counts';
import type { Entry } from '../domain/entries';
import type { LoanApplication } from '../domain/loan-applications';
import type { Loan } from '../domain/loans';
import type { ReviewCheck } from '../domain/review-items';
import type { ClubBookDatabase } from './database';
import { liveRecords, liveRecordsWhere } from './queries';

/** Everything the fund book's figures are derived from, read at once (plain promises, for useLiveQuery). */
export interface FundRecords {
  entries: Entry[];
  loans: Loan[];
  applications: LoanApplication[];
  counts: CashCount[];
  reopenings: Reopening[];
  checks: ReviewCheck[];
}

export async function fundRecords(db: ClubBookDatabase): Promise<FundRecords> {
  const [entries, loans, applications, counts, reopenings, checks] = await Promise.all([
    liveRecords(db, 'entries'),
    liveRecords(db, 'loans'),
    liveRecords(db, 'loanApplications'),
    liveRecords(db, 'cashCounts'),
    liveRecords(db, 'reopenings'),
    liveRecords(db, 'reviewChecks'),
  ]);
  return { entries, loans, applications, counts, reopenings, checks };
}

/** One member's loans, newest first. */
export async function loansOfMember(db: ClubBookDatabase, memberId: string): Promise<Loan[]> {
  const loans = await db.records<Loan>('loans').where('memberId').equals(memberId).toArray();
  return loans.filter((l) => !l.deleted).sort((a, b) => b.disbursedOn.localeCompare(a.disbursedOn));
}

/** The entries of some loans (by the loan they name), for their loan cards. */
export async function entriesOfLoans(db: ClubBookDatabase, loans: readonly Loan[]): Promise<Entry[]> {
  const entries = await liveRecordsWhere(db, 'entries', 'loanId', loans.map((l) => l.id));
  // A loan moved in from the paper book has its principal on the opening entry, which names no loan.
  const openings = loans.some((l) => l.source === 'paperBook') ? (await liveRecords(db, 'entries')).filter((e) => e.type === 'opening') : [];
  return [...entries, ...openings];
}

/**
 * The entries posted on `day` or after: a meeting's dues are posted on its day, and any
 * reversal of them later, so a meeting's dues are read from here, not from five years of the book.
 */
export async function entriesPostedFrom(db: ClubBookDatabase, day: string): Promise<Entry[]> {
  const entries = await db.records<Entry>('entries').where('postedOn').aboveOrEqual(day).toArray();
  return entries.filter((e) => !e.deleted);
}

/** The day through which the last cash count closed the book (null when open): a form's check, without reading the whole fund. */
export async function fundLock(db: ClubBookDatabase): Promise<string | null> {
  const [counts, reopenings] = await Promise.all([liveRecords(db, 'cashCounts'), liveRecords(db, 'reopenings')]);
  return lockedThrough(counts, reopenings);
}

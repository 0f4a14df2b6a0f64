import { lockedThrough, lastClose } from '../../domain/cash-counts';
import { compareEntries, standingEntries, reversalsByEntry, type Entry } from '../../domain/entries';
import { entriesOfMonth, fundSummary } from '../../domain/fund-figures';
import { loanState, loanStates, type LoanState } from '../../domain/loan-state';
import type { Member } from '../../domain/members';
import { reviewItems } from '../../domain/review-items';
import type { ClubBookDatabase } from '../../local/database';
import { entriesOfLoans, fundRecords, loansOfMember } from '../../local/fund-queries';
import { clubProfile, liveRecords, recordById } from '../../local/queries';

/** Everything the fund book shows, read and derived at once. */
export async function fundBook(db: ClubBookDatabase, today: string, month: string) {
  const [club, members, records] = await Promise.all([clubProfile(db), liveRecords(db, 'members'), fundRecords(db)]);
  const summary = fundSummary(records.entries, records.loans, today);
  const reversed = reversalsByEntry(records.entries);
  return {
    club,
    byId: new Map<string, Member>(members.map((m) => [m.id, m])),
    summary,
    empty: records.entries.length === 0,
    hasOpening: records.entries.some((e) => e.type === 'opening'),
    month: entriesOfMonth(records.entries, month),
    reversed,
    review: reviewItems(records.entries, records.counts, records.reopenings, records.checks),
    lockedThrough: lockedThrough(records.counts, records.reopenings),
    lastClose: lastClose(records.counts, records.reopenings),
    pendingApplications: records.applications.filter((a) => a.decision === 'pending').length,
    toDisburse: records.applications.filter((a) => a.decision === 'approved' && !records.loans.some((l) => l.applicationId === a.id)).length,
  };
}

/** What a money form needs to check before saving: the lock, the money available, the club's rules. */
export async function fundContext(db: ClubBookDatabase, today: string) {
  const [club, records] = await Promise.all([clubProfile(db), fundRecords(db)]);
  const summary = fundSummary(records.entries, records.loans, today);
  return { club, records, summary, lockedThrough: lockedThrough(records.counts, records.reopenings) };
}

/** One loan with its state and the entries that made it (its card). */
export async function loanCard(db: ClubBookDatabase, loanId: string, today: string) {
  const loan = await recordById(db, 'loans', loanId);
  if (!loan) return null;
  const [member, entries] = await Promise.all([recordById(db, 'members', loan.memberId), entriesOfLoans(db, [loan])]);
  // A reversal names its original's loan, so the loan's own entries tell what each reverses: no need to read the whole book.
  const byId = new Map(entries.map((e) => [e.id, e]));
  const state = loanState(loan, entries, byId, today);
  const ofLoan = entries.filter((e) => e.loanId === loan.id).sort(compareEntries);
  return { loan, member: member ?? null, state, entries: ofLoan, reversed: reversalsByEntry(ofLoan) };
}

/** A member's loans for their page: each with its state. */
export async function memberLoanStates(db: ClubBookDatabase, memberId: string, today: string): Promise<LoanState[]> {
  const loans = await loansOfMember(db, memberId);
  if (loans.length === 0) return [];
  const entries = await entriesOfLoans(db, loans);
  return loanStates(loans, entries, today);
}

/** Who has paid their dues at a meeting (their dues entry that stands), by member. */
export function duesPaidAt(entries: readonly Entry[], meetingId: string): Map<string, Entry> {
  const paid = new Map<string, Entry>();
  for (const e of standingEntries(entries)) if (e.type === 'dues' && e.meetingId === meetingId && e.memberId) paid.set(e.memberId, e);
  return paid;
}

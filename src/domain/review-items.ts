import * as z from 'zod/mini';
import type { CashCount, Reopening } from './cash-counts';
import { standingCounts } from './cash-counts';
import { defineCollection } from './collection';
import { compareEntries, entryAmount, FUND_READERS, reversalsByEntry, type Entry } from './entries';
import { availableToLend, zeroBalances, type Line } from './ledger';
import type { Dong } from './money';
import { optionalText, text } from './validation';

/**
 * What two phones did apart that the board must look at (LEDGER.md principle 2). Money that
 * moved is never refused or merged away: every phone and the server compute these same
 * items from the same entries, and the board settles each by a reversal or by "checked".
 */
export const REVIEW_KINDS = ['duplicate', 'overdrawn', 'secondReversal', 'inClosedPeriod', 'reversalMismatch'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export interface ReviewItem {
  /** Stable across phones: the kind and the entries it is about. A "checked" names it. */
  key: string;
  kind: ReviewKind;
  /** The entries to look at, the one to reverse last. */
  entryIds: string[];
  postedOn: string;
  amount: Dong;
  loanId: string | null;
}

/** "Checked: this is right" for one review item, by a board phone. */
export const reviewChecks = defineCollection({
  name: 'reviewChecks',
  kind: 'appendOnly',
  shape: () => ({
    itemKey: text(400, 'validation.invalidValue'),
    note: optionalText(300),
  }),
  read: FUND_READERS,
  write: FUND_READERS,
});

export type ReviewCheck = z.output<typeof reviewChecks.recordSchema>;

function mirrors(a: readonly Line[], b: readonly Line[]): boolean {
  if (a.length !== b.length) return false;
  const key = (l: Line, sign: number) => `${l.account}:${l.loanId ?? ''}:${l.amount * sign}`;
  const left = a.map((l) => key(l, 1)).sort();
  const right = b.map((l) => key(l, -1)).sort();
  return left.every((k, i) => k === right[i]);
}

/** The review items still open: found in the entries, and not yet reversed away or checked. */
export function reviewItems(
  all: readonly Entry[],
  counts: readonly CashCount[],
  reopened: readonly Reopening[],
  checks: readonly ReviewCheck[],
): ReviewItem[] {
  const entries = all.filter((e) => !e.deleted).sort(compareEntries);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const reversals = reversalsByEntry(entries);
  // An entry stands while no reversal of it stands: a reversal reversed (the undo undone) puts
  // its original back, and what that original was part of is to be looked at again.
  // Memoised in the book's order (entries is sorted), so a ring of reversals comes out the same everywhere.
  const known = new Map<string, boolean>();
  const stands = (e: Entry): boolean => {
    const seen = known.get(e.id);
    if (seen !== undefined) return seen;
    known.set(e.id, false);
    const result = !(reversals.get(e.id) ?? []).some(stands);
    known.set(e.id, result);
    return result;
  };
  for (const e of entries) stands(e);
  const items: ReviewItem[] = [];
  const item = (kind: ReviewKind, list: Entry[], subject: Entry) =>
    items.push({ key: `${kind}:${list.map((e) => e.id).join(':')}`, kind, entryIds: list.map((e) => e.id), postedOn: subject.postedOn, amount: entryAmount(subject), loanId: subject.loanId });

  // The same repayment (or disbursement) recorded on two phones: same loan, amount and day.
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    if ((e.type !== 'repayment' && e.type !== 'disbursement') || !stands(e)) continue;
    const key = `${e.type}|${e.loanId}|${e.postedOn}|${entryAmount(e)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const group of groups.values()) {
    if (new Set(group.map((e) => e.phoneId)).size > 1) item('duplicate', group, group[group.length - 1]!);
  }

  // A loan that took the income fund below what is out: two phones lending the last money apart.
  const balances = zeroBalances();
  for (const e of entries) {
    for (const l of e.lines) balances[l.account] += l.amount;
    if (e.type === 'disbursement' && stands(e) && availableToLend(balances) < 0) item('overdrawn', [e], e);
  }

  // One entry reversed twice: the second reversal took the money back a second time.
  for (const [originalId, list] of reversals) {
    const standingReversals = list.filter(stands);
    if (standingReversals.length > 1) {
      const original = byId.get(originalId) ?? standingReversals[0]!;
      item('secondReversal', standingReversals.slice(1), original);
    }
    for (const reversal of list) {
      const original = byId.get(originalId);
      if (original && stands(reversal) && !mirrors(original.lines, reversal.lines)) item('reversalMismatch', [reversal], reversal);
    }
  }

  // An entry dated inside a closed meeting that the count could not have seen (made after it, on another phone).
  const closes = standingCounts(counts, reopened);
  for (const e of entries) {
    if (!stands(e) || e.type === 'reversal') continue;
    const close = closes.find((c) => e.postedOn <= c.countedOn && e.createdAt > c.createdAt && c.overShortEntryId !== e.id);
    if (close) item('inClosedPeriod', [e], e);
  }

  const checked = new Set(checks.filter((c) => !c.deleted).map((c) => c.itemKey));
  return items.filter((i) => !checked.has(i.key));
}

import type { Dong } from './money';

/**
 * The loan fund's double entry (LEDGER.md). Every money event is an entry of two or more
 * lines whose signed amounts sum to 0: debits +, credits −. Balances are never stored; they
 * are these sums, so two phones holding the same entries hold the same balances.
 */

/** The fixed accounts of every club: three the club holds, two funds it owes them to, one clearing. */
export const ACCOUNTS = ['cash', 'bank', 'loans', 'incomeFund', 'operatingFund', 'suspense'] as const;
export type Account = (typeof ACCOUNTS)[number];

/** The two funds; a fund's balance is shown positive (its lines are credits, negative). */
export const FUNDS = ['incomeFund', 'operatingFund'] as const;
export type Fund = (typeof FUNDS)[number];

/**
 * The largest amount one line may carry: a trillion đồng, far above any club (2–3 billion in
 * the best), and small enough that a sum of a whole book's lines stays a safe integer.
 */
export const MAX_LINE_AMOUNT = 1_000_000_000_000;

export interface Line {
  account: Account;
  /** Đồng, debit positive, credit negative; never 0. */
  amount: Dong;
  /** On the loans account: the loan whose principal this is (the per-loan sub-ledger). */
  loanId: string | null;
}

export function line(account: Account, amount: Dong, loanId: string | null = null): Line {
  return { account, amount, loanId };
}

export function linesBalance(lines: readonly Line[]): number {
  let sum = 0;
  for (const l of lines) sum += l.amount;
  return sum;
}

export type Balances = Record<Account, Dong>;

export function zeroBalances(): Balances {
  return { cash: 0, bank: 0, loans: 0, incomeFund: 0, operatingFund: 0, suspense: 0 };
}

/** Sums of the entries' lines per account (debit positive). */
export function balancesOf(entries: readonly { lines: readonly Line[] }[]): Balances {
  const balances = zeroBalances();
  for (const entry of entries) for (const l of entry.lines) balances[l.account] += l.amount;
  return balances;
}

/** The sum of every account: 0 for any set of balanced entries. */
export function trialBalance(balances: Balances): number {
  let sum = 0;
  for (const account of ACCOUNTS) sum += balances[account];
  return sum;
}

/** A fund as people read it: what the club holds for it (credit shown positive). */
export function fundBalance(balances: Balances, fund: Fund): Dong {
  // 0 − x, not −x: an empty fund is 0 đồng, never "-0 ₫".
  return 0 - balances[fund];
}

/**
 * Money the club may still lend: the income fund less what is already out. Loans come only
 * from the income fund; the operating fund pays the club's running costs.
 */
export function availableToLend(balances: Balances): Dong {
  return fundBalance(balances, 'incomeFund') - balances.loans;
}

/** The same lines with signs flipped: the reversal of an entry. */
export function reversedLines(lines: readonly Line[]): Line[] {
  return lines.map((l) => ({ ...l, amount: -l.amount }));
}

/**
 * Splits `total` đồng in proportion to `weights` by largest remainder, so that the parts
 * sum to `total` exactly. Each part first gets the floor of its quota; the đồng left over go
 * one each to the largest remainders, ties to the earlier part (the income fund, listed
 * first, gets the odd đồng of a 50/50 split). BigInt: total × weight can pass 2^53.
 */
export function splitByLargestRemainder(total: Dong, weights: readonly number[]): Dong[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('split: total must be whole đồng, not negative');
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('split: weights must be whole, not negative');
  const sum = BigInt(weights.reduce((a, b) => a + b, 0));
  if (sum === 0n) throw new RangeError('split: weights sum to 0');
  const big = BigInt(total);
  const parts = weights.map((w) => (big * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, rest: (big * BigInt(w)) % sum }));
  let left = Number(big - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1;
  }
  return parts.map(Number);
}

/** Interest split between the two funds by the loan's percentage to the income fund. */
export function splitInterest(interest: Dong, toIncomeFundPercent: number): { incomeFund: Dong; operatingFund: Dong } {
  const [incomeFund = 0, operatingFund = 0] = splitByLargestRemainder(interest, [toIncomeFundPercent, 100 - toIncomeFundPercent]);
  return { incomeFund, operatingFund };
}

/** The principal of each loan still out, from the loans lines (the sub-ledger). */
export function loanBalances(entries: readonly { lines: readonly Line[] }[]): Map<string, Dong> {
  const out = new Map<string, Dong>();
  for (const entry of entries) {
    for (const l of entry.lines) {
      if (l.account !== 'loans' || l.loanId === null) continue;
      out.set(l.loanId, (out.get(l.loanId) ?? 0) + l.amount);
    }
  }
  return out;
}

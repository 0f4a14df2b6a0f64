import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNTS,
  availableToLend,
  balancesOf,
  fundBalance,
  line,
  linesBalance,
  loanBalances,
  MAX_LINE_AMOUNT,
  reversedLines,
  splitByLargestRemainder,
  splitInterest,
  trialBalance,
  zeroBalances,
  type Line,
} from '../../src/domain/ledger';

const LOAN = '01930a5e-0000-7000-8000-00000000000a';
const OTHER_LOAN = '01930a5e-0000-7000-8000-00000000000b';

/** LEDGER.md's table, as entries: seed, a loan, its first repayment, dues, an expense. */
const book = [
  { lines: [line('cash', 100_000_000), line('incomeFund', -100_000_000)] },
  { lines: [line('loans', 8_000_000, LOAN), line('cash', -8_000_000)] },
  { lines: [line('cash', 746_667), line('loans', -666_667, LOAN), line('incomeFund', -40_000), line('operatingFund', -40_000)] },
  { lines: [line('cash', 20_000), line('operatingFund', -20_000)] },
  { lines: [line('operatingFund', 150_000), line('cash', -150_000)] },
];

describe('splitByLargestRemainder', () => {
  it('never makes or loses a đồng, and gives each part its quota to within one đồng', () => {
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 6 }).filter((ws) => ws.some((w) => w > 0)),
        (total, weights) => {
          const parts = splitByLargestRemainder(total, weights);
          expect(parts).toHaveLength(weights.length);
          const sum = BigInt(weights.reduce((a, b) => a + b, 0));
          let made = 0n;
          parts.forEach((part, i) => {
            expect(Number.isSafeInteger(part)).toBe(true);
            expect(part).toBeGreaterThanOrEqual(0);
            // |part − total·w/sum| < 1, in integers: |part·sum − total·w| < sum.
            const gap = BigInt(part) * sum - BigInt(total) * BigInt(weights[i]!);
            expect(gap < sum && gap > -sum).toBe(true);
            if (weights[i] === 0) expect(part).toBe(0);
            made += BigInt(part);
          });
          expect(made).toBe(BigInt(total));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the odd đồng of a 50/50 split to the first part, the income fund', () => {
    expect(splitByLargestRemainder(1, [50, 50])).toEqual([1, 0]);
    expect(splitByLargestRemainder(80_001, [50, 50])).toEqual([40_001, 40_000]);
    expect(splitByLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('gives the đồng left over to the largest remainders, not simply to the first part', () => {
    // 10 × 1/6, 2/6, 3/6 = 1.67, 3.33, 5: the odd đồng goes to the 0.67.
    expect(splitByLargestRemainder(10, [1, 2, 3])).toEqual([2, 3, 5]);
    expect(splitByLargestRemainder(1, [30, 70])).toEqual([0, 1]);
  });

  it('is exact beyond 2^53 in its products (BigInt): a safe total with large weights', () => {
    expect(splitByLargestRemainder(Number.MAX_SAFE_INTEGER, [1, 1])).toEqual([4_503_599_627_370_496, 4_503_599_627_370_495]);
    const parts = splitByLargestRemainder(MAX_LINE_AMOUNT - 1, [9_999, 1]);
    expect(parts[0]! + parts[1]!).toBe(MAX_LINE_AMOUNT - 1);
    // 999,999,999,999 × 9,999 passes 2^53; the quotas are 999,899,999,999.9001 and 99,999,999.9999.
    expect(parts).toEqual([999_899_999_999, 100_000_000]);
  });

  it('refuses what is not whole đồng or has no weight', () => {
    expect(() => splitByLargestRemainder(-1, [1, 1])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(1.5, [1, 1])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(10, [])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(10, [0, 0])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(10, [1, -1])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(10, [0.5, 0.5])).toThrow(RangeError);
  });
});

describe('splitInterest', () => {
  it('splits the worked example’s 80,000 interest 40,000 / 40,000 and an odd đồng to the income fund', () => {
    expect(splitInterest(80_000, 50)).toEqual({ incomeFund: 40_000, operatingFund: 40_000 });
    expect(splitInterest(80_001, 50)).toEqual({ incomeFund: 40_001, operatingFund: 40_000 });
    expect(splitInterest(0, 50)).toEqual({ incomeFund: 0, operatingFund: 0 });
  });

  it('follows the loan’s percentage, all to one fund at 0 or 100', () => {
    expect(splitInterest(100_000, 70)).toEqual({ incomeFund: 70_000, operatingFund: 30_000 });
    expect(splitInterest(99, 100)).toEqual({ incomeFund: 99, operatingFund: 0 });
    expect(splitInterest(99, 0)).toEqual({ incomeFund: 0, operatingFund: 99 });
    expect(splitInterest(7, 30)).toEqual({ incomeFund: 2, operatingFund: 5 });
  });

  it('for any interest and percentage, the two parts are the interest exactly', () => {
    fc.assert(
      fc.property(fc.nat({ max: MAX_LINE_AMOUNT }), fc.integer({ min: 0, max: 100 }), (interest, percent) => {
        const { incomeFund, operatingFund } = splitInterest(interest, percent);
        expect(incomeFund + operatingFund).toBe(interest);
        expect(Math.abs(incomeFund * 100 - interest * percent)).toBeLessThan(100);
      }),
      { numRuns: 300 },
    );
  });
});

describe('balances', () => {
  it('sums each account’s lines: LEDGER.md’s table to the đồng, the trial balance 0', () => {
    const balances = balancesOf(book);
    expect(balances).toEqual({
      cash: 100_000_000 - 8_000_000 + 746_667 + 20_000 - 150_000,
      bank: 0,
      loans: 7_333_333,
      incomeFund: -100_040_000,
      operatingFund: -40_000 - 20_000 + 150_000,
      suspense: 0,
    });
    expect(trialBalance(balances)).toBe(0);
    // The invariant: cash + bank + loans + suspense = incomeFund + operatingFund (as read, positive).
    expect(balances.cash + balances.bank + balances.loans + balances.suspense).toBe(fundBalance(balances, 'incomeFund') + fundBalance(balances, 'operatingFund'));
    expect(fundBalance(balances, 'incomeFund')).toBe(100_040_000);
    expect(fundBalance(balances, 'operatingFund')).toBe(-90_000);
  });

  it('shows a lost line: the trial balance of an unbalanced book is not 0', () => {
    const broken = [...book, { lines: [line('cash', 500_000), line('operatingFund', -499_999)] }];
    expect(trialBalance(balancesOf(broken))).toBe(1);
    expect(linesBalance(broken[5]!.lines)).toBe(1);
    expect(book.every((e) => linesBalance(e.lines) === 0)).toBe(true);
  });

  it('of no entries is zero everywhere', () => {
    expect(balancesOf([])).toEqual(zeroBalances());
    expect(Object.keys(zeroBalances()).sort()).toEqual([...ACCOUNTS].sort());
  });

  it('keeps a sub-ledger per loan from the loans lines', () => {
    const more = [...book, { lines: [line('loans', 2_000_000, OTHER_LOAN), line('bank', -2_000_000)] }];
    expect(loanBalances(more)).toEqual(new Map([[LOAN, 7_333_333], [OTHER_LOAN, 2_000_000]]));
    const sum = [...loanBalances(more).values()].reduce((a, b) => a + b, 0);
    expect(sum).toBe(balancesOf(more).loans);
  });
});

describe('availableToLend', () => {
  it('is the income fund less the loans out', () => {
    expect(availableToLend(balancesOf(book))).toBe(100_040_000 - 7_333_333);
    expect(availableToLend(balancesOf(book.slice(0, 1)))).toBe(100_000_000);
    expect(availableToLend(balancesOf(book.slice(0, 2)))).toBe(92_000_000);
  });

  it('does not count the operating fund’s money, even in the cash box', () => {
    const before = availableToLend(balancesOf(book));
    const withDonation = [...book, { lines: [line('cash', 5_000_000), line('operatingFund', -5_000_000)] }];
    expect(balancesOf(withDonation).cash).toBe(balancesOf(book).cash + 5_000_000);
    expect(availableToLend(balancesOf(withDonation))).toBe(before);
  });

  it('goes below 0 when two phones lent the last money apart', () => {
    const seed = { lines: [line('cash', 10_000_000), line('incomeFund', -10_000_000)] };
    const lend = { lines: [line('loans', 8_000_000, LOAN), line('cash', -8_000_000)] };
    const lendToo = { lines: [line('loans', 8_000_000, OTHER_LOAN), line('cash', -8_000_000)] };
    expect(availableToLend(balancesOf([seed, lend]))).toBe(2_000_000);
    expect(availableToLend(balancesOf([seed, lend, lendToo]))).toBe(-6_000_000);
  });
});

describe('reversedLines', () => {
  it('flips every sign and keeps the account and loan, without touching the original', () => {
    const repayment = book[2]!.lines;
    const copy = structuredClone(repayment);
    expect(reversedLines(repayment)).toEqual([line('cash', -746_667), line('loans', 666_667, LOAN), line('incomeFund', 40_000), line('operatingFund', 40_000)]);
    expect(repayment).toEqual(copy);
  });

  it('restores every balance, the loan’s sub-ledger included', () => {
    const reversed = [...book, { lines: reversedLines(book[2]!.lines) }];
    const without = [book[0]!, book[1]!, book[3]!, book[4]!];
    expect(balancesOf(reversed)).toEqual(balancesOf(without));
    expect(loanBalances(reversed)).toEqual(new Map([[LOAN, 8_000_000]]));
  });

  it('for any lines, an entry and its reversal leave every account at 0', () => {
    const anyLine = fc.record({
      account: fc.constantFrom(...ACCOUNTS),
      amount: fc.integer({ min: -MAX_LINE_AMOUNT, max: MAX_LINE_AMOUNT }).filter((n) => n !== 0),
      loanId: fc.constantFrom(null, LOAN, OTHER_LOAN),
    });
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 8 }), (lines: Line[]) => {
        const both = [{ lines }, { lines: reversedLines(lines) }];
        expect(balancesOf(both)).toEqual(zeroBalances());
        for (const out of loanBalances(both).values()) expect(out).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});

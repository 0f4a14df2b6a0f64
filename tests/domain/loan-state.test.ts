import { describe, expect, it } from 'vitest';
import { entries, type Entry, type EntryFields } from '../../src/domain/entries';
import { line, reversedLines, type Line } from '../../src/domain/ledger';
import {
  allocateRepayment,
  arrearsBucket,
  loanState,
  loanStates,
  offeredRepayment,
  permille,
  portfolio,
  repaymentLines,
  type LoanState,
} from '../../src/domain/loan-state';
import { loans, type Loan, type LoanFields } from '../../src/domain/loans';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

const PHONE = '01930a5e-0000-7000-8000-0000000000f1';
const MEMBER = '01930a5e-0000-7000-8000-0000000000c1';

let counter = 0;
/** Ids that sort as they are made (like uuidv7), fixed so a failure reads the same twice. */
function nextId(): string {
  counter += 1;
  return `01930a5e-0000-7000-8000-${counter.toString(16).padStart(12, '0')}`;
}

/** A stored loan, checked against the collection's own schema. */
function loanRecord(overrides: Partial<LoanFields> = {}): Loan {
  const record = {
    id: nextId(),
    clubId: CLUB_ID,
    createdAt: '2026-01-15T02:00:00.000Z',
    updatedAt: '2026-01-15T02:00:00.000Z',
    deleted: false,
    memberId: MEMBER,
    applicationId: null,
    source: 'disbursed' as const,
    principal: 8_000_000,
    originalPrincipal: null,
    disbursedOn: '2026-01-15',
    firstDueOn: '2026-02-15',
    termMonths: 12,
    rateBasisPoints: 100,
    method: 'flat' as const,
    pattern: 'equal' as const,
    roundTo: 1 as const,
    toIncomeFundPercent: 50,
    purpose: 'Nuôi bò',
    ...overrides,
  };
  const checked = validate(loans.recordSchema, record);
  if (!checked.ok) throw new Error(`bad loan: ${JSON.stringify(checked.problems)}`);
  return checked.value;
}

/** A club's entries, each checked against the collection's schema as the server would. */
class Book {
  readonly entries: Entry[] = [];

  post(type: EntryFields['type'], postedOn: string, lines: Line[], extra: Partial<EntryFields> = {}): Entry {
    const n = this.entries.length;
    const at = `${postedOn}T03:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000Z`;
    const record = {
      id: nextId(),
      clubId: CLUB_ID,
      createdAt: at,
      updatedAt: at,
      deleted: false,
      type,
      postedOn,
      lines,
      loanId: null,
      memberId: null,
      meetingId: null,
      reversesEntryId: null,
      note: null,
      phoneId: PHONE,
      ...extra,
    };
    const checked = validate(entries.recordSchema, record);
    if (!checked.ok) throw new Error(`bad entry: ${JSON.stringify(checked.problems)}`);
    this.entries.push(checked.value);
    return checked.value;
  }

  seed(postedOn: string, amount: number) {
    return this.post('seed', postedOn, [line('cash', amount), line('incomeFund', -amount)]);
  }

  disburse(loan: Loan) {
    return this.post('disbursement', loan.disbursedOn, [line('loans', loan.principal, loan.id), line('cash', -loan.principal)], { loanId: loan.id, memberId: loan.memberId });
  }

  state(loan: Loan, asOf: string): LoanState {
    return loanStates([loan], this.entries, asOf)[0]!;
  }

  /** A repayment as the phone makes it: allocated on the loan's state that day. */
  repay(loan: Loan, amount: number, paidOn: string) {
    const allocation = allocateRepayment(this.state(loan, paidOn), amount);
    if (!allocation) throw new Error(`refused: ${amount}`);
    return this.post('repayment', paidOn, repaymentLines(loan, allocation), { loanId: loan.id, memberId: loan.memberId });
  }

  reverse(original: Entry, postedOn: string) {
    return this.post('reversal', postedOn, reversedLines(original.lines), { reversesEntryId: original.id, loanId: original.loanId, memberId: original.memberId, note: 'Ghi nhầm' });
  }

  writeOff(loan: Loan, amount: number, postedOn: string) {
    return this.post('writeOff', postedOn, [line('incomeFund', amount), line('loans', -amount, loan.id)], { loanId: loan.id, note: 'Họp tháng 6 biểu quyết' });
  }
}

function workedExample() {
  const book = new Book();
  book.seed('2026-01-02', 100_000_000);
  const loan = loanRecord();
  book.disburse(loan);
  return { book, loan };
}

/** What a state says about money, without the loan and the schedule it carries. */
function money(s: LoanState) {
  const { loan: _loan, ...rest } = s;
  return rest;
}

describe('the worked example: 8,000,000 for 12 months at 1 % flat', () => {
  it('before any repayment: all out, the pay-off is principal and all interest, the first instalment offered', () => {
    const { book, loan } = workedExample();
    const s = book.state(loan, '2026-01-20');
    expect(s).toMatchObject({ outstanding: 8_000_000, principalRepaid: 0, interestRepaid: 0, remaining: 8_960_000, daysLate: 0, status: 'active' });
    expect(s.next).toEqual({ dueOn: '2026-02-15', amount: 746_667 });
    expect(offeredRepayment(s)).toBe(746_667);
  });

  it('takes the first repayment of 746,667 as 80,000 interest and 666,667 principal, the interest split 40,000 / 40,000', () => {
    const { book, loan } = workedExample();
    const allocation = allocateRepayment(book.state(loan, '2026-02-15'), 746_667);
    expect(allocation).toEqual({ principal: 666_667, interest: 80_000 });
    expect(repaymentLines(loan, allocation!)).toEqual([line('cash', 746_667), line('loans', -666_667, loan.id), line('incomeFund', -40_000), line('operatingFund', -40_000)]);
    expect(repaymentLines(loan, allocation!, 'bank')[0]).toEqual(line('bank', 746_667));
    book.repay(loan, 746_667, '2026-02-15');
    const s = book.state(loan, '2026-02-15');
    expect(s).toMatchObject({ outstanding: 7_333_333, principalRepaid: 666_667, interestRepaid: 80_000, remaining: 8_960_000 - 746_667, daysLate: 0 });
    expect(s.instalments[0]).toMatchObject({ interestPaid: 80_000, principalPaid: 666_667 });
    expect(s.instalments[1]).toMatchObject({ interestPaid: 0, principalPaid: 0 });
    expect(s.next).toEqual({ dueOn: '2026-03-15', amount: 746_667 });
  });

  it('puts a partial payment on the interest first', () => {
    const { book, loan } = workedExample();
    const small = allocateRepayment(book.state(loan, '2026-02-15'), 50_000);
    expect(small).toEqual({ principal: 0, interest: 50_000 });
    // No principal: the entry has no loans line, and the interest is still split.
    expect(repaymentLines(loan, small!)).toEqual([line('cash', 50_000), line('incomeFund', -25_000), line('operatingFund', -25_000)]);
    book.repay(loan, 50_000, '2026-02-15');
    expect(allocateRepayment(book.state(loan, '2026-02-20'), 100_000)).toEqual({ principal: 70_000, interest: 30_000 });
    book.repay(loan, 100_000, '2026-02-20');
    const s = book.state(loan, '2026-02-20');
    expect(s.instalments[0]).toMatchObject({ interestPaid: 80_000, principalPaid: 70_000 });
    expect(s).toMatchObject({ outstanding: 8_000_000 - 70_000, interestRepaid: 80_000, principalRepaid: 70_000 });
    // Still 5 days late on what is left of the first instalment.
    expect(s.daysLate).toBe(5);
    expect(s.next).toEqual({ dueOn: '2026-02-15', amount: 596_667 });
  });

  it('pays the oldest instalment first, and everything due is what is offered', () => {
    const { book, loan } = workedExample();
    const late = book.state(loan, '2026-04-20');
    // Three instalments fell due (15 Feb, 15 Mar, 15 Apr) and nothing was paid.
    expect(late.overdue).toEqual({ principal: 3 * 666_667, interest: 3 * 80_000 });
    expect(late.daysLate).toBe(64);
    expect(offeredRepayment(late)).toBe(3 * 746_667);
    // One instalment and the next one's interest.
    expect(allocateRepayment(late, 746_667 + 80_000)).toEqual({ principal: 666_667, interest: 160_000 });
    book.repay(loan, 746_667 + 80_000, '2026-04-20');
    const after = book.state(loan, '2026-04-20');
    expect(after.instalments.slice(0, 3).map((i) => [i.interestPaid, i.principalPaid])).toEqual([
      [80_000, 666_667],
      [80_000, 0],
      [0, 0],
    ]);
    // Now late from the second instalment's day.
    expect(after.daysLate).toBe(36);
    expect(arrearsBucket(after.daysLate)).toBe('days31to60');
    expect(after.overdue).toEqual({ principal: 2 * 666_667, interest: 80_000 });
  });

  it('refuses an overpayment and accepts the exact pay-off', () => {
    const { book, loan } = workedExample();
    book.repay(loan, 746_667, '2026-02-15');
    const s = book.state(loan, '2026-03-01');
    expect(s.remaining).toBe(8_960_000 - 746_667);
    expect(allocateRepayment(s, s.remaining + 1)).toBeNull();
    expect(allocateRepayment(s, 0)).toBeNull();
    expect(allocateRepayment(s, -5)).toBeNull();
    expect(allocateRepayment(s, 1000.5)).toBeNull();
    expect(allocateRepayment(s, s.remaining)).toEqual({ principal: 7_333_333, interest: 11 * 80_000 });
    book.repay(loan, s.remaining, '2026-03-01');
    const paid = book.state(loan, '2026-03-01');
    expect(paid).toMatchObject({ outstanding: 0, remaining: 0, next: null, daysLate: 0, status: 'repaid', principalRepaid: 8_000_000, interestRepaid: 960_000 });
    expect(allocateRepayment(paid, 1)).toBeNull();
    expect(offeredRepayment(paid)).toBe(0);
  });

  it('counts only the entries dated on or before the day asked', () => {
    const { book, loan } = workedExample();
    book.repay(loan, 746_667, '2026-02-15');
    expect(book.state(loan, '2026-02-14').outstanding).toBe(8_000_000);
    expect(book.state(loan, '2026-01-14').outstanding).toBe(0);
    expect(book.state(loan, '2026-02-15').outstanding).toBe(7_333_333);
  });
});

describe('arrears', () => {
  it('counts the days late from the oldest instalment not fully paid', () => {
    const { book, loan } = workedExample();
    const days = (asOf: string) => book.state(loan, asOf).daysLate;
    expect(days('2026-02-15')).toBe(0);
    expect(days('2026-02-16')).toBe(1);
    expect(days('2026-03-17')).toBe(30);
    expect(days('2026-03-18')).toBe(31);
    expect(days('2026-05-16')).toBe(90);
    expect(days('2026-05-17')).toBe(91);
    expect(['2026-02-15', '2026-02-16', '2026-03-17', '2026-03-18', '2026-05-16', '2026-05-17'].map((d) => arrearsBucket(days(d)))).toEqual([
      'current',
      'days1to30',
      'days1to30',
      'days31to60',
      'days61to90',
      'over90',
    ]);
  });

  it('has buckets current, 1–30, 31–60, 61–90, over 90', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(arrearsBucket)).toEqual([
      'current',
      'days1to30',
      'days1to30',
      'days31to60',
      'days31to60',
      'days61to90',
      'days61to90',
      'over90',
      'over90',
    ]);
  });

  it('is not late when paid on time, however long the loan has run', () => {
    const { book, loan } = workedExample();
    for (let month = 0; month < 5; month++) book.repay(loan, 746_667, ['2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15'][month]!);
    expect(book.state(loan, '2026-07-14')).toMatchObject({ daysLate: 0, overdue: { principal: 0, interest: 0 } });
    expect(book.state(loan, '2026-07-20').daysLate).toBe(5);
  });
});

describe('a reversed repayment', () => {
  it('restores the loan’s state to what it was without it', () => {
    const { book, loan } = workedExample();
    book.repay(loan, 746_667, '2026-02-15');
    const before = money(book.state(loan, '2026-03-20'));
    const wrong = book.repay(loan, 746_667, '2026-03-15');
    expect(book.state(loan, '2026-03-20').outstanding).toBe(8_000_000 - 2 * 666_667);
    book.reverse(wrong, '2026-03-20');
    const after = money(book.state(loan, '2026-03-20'));
    expect(after).toEqual(before);
    expect(after.daysLate).toBe(5);
    // The reversal of the first repayment leaves the loan as if nothing was paid.
    const { book: other, loan: same } = workedExample();
    const untouched = money(other.state(same, '2026-02-16'));
    const first = other.repay(same, 746_667, '2026-02-15');
    expect(money(other.state(same, '2026-02-16'))).not.toEqual(untouched);
    other.reverse(first, '2026-02-16');
    expect(money(other.state(same, '2026-02-16'))).toEqual(untouched);
  });
});

describe('a reversal reversed', () => {
  it('puts the repayment back: the undo undone', () => {
    const { book, loan } = workedExample();
    const full = book.repay(loan, 746_667, '2026-02-15');
    const paid = money(book.state(loan, '2026-02-20'));
    const undo = book.reverse(full, '2026-02-16');
    book.reverse(undo, '2026-02-17');
    expect(money(book.state(loan, '2026-02-20'))).toEqual(paid);
  });

  it('settles a second reversal the way the board does, by reversing it', () => {
    const { book, loan } = workedExample();
    const untouched = money(book.state(loan, '2026-02-20'));
    const full = book.repay(loan, 746_667, '2026-02-15');
    book.reverse(full, '2026-02-16');
    const second = book.reverse(full, '2026-02-16');
    book.reverse(second, '2026-02-17');
    const s = book.state(loan, '2026-02-20');
    expect(s).toMatchObject({ outstanding: 8_000_000, principalRepaid: 0, interestRepaid: 0 });
    expect(money(s)).toEqual(untouched);
  });

  it('puts a write-off back', () => {
    const { book, loan } = workedExample();
    const w = book.writeOff(loan, 8_000_000, '2026-09-30');
    const undo = book.reverse(w, '2026-10-01');
    book.reverse(undo, '2026-10-02');
    expect(book.state(loan, '2026-10-02')).toMatchObject({ status: 'writtenOff', writtenOff: 8_000_000, outstanding: 0 });
  });
});

describe('a reversed repayment that names no loan', () => {
  // Valid by the schema (a reversal is checked against its original, not by a loan), and so
  // accepted from any phone: the reversal is about the loan of the entry it reverses.
  it('still restores the loan: the principal, the interest and what remains', () => {
    const { book, loan } = workedExample();
    const untouched = money(book.state(loan, '2026-02-16'));
    const full = book.repay(loan, 746_667, '2026-02-15');
    book.post('reversal', '2026-02-16', reversedLines(full.lines), { reversesEntryId: full.id, loanId: null, note: 'Ghi nhầm' });
    expect(money(book.state(loan, '2026-02-16'))).toEqual(untouched);
  });

  it('of interest only (no loans line at all), still gives the interest back', () => {
    const { book, loan } = workedExample();
    const untouched = money(book.state(loan, '2026-02-16'));
    const interest = book.repay(loan, 80_000, '2026-02-15');
    expect(interest.lines.some((l) => l.account === 'loans')).toBe(false);
    book.post('reversal', '2026-02-16', reversedLines(interest.lines), { reversesEntryId: interest.id, loanId: null, note: 'Ghi nhầm' });
    expect(money(book.state(loan, '2026-02-16'))).toEqual(untouched);
  });

  it('arriving before the entry it reverses, counts once both are here', () => {
    const { book, loan } = workedExample();
    const full = book.repay(loan, 746_667, '2026-02-15');
    const reversal = book.post('reversal', '2026-02-16', reversedLines(full.lines), { reversesEntryId: full.id, loanId: null, note: 'Ghi nhầm' });
    const [seed, disbursement] = book.entries;
    const s = loanStates([loan], [seed!, reversal, disbursement!, full], '2026-02-16')[0]!;
    expect(s).toMatchObject({ outstanding: 8_000_000, principalRepaid: 0, interestRepaid: 0, remaining: 8_960_000 });
  });
});

describe('a write-off', () => {
  it('forgives the principal out: the loan is written off, nothing out, nothing late', () => {
    const { book, loan } = workedExample();
    book.repay(loan, 746_667, '2026-02-15');
    book.writeOff(loan, 7_333_333, '2026-09-30');
    const s = book.state(loan, '2026-10-01');
    expect(s).toMatchObject({ status: 'writtenOff', outstanding: 0, writtenOff: 7_333_333, remaining: 0, next: null, daysLate: 0, principalRepaid: 666_667 });
    expect(portfolio([s])).toMatchObject({ activeLoans: 0, outstanding: 0, atRisk30: 0 });
    // Before the day of the write-off it was simply very late.
    const before = book.state(loan, '2026-09-29');
    expect(before).toMatchObject({ status: 'active', outstanding: 7_333_333 });
    expect(arrearsBucket(before.daysLate)).toBe('over90');
  });

  it('reversed, leaves the loan active and owing again', () => {
    const { book, loan } = workedExample();
    const w = book.writeOff(loan, 8_000_000, '2026-09-30');
    book.reverse(w, '2026-10-05');
    expect(book.state(loan, '2026-10-05')).toMatchObject({ status: 'active', outstanding: 8_000_000, writtenOff: 0, remaining: 8_960_000 });
  });
});

describe('a loan from the paper book', () => {
  it('takes its principal from the opening entry’s loans line, with no loan named on the entry', () => {
    const book = new Book();
    const paper = loanRecord({
      source: 'paperBook',
      principal: 3_000_000,
      originalPrincipal: 5_000_000,
      disbursedOn: '2025-12-20',
      firstDueOn: '2026-01-20',
      termMonths: 6,
    });
    const opening = book.post('opening', '2026-01-01', [
      line('cash', 20_000_000),
      line('loans', 3_000_000, paper.id),
      line('operatingFund', -1_000_000),
      line('incomeFund', -22_000_000),
    ]);
    expect(opening.loanId).toBeNull();
    const s = book.state(paper, '2026-01-05');
    expect(s).toMatchObject({ outstanding: 3_000_000, remaining: 3_000_000 + 6 * 30_000, status: 'active' });
    expect(s.next).toEqual({ dueOn: '2026-01-20', amount: 530_000 });
    book.repay(paper, 530_000, '2026-01-20');
    expect(book.state(paper, '2026-01-20')).toMatchObject({ outstanding: 2_500_000, principalRepaid: 500_000, interestRepaid: 30_000 });
    // Read straight, with only this loan's entries, the same.
    const byId = new Map(book.entries.map((e) => [e.id, e]));
    expect(money(loanState(paper, book.entries, byId, '2026-01-20'))).toEqual(money(book.state(paper, '2026-01-20')));
  });
});

describe('PAR30', () => {
  it('counts balances, not loans: one big loan 45 days late among small current ones', () => {
    const book = new Book();
    book.seed('2026-01-02', 100_000_000);
    const big = loanRecord();
    book.disburse(big);
    const small = Array.from({ length: 4 }, () => loanRecord({ principal: 1_000_000, disbursedOn: '2026-03-10', firstDueOn: '2026-04-10', termMonths: 10 }));
    for (const loan of small) book.disburse(loan);
    // A small loan exactly 30 days late is not at risk.
    const thirty = loanRecord({ principal: 2_000_000, disbursedOn: '2026-02-01', firstDueOn: '2026-03-02', termMonths: 10 });
    book.disburse(thirty);
    const states = loanStates([big, ...small, thirty], book.entries, '2026-04-01');
    expect(states.map((s) => s.daysLate)).toEqual([45, 0, 0, 0, 0, 30]);
    const figures = portfolio(states);
    expect(figures).toMatchObject({ activeLoans: 6, outstanding: 14_000_000, atRisk30: 8_000_000 });
    // By balance 8/14 = 571.4 ‰; by count it would be 1/6 = 166.7 ‰.
    expect(permille(figures.atRisk30, figures.outstanding)).toBe(571);
    expect(permille(1, figures.activeLoans)).toBe(167);
    // The overdue amount is its own figure: two instalments of the big loan, one of the 2,000,000 loan.
    expect(figures.overduePrincipal).toBe(2 * 666_667 + 200_000);
    expect(figures.overdueAmount).toBe(2 * 746_667 + 200_000 + 20_000);
    expect(figures.byBucket).toEqual({
      current: { loans: 4, outstanding: 4_000_000 },
      days1to30: { loans: 1, outstanding: 2_000_000 },
      days31to60: { loans: 1, outstanding: 8_000_000 },
      days61to90: { loans: 0, outstanding: 0 },
      over90: { loans: 0, outstanding: 0 },
    });
  });

  it('keeps a written-off loan in both sides until the write-off, and out of both after', () => {
    const book = new Book();
    book.seed('2026-01-02', 100_000_000);
    const big = loanRecord();
    const current = loanRecord({ principal: 2_000_000, disbursedOn: '2026-06-01', firstDueOn: '2026-07-01' });
    book.disburse(big);
    book.disburse(current);
    book.writeOff(big, 8_000_000, '2026-06-20');
    const before = portfolio(loanStates([big, current], book.entries, '2026-06-19'));
    expect(permille(before.atRisk30, before.outstanding)).toBe(800);
    const after = portfolio(loanStates([big, current], book.entries, '2026-06-20'));
    expect(after).toMatchObject({ outstanding: 2_000_000, atRisk30: 0, activeLoans: 1 });
    expect(permille(after.atRisk30, after.outstanding)).toBe(0);
  });

  it('is nothing, not 0 %, with nothing out', () => {
    expect(permille(0, 0)).toBeNull();
    expect(permille(1, 8)).toBe(125);
    expect(permille(1, 3)).toBe(333);
    expect(permille(2, 3)).toBe(667);
  });
});

describe('loanStates', () => {
  it('reads each loan’s own entries only, and none of a deleted loan', () => {
    const book = new Book();
    book.seed('2026-01-02', 100_000_000);
    const a = loanRecord();
    const b = loanRecord({ principal: 5_000_000 });
    book.disburse(a);
    book.disburse(b);
    book.repay(b, 500_000, '2026-02-15');
    const states = loanStates([a, b, { ...a, id: nextId(), deleted: true }], book.entries, '2026-02-15');
    expect(states).toHaveLength(2);
    const [sa, sb] = states;
    expect(sa!.outstanding).toBe(8_000_000);
    // 500,000 on 416,667 + 50,000 a month: the first instalment, then the second one's interest.
    expect(sb!.outstanding).toBe(5_000_000 - 416_667);
    expect(sb!.interestRepaid).toBe(50_000 + 33_333);
  });
});

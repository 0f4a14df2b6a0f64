import { describe, expect, it } from 'vitest';
import { entries, type Entry, type EntryFields } from '../../src/domain/entries';
import { entriesOfMonth, fundMovements, fundSummary } from '../../src/domain/fund-figures';
import { line, reversedLines, type Line } from '../../src/domain/ledger';
import { allocateRepayment, loanStates, repaymentLines } from '../../src/domain/loan-state';
import { loans, type Loan } from '../../src/domain/loans';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

const PHONE = '01930a5e-0000-7000-8000-0000000000f1';
const MEMBER = '01930a5e-0000-7000-8000-0000000000c1';

let counter = 0;
const nextId = () => `01930a5e-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;

function checked<T>(schema: Parameters<typeof validate<T>>[0], record: unknown): T {
  const result = validate(schema, record);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

let made = 0;
function entry(type: EntryFields['type'], postedOn: string, lines: Line[], extra: Partial<EntryFields> = {}): Entry {
  made += 1;
  const createdAt = `${postedOn}T03:00:${String(made % 60).padStart(2, '0')}.000Z`;
  return checked(entries.recordSchema, {
    id: nextId(),
    clubId: CLUB_ID,
    createdAt,
    updatedAt: createdAt,
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
  });
}

const loan: Loan = checked(loans.recordSchema, {
  id: nextId(),
  clubId: CLUB_ID,
  createdAt: '2026-01-15T02:00:00.000Z',
  updatedAt: '2026-01-15T02:00:00.000Z',
  deleted: false,
  memberId: MEMBER,
  applicationId: null,
  source: 'disbursed',
  principal: 8_000_000,
  originalPrincipal: null,
  disbursedOn: '2026-01-10',
  firstDueOn: '2026-01-25',
  termMonths: 12,
  rateBasisPoints: 100,
  method: 'flat',
  pattern: 'equal',
  roundTo: 1,
  toIncomeFundPercent: 50,
  purpose: null,
});

/**
 * A small club's book: the paper book's balances at the end of December, then January's
 * seed capital, dues, a donation, a loan and its first repayment, an expense, and a
 * donation recorded by mistake and reversed; one more dues payment in February.
 */
function smallBook() {
  const opening = entry('opening', '2025-12-31', [line('cash', 5_000_000), line('operatingFund', -1_000_000), line('incomeFund', -4_000_000)]);
  const seedCapital = entry('seed', '2026-01-05', [line('bank', 10_000_000), line('incomeFund', -10_000_000)]);
  const dues = ['2026-01-08', '2026-01-08', '2026-01-08'].map((d) => entry('dues', d, [line('cash', 20_000), line('operatingFund', -20_000)], { memberId: MEMBER }));
  const donation = entry('donation', '2026-01-09', [line('cash', 500_000), line('incomeFund', -500_000)], { note: 'Ông Hùng' });
  const disbursement = entry('disbursement', '2026-01-10', [line('loans', 8_000_000, loan.id), line('cash', -8_000_000)], { loanId: loan.id, memberId: MEMBER });
  // 5,500,000 cash less 8,000,000 lent: the treasurer drew on the bank first.
  const transfer = entry('transfer', '2026-01-10', [line('cash', 4_000_000), line('bank', -4_000_000)]);
  const before = [opening, seedCapital, ...dues, donation, transfer, disbursement];
  const allocation = allocateRepayment(loanStates([loan], before, '2026-01-25')[0]!, 746_667)!;
  const repayment = entry('repayment', '2026-01-25', repaymentLines(loan, allocation), { loanId: loan.id, memberId: MEMBER });
  const expense = entry('expense', '2026-01-26', [line('operatingFund', 150_000), line('cash', -150_000)], { note: 'Văn phòng phẩm' });
  const mistaken = entry('donation', '2026-01-27', [line('cash', 200_000), line('operatingFund', -200_000)], { note: 'Bà Mai' });
  const reversal = entry('reversal', '2026-01-28', reversedLines(mistaken.lines), { reversesEntryId: mistaken.id, note: 'Ghi nhầm: tiền của tháng sau' });
  const february = entry('dues', '2026-02-05', [line('cash', 20_000), line('operatingFund', -20_000)], { memberId: MEMBER });
  return { all: [...before, repayment, expense, mistaken, reversal, february], repayment, mistaken, reversal, february, opening };
}

describe('fundSummary', () => {
  it('gives each fund’s balance, cash, bank and the loans out, through the day asked', () => {
    const { all } = smallBook();
    const s = fundSummary(all, [loan], '2026-01-31');
    expect(s.balances).toEqual({
      cash: 5_000_000 + 60_000 + 500_000 + 4_000_000 - 8_000_000 + 746_667 - 150_000,
      bank: 6_000_000,
      loans: 7_333_333,
      incomeFund: -(4_000_000 + 10_000_000 + 500_000 + 40_000),
      operatingFund: -(1_000_000 + 60_000 + 40_000 - 150_000),
      suspense: 0,
    });
    expect(s.incomeFund).toBe(14_540_000);
    expect(s.operatingFund).toBe(950_000);
    expect(s.available).toBe(14_540_000 - 7_333_333);
    expect(s.trialBalance).toBe(0);
    expect(s.portfolio).toMatchObject({ activeLoans: 1, outstanding: 7_333_333, atRisk30: 0 });
    expect(s.states.map((x) => x.outstanding)).toEqual([7_333_333]);
  });

  it('leaves out the entries after the day, and deleted ones', () => {
    const { all } = smallBook();
    expect(fundSummary(all, [loan], '2026-02-05').operatingFund).toBe(970_000);
    expect(fundSummary(all, [loan], '2026-01-24')).toMatchObject({ incomeFund: 14_500_000, portfolio: { outstanding: 8_000_000 } });
    expect(fundSummary(all, [loan], '2025-12-31')).toMatchObject({ incomeFund: 4_000_000, operatingFund: 1_000_000, available: 4_000_000, portfolio: { activeLoans: 0 } });
    const withDeleted = all.map((e) => (e.type === 'expense' ? { ...e, deleted: true } : e));
    expect(fundSummary(withDeleted, [loan], '2026-01-31').operatingFund).toBe(1_100_000);
  });
});

describe('fundMovements', () => {
  it('opens and closes each fund on the period, by what moved it, with the interest share', () => {
    const { all } = smallBook();
    const m = fundMovements(all, '2026-01-01', '2026-01-31');
    expect(m.incomeFund).toEqual({ opening: 4_000_000, closing: 14_540_000, byType: { seed: 10_000_000, donation: 500_000, repayment: 40_000 }, interest: 40_000 });
    // The mistaken donation and its reversal count under "donation" and cancel.
    expect(m.operatingFund).toEqual({ opening: 1_000_000, closing: 950_000, byType: { dues: 60_000, repayment: 40_000, expense: -150_000, donation: 0 }, interest: 40_000 });
    for (const fund of [m.incomeFund, m.operatingFund]) {
      const moved = Object.values(fund.byType).reduce((a, b) => a + b, 0);
      expect(fund.opening + moved).toBe(fund.closing);
    }
  });

  it('closes where fundSummary stands on the last day', () => {
    const { all } = smallBook();
    for (const to of ['2026-01-09', '2026-01-31', '2026-02-28']) {
      const m = fundMovements(all, '2026-01-01', to);
      const s = fundSummary(all, [loan], to);
      expect([m.incomeFund.closing, m.operatingFund.closing]).toEqual([s.incomeFund, s.operatingFund]);
    }
  });

  it('counts the opening balances in the period they were entered in', () => {
    const { all } = smallBook();
    const m = fundMovements(all, '2025-12-01', '2025-12-31');
    expect(m.incomeFund).toEqual({ opening: 0, closing: 4_000_000, byType: { opening: 4_000_000 }, interest: 0 });
    const feb = fundMovements(all, '2026-02-01', '2026-02-28');
    expect(feb.operatingFund).toEqual({ opening: 950_000, closing: 970_000, byType: { dues: 20_000 }, interest: 0 });
    expect(feb.incomeFund).toEqual({ opening: 14_540_000, closing: 14_540_000, byType: {}, interest: 0 });
  });
});

describe('fundMovements of a reversal reversed', () => {
  it('counts the entry again under its own type, the interest too', () => {
    const { all, mistaken, reversal, repayment } = smallBook();
    const undone = entry('reversal', '2026-01-29', reversedLines(reversal.lines), { reversesEntryId: reversal.id, note: 'Đúng là tháng này' });
    const undoRepayment = entry('reversal', '2026-01-29', reversedLines(repayment.lines), { reversesEntryId: repayment.id, loanId: loan.id, note: 'Ghi nhầm' });
    const redoRepayment = entry('reversal', '2026-01-30', reversedLines(undoRepayment.lines), { reversesEntryId: undoRepayment.id, loanId: loan.id, note: 'Không nhầm' });
    const m = fundMovements([...all, undone, undoRepayment, redoRepayment], '2026-01-01', '2026-01-31');
    expect(m.operatingFund.byType).toEqual({ dues: 60_000, repayment: 40_000, expense: -150_000, donation: 200_000 });
    expect(m.operatingFund).toMatchObject({ closing: 1_150_000, interest: 40_000 });
    expect(m.incomeFund).toMatchObject({ byType: { seed: 10_000_000, donation: 500_000, repayment: 40_000 }, interest: 40_000 });
    expect(mistaken.lines).toHaveLength(2);
  });
});

describe('entriesOfMonth', () => {
  it('lists a month’s entries newest first', () => {
    const { all, february, reversal, mistaken } = smallBook();
    expect(entriesOfMonth(all, '2026-02').map((e) => e.id)).toEqual([february.id]);
    const january = entriesOfMonth(all, '2026-01');
    expect(january).toHaveLength(all.length - 2);
    expect(january.slice(0, 2).map((e) => e.id)).toEqual([reversal.id, mistaken.id]);
    expect(entriesOfMonth(all, '2025-11')).toEqual([]);
  });
});

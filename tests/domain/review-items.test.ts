import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashCounts, reopenings, type CashCount, type Reopening } from '../../src/domain/cash-counts';
import { entries, type Entry, type EntryFields } from '../../src/domain/entries';
import { line, reversedLines, type Line } from '../../src/domain/ledger';
import { reviewChecks, reviewItems, type ReviewCheck } from '../../src/domain/review-items';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

const TREASURER = '01930a5e-0000-7000-8000-0000000000f1';
const CHAIR = '01930a5e-0000-7000-8000-0000000000f2';
const LOAN = '01930a5e-0000-7000-8000-0000000000aa';
const OTHER_LOAN = '01930a5e-0000-7000-8000-0000000000ab';
const OFFICERS = ['01930a5e-0000-7000-8000-0000000000c1', '01930a5e-0000-7000-8000-0000000000c2'];

let counter = 0;
const nextId = () => `01930a5e-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;

function checked<T>(schema: Parameters<typeof validate<T>>[0], record: unknown): T {
  const result = validate(schema, record);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

function entry(
  type: EntryFields['type'],
  postedOn: string,
  lines: Line[],
  { createdAt = `${postedOn}T03:00:00.000Z`, phoneId = TREASURER, ...extra }: Partial<EntryFields> & { createdAt?: string } = {},
): Entry {
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
    phoneId,
    ...extra,
  });
}

const seed = (amount = 100_000_000) => entry('seed', '2026-01-02', [line('cash', amount), line('incomeFund', -amount)]);
const disbursement = (postedOn: string, amount: number, loanId: string, extra: Parameters<typeof entry>[3] = {}) =>
  entry('disbursement', postedOn, [line('loans', amount, loanId), line('cash', -amount)], { loanId, ...extra });
const repayment = (postedOn: string, loanId: string, extra: Parameters<typeof entry>[3] = {}) =>
  entry('repayment', postedOn, [line('cash', 746_667), line('loans', -666_667, loanId), line('incomeFund', -40_000), line('operatingFund', -40_000)], { loanId, ...extra });
const reversal = (original: Entry, postedOn: string, extra: Parameters<typeof entry>[3] = {}) =>
  entry('reversal', postedOn, reversedLines(original.lines), { reversesEntryId: original.id, loanId: original.loanId, note: 'Ghi trùng', ...extra });

function count(countedOn: string, createdAt: string, overShortEntryId: string | null = null): CashCount {
  return checked(cashCounts.recordSchema, {
    id: nextId(),
    clubId: CLUB_ID,
    createdAt,
    updatedAt: createdAt,
    deleted: false,
    meetingId: nextId(),
    countedOn,
    counted: 0,
    expected: 0,
    countedBy: OFFICERS,
    overShortEntryId,
  });
}

function reopening(of: CashCount): Reopening {
  return checked(reopenings.recordSchema, {
    id: nextId(),
    clubId: CLUB_ID,
    createdAt: '2026-02-05T09:00:00.000Z',
    updatedAt: '2026-02-05T09:00:00.000Z',
    deleted: false,
    cashCountId: of.id,
    reason: 'Sót một khoản trả nợ',
  });
}

function check(itemKey: string, deleted = false): ReviewCheck {
  return checked(reviewChecks.recordSchema, {
    id: nextId(),
    clubId: CLUB_ID,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    deleted,
    itemKey,
    note: 'Đã hỏi bà Lan: trả hai lần thật',
  });
}

const items = (all: Entry[], counts: CashCount[] = [], reopened: Reopening[] = [], checks: ReviewCheck[] = []) => reviewItems(all, counts, reopened, checks);
const kinds = (all: Entry[], counts: CashCount[] = [], reopened: Reopening[] = []) => items(all, counts, reopened).map((i) => i.kind);

function loanBook() {
  const s = seed();
  const d = disbursement('2026-01-15', 8_000_000, LOAN);
  return [s, d];
}

describe('a suspected duplicate', () => {
  it('is the same loan, amount and day from another phone', () => {
    const a = repayment('2026-02-15', LOAN, { createdAt: '2026-02-15T03:00:00.000Z' });
    const b = repayment('2026-02-15', LOAN, { phoneId: CHAIR, createdAt: '2026-02-15T04:00:00.000Z' });
    const found = items([...loanBook(), b, a]);
    expect(found).toEqual([{ key: `duplicate:${a.id}:${b.id}`, kind: 'duplicate', entryIds: [a.id, b.id], postedOn: '2026-02-15', amount: 746_667, loanId: LOAN }]);
  });

  it('is not found on one phone (it recorded two payments), another day, another amount or another loan', () => {
    const a = repayment('2026-02-15', LOAN);
    expect(kinds([...loanBook(), a, repayment('2026-02-15', LOAN)])).toEqual([]);
    expect(kinds([...loanBook(), a, repayment('2026-02-16', LOAN, { phoneId: CHAIR })])).toEqual([]);
    const smaller = entry('repayment', '2026-02-15', [line('cash', 80_000), line('incomeFund', -40_000), line('operatingFund', -40_000)], { loanId: LOAN, phoneId: CHAIR });
    expect(kinds([...loanBook(), a, smaller])).toEqual([]);
    const other = disbursement('2026-01-15', 8_000_000, OTHER_LOAN);
    expect(kinds([...loanBook(), other, a, repayment('2026-02-15', OTHER_LOAN, { phoneId: CHAIR })])).toEqual([]);
  });

  it('covers a disbursement recorded on two phones', () => {
    const [s, d] = loanBook();
    const again = disbursement('2026-01-15', 8_000_000, LOAN, { phoneId: CHAIR, createdAt: '2026-01-15T05:00:00.000Z' });
    expect(items([s!, d!, again])).toEqual([expect.objectContaining({ kind: 'duplicate', entryIds: [d!.id, again.id], amount: 8_000_000 })]);
  });

  it('is resolved when one of the two is reversed', () => {
    const a = repayment('2026-02-15', LOAN);
    const b = repayment('2026-02-15', LOAN, { phoneId: CHAIR, createdAt: '2026-02-15T04:00:00.000Z' });
    expect(kinds([...loanBook(), a, b])).toEqual(['duplicate']);
    expect(items([...loanBook(), a, b, reversal(b, '2026-02-20', { phoneId: CHAIR })])).toEqual([]);
  });
});

describe('a duplicate whose reversal was undone', () => {
  it('is found again: the reversal of the reversal puts the second payment back', () => {
    const a = repayment('2026-02-15', LOAN);
    const b = repayment('2026-02-15', LOAN, { phoneId: CHAIR, createdAt: '2026-02-15T04:00:00.000Z' });
    const undo = reversal(b, '2026-02-20', { phoneId: CHAIR });
    const redo = reversal(undo, '2026-02-21', { phoneId: CHAIR });
    expect(items([...loanBook(), a, b, undo])).toEqual([]);
    expect(items([...loanBook(), a, b, undo, redo])).toEqual([expect.objectContaining({ kind: 'duplicate', entryIds: [a.id, b.id] })]);
  });

  it('and a loan lent past the fund comes back as overdrawn', () => {
    const s = seed(10_000_000);
    const first = disbursement('2026-01-15', 8_000_000, LOAN);
    const second = disbursement('2026-01-15', 8_000_000, OTHER_LOAN, { phoneId: CHAIR, createdAt: '2026-01-15T04:00:00.000Z' });
    const undo = reversal(second, '2026-01-16', { phoneId: CHAIR });
    expect(kinds([s, first, second, undo])).toEqual([]);
    expect(kinds([s, first, second, undo, reversal(undo, '2026-01-17')])).toEqual(['overdrawn']);
  });
});

describe('a fund overdrawn', () => {
  it('is the second of two loans made apart that together lent more than the income fund', () => {
    const s = seed(10_000_000);
    const first = disbursement('2026-01-15', 8_000_000, LOAN, { createdAt: '2026-01-15T03:00:00.000Z' });
    const second = disbursement('2026-01-15', 8_000_000, OTHER_LOAN, { phoneId: CHAIR, createdAt: '2026-01-15T03:30:00.000Z' });
    expect(items([s, first])).toEqual([]);
    expect(items([second, s, first])).toEqual([{ key: `overdrawn:${second.id}`, kind: 'overdrawn', entryIds: [second.id], postedOn: '2026-01-15', amount: 8_000_000, loanId: OTHER_LOAN }]);
  });

  it('is not a loan within what the fund has', () => {
    const s = seed(16_000_000);
    expect(items([s, disbursement('2026-01-15', 8_000_000, LOAN), disbursement('2026-01-15', 8_000_000, OTHER_LOAN, { phoneId: CHAIR })])).toEqual([]);
  });

  it('is settled by reversing the loan that should not have been made', () => {
    const s = seed(10_000_000);
    const first = disbursement('2026-01-15', 8_000_000, LOAN);
    const second = disbursement('2026-01-15', 8_000_000, OTHER_LOAN, { phoneId: CHAIR, createdAt: '2026-01-15T04:00:00.000Z' });
    expect(kinds([s, first, second, reversal(second, '2026-01-16', { phoneId: CHAIR })])).toEqual([]);
  });
});

describe('a second reversal', () => {
  it('is found when two phones reversed the same entry; the later is the one to look at', () => {
    const dues = entry('dues', '2026-02-01', [line('cash', 20_000), line('operatingFund', -20_000)]);
    const r1 = reversal(dues, '2026-02-03', { createdAt: '2026-02-03T03:00:00.000Z' });
    const r2 = reversal(dues, '2026-02-03', { phoneId: CHAIR, createdAt: '2026-02-03T05:00:00.000Z' });
    expect(items([dues, r1])).toEqual([]);
    expect(items([r2, dues, r1])).toEqual([{ key: `secondReversal:${r2.id}`, kind: 'secondReversal', entryIds: [r2.id], postedOn: '2026-02-01', amount: 20_000, loanId: null }]);
  });

  it('is gone once the second reversal is itself reversed', () => {
    const dues = entry('dues', '2026-02-01', [line('cash', 20_000), line('operatingFund', -20_000)]);
    const r1 = reversal(dues, '2026-02-03');
    const r2 = reversal(dues, '2026-02-03', { phoneId: CHAIR, createdAt: '2026-02-03T05:00:00.000Z' });
    expect(kinds([dues, r1, r2, reversal(r2, '2026-02-04', { phoneId: CHAIR })])).toEqual([]);
  });
});

describe('an entry inside a closed meeting', () => {
  const countedAt = '2026-01-31T10:00:00.000Z';

  it('is one dated on or before the count and made after it: the count could not have seen it', () => {
    const close = count('2026-01-31', countedAt);
    const late = entry('dues', '2026-01-31', [line('cash', 20_000), line('operatingFund', -20_000)], { phoneId: CHAIR, createdAt: '2026-02-02T08:00:00.000Z' });
    expect(items([late], [close])).toEqual([{ key: `inClosedPeriod:${late.id}`, kind: 'inClosedPeriod', entryIds: [late.id], postedOn: '2026-01-31', amount: 20_000, loanId: null }]);
  });

  it('is not one the count saw, one after it, the count’s own over/short entry, or one in a reopened meeting', () => {
    const before = entry('dues', '2026-01-20', [line('cash', 20_000), line('operatingFund', -20_000)], { createdAt: '2026-01-20T08:00:00.000Z' });
    const after = entry('dues', '2026-02-01', [line('cash', 20_000), line('operatingFund', -20_000)], { createdAt: '2026-02-01T08:00:00.000Z' });
    const overShort = entry('overShort', '2026-01-31', [line('cash', -5_000), line('suspense', 5_000)], { createdAt: '2026-01-31T10:00:01.000Z' });
    const close = count('2026-01-31', countedAt, overShort.id);
    expect(items([before, after, overShort], [close])).toEqual([]);
    const late = entry('dues', '2026-01-25', [line('cash', 20_000), line('operatingFund', -20_000)], { createdAt: '2026-02-04T08:00:00.000Z' });
    expect(kinds([late], [close])).toEqual(['inClosedPeriod']);
    expect(kinds([late], [close], [reopening(close)])).toEqual([]);
  });
});

describe('a reversal that does not mirror its entry', () => {
  it('is found when its lines are not the entry’s with signs flipped', () => {
    const dues = entry('dues', '2026-02-01', [line('cash', 20_000), line('operatingFund', -20_000)]);
    const wrong = entry('reversal', '2026-02-03', [line('cash', -2_000), line('operatingFund', 2_000)], { reversesEntryId: dues.id, note: 'Sai số' });
    expect(items([dues, wrong])).toEqual([{ key: `reversalMismatch:${wrong.id}`, kind: 'reversalMismatch', entryIds: [wrong.id], postedOn: '2026-02-03', amount: 2_000, loanId: null }]);
  });

  it('is not a true mirror, whatever the order of its lines', () => {
    const [s, d] = loanBook();
    const r = repayment('2026-02-15', LOAN);
    const mirror = entry('reversal', '2026-02-16', [...reversedLines(r.lines)].reverse(), { reversesEntryId: r.id, loanId: LOAN, note: 'Ghi nhầm' });
    expect(items([s!, d!, r, mirror])).toEqual([]);
    // The same amounts on another loan are not the mirror.
    const otherLoan = entry('reversal', '2026-02-16', reversedLines(r.lines).map((l) => (l.loanId ? { ...l, loanId: OTHER_LOAN } : l)), { reversesEntryId: r.id, loanId: LOAN, note: 'Ghi nhầm' });
    expect(kinds([s!, d!, r, otherLoan])).toEqual(['reversalMismatch']);
  });
});

describe('checked', () => {
  it('hides the item its key names, and only that one; a deleted check hides nothing', () => {
    const a = repayment('2026-02-15', LOAN);
    const b = repayment('2026-02-15', LOAN, { phoneId: CHAIR, createdAt: '2026-02-15T04:00:00.000Z' });
    const dues = entry('dues', '2026-02-01', [line('cash', 20_000), line('operatingFund', -20_000)]);
    const book = [...loanBook(), a, b, dues, reversal(dues, '2026-02-03'), reversal(dues, '2026-02-03', { phoneId: CHAIR, createdAt: '2026-02-03T05:00:00.000Z' })];
    const open = items(book);
    expect(open.map((i) => i.kind)).toEqual(['duplicate', 'secondReversal']);
    const duplicate = open[0]!;
    expect(items(book, [], [], [check(duplicate.key)])).toEqual([open[1]]);
    expect(items(book, [], [], [check(duplicate.key, true)])).toEqual(open);
    expect(items(book, [], [], [check(`duplicate:${b.id}:${a.id}`)])).toEqual(open);
  });
});

describe('review items', () => {
  it('are the same whatever order the entries, counts and reopenings arrive in', () => {
    const s = seed(10_000_000);
    const d1 = disbursement('2026-01-15', 8_000_000, LOAN);
    const d2 = disbursement('2026-01-15', 8_000_000, OTHER_LOAN, { phoneId: CHAIR, createdAt: '2026-01-15T05:00:00.000Z' });
    const r1 = repayment('2026-02-15', LOAN);
    const r2 = repayment('2026-02-15', LOAN, { phoneId: CHAIR, createdAt: '2026-02-15T06:00:00.000Z' });
    const dues = entry('dues', '2026-02-01', [line('cash', 20_000), line('operatingFund', -20_000)]);
    const rev1 = reversal(dues, '2026-02-03');
    const rev2 = reversal(dues, '2026-02-03', { phoneId: CHAIR, createdAt: '2026-02-03T07:00:00.000Z' });
    const mismatch = entry('reversal', '2026-02-04', [line('cash', -1), line('incomeFund', 1)], { reversesEntryId: s.id, note: 'x' });
    const late = entry('dues', '2026-01-30', [line('cash', 20_000), line('operatingFund', -20_000)], { phoneId: CHAIR, createdAt: '2026-02-10T08:00:00.000Z' });
    const jan = count('2026-01-31', '2026-01-31T10:00:00.000Z');
    const dec = count('2025-12-31', '2025-12-31T10:00:00.000Z');
    const all = [s, d1, d2, r1, r2, dues, rev1, rev2, mismatch, late];
    const expected = items(all, [dec, jan], [reopening(dec)]);
    expect(expected.map((i) => i.kind).sort()).toEqual(['duplicate', 'inClosedPeriod', 'overdrawn', 'reversalMismatch', 'secondReversal']);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(all, { minLength: all.length }),
        fc.shuffledSubarray([dec, jan], { minLength: 2 }),
        (shuffled, counts) => {
          const copy = [...shuffled];
          expect(items(shuffled, counts, [reopening(dec)])).toEqual(expected);
          // And the entries handed in are left as they came.
          expect(shuffled).toEqual(copy);
        },
      ),
      { numRuns: 100 },
    );
  });
});

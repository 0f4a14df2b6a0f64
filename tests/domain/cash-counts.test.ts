import { describe, expect, it } from 'vitest';
import { cashCounts, expectedCash, lastClose, lockedThrough, overShortLines, reopenings, type CashCount, type Reopening } from '../../src/domain/cash-counts';
import { entries, type Entry, type EntryFields } from '../../src/domain/entries';
import { balancesOf, line, linesBalance, type Line } from '../../src/domain/ledger';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

const PHONE = '01930a5e-0000-7000-8000-0000000000f1';
const LOAN = '01930a5e-0000-7000-8000-0000000000aa';
const OFFICERS = ['01930a5e-0000-7000-8000-0000000000c1', '01930a5e-0000-7000-8000-0000000000c2'];

let counter = 0;
const nextId = () => `01930a5e-0000-7000-8000-${(++counter).toString(16).padStart(12, '0')}`;

function common(createdAt: string) {
  return { id: nextId(), clubId: CLUB_ID, createdAt, updatedAt: createdAt, deleted: false };
}

function count(countedOn: string, createdAt = `${countedOn}T10:00:00.000Z`, overrides: Partial<CashCount> = {}): CashCount {
  const record = { ...common(createdAt), meetingId: nextId(), countedOn, counted: 0, expected: 0, countedBy: OFFICERS, overShortEntryId: null, ...overrides };
  const checked = validate(cashCounts.recordSchema, record);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.value;
}

function reopening(of: CashCount, createdAt = '2026-03-01T09:00:00.000Z'): Reopening {
  const checked = validate(reopenings.recordSchema, { ...common(createdAt), cashCountId: of.id, reason: 'Quên ghi tiền hội phí của bà Lan' });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.value;
}

function entry(type: EntryFields['type'], postedOn: string, lines: Line[], extra: Partial<EntryFields> = {}): Entry {
  const record = {
    ...common(`${postedOn}T03:00:00.000Z`),
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
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.value;
}

describe('the close of the book', () => {
  const january = count('2026-01-31');
  const february = count('2026-02-28');

  it('is the last meeting counted: its day is the day the book is locked through', () => {
    expect(lastClose([january, february], [])).toBe(february);
    expect(lastClose([february, january], [])).toBe(february);
    expect(lockedThrough([january, february], [])).toBe('2026-02-28');
  });

  it('goes back to the meeting before when the last one is reopened', () => {
    const undone = reopening(february);
    expect(lastClose([january, february], [undone])).toBe(january);
    expect(lockedThrough([january, february], [undone])).toBe('2026-01-31');
    expect(lockedThrough([february], [undone])).toBeNull();
  });

  it('stays closed when a reopening was deleted, and when the count reopened is another', () => {
    expect(lockedThrough([january, february], [{ ...reopening(february), deleted: true }])).toBe('2026-02-28');
    expect(lockedThrough([january, february], [reopening(january)])).toBe('2026-02-28');
  });

  it('of two counts on one day, takes the later one made; a deleted count closes nothing', () => {
    const first = count('2026-02-28', '2026-02-28T09:00:00.000Z');
    const recount = count('2026-02-28', '2026-02-28T11:00:00.000Z');
    expect(lastClose([recount, first], [])).toBe(recount);
    expect(lastClose([first, recount], [])).toBe(recount);
    expect(lockedThrough([{ ...february, deleted: true }, january], [])).toBe('2026-01-31');
  });

  it('is open with no count at all', () => {
    expect(lastClose([], [])).toBeNull();
    expect(lockedThrough([], [])).toBeNull();
  });

  it('is counted by two officers', () => {
    const one = validate(cashCounts.fieldsSchema, { meetingId: nextId(), countedOn: '2026-01-31', counted: 0, expected: 0, countedBy: [OFFICERS[0]], overShortEntryId: null });
    expect(one.ok ? [] : one.problems.map((p) => p.messageKey)).toEqual(['validation.countedBy']);
    const same = validate(cashCounts.fieldsSchema, { meetingId: nextId(), countedOn: '2026-01-31', counted: 0, expected: 0, countedBy: [OFFICERS[0], OFFICERS[0]], overShortEntryId: null });
    expect(same.ok).toBe(false);
  });
});

describe('expectedCash', () => {
  const book = [
    entry('seed', '2026-01-05', [line('cash', 10_000_000), line('incomeFund', -10_000_000)]),
    entry('transfer', '2026-01-06', [line('bank', 4_000_000), line('cash', -4_000_000)]),
    entry('disbursement', '2026-01-10', [line('loans', 5_000_000, LOAN), line('cash', -5_000_000)], { loanId: LOAN }),
    // Into the bank: not in the box.
    entry('donation', '2026-01-20', [line('bank', 1_000_000), line('operatingFund', -1_000_000)]),
    entry('dues', '2026-01-31', [line('cash', 200_000), line('operatingFund', -200_000)]),
    entry('expense', '2026-02-03', [line('operatingFund', 70_000), line('cash', -70_000)], { note: 'Chè nước' }),
  ];

  it('is the cash lines through the end of the day, the bank left out', () => {
    expect(expectedCash(book, '2026-01-04')).toBe(0);
    expect(expectedCash(book, '2026-01-10')).toBe(1_000_000);
    expect(expectedCash(book, '2026-01-31')).toBe(1_200_000);
    expect(expectedCash(book, '2026-02-28')).toBe(1_130_000);
    expect(expectedCash(book, '2026-02-28')).toBe(balancesOf(book).cash);
  });

  it('leaves out a deleted entry', () => {
    expect(expectedCash([...book, { ...book[0]!, id: nextId(), deleted: true }], '2026-02-28')).toBe(1_130_000);
  });
});

describe('overShortLines', () => {
  it('posts cash short against suspense: the box down to what was counted', () => {
    const lines = overShortLines(1_150_000, 1_200_000);
    expect(lines).toEqual([line('cash', -50_000), line('suspense', 50_000)]);
  });

  it('posts cash over against suspense', () => {
    expect(overShortLines(1_210_000, 1_200_000)).toEqual([line('cash', 10_000), line('suspense', -10_000)]);
  });

  it('posts nothing when the count agrees', () => {
    expect(overShortLines(1_200_000, 1_200_000)).toBeNull();
  });

  it('makes a valid over/short entry that brings the book’s cash to the count, never absorbing the difference', () => {
    const book = [entry('seed', '2026-01-05', [line('cash', 1_200_000), line('incomeFund', -1_200_000)])];
    const expected = expectedCash(book, '2026-01-31');
    const lines = overShortLines(1_150_000, expected)!;
    expect(linesBalance(lines)).toBe(0);
    const posted = entry('overShort', '2026-01-31', lines);
    expect(expectedCash([...book, posted], '2026-01-31')).toBe(1_150_000);
    expect(balancesOf([...book, posted])).toMatchObject({ suspense: 50_000, incomeFund: -1_200_000 });
  });
});

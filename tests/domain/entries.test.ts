import { describe, expect, it } from 'vitest';
import { cashCounts, reopenings } from '../../src/domain/cash-counts';
import { canRead, canWrite, writeRefusal, type CollectionDefinition } from '../../src/domain/collection';
import { entries, FUND_READERS, FUND_WRITERS, reversalsByEntry, standingEntries, type Entry, type EntryFields } from '../../src/domain/entries';
import { line, MAX_LINE_AMOUNT, reversedLines } from '../../src/domain/ledger';
import { loanApplications } from '../../src/domain/loan-applications';
import { loans } from '../../src/domain/loans';
import { parseDong } from '../../src/domain/money';
import { DEVICE_ROLES } from '../../src/domain/record';
import { reviewChecks } from '../../src/domain/review-items';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

const LOAN = '01930a5e-0000-7000-8000-00000000000a';
const OTHER_LOAN = '01930a5e-0000-7000-8000-00000000000b';
const PHONE = '01930a5e-0000-7000-8000-0000000000f1';
const ORIGINAL = '01930a5e-0000-7000-8000-0000000000e1';

function fields(overrides: Partial<EntryFields> & Pick<EntryFields, 'type' | 'lines'>): EntryFields {
  return { postedOn: '2026-02-15', loanId: null, memberId: null, meetingId: null, reversesEntryId: null, note: null, phoneId: PHONE, ...overrides };
}

/** The problems as "field: key", or [] when the entry is valid. */
function problems(input: unknown): string[] {
  const result = validate(entries.fieldsSchema, input);
  return result.ok ? [] : result.problems.map((p) => `${p.field}: ${p.messageKey}`);
}

const seed = fields({ type: 'seed', lines: [line('cash', 100_000_000), line('incomeFund', -100_000_000)] });
const disbursement = fields({ type: 'disbursement', loanId: LOAN, lines: [line('loans', 8_000_000, LOAN), line('cash', -8_000_000)] });
const repayment = fields({
  type: 'repayment',
  loanId: LOAN,
  lines: [line('cash', 746_667), line('loans', -666_667, LOAN), line('incomeFund', -40_000), line('operatingFund', -40_000)],
});

describe('an entry’s lines', () => {
  it('accepts each type as LEDGER.md writes it', () => {
    const valid = [
      seed,
      disbursement,
      repayment,
      fields({ type: 'dues', lines: [line('cash', 20_000), line('operatingFund', -20_000)] }),
      fields({ type: 'donation', lines: [line('bank', 500_000), line('incomeFund', -500_000)], note: 'Hội Chữ thập đỏ' }),
      fields({ type: 'expense', lines: [line('operatingFund', 150_000), line('cash', -150_000)], note: 'Nước chè họp tháng' }),
      fields({ type: 'transfer', lines: [line('bank', 50_000_000), line('cash', -50_000_000)] }),
      fields({ type: 'writeOff', loanId: LOAN, lines: [line('incomeFund', 2_000_000), line('loans', -2_000_000, LOAN)] }),
      fields({ type: 'recovery', loanId: LOAN, lines: [line('cash', 500_000), line('incomeFund', -500_000)] }),
      fields({ type: 'overShort', lines: [line('cash', -50_000), line('suspense', 50_000)] }),
      fields({ type: 'suspenseCleared', lines: [line('operatingFund', 50_000), line('suspense', -50_000)] }),
      fields({
        type: 'opening',
        lines: [line('cash', 20_000_000), line('loans', 3_000_000, LOAN), line('loans', 1_000_000, OTHER_LOAN), line('operatingFund', -1_000_000), line('incomeFund', -23_000_000)],
      }),
      fields({ type: 'reversal', reversesEntryId: ORIGINAL, loanId: LOAN, note: 'Ghi trùng', lines: repayment.lines.map((l) => ({ ...l, amount: -l.amount })) }),
    ];
    for (const entry of valid) expect(problems(entry), entry.type).toEqual([]);
  });

  it('refuses lines that do not sum to 0', () => {
    expect(problems(fields({ type: 'seed', lines: [line('cash', 100_000_000), line('incomeFund', -99_999_999)] }))).toEqual(['lines: validation.entryUnbalanced']);
    const lost = { ...repayment, lines: repayment.lines.slice(0, 3) };
    expect(problems(lost)).toContain('lines: validation.entryUnbalanced');
  });

  it('refuses an entry of fewer than two lines', () => {
    expect(problems(fields({ type: 'seed', lines: [line('cash', 100)] }))).toEqual(['lines: validation.entryLines']);
    expect(problems(fields({ type: 'seed', lines: [] }))).toEqual(['lines: validation.entryLines']);
  });

  it('refuses a type with the wrong accounts or the wrong sides', () => {
    const wrong = [
      // Dues paid into the loans account.
      fields({ type: 'dues', lines: [line('cash', 20_000), line('loans', -20_000, LOAN)] }),
      // Seed capital is the income fund's, never the operating fund's.
      fields({ type: 'seed', lines: [line('cash', 1_000_000), line('operatingFund', -1_000_000)] }),
      // An expense that brings cash in.
      fields({ type: 'expense', note: 'x', lines: [line('cash', 150_000), line('operatingFund', -150_000)] }),
      // A loan paid from the income fund instead of the cash box.
      fields({ type: 'disbursement', loanId: LOAN, lines: [line('loans', 8_000_000, LOAN), line('incomeFund', -8_000_000)] }),
      // A transfer within one account.
      fields({ type: 'transfer', lines: [line('cash', 5_000), line('cash', -5_000)] }),
      // A write-off that forgives from the operating fund.
      fields({ type: 'writeOff', loanId: LOAN, lines: [line('operatingFund', 2_000_000), line('loans', -2_000_000, LOAN)] }),
    ];
    for (const entry of wrong) expect(problems(entry), entry.type).toEqual(['lines: validation.entryLines']);
  });

  it('refuses a fractional, a too-large or a zero amount on a line', () => {
    expect(problems(fields({ type: 'seed', lines: [line('cash', 100.5), line('incomeFund', -100.5)] }))).toEqual([
      'lines.0.amount: validation.lineAmount',
      'lines.1.amount: validation.lineAmount',
    ]);
    expect(problems(fields({ type: 'seed', lines: [line('cash', MAX_LINE_AMOUNT + 1), line('incomeFund', -(MAX_LINE_AMOUNT + 1))] }))).toEqual([
      'lines.0.amount: validation.lineAmount',
      'lines.1.amount: validation.lineAmount',
    ]);
    expect(problems(fields({ type: 'seed', lines: [line('cash', 2 ** 60), line('incomeFund', -(2 ** 60))] }))).toContain('lines.0.amount: validation.lineAmount');
    expect(problems(fields({ type: 'dues', lines: [line('cash', 20_000), line('operatingFund', -20_000), line('incomeFund', 0)] }))).toContain(
      'lines.2.amount: validation.lineAmount',
    );
    // A trillion đồng exactly is the most a line may carry.
    expect(problems(fields({ type: 'seed', lines: [line('cash', MAX_LINE_AMOUNT), line('incomeFund', -MAX_LINE_AMOUNT)] }))).toEqual([]);
  });

  it('refuses a line on an unknown account, an amount in text, and fields the schema does not know', () => {
    expect(problems(fields({ type: 'seed', lines: [{ account: 'pocket' as never, amount: 100, loanId: null }, line('incomeFund', -100)] }))).toContain(
      'lines.0.account: validation.invalidValue',
    );
    expect(problems(fields({ type: 'seed', lines: [{ account: 'cash', amount: '100' as never, loanId: null }, line('incomeFund', -100)] }))).toContain(
      'lines.0.amount: validation.lineAmount',
    );
    expect(problems({ ...seed, balance: 100_000_000 })).toContain(': validation.unknownField');
  });
});

describe('a reversal', () => {
  const reversal = (overrides: Partial<EntryFields>) =>
    fields({ type: 'reversal', lines: seed.lines.map((l) => ({ ...l, amount: -l.amount })), reversesEntryId: ORIGINAL, note: 'Ghi nhầm số', ...overrides });

  it('names the entry it reverses', () => {
    expect(problems(reversal({ reversesEntryId: null }))).toEqual(['reversesEntryId: validation.invalidValue']);
  });

  it('says why: no reason, or only spaces, is refused', () => {
    expect(problems(reversal({ note: null }))).toEqual(['note: validation.reversalReason']);
    expect(problems(reversal({ note: '   ' }))).toEqual(['note: validation.reversalReason']);
    expect(problems(reversal({}))).toEqual([]);
  });

  it('is balanced like any entry', () => {
    expect(problems(reversal({ lines: [line('cash', -100_000_000), line('incomeFund', 99_000_000)] }))).toEqual(['lines: validation.entryUnbalanced']);
  });

  it('is the only type that names an entry it reverses', () => {
    expect(problems({ ...seed, reversesEntryId: ORIGINAL })).toEqual(['reversesEntryId: validation.invalidValue']);
  });
});

describe('notes and loans on an entry', () => {
  it('an expense says what it was for', () => {
    const expense = fields({ type: 'expense', lines: [line('operatingFund', 150_000), line('cash', -150_000)] });
    expect(problems(expense)).toEqual(['note: validation.expenseNote']);
    expect(problems({ ...expense, note: '  ' })).toEqual(['note: validation.expenseNote']);
    expect(problems({ ...expense, note: 'Văn phòng phẩm' })).toEqual([]);
  });

  it('a disbursement names its loan, the same loan as its loans line', () => {
    expect(problems({ ...disbursement, loanId: null })).toEqual(['loanId: validation.entryLoan']);
    expect(problems({ ...disbursement, loanId: OTHER_LOAN })).toEqual(['lines: validation.entryLines']);
    // (Said twice today: once for the loans line without a loan, once for its loan not being the entry's.)
    expect(new Set(problems({ ...disbursement, lines: [line('loans', 8_000_000, null), line('cash', -8_000_000)] }))).toEqual(new Set(['lines: validation.entryLines']));
  });

  it('a repayment, a write-off and a recovery name their loan too', () => {
    expect(problems({ ...repayment, loanId: null })).toEqual(['loanId: validation.entryLoan']);
    expect(problems({ ...repayment, loanId: OTHER_LOAN })).toEqual(['lines: validation.entryLines']);
    expect(problems(fields({ type: 'writeOff', lines: [line('incomeFund', 2_000_000), line('loans', -2_000_000, LOAN)] }))).toEqual([
      'loanId: validation.entryLoan',
    ]);
    expect(problems(fields({ type: 'recovery', lines: [line('cash', 500_000), line('incomeFund', -500_000)] }))).toEqual(['loanId: validation.entryLoan']);
  });

  it('only the loans account carries a loan, and an entry of no loan names none', () => {
    expect(problems(fields({ type: 'seed', lines: [line('cash', 100, LOAN), line('incomeFund', -100)] }))).toEqual(['lines: validation.entryLines']);
    expect(problems({ ...seed, loanId: LOAN })).toEqual(['loanId: validation.invalidValue']);
  });
});

describe('who writes and reads money', () => {
  it('a write-off is the chair’s to record; the treasurer records everything else', () => {
    expect(writeRefusal(entries, { type: 'writeOff' }, 'treasurer')).toBe('sync.writeOffByChair');
    expect(writeRefusal(entries, { type: 'writeOff' }, 'chair')).toBeNull();
    expect(writeRefusal(entries, { ...repayment }, 'treasurer')).toBeNull();
    expect(writeRefusal(entries, { ...disbursement }, 'chair')).toBeNull();
    // A board phone writes no money at all, a write-off included.
    expect(writeRefusal(entries, { type: 'writeOff' }, 'board')).toBe('sync.roleCannotWrite');
  });

  const fundCollections: CollectionDefinition[] = [entries, loans, loanApplications, cashCounts, reopenings, reviewChecks];

  it.each(fundCollections.map((c) => [c.name, c] as const))('a volunteer neither reads nor writes %s', (_name, collection) => {
    expect(canRead(collection, 'volunteer')).toBe(false);
    expect(canWrite(collection, 'volunteer')).toBe(false);
    expect(writeRefusal(collection, {}, 'volunteer')).toBe('sync.roleCannotWrite');
    // The board reads all of it.
    for (const role of FUND_READERS) expect(canRead(collection, role)).toBe(true);
  });

  it('the chair and the treasurer write the book; board phones only read it, and mark review items checked', () => {
    expect([...FUND_WRITERS].sort()).toEqual(['chair', 'treasurer']);
    expect(DEVICE_ROLES.filter((role) => canWrite(entries, role)).sort()).toEqual(['chair', 'treasurer']);
    expect(DEVICE_ROLES.filter((role) => canWrite(loans, role)).sort()).toEqual(['chair', 'treasurer']);
    expect(DEVICE_ROLES.filter((role) => canWrite(reviewChecks, role)).sort()).toEqual(['board', 'chair', 'treasurer']);
  });

  it('entries and loans are append-only', () => {
    expect(entries.kind).toBe('appendOnly');
    expect(loans.kind).toBe('appendOnly');
  });
});

describe('money typed in (parseDong)', () => {
  it.each([
    ['8.000.000', 8_000_000],
    ['8 000 000 đ', 8_000_000],
    ['746.667', 746_667],
  ])('reads %j as %i đồng', (typed, amount) => {
    expect(parseDong(typed)).toBe(amount);
  });

  it.each(['8,5', '-5', '1.5', '99999999999999999'])('refuses %j', (typed) => {
    expect(parseDong(typed)).toBeNull();
  });
});

describe('the entries that stand', () => {
  let n = 0;
  function record(overrides: Partial<EntryFields> & Pick<EntryFields, 'type' | 'lines'>): Entry {
    n += 1;
    const createdAt = `2026-02-15T03:00:${String(n).padStart(2, '0')}.000Z`;
    const result = validate(entries.recordSchema, { id: `01930a5e-0000-7000-8000-${n.toString(16).padStart(12, '0')}`, clubId: CLUB_ID, createdAt, updatedAt: createdAt, deleted: false, ...fields(overrides) });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.value;
  }
  const dues = () => record({ type: 'dues', memberId: '01930a5e-0000-7000-8000-0000000000c1', lines: [line('cash', 20_000), line('operatingFund', -20_000)] });
  const reversal = (of: Entry) => record({ type: 'reversal', reversesEntryId: of.id, note: 'Bấm nhầm', lines: reversedLines(of.lines) });

  it('are those not reversed, and not reversals; a deleted entry never stands', () => {
    const paid = dues();
    const other = dues();
    const undo = reversal(paid);
    expect(standingEntries([paid, other, undo])).toEqual([other]);
    expect(reversalsByEntry([paid, other, undo])).toEqual(new Map([[paid.id, [undo]]]));
    expect(standingEntries([{ ...other, deleted: true }])).toEqual([]);
  });

  it('include an entry again once its reversal is itself reversed (the undo undone): the member did pay', () => {
    const paid = dues();
    const undo = reversal(paid);
    const redo = reversal(undo);
    expect(standingEntries([paid, undo, redo])).toEqual([paid]);
    expect(standingEntries([redo, undo, paid])).toEqual([paid]);
    // Undone a third time, it is gone again.
    expect(standingEntries([paid, undo, redo, reversal(redo)])).toEqual([]);
  });

  it('stay reversed while one of two reversals still stands', () => {
    const paid = dues();
    const first = reversal(paid);
    const second = reversal(paid);
    expect(standingEntries([paid, first, second, reversal(second)])).toEqual([]);
  });
});

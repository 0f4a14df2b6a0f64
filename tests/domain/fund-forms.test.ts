import { describe, expect, it } from 'vitest';
import { entries } from '../../src/domain/entries';
import { closedPeriodProblem, disbursement, disbursementProblems, duesEntry, opening, reversalEntry, simpleEntry, SIMPLE_KINDS, type SimpleEntryValues } from '../../src/domain/fund-forms';
import { balancesOf, fundBalance, linesBalance } from '../../src/domain/ledger';
import { loans } from '../../src/domain/loans';
import { validate } from '../../src/domain/validation';

const PHONE = '01900000-0000-7000-8000-0000000000f1';
const MEMBER = '01900000-0000-7000-8000-000000000001';
const LOAN = '01900000-0000-7000-8000-0000000000aa';
const base: SimpleEntryValues = { kind: 'seed', amount: 1_500_000, postedOn: '2026-12-02', account: 'cash', fund: 'incomeFund', memberId: null, loanId: null, note: null };

describe('what each money form makes', () => {
  it('makes, for every simple kind, a balanced entry its type’s template accepts', () => {
    for (const kind of SIMPLE_KINDS) {
      const values = { ...base, kind, note: kind === 'expense' ? 'Nước uống' : null, loanId: kind === 'recovery' ? LOAN : null, account: kind === 'transfer' ? ('bank' as const) : ('cash' as const) };
      const made = simpleEntry(values);
      expect(linesBalance(made.lines), kind).toBe(0);
      expect(validate(entries.fieldsSchema, { ...made, phoneId: PHONE }).ok, kind).toBe(true);
    }
  });

  it('moves the money where the form says: an expense out of the operating fund, a transfer into the bank, a donation to the fund chosen', () => {
    const expense = balancesOf([simpleEntry({ ...base, kind: 'expense', amount: 50_000, note: 'Nước uống' })]);
    expect([expense.cash, fundBalance(expense, 'operatingFund')]).toEqual([-50_000, -50_000]);
    const transfer = balancesOf([simpleEntry({ ...base, kind: 'transfer', amount: 2_000_000, account: 'bank' })]);
    expect([transfer.cash, transfer.bank]).toEqual([-2_000_000, 2_000_000]);
    const donation = balancesOf([simpleEntry({ ...base, kind: 'donation', amount: 300_000, fund: 'operatingFund' })]);
    expect([donation.cash, fundBalance(donation, 'operatingFund'), fundBalance(donation, 'incomeFund')]).toEqual([300_000, 300_000, 0]);
    const dues = balancesOf([duesEntry(MEMBER, null, '2026-12-02', 10_000, 'incomeFund')]);
    expect(fundBalance(dues, 'incomeFund')).toBe(10_000);
  });

  it('reverses an entry with every line flipped, its loan and the reason kept, so the balances come back to where they were', () => {
    const seed = { ...simpleEntry(base), phoneId: PHONE, id: '01900000-0000-7000-8000-0000000000e1' };
    const reversal = reversalEntry(seed, '2026-12-03', 'Ghi nhầm');
    expect(validate(entries.fieldsSchema, { ...reversal, phoneId: PHONE }).ok).toBe(true);
    expect(reversal).toMatchObject({ type: 'reversal', reversesEntryId: seed.id, note: 'Ghi nhầm', postedOn: '2026-12-03' });
    expect(Object.values(balancesOf([seed, reversal])).every((v) => v === 0)).toBe(true);
  });

  it('pays out a voted loan with the club’s rules copied on, due a month later, and refuses above the largest loan, the money available, or inside a closed period', () => {
    const made = disbursement({ principal: 8_000_000, disbursedOn: '2026-01-31', termMonths: 12, rateBasisPoints: 100, account: 'cash' }, { id: MEMBER, memberId: MEMBER, purpose: 'Nuôi gà' }, null, LOAN);
    expect(made.loan).toMatchObject({ method: 'flat', pattern: 'equal', roundTo: 1, toIncomeFundPercent: 50, firstDueOn: '2026-02-28', purpose: 'Nuôi gà' });
    expect(validate(loans.fieldsSchema, made.loan).ok).toBe(true);
    expect(validate(entries.fieldsSchema, { ...made.entry, phoneId: PHONE }).ok).toBe(true);
    const values = { principal: 8_000_000, disbursedOn: '2026-12-02', termMonths: 12, rateBasisPoints: 100, account: 'cash' as const };
    expect(disbursementProblems(values, 5_000_000, 20_000_000, null)).toEqual([{ field: 'principal', messageKey: 'validation.aboveMaxLoan' }]);
    expect(disbursementProblems(values, 8_000_000, 7_999_999, null)).toEqual([{ field: 'principal', messageKey: 'validation.aboveAvailable' }]);
    expect(disbursementProblems(values, 8_000_000, 8_000_000, '2026-12-02')).toEqual([{ field: 'disbursedOn', messageKey: 'validation.dateInClosedPeriod' }]);
    expect(closedPeriodProblem('postedOn', '2026-12-03', '2026-12-02')).toEqual([]);
  });

  it('moves the paper book in: each place as counted, each loan with what remains, and the income fund what makes it balance', () => {
    const paper = [{ loanId: LOAN, memberId: MEMBER, remaining: 3_000_000, monthsLeft: 6, nextDueOn: '2027-01-15', rateBasisPoints: 100, originalPrincipal: 6_000_000 }];
    const made = opening({ openedOn: '2026-12-02', cash: 12_000_000, bank: 5_000_000, operatingFund: 2_000_000 }, paper, null);
    expect(validate(entries.fieldsSchema, { ...made.entry, phoneId: PHONE }).ok).toBe(true);
    const balances = balancesOf([made.entry]);
    expect(balances).toMatchObject({ cash: 12_000_000, bank: 5_000_000, loans: 3_000_000, suspense: 0 });
    expect([fundBalance(balances, 'incomeFund'), fundBalance(balances, 'operatingFund')]).toEqual([18_000_000, 2_000_000]);
    expect(made.loans).toHaveLength(1);
    const { id, ...loan } = made.loans[0]!;
    expect(id).toBe(LOAN);
    expect(loan).toMatchObject({ source: 'paperBook', principal: 3_000_000, originalPrincipal: 6_000_000, termMonths: 6, firstDueOn: '2027-01-15', disbursedOn: '2026-12-15' });
    expect(validate(loans.fieldsSchema, loan).ok).toBe(true);
    // More in the operating fund than the club holds: the difference waits in suspense, not a negative income fund.
    const short = balancesOf([opening({ openedOn: '2026-12-02', cash: 1_000_000, bank: 0, operatingFund: 1_500_000 }, [], null).entry]);
    expect([fundBalance(short, 'incomeFund'), short.suspense]).toEqual([0, 500_000]);
  });
});

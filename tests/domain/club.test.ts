import { describe, expect, it } from 'vitest';
import {
  club,
  DEFAULT_INTEREST_TO_FUND_PERCENT,
  DEFAULT_LOAN_TERM_MONTHS,
  DEFAULT_MAX_LOAN,
  DEFAULT_OLDER_AGE_FROM,
  newClubFields,
  type ClubFields,
} from '../../src/domain/club';
import { validate } from '../../src/domain/validation';
import { clubFields } from './fixtures';

function problems(input: unknown) {
  const result = validate(club.fieldsSchema, input);
  return result.ok ? [] : result.problems;
}

function valid(input: unknown): ClubFields {
  const result = validate(club.fieldsSchema, input);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.value;
}

describe('a new club', () => {
  it('starts from the Bắc Ninh defaults: 8 million loans, half the interest to the fund, older from 60', () => {
    expect(newClubFields()).toMatchObject({
      maxLoan: 8_000_000,
      interestToFundPercent: 50,
      olderAgeFrom: 60,
      loanTermMonths: 12,
      interestRateBasisPoints: null,
      areaType: 'plains',
    });
    expect([DEFAULT_MAX_LOAN, DEFAULT_INTEREST_TO_FUND_PERCENT, DEFAULT_OLDER_AGE_FROM, DEFAULT_LOAN_TERM_MONTHS]).toEqual([
      8_000_000, 50, 60, 12,
    ]);
  });

  it('can be saved once its name and place are typed in', () => {
    expect(valid(clubFields())).toEqual(clubFields());
  });

  it('cannot be saved blank: each place field says what to enter', () => {
    expect(problems(newClubFields())).toEqual([
      { field: 'name', messageKey: 'validation.clubNameRequired' },
      { field: 'village', messageKey: 'validation.villageRequired' },
      { field: 'commune', messageKey: 'validation.communeRequired' },
      { field: 'province', messageKey: 'validation.provinceRequired' },
    ]);
  });

  it('trims what was typed and stores a blank village code as null', () => {
    const stored = valid(clubFields({ name: '  CLB thôn Đông  ', province: ' Bắc Ninh', villageCode: '  ' }));
    expect(stored).toMatchObject({ name: 'CLB thôn Đông', province: 'Bắc Ninh', villageCode: null });
  });
});

describe('club settings: out-of-range values are refused with their own message', () => {
  it.each<[keyof ClubFields, unknown, string]>([
    ['areaType', 'hills', 'validation.areaType'],
    ['olderAgeFrom', 49, 'validation.olderAgeFrom'],
    ['olderAgeFrom', 71, 'validation.olderAgeFrom'],
    ['olderAgeFrom', 57.5, 'validation.olderAgeFrom'],
    ['maxLoan', -1, 'validation.money'],
    ['maxLoan', 8_000_000.5, 'validation.money'],
    ['maxLoan', '8.000.000', 'validation.money'],
    ['maxLoan', 1_000_000_001, 'validation.maxLoan'],
    ['interestRateBasisPoints', 1001, 'validation.interestRate'],
    ['interestRateBasisPoints', -1, 'validation.interestRate'],
    ['interestToFundPercent', 101, 'validation.percent'],
    ['loanTermMonths', 0, 'validation.loanTerm'],
    ['loanTermMonths', 61, 'validation.loanTerm'],
    ['foundedOn', '2019-02-30', 'validation.date'],
    ['name', 'C'.repeat(121), 'validation.textTooLong'],
    ['villageCode', '1'.repeat(21), 'validation.textTooLong'],
  ])('%s = %j → %s', (field, value, messageKey) => {
    expect(problems({ ...clubFields(), [field]: value })).toEqual([{ field, messageKey }]);
  });

  it('accepts the ends of each range', () => {
    for (const changes of [
      { olderAgeFrom: 50 },
      { olderAgeFrom: 70 },
      { maxLoan: 0 },
      { maxLoan: 1_000_000_000 },
      { interestRateBasisPoints: 0 },
      { interestRateBasisPoints: 1000 },
      { interestToFundPercent: 0 },
      { interestToFundPercent: 100 },
      { loanTermMonths: 1 },
      { loanTermMonths: 60 },
      { foundedOn: '2019-07-01' },
      { areaType: 'mountains' as const },
    ]) {
      expect(problems(clubFields(changes)), JSON.stringify(changes)).toEqual([]);
    }
  });

  it('refuses an unknown setting instead of dropping it', () => {
    expect(problems({ ...clubFields(), savingsTarget: 100_000_000 })).toEqual([
      { field: '', messageKey: 'validation.unknownField' },
    ]);
  });
});

describe('club record', () => {
  it('is a whole record whose id is the club id', () => {
    const id = '01930a5e-7b3c-7d41-8a2b-3c4d5e6f7a8b';
    const record = {
      ...clubFields(),
      id,
      clubId: id,
      createdAt: '2026-11-23T08:05:00.000Z',
      updatedAt: '2026-11-23T08:05:00.000Z',
      deleted: false,
    };
    expect(validate(club.recordSchema, record)).toEqual({ ok: true, value: record });
  });
});

import { describe, expect, it } from 'vitest';
import {
  ageOn,
  hasRole,
  isActive,
  isOlder,
  isPoorOrNearPoor,
  memberMatches,
  members,
  newMemberFields,
  type MemberFields,
} from '../../src/domain/members';
import { validate, type ValidationProblem } from '../../src/domain/validation';
import { CLUB_ID, memberFields, memberRecord } from './fixtures';

function check(input: unknown) {
  return validate(members.fieldsSchema, input);
}

/** The problems the form would mark, each once (two checks may report the same message). */
function problems(input: unknown): ValidationProblem[] {
  const result = check(input);
  if (result.ok) return [];
  const seen = new Set<string>();
  return result.problems.filter((p) => {
    const key = `${p.field}|${p.messageKey}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valid(input: unknown): MemberFields {
  const result = check(input);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.value;
}

describe('members schema: what a complete member looks like', () => {
  it('accepts a member as the form fills her in', () => {
    expect(valid(memberFields())).toEqual(memberFields());
  });

  it('accepts a member with every optional detail given', () => {
    const full = memberFields({
      fullName: 'Trần Văn Đức',
      gender: 'male',
      birthYear: 1948,
      birthDate: '1948-08-19',
      citizenId: '027048001234',
      villageCode: '09301',
      poverty: 'poor',
      povertyYear: 2025,
      livesAlone: true,
      disability: true,
      ethnicMinority: true,
      roles: ['viceChair', 'volunteer'],
      leftOn: '2026-06-30',
      notes: 'Bị cao huyết áp, cần nhắc uống thuốc.',
    });
    expect(valid(full)).toEqual(full);
  });

  it('is refused until the person types a name, a birth year and when she joined (a blank form cannot be saved)', () => {
    expect(problems(newMemberFields())).toEqual(
      expect.arrayContaining([
        { field: 'fullName', messageKey: 'validation.fullNameRequired' },
        { field: 'birthYear', messageKey: 'validation.birthYear' },
        { field: 'joinedOn', messageKey: 'validation.joinedOnRequired' },
      ]),
    );
    expect(valid({ ...newMemberFields(), joinedOn: '2026-11-23', fullName: 'Lê Thị Ánh', birthYear: 1955 }).joinedOn).toBe('2026-11-23');
  });

  it('never assumes the joining date: a blank form does not say "today"', () => {
    expect(newMemberFields().joinedOn).toBe('');
  });

  it('takes "joined before the book was started, date not known" as null', () => {
    const before = valid(memberFields({ joinedOn: null, leftOn: '2025-06-30' }));
    expect(before.joinedOn).toBeNull();
    expect(before.leftOn).toBe('2025-06-30');
  });
});

describe('members schema: strict about the shape', () => {
  it('refuses an unknown key instead of dropping it', () => {
    expect(problems({ ...memberFields(), nickname: 'Bà Lan' })).toEqual([
      { field: '', messageKey: 'validation.unknownField' },
    ]);
  });

  it('refuses the fields the sync layer owns: a form cannot set id or clubId', () => {
    expect(problems({ ...memberFields(), clubId: CLUB_ID })).toEqual([
      { field: '', messageKey: 'validation.unknownField' },
    ]);
  });

  it.each<[string, unknown, string]>([
    ['birthYear', '1952', 'validation.birthYear'],
    ['birthYear', Number.NaN, 'validation.birthYear'],
    ['gender', 'other', 'validation.gender'],
    ['poverty', 'rich', 'validation.poverty'],
    ['phone', 912345678, 'validation.phone'],
    ['citizenId', 27048001234, 'validation.citizenId'],
    ['livesAlone', 'yes', 'validation.invalidValue'],
    ['roles', 'volunteer', 'validation.invalidValue'],
    ['joinedOn', 20240115, 'validation.date'],
    ['notes', 42, 'validation.invalidValue'],
  ])('refuses %s of the wrong type (%j) with %s', (field, value, messageKey) => {
    expect(problems({ ...memberFields(), [field]: value })).toEqual([{ field, messageKey }]);
  });

  it('names the missing fields (a missing yes/no is "required")', () => {
    const { livesAlone: _l, fullName: _f, ...rest } = memberFields();
    expect(problems(rest)).toEqual(
      expect.arrayContaining([
        { field: 'fullName', messageKey: 'validation.fullNameRequired' },
        { field: 'livesAlone', messageKey: 'validation.required' },
      ]),
    );
  });

  it('points at the bad role inside the list', () => {
    expect(problems(memberFields({ roles: ['volunteer', 'boss' as never] }))).toEqual([
      { field: 'roles.1', messageKey: 'validation.invalidValue' },
    ]);
  });

  it('refuses the same role twice', () => {
    expect(problems(memberFields({ roles: ['volunteer', 'volunteer'] }))).toEqual([
      { field: 'roles', messageKey: 'validation.invalidValue' },
    ]);
  });
});

describe('members schema: absurd values', () => {
  it.each([1850, 1890, 1899, 2101])('refuses birth year %d by the years allowed, not by "4 digits"', (birthYear) => {
    expect(problems(memberFields({ birthYear, joinedOn: null }))).toEqual([{ field: 'birthYear', messageKey: 'validation.birthYearRange' }]);
  });

  it('asks for the year again when it is not a whole number', () => {
    expect(problems(memberFields({ birthYear: 1952.5 }))).toEqual([{ field: 'birthYear', messageKey: 'validation.birthYear' }]);
  });

  it('accepts the oldest plausible birth year', () => {
    expect(valid(memberFields({ birthYear: 1900, joinedOn: '2024-01-15' })).birthYear).toBe(1900);
  });

  it.each(['091234567', '09123456789', '1912345678', '0912 345 678', '+84912345678', ''])(
    'refuses the phone number %j (10 digits starting with 0)',
    (phone) => {
      expect(problems(memberFields({ phone }))).toEqual([{ field: 'phone', messageKey: 'validation.phone' }]);
    },
  );

  it('accepts a 10-digit phone and no phone at all', () => {
    expect(valid(memberFields({ phone: '0387654321' })).phone).toBe('0387654321');
    expect(valid(memberFields({ phone: null })).phone).toBeNull();
  });

  it('accepts a 12-digit citizen id and refuses any other length or letters', () => {
    expect(valid(memberFields({ citizenId: '027048001234' })).citizenId).toBe('027048001234');
    for (const citizenId of ['02704800123', '0270480012345', '02704800123A', '']) {
      expect(problems(memberFields({ citizenId }))).toEqual([{ field: 'citizenId', messageKey: 'validation.citizenId' }]);
    }
  });

  it('refuses a poverty certificate year before 2000', () => {
    expect(problems(memberFields({ poverty: 'poor', povertyYear: 1999 }))).toEqual([
      { field: 'povertyYear', messageKey: 'validation.povertyYear' },
    ]);
  });

  it.each(['2024-02-30', '15/01/2024'])('refuses the joining date %j with the date message only', (joinedOn) => {
    expect(problems(memberFields({ joinedOn }))).toEqual([{ field: 'joinedOn', messageKey: 'validation.date' }]);
  });

  it('asks for a joining date left blank, and says only that', () => {
    expect(problems(memberFields({ joinedOn: '' }))).toEqual([{ field: 'joinedOn', messageKey: 'validation.joinedOnRequired' }]);
  });

  it('says only "not a real date" for a bad birth date or leaving date, not a cross-field complaint too', () => {
    expect(problems(memberFields({ birthDate: '' }))).toEqual([{ field: 'birthDate', messageKey: 'validation.date' }]);
    expect(problems(memberFields({ leftOn: '' }))).toEqual([{ field: 'leftOn', messageKey: 'validation.date' }]);
  });

  it('refuses a name without a single letter', () => {
    expect(problems(memberFields({ fullName: '123' }))).toEqual([
      { field: 'fullName', messageKey: 'validation.fullNameRequired' },
    ]);
  });
});

describe('members schema: length of text', () => {
  it('allows 100 characters of name and refuses 101', () => {
    expect(valid(memberFields({ fullName: 'Ánh'.repeat(33) + 'A' })).fullName).toHaveLength(100);
    expect(problems(memberFields({ fullName: 'Ánh'.repeat(33) + 'An' }))).toEqual([
      { field: 'fullName', messageKey: 'validation.textTooLong' },
    ]);
  });

  it('allows 1000 characters of notes and refuses 1001', () => {
    expect(valid(memberFields({ notes: 'ư'.repeat(1000) })).notes).toHaveLength(1000);
    expect(problems(memberFields({ notes: 'ư'.repeat(1001) }))).toEqual([
      { field: 'notes', messageKey: 'validation.textTooLong' },
    ]);
  });

  it('refuses an over-long household cluster and village code', () => {
    expect(problems(memberFields({ group: 'T'.repeat(61), villageCode: '1'.repeat(21) }))).toEqual([
      { field: 'villageCode', messageKey: 'validation.textTooLong' },
      { field: 'group', messageKey: 'validation.textTooLong' },
    ]);
  });

  it('counts a decomposed name by its letters, not by its combining marks', () => {
    const decomposed = 'Nguyễn'.normalize('NFD').repeat(16); // 96 letters, 128 code units
    expect(decomposed.length).toBeGreaterThan(100);
    expect(valid(memberFields({ fullName: decomposed })).fullName).toBe('Nguyễn'.repeat(16));
  });
});

describe('members schema: trimming', () => {
  it('stores text without the spaces around it', () => {
    const stored = valid(
      memberFields({ fullName: '  Nguyễn Thị Lan \n', village: ' Thôn Đông ', group: '\tTổ 3 ', notes: ' Hay quên. ' }),
    );
    expect(stored).toMatchObject({ fullName: 'Nguyễn Thị Lan', village: 'Thôn Đông', group: 'Tổ 3', notes: 'Hay quên.' });
  });

  it('counts the length after trimming', () => {
    expect(valid(memberFields({ notes: `   ${'a'.repeat(1000)}   ` })).notes).toHaveLength(1000);
  });

  it('refuses a name of spaces only as a missing name', () => {
    expect(problems(memberFields({ fullName: '    ' }))).toEqual([
      { field: 'fullName', messageKey: 'validation.fullNameRequired' },
    ]);
  });

  it('stores an optional text left blank as null', () => {
    const stored = valid(memberFields({ village: '', group: '   ', notes: '', villageCode: ' ' }));
    expect(stored).toMatchObject({ village: null, group: null, notes: null, villageCode: null });
  });

  it('stores names in composed form (NFC) whatever the keyboard typed', () => {
    const stored = valid(memberFields({ fullName: 'Trần Văn Đức'.normalize('NFD') }));
    expect(stored.fullName).toBe('Trần Văn Đức'.normalize('NFC'));
  });
});

describe('members schema: checks across fields', () => {
  it('refuses a birth date in another year than the birth year', () => {
    expect(problems(memberFields({ birthYear: 1952, birthDate: '1951-03-05' }))).toEqual([
      { field: 'birthDate', messageKey: 'validation.birthDateYear', fields: ['birthDate', 'birthYear'] },
    ]);
    expect(valid(memberFields({ birthYear: 1952, birthDate: '1952-03-05' })).birthDate).toBe('1952-03-05');
  });

  it('takes poor or near-poor with the certificate year not known (many households lost the paper)', () => {
    for (const poverty of ['poor', 'nearPoor'] as const) {
      expect(valid(memberFields({ poverty, povertyYear: null }))).toMatchObject({ poverty, povertyYear: null });
    }
    expect(valid(memberFields({ poverty: 'none', povertyYear: null })).poverty).toBe('none');
  });

  it('refuses leaving before joining, and allows leaving on the day of joining', () => {
    expect(problems(memberFields({ joinedOn: '2024-01-15', leftOn: '2024-01-14' }))).toEqual([
      { field: 'leftOn', messageKey: 'validation.leftBeforeJoined', fields: ['leftOn', 'joinedOn'] },
    ]);
    expect(valid(memberFields({ joinedOn: '2024-01-15', leftOn: '2024-01-15' })).leftOn).toBe('2024-01-15');
  });

  it('puts "born after joining" on the birth year, where the typing slip is (2030 for 1930)', () => {
    expect(problems(memberFields({ birthYear: 2030, joinedOn: '2019-03-01' }))).toEqual([
      { field: 'birthYear', messageKey: 'validation.bornAfterJoining', fields: ['birthYear', 'joinedOn'] },
    ]);
    expect(problems(memberFields({ birthYear: 2000, joinedOn: '1999-12-31' }))).toEqual([
      { field: 'birthYear', messageKey: 'validation.bornAfterJoining', fields: ['birthYear', 'joinedOn'] },
    ]);
  });

  it('compares no dates with a member who joined before the book (no date to compare)', () => {
    expect(valid(memberFields({ birthYear: 1940, joinedOn: null, leftOn: '1950-01-01' })).leftOn).toBe('1950-01-01');
  });

  it('reports every problem at once, so the form can mark them all', () => {
    const found = problems(
      memberFields({ phone: '091234567', poverty: 'poor', povertyYear: 1990, leftOn: '2020-01-01' }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'phone', messageKey: 'validation.phone' },
        { field: 'povertyYear', messageKey: 'validation.povertyYear' },
        { field: 'leftOn', messageKey: 'validation.leftBeforeJoined', fields: ['leftOn', 'joinedOn'] },
      ]),
    );
  });
});

describe('members record schema', () => {
  it('accepts a stored record and refuses one without the sync fields', () => {
    const record = memberRecord();
    expect(validate(members.recordSchema, record).ok).toBe(true);
    const { clubId: _c, deleted: _d, ...withoutSyncFields } = record;
    expect(validate(members.recordSchema, withoutSyncFields)).toEqual({
      ok: false,
      problems: [
        { field: 'clubId', messageKey: 'validation.invalidValue' },
        { field: 'deleted', messageKey: 'validation.required' },
      ],
    });
  });

  it('refuses a record whose id is not a UUID or whose updatedAt is not an ISO instant', () => {
    expect(validate(members.recordSchema, memberRecord({ id: 'member-1' })).ok).toBe(false);
    expect(validate(members.recordSchema, memberRecord({ updatedAt: '23/11/2026' })).ok).toBe(false);
  });

  it('applies the same cross-field checks to a stored record (the server refuses what the form refuses)', () => {
    expect(validate(members.recordSchema, memberRecord({ joinedOn: '2024-01-15', leftOn: '2023-01-01' }))).toEqual({
      ok: false,
      problems: [{ field: 'leftOn', messageKey: 'validation.leftBeforeJoined', fields: ['leftOn', 'joinedOn'] }],
    });
  });
});

describe('ageOn', () => {
  it('counts by year when only the birth year is known', () => {
    const lan = { birthYear: 1950, birthDate: null };
    expect(ageOn(lan, '2026-01-01')).toBe(76);
    expect(ageOn(lan, '2026-12-31')).toBe(76);
  });

  it('counts exactly when the birth date is known: one year more from the birthday', () => {
    const duc = { birthYear: 1950, birthDate: '1950-03-05' };
    expect(ageOn(duc, '2026-01-01')).toBe(75);
    expect(ageOn(duc, '2026-03-04')).toBe(75);
    expect(ageOn(duc, '2026-03-05')).toBe(76);
    expect(ageOn(duc, '2026-12-31')).toBe(76);
  });

  it('counts someone born on 29 February a year older from 1 March in other years', () => {
    const an = { birthYear: 1952, birthDate: '1952-02-29' };
    expect(ageOn(an, '2026-02-28')).toBe(73);
    expect(ageOn(an, '2026-03-01')).toBe(74);
    expect(ageOn(an, '2028-02-29')).toBe(76);
  });
});

describe('isActive, isOlder, roles and poverty', () => {
  it('counts a member until the day she leaves, and never a deleted one', () => {
    const leaving = memberRecord({ leftOn: '2026-06-30' });
    expect(isActive(leaving, '2026-06-29')).toBe(true);
    expect(isActive(leaving, '2026-06-30')).toBe(false);
    expect(isActive(memberRecord(), '2026-06-30')).toBe(true);
    expect(isActive(memberRecord({ deleted: true }), '2026-06-30')).toBe(false);
  });

  it('uses the club’s own age threshold for "older"', () => {
    const ut = memberRecord({ fullName: 'Nguyễn Văn Út', birthYear: 1969 });
    expect(isOlder(ut, '2026-06-01', 55)).toBe(true);
    expect(isOlder(ut, '2026-06-01', 60)).toBe(false);
    expect(isOlder(memberRecord({ birthYear: 1966 }), '2026-06-01', 60)).toBe(true);
  });

  it('reads roles and poverty status', () => {
    const ung = memberRecord({ roles: ['treasurer', 'volunteer'], poverty: 'none', povertyYear: null });
    expect(hasRole(ung, 'volunteer')).toBe(true);
    expect(hasRole(ung, 'chair')).toBe(false);
    expect(isPoorOrNearPoor(ung)).toBe(false);
    expect(isPoorOrNearPoor(memberRecord({ poverty: 'nearPoor' }))).toBe(true);
  });
});

describe('memberMatches', () => {
  const lan = memberRecord({ fullName: 'Nguyễn Thị Lan', phone: '0912345678', group: 'Tổ Đồng Lạng' });
  const dao = memberRecord({ fullName: 'Hoàng Thị Đào', phone: null, group: null });

  it('finds a member by name, without marks, in any order', () => {
    expect(memberMatches(lan, 'nguyen thi')).toBe(true);
    expect(memberMatches(lan, 'lan nguyen')).toBe(true);
    expect(memberMatches(dao, 'dao')).toBe(true);
    expect(memberMatches(dao, 'lan')).toBe(false);
  });

  it('finds a member by part of her phone number or by her household cluster', () => {
    expect(memberMatches(lan, '0912')).toBe(true);
    expect(memberMatches(lan, 'dong lang')).toBe(true);
    expect(memberMatches(dao, '0912')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { club } from '../../src/domain/club';
import { memberFigures } from '../../src/domain/indicators';
import { ageOn, members, type Member, type MemberFields } from '../../src/domain/members';
import {
  ETHNIC_MINORITY_FAMILY_NAMES,
  FAMILY_NAMES,
  SAMPLE_GROUPS,
  SAMPLE_TODAY,
  STRESS_CLUB_MEMBERS,
  sampleClub,
} from '../../src/domain/sample-club';
import { validate } from '../../src/domain/validation';
import { CLUB_ID } from './fixtures';

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
const clubs = SEEDS.map((seed) => sampleClub({ seed }));
// One big club is where the shares can be held to a tight band: a club of 65 is a small sample.
const stress = sampleClub({ seed: 2026, members: STRESS_CLUB_MEMBERS });

function share(all: readonly MemberFields[], test: (m: MemberFields) => boolean): number {
  return all.filter(test).length / all.length;
}

function problemsOf(all: readonly MemberFields[]) {
  return all.flatMap((m) => {
    const checked = validate(members.fieldsSchema, m);
    return checked.ok ? [] : [{ fullName: m.fullName, problems: checked.problems }];
  });
}

describe('sampleClub: the same seed, the same club', () => {
  it('gives a deep-equal club for the same seed, whatever the clock', () => {
    expect(sampleClub({ seed: 42 })).toEqual(sampleClub({ seed: 42 }));
    expect(sampleClub({ seed: 42, members: 500 })).toEqual(sampleClub({ seed: 42, members: 500 }));
  });

  it('gives a different club for a different seed', () => {
    const a = sampleClub({ seed: 1, members: 65 });
    const b = sampleClub({ seed: 2, members: 65 });
    expect(b.members.map((m) => m.fullName)).not.toEqual(a.members.map((m) => m.fullName));
    // Thirty seeds are not thirty copies of two or three clubs.
    expect(new Set(clubs.map((c) => JSON.stringify(c))).size).toBe(SEEDS.length);
  });

  it('sees the club from the day it is given', () => {
    const earlier = sampleClub({ seed: 5, today: '2020-03-01' });
    for (const m of earlier.members) {
      expect(m.joinedOn !== null && m.joinedOn <= '2020-03-01').toBe(true);
      expect(m.birthYear).toBeLessThanOrEqual(2020 - 18);
    }
    expect(earlier.club.foundedOn! <= '2020-03-01').toBe(true);
  });
});

describe('sampleClub: a club the size and make-up of a real one', () => {
  it('has 60 to 70 members unless told, and varies within that', () => {
    const counts = clubs.map((c) => c.members.length);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(60);
    for (const n of counts) expect(n).toBeLessThanOrEqual(70);
    expect(new Set(counts).size).toBeGreaterThan(3);
    expect(sampleClub({ seed: 3, members: 7 }).members).toHaveLength(7);
    expect(sampleClub({ seed: 3, members: 0 }).members).toEqual([]);
  });

  it('has exactly 55 % women, rounded', () => {
    for (const c of [...clubs, stress]) {
      const women = c.members.filter((m) => m.gender === 'female').length;
      expect(women).toBe(Math.round(0.55 * c.members.length));
    }
  });

  it('is mostly people aged 60+, with younger members from 18', () => {
    for (const c of clubs) {
      const older = share(c.members, (m) => ageOn(m, SAMPLE_TODAY) >= 60);
      expect(older).toBeGreaterThan(0.5);
      expect(older).toBeLessThan(0.9);
    }
    const older = share(stress.members, (m) => ageOn(m, SAMPLE_TODAY) >= 60);
    expect(older).toBeGreaterThan(0.67);
    expect(older).toBeLessThan(0.74);
    const ages = stress.members.map((m) => ageOn(m, SAMPLE_TODAY));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(96);
  });

  it('has 12 % poor and 12 % near-poor households (a quarter more in the mountains), each with its certificate year', () => {
    for (const c of [...clubs, stress]) {
      const expected = Math.round(c.members.length * 0.12 * (c.club.areaType === 'mountains' ? 1.25 : 1));
      expect(c.members.filter((m) => m.poverty === 'poor')).toHaveLength(expected);
      expect(c.members.filter((m) => m.poverty === 'nearPoor')).toHaveLength(expected);
    }
    const years = new Set(stress.members.map((m) => `${m.poverty} ${m.povertyYear}`));
    expect([...years].sort()).toEqual(['nearPoor 2025', 'nearPoor 2026', 'none null', 'poor 2025', 'poor 2026']);
    // Poverty is commoner among the old.
    const poorOrNear = (m: MemberFields) => m.poverty !== 'none';
    const older = stress.members.filter((m) => ageOn(m, SAMPLE_TODAY) >= 60);
    const younger = stress.members.filter((m) => ageOn(m, SAMPLE_TODAY) < 60);
    expect(share(older, poorOrNear)).toBeGreaterThan(share(younger, poorOrNear));
  });

  it('has exactly one chair, one vice-chair and one treasurer, a leader per cluster, all still in the club', () => {
    for (const c of [...clubs, stress]) {
      for (const role of ['chair', 'viceChair', 'treasurer'] as const) {
        const holders = c.members.filter((m) => m.roles.includes(role));
        expect(holders).toHaveLength(1);
        expect(holders[0]!.leftOn).toBeNull();
      }
      const leaders = c.members.filter((m) => m.roles.includes('groupLeader'));
      expect(leaders.map((m) => m.group).sort()).toEqual([...SAMPLE_GROUPS]);
    }
  });

  it('has about 17 % volunteers and 10 % cared for at home, the cared-for older and frailer', () => {
    const n = stress.members.length;
    const cared = stress.members.filter((m) => m.roles.includes('careRecipient'));
    expect(stress.members.filter((m) => m.roles.includes('volunteer'))).toHaveLength(Math.round(0.17 * n));
    expect(cared).toHaveLength(Math.round(0.1 * n));
    expect(cared.every((m) => ageOn(m, SAMPLE_TODAY) >= 60 && m.leftOn === null)).toBe(true);
    expect(cared.every((m) => !m.roles.includes('volunteer'))).toBe(true);
    const frail = (m: MemberFields) => m.livesAlone || m.disability;
    expect(share(cared, frail)).toBeGreaterThan(2 * share(stress.members, frail));
  });

  it('has phones mostly for the younger members, some members who left, and dates in order', () => {
    const young = stress.members.filter((m) => ageOn(m, SAMPLE_TODAY) < 60);
    const old = stress.members.filter((m) => ageOn(m, SAMPLE_TODAY) >= 75);
    expect(share(young, (m) => m.phone !== null)).toBeGreaterThan(0.9);
    expect(share(old, (m) => m.phone !== null)).toBeLessThan(0.4);
    const outOfOrder = stress.members.filter(
      (m) =>
        (m.phone !== null && !/^0[3789]\d{8}$/.test(m.phone)) ||
        // The generator knows every joining date: it grows the club's history from them.
        m.joinedOn === null ||
        m.joinedOn > SAMPLE_TODAY ||
        m.joinedOn < stress.club.foundedOn! ||
        (m.birthDate !== null && m.joinedOn <= m.birthDate) ||
        (m.leftOn !== null && (m.leftOn < m.joinedOn || m.leftOn > SAMPLE_TODAY)),
    );
    expect(outOfOrder).toEqual([]);
    const left = share(stress.members, (m) => m.leftOn !== null);
    expect(left).toBeGreaterThan(0.01);
    expect(left).toBeLessThan(0.08);
    const withDate = share(stress.members, (m) => m.birthDate !== null);
    expect(withDate).toBeGreaterThan(0.2);
    expect(withDate).toBeLessThan(0.8);
  });

  it('gives mountain clubs many ethnic-minority members, plains clubs few', () => {
    const mountains = clubs.filter((c) => c.club.areaType === 'mountains');
    const plains = clubs.filter((c) => c.club.areaType === 'plains');
    expect(mountains.length).toBeGreaterThan(0);
    expect(plains.length).toBeGreaterThan(0);
    for (const c of mountains) expect(share(c.members, (m) => m.ethnicMinority)).toBeGreaterThan(0.35);
    for (const c of plains) expect(share(c.members, (m) => m.ethnicMinority)).toBeLessThan(0.15);
  });
});

describe('sampleClub: Vietnamese names', () => {
  const kinh = new Set(FAMILY_NAMES.map(([name]) => name));
  const minority = new Set(ETHNIC_MINORITY_FAMILY_NAMES.map(([name]) => name));

  it('writes every name family-middle-given, in composed Unicode (NFC), from the lists', () => {
    const all = [...clubs.flatMap((c) => c.members), ...stress.members];
    const odd = all.filter((m) => {
      const words = m.fullName.split(' ');
      const families = m.ethnicMinority ? minority : kinh;
      return m.fullName !== m.fullName.normalize('NFC') || words.length !== 3 || !families.has(words[0]!);
    });
    expect(odd).toEqual([]);
  });

  it('gives Nguyễn to about 38 % of Kinh members, then Trần and Lê', () => {
    const kinhMembers = stress.members.filter((m) => !m.ethnicMinority);
    const family = (name: string) => share(kinhMembers, (m) => m.fullName.startsWith(`${name} `));
    expect(family('Nguyễn')).toBeGreaterThan(0.35);
    expect(family('Nguyễn')).toBeLessThan(0.44);
    expect(family('Trần')).toBeGreaterThan(0.09);
    expect(family('Lê')).toBeGreaterThan(0.07);
    expect(family('Trần')).toBeLessThan(family('Nguyễn') / 2);
  });

  it('gives most older women the middle name Thị and most older men Văn, fewer among the young', () => {
    const middle = (m: MemberFields) => m.fullName.split(' ')[1];
    const kinh = stress.members.filter((m) => !m.ethnicMinority);
    const olderWomen = kinh.filter((m) => m.gender === 'female' && ageOn(m, SAMPLE_TODAY) >= 60);
    const youngWomen = kinh.filter((m) => m.gender === 'female' && ageOn(m, SAMPLE_TODAY) < 45);
    const olderMen = kinh.filter((m) => m.gender === 'male' && ageOn(m, SAMPLE_TODAY) >= 60);
    expect(share(olderWomen, (m) => middle(m) === 'Thị')).toBeGreaterThan(0.75);
    expect(share(youngWomen, (m) => middle(m) === 'Thị')).toBeLessThan(0.6);
    expect(share(olderMen, (m) => middle(m) === 'Văn')).toBeGreaterThan(0.6);
    expect(share(olderMen, (m) => middle(m) === 'Thị')).toBe(0);
  });
});

describe('sampleClub: valid by the domain’s own rules', () => {
  it('makes every member of thirty clubs pass the members schema and its checks', () => {
    expect(problemsOf(clubs.flatMap((c) => c.members))).toEqual([]);
  });

  it('makes every club pass the club schema, with the default fund rules', () => {
    for (const c of clubs) {
      expect(validate(club.fieldsSchema, c.club)).toEqual({ ok: true, value: c.club });
      expect(c.club.name).toMatch(/^CLB Liên thế hệ tự giúp nhau /);
      expect(c.club.maxLoan).toBe(8_000_000);
      expect(c.club.interestToFundPercent).toBe(50);
    }
  });

  it('makes a stress club of 20,000 valid members quickly', () => {
    const started = performance.now();
    const big = sampleClub({ seed: 7, members: STRESS_CLUB_MEMBERS });
    const took = performance.now() - started;
    expect(big.members).toHaveLength(20_000);
    expect(problemsOf(big.members)).toEqual([]);
    // About 150 ms on a quiet laptop; the slack is for a busy test machine, not for a slow
    // generator (one that scanned the club for every member would take seconds).
    expect(took).toBeLessThan(1000);
  });

  it('gives the home screen’s figures the shares it was made with', () => {
    const records: Member[] = stress.members.map((m, i) => ({
      ...m,
      id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      clubId: CLUB_ID,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      deleted: false,
    }));
    const figures = memberFigures(records, SAMPLE_TODAY, 60);
    const current = stress.members.filter((m) => m.leftOn === null);
    expect(figures.members).toBe(current.length);
    expect(figures.careRecipients).toBe(Math.round(0.1 * STRESS_CLUB_MEMBERS));
    expect(figures.womenPercent).toBeGreaterThanOrEqual(53);
    expect(figures.womenPercent).toBeLessThanOrEqual(57);
  });
});

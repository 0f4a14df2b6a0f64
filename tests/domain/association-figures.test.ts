import { describe, expect, it } from 'vitest';
import { communeStandards, communeTallies, figuresOf, groupBy, sumsOf, type ClubRow, type KeptFigures } from '../../src/domain/association-figures';
import { placeKey } from '../../src/domain/places';

const figures = (f: Partial<KeptFigures>): KeptFigures => ({
  members: 60,
  women: 33,
  older: 40,
  olderWomen: 22,
  fullActivities: 1,
  digitalSessions: 0,
  greenSessions: 0,
  startupSessions: 0,
  incomeClosing: 100_000_000,
  applicants: 10,
  applicantsWithLoan: 6,
  borrowers: 6,
  careVolunteers: 10,
  caredFor: 5,
  visits: 100,
  membersChecked: 50,
  checkedYear: 55,
  readings: 120,
  highReadings: 12,
  loansOutstanding: 50_000_000,
  standardScore: 100,
  standard: 1,
  ...f,
});
const row = (commune: string, areaType: ClubRow['areaType'], f: Partial<KeptFigures>, createdOn = '2024-05-01', status: ClubRow['report']['status'] = 'in'): ClubRow => ({
  clubId: `${commune}-${Math.random()}`,
  name: `CLB ${commune}`,
  province: 'Phú Thọ',
  commune,
  provinceKey: placeKey('Phú Thọ'),
  communeKey: placeKey(commune),
  areaType,
  createdOn,
  figures: figures(f),
  report: { status, sentAt: null },
});

describe('an association’s figures', () => {
  it('works rates out from the sums, never by averaging the clubs’ rates', () => {
    // A club of 10 with 10 women and one of 90 with 0: 10 % women, not 50 %.
    const f = figuresOf(sumsOf([row('Tân Lập', 'plains', { members: 10, women: 10 }), row('Hy Cương', 'mountains', { members: 90, women: 0 })], '2026'));
    expect(f).toMatchObject({ clubs: 2, members: 100, women: 10, womenPercent: 10 });
  });

  it('counts clubs meeting each threshold: a fund of exactly 100 million counts, 99,999,999 does not', () => {
    const rows = [
      row('A', 'plains', { incomeClosing: 100_000_000, digitalSessions: 1, fullActivities: 0 }, '2026-03-01', 'late'),
      row('A', 'plains', { incomeClosing: 99_999_999, greenSessions: 2, standard: 0 }, '2020-01-01', 'missing'),
      row('B', 'mountains', { incomeClosing: null, applicants: 0, applicantsWithLoan: 0 }),
    ];
    const f = figuresOf(sumsOf(rows, '2026'));
    expect(f).toMatchObject({
      clubs: 3,
      newClubs: 1,
      fundClubs: 1,
      fundPercent: 33,
      fullActivities: 2,
      digitalPercent: 33,
      greenPercent: 33,
      startupPercent: 0,
      borrowingPercent: 60, // (6 + 6 + 0) ÷ (10 + 10 + 0)
      standardClubs: 2,
      reports: { in: 1, late: 1, missing: 1, due: 0, open: 0 },
    });
  });

  it('says nothing where there is nothing to divide', () => {
    expect(figuresOf(sumsOf([], '2026'))).toMatchObject({ clubs: 0, womenPercent: null, fundPercent: null, borrowingPercent: null });
  });

  it('counts communes with 1 to 4 standard clubs, plains and mountains apart, a tie counting as mountains', () => {
    const rows = [
      ...['Đồng Bằng 1', 'Đồng Bằng 1', 'Đồng Bằng 1', 'Đồng Bằng 1'].map((c) => row(c, 'plains', {})),
      row('Đồng Bằng 2', 'plains', {}),
      row('Đồng Bằng 2', 'plains', { standard: 0 }),
      row('Núi', 'mountains', {}),
      row('Núi', 'plains', { standard: 0 }),
    ];
    expect(communeStandards(communeTallies(rows))).toEqual({
      plains: { communes: 2, atLeast: [2, 1, 1, 1] },
      mountains: { communes: 1, atLeast: [1, 0, 0, 0] },
    });
  });

  it('groups by commune under one key whatever the spelling, named as its first club wrote it', () => {
    const groups = groupBy([row('Xã Tân Lập', 'plains', {}), row('tân  lập', 'plains', {}), row('Hy Cương', 'plains', {})], 'commune');
    expect(groups.map((g) => [g.name, g.rows.length])).toEqual([
      ['Hy Cương', 1],
      ['Xã Tân Lập', 2],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { memberFigures } from '../../src/domain/indicators';
import { memberRecord } from './fixtures';

const ON = '2026-06-01';

describe('memberFigures', () => {
  it('counts nothing and no percentage for a club without members', () => {
    expect(memberFigures([], ON, 60)).toEqual({
      members: 0,
      women: 0,
      womenPercent: null,
      older: 0,
      poor: 0,
      nearPoor: 0,
      volunteers: 0,
      careRecipients: 0,
    });
  });

  it('counts the club on the day: not those who left before, not deleted records', () => {
    const all = [
      memberRecord({ fullName: 'Nguyễn Thị Lan' }),
      memberRecord({ fullName: 'Trần Văn Đức', gender: 'male' }),
      memberRecord({ fullName: 'Lê Thị Ánh', leftOn: '2026-05-31' }),
      memberRecord({ fullName: 'Phạm Thị Ơn', leftOn: '2026-06-01' }),
      memberRecord({ fullName: 'Đỗ Văn Ất', gender: 'male', leftOn: '2026-06-02' }),
      memberRecord({ fullName: 'Bùi Thị Ưng', deleted: true }),
    ];
    const figures = memberFigures(all, ON, 60);
    expect(figures.members).toBe(3); // Lan, Đức, and Ất who leaves tomorrow
    expect(figures.women).toBe(1);
  });

  it.each([
    [2, 3, 67],
    [1, 3, 33],
    [1, 6, 17],
    [1, 8, 13], // 12.5 rounds up
    [5, 8, 63], // 62.5 rounds up
    [7, 7, 100],
    [0, 4, 0],
  ])('gives %i women of %i members as %i %%', (women, total, percent) => {
    const all = Array.from({ length: total }, (_, i) =>
      memberRecord({ gender: i < women ? 'female' : 'male' }),
    );
    expect(memberFigures(all, ON, 60)).toMatchObject({ members: total, women, womenPercent: percent });
  });

  it('counts "older" from the club’s own threshold', () => {
    const all = [
      memberRecord({ fullName: 'Nguyễn Văn Út', birthYear: 1969 }), // 57
      memberRecord({ fullName: 'Trần Thị Hằng', birthYear: 1966, birthDate: '1966-06-02' }), // 59 until tomorrow
      memberRecord({ fullName: 'Lê Thị Hoa', birthYear: 1966, birthDate: '1966-06-01' }), // 60 today
      memberRecord({ fullName: 'Vũ Văn Hùng', birthYear: 1990 }), // 36
    ];
    expect(memberFigures(all, ON, 60).older).toBe(1);
    expect(memberFigures(all, ON, 55).older).toBe(3);
  });

  it('counts poor and near-poor households, volunteers and care recipients among current members', () => {
    const all = [
      memberRecord({ poverty: 'poor', povertyYear: 2025, roles: ['careRecipient'] }),
      memberRecord({ poverty: 'poor', povertyYear: 2025, roles: [] }),
      memberRecord({ poverty: 'nearPoor', povertyYear: 2025, roles: ['volunteer', 'groupLeader'] }),
      memberRecord({ poverty: 'none', povertyYear: null, roles: ['volunteer'] }),
      memberRecord({ poverty: 'poor', povertyYear: 2025, roles: ['volunteer'], leftOn: '2025-12-31' }),
    ];
    expect(memberFigures(all, ON, 60)).toMatchObject({
      members: 4,
      poor: 2,
      nearPoor: 1,
      volunteers: 2,
      careRecipients: 1,
    });
  });
});

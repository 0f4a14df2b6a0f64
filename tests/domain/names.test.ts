import { describe, expect, it } from 'vitest';
import { compareByGivenName, foldForSearch, givenName, matchesFolded } from '../../src/domain/names';
import { sampleClub } from '../../src/domain/sample-club';

const inBookOrder = (names: string[]) => [...names].sort(compareByGivenName);

describe('givenName', () => {
  it('is the last word of a family-middle-given name, whatever the spacing', () => {
    expect(givenName('Nguyễn Thị Lan')).toBe('Lan');
    expect(givenName('  Trần   Văn Đức  ')).toBe('Đức');
    expect(givenName('Ánh')).toBe('Ánh');
  });
});

describe('compareByGivenName: the club book order', () => {
  it('sorts by the given name first, not by the family name', () => {
    expect(inBookOrder(['Trần Văn Đức', 'Nguyễn Thị Lan', 'Phạm Văn Bình', 'Lê Thị Ánh'])).toEqual([
      'Lê Thị Ánh',
      'Phạm Văn Bình',
      'Trần Văn Đức',
      'Nguyễn Thị Lan',
    ]);
  });

  it('sorts people with the same given name by the rest of the name', () => {
    expect(inBookOrder(['Trần Thị Lan', 'Nguyễn Thị Lan', 'Bùi Thị Lan', 'Nguyễn Ngọc Lan'])).toEqual([
      'Bùi Thị Lan',
      'Nguyễn Ngọc Lan',
      'Nguyễn Thị Lan',
      'Trần Thị Lan',
    ]);
  });

  it('puts Đ after D as its own letter, not among the Ds', () => {
    expect(inBookOrder(['Lê Văn Đức', 'Trần Văn Dũng', 'Hoàng Thị Đào', 'Phạm Văn Dương', 'Vũ Thị Duyên'])).toEqual([
      'Trần Văn Dũng',
      'Vũ Thị Duyên',
      'Phạm Văn Dương',
      'Hoàng Thị Đào',
      'Lê Văn Đức',
    ]);
  });

  it('orders a < ă < â, e < ê, o < ô < ơ and u < ư as Vietnamese letters', () => {
    const shuffled = [
      'Bùi Thị Ưng',
      'Lê Thị Hồng',
      'Phạm Thị Ơn',
      'Đỗ Văn Ất',
      'Trần Thị Hằng',
      'Nguyễn Văn Út',
      'Vũ Thị Hợi',
      'Lê Thị Ánh',
      'Trần Thị Oanh',
      'Đặng Thị Êm',
      'Nguyễn Thị Hạnh',
      'Lê Thị Hoa',
      'Phạm Thị Hậu',
      'Bùi Thị Em',
    ];
    expect(inBookOrder(shuffled)).toEqual([
      'Lê Thị Ánh', // a
      'Đỗ Văn Ất', // â
      'Bùi Thị Em', // e
      'Đặng Thị Êm', // ê
      'Nguyễn Thị Hạnh', // h-a
      'Trần Thị Hằng', // h-ă
      'Phạm Thị Hậu', // h-â
      'Lê Thị Hoa', // h-o
      'Lê Thị Hồng', // h-ô
      'Vũ Thị Hợi', // h-ơ
      'Trần Thị Oanh', // o
      'Phạm Thị Ơn', // ơ
      'Nguyễn Văn Út', // u
      'Bùi Thị Ưng', // ư
    ]);
  });

  it('keeps holders of one given name together: Anh and Ánh are different names', () => {
    expect(inBookOrder(['Trần Văn Anh', 'Lê Thị Ánh', 'Bùi Văn Anh', 'Nguyễn Thị Ánh'])).toEqual([
      'Bùi Văn Anh',
      'Trần Văn Anh',
      'Lê Thị Ánh',
      'Nguyễn Thị Ánh',
    ]);
  });

  it('treats a name typed decomposed (NFD) the same as the usual composed form', () => {
    const decomposed = 'Nguyễn Thị Ánh'.normalize('NFD');
    expect(compareByGivenName(decomposed, 'Nguyễn Thị Ánh')).toBe(0);
    expect(inBookOrder(['Phạm Văn Bình', decomposed])).toEqual([decomposed, 'Phạm Văn Bình']);
  });

  it('is a consistent order: a < b exactly when b > a', () => {
    const names = ['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Thị Ánh', 'Đỗ Văn Ất', 'Bùi Thị Ưng'];
    for (const a of names) {
      for (const b of names) {
        expect(Math.sign(compareByGivenName(a, b)) + Math.sign(compareByGivenName(b, a))).toBe(0);
        expect(compareByGivenName(a, b) === 0).toBe(a === b);
      }
    }
  });
});

describe('compareByGivenName over a whole club', () => {
  // Six hundred made-up members: many share a given name (a dozen Lans), most share a family name.
  const names = sampleClub({ seed: 11, members: 600 }).members.map((m) => m.fullName);
  const sorted = inBookOrder(names);

  it('keeps every holder of a given name together, in one run', () => {
    const runs = sorted.map(givenName).filter((given, i, all) => i === 0 || all[i - 1] !== given);
    expect(new Set(runs).size).toBe(runs.length);
    expect(runs.length).toBeLessThan(names.length / 4); // the club really does share names
  });

  it('orders the given names by the Vietnamese alphabet: Đ after D, Ư after U', () => {
    const runs = [...new Set(sorted.map(givenName))];
    const position = (given: string) => runs.indexOf(given);
    const pairs: [string, string][] = [['Dung', 'Đào'], ['Dũng', 'Đức'], ['Huy', 'Hưng'], ['Anh', 'Ánh'], ['Tú', 'Tư']];
    for (const [before, after] of pairs) {
      if (position(before) >= 0 && position(after) >= 0) expect(position(before)).toBeLessThan(position(after));
    }
    expect(position('Dung')).toBeGreaterThanOrEqual(0);
    expect(position('Đào')).toBeGreaterThanOrEqual(0);
  });

  it('sorts the same whatever order the names came in', () => {
    expect(inBookOrder([...names].reverse())).toEqual(sorted);
  });
});

describe('foldForSearch', () => {
  it('drops tone marks, case and vowel marks, and maps đ to d', () => {
    expect(foldForSearch('Nguyễn Thị Đào')).toBe('nguyen thi dao');
    expect(foldForSearch('Hằng Hậu Yến Hồng Ơn Ưng ĐỖ')).toBe('hang hau yen hong on ung do');
  });

  it('folds decomposed input exactly like composed input', () => {
    expect(foldForSearch('Trần Văn Đức'.normalize('NFD'))).toBe('tran van duc');
  });

  it('collapses runs of spaces and trims', () => {
    expect(foldForSearch('  Lê   Thị\tÁnh ')).toBe('le thi anh');
  });
});

describe('matchesFolded: what the search box finds', () => {
  const lan = foldForSearch('Nguyễn Thị Lan');
  const dao = foldForSearch('Hoàng Thị Đào');
  const duc = foldForSearch('Trần Văn Đức');

  it('finds a name typed without any marks', () => {
    expect(matchesFolded(lan, 'nguyen thi')).toBe(true);
    expect(matchesFolded(lan, 'nguyen thi lan')).toBe(true);
  });

  it('finds Đ by d', () => {
    expect(matchesFolded(dao, 'dao')).toBe(true);
    expect(matchesFolded(duc, 'duc')).toBe(true);
  });

  it('finds a name typed with its marks and in capitals', () => {
    expect(matchesFolded(duc, 'ĐỨC')).toBe(true);
    expect(matchesFolded(lan, 'Nguyễn')).toBe(true);
  });

  it('finds the words in any order, with stray spaces', () => {
    expect(matchesFolded(lan, 'lan nguyen')).toBe(true);
    expect(matchesFolded(lan, '  lan   thi ')).toBe(true);
  });

  it('does not find a person when one of the words is missing', () => {
    expect(matchesFolded(lan, 'lan tran')).toBe(false);
    expect(matchesFolded(dao, 'duc')).toBe(false);
    expect(matchesFolded(duc, 'dao')).toBe(false);
  });

  it('finds every "Nguyễn Thị …" of a whole club for "nguyen thi", and no Trần Thị or Nguyễn Văn Hùng', () => {
    const club = sampleClub({ seed: 12, members: 600 }).members.map((m) => m.fullName);
    const found = club.filter((name) => matchesFolded(foldForSearch(name), 'nguyen thi'));
    const nguyenThi = club.filter((name) => name.startsWith('Nguyễn Thị '));
    expect(nguyenThi.length).toBeGreaterThan(50);
    expect(found).toEqual(expect.arrayContaining(nguyenThi));
    // Words match anywhere in the name ("thi" also finds Nguyễn Văn Thịnh), but both must.
    const both = /^(?=.*Nguyễn)(?=.*\bTh[iìíỉĩị])/u;
    expect(found.filter((name) => !both.test(name))).toEqual([]);
    expect(found.length).toBeLessThan(club.filter((name) => name.startsWith('Nguyễn ')).length);
  });

  it('shows everyone for an empty search', () => {
    expect(matchesFolded(lan, '')).toBe(true);
    expect(matchesFolded(lan, '   ')).toBe(true);
  });
});

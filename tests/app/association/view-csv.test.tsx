import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { associationEn } from '../../../src/app/association/strings-en';
import { associationVi } from '../../../src/app/association/strings-vi';
import { csvText, viewCsv, viewFileName } from '../../../src/app/association/view-csv';
import { formatCount, goalsOf, goalSummary, sortRows, GROUP_COLUMNS } from '../../../src/app/association/view-figures';
import { setUpI18n } from '../../../src/app/i18n/setup';
import { expectSameStrings } from '../i18n/same-strings';
import { communeView, provinceView } from './fixtures';

let t: TFunction;
let en: TFunction;

beforeAll(async () => {
  const i18n = await setUpI18n('vi');
  i18n.addResourceBundle('vi', 'association', associationVi);
  i18n.addResourceBundle('en', 'association', associationEn);
  t = i18n.getFixedT('vi', 'association');
  en = i18n.getFixedT('en', 'association');
});

describe('the association’s words', () => {
  it('exist in English for every Vietnamese key, with the same placeholders', () => {
    expectSameStrings(associationVi, associationEn);
  });
});

describe('the CSV file', () => {
  it('is UTF-8 with a byte-order mark, every cell quoted, quotes doubled, CRLF lines', () => {
    expect(csvText([['Tên', 'Số'], ['CLB thôn Bắc, xóm "Giữa"', '12']])).toBe('\uFEFF"Tên","Số"\r\n"CLB thôn Bắc, xóm ""Giữa""","12"\r\n');
  });

  it('of a commune: a header, a line per club with its area, report and the day sent, plain numbers, the total last', () => {
    const text = viewCsv(communeView, t);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(3 + 2 + 1);
    const header = lines[0]!.split('","');
    expect(header.slice(0, 6)).toEqual(['"Câu lạc bộ', 'Vùng', 'Báo cáo kỳ này', 'Ngày gửi', 'Số câu lạc bộ', 'Số thành viên']);
    expect(lines[0]).toContain('"Tỉ lệ nữ (%)"');
    expect(lines[0]).toContain('"Tỉ lệ câu lạc bộ có quỹ tăng thu nhập từ 100.000.000\u00a0₫ (%)"');
    expect(lines[1]).toMatch(/^"CLB Liên thế hệ thôn Đông","Đồng bằng","Gửi đúng hạn","08\/07\/2026","1","62",/);
    // A name with a comma and quotes stays one cell.
    expect(lines[2]).toMatch(/^"CLB thôn Bắc, xóm ""Giữa""","Đồng bằng","Gửi muộn","20\/07\/2026","1","55",/);
    expect(lines[3]).toMatch(/^"CLB thôn Nam","Đồng bằng","Quá hạn","","1","40",/);
    expect(lines[4]).toMatch(/^"Cộng","","","","3","157",/);
    // Every line as many cells as the header.
    const cells = (line: string) => line.match(/"(?:[^"]|"")*"/g)!.length;
    for (const line of lines.slice(1, -1)) expect(cells(line)).toBe(cells(lines[0]!));
  });

  it('of a province: a line per commune with its reports counted', () => {
    const lines = viewCsv(provinceView, t).slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^"Xã, phường","Số câu lạc bộ",/);
    expect(lines[0]).toMatch(/"Gửi đúng hạn","Gửi muộn","Quá hạn","Còn hạn"$/);
    expect(lines[2]).toMatch(/^"Xã Tân Chi","3","157",.*"1","1","1","0"$/);
    expect(viewFileName(provinceView, t)).toBe('so-clb-hoi-bac-ninh-2026-H1.csv');
    expect(viewFileName(communeView, t)).toBe('so-clb-hoi-xa-tan-chi-bac-ninh-2026-H1.csv');
    expect(viewFileName(communeView, en)).toBe('so-clb-association-xa-tan-chi-bac-ninh-2026-H1.csv');
  });
});

describe('the figures', () => {
  it('writes thousands with dots, and judges the targets it can', () => {
    expect(formatCount(12345)).toBe('12.345');
    const goals = goalsOf(provinceView.total, provinceView.targets, 'province', provinceView.period);
    expect(goalSummary(goals.values())).toEqual({ met: 4, judged: 7 });
    expect(goals.get('newClubs')).toMatchObject({ judged: false });
    expect(goalsOf(provinceView.total, provinceView.targets, 'province', { ...provinceView.period, kind: 'year' }).get('newClubs')).toMatchObject({ judged: true, met: false });
    expect(goalsOf(provinceView.total, provinceView.targets, 'nation', provinceView.period).has('newClubs')).toBe(false);
  });

  it('sorts rows by a figure, nothing-to-show last', () => {
    const rows = [...provinceView.rows, { ...provinceView.rows[0]!, key: 'empty', name: 'A', figures: { ...provinceView.rows[0]!.figures, fundPercent: null } }];
    expect(sortRows(rows, { key: 'fundPercent', up: false }, GROUP_COLUMNS).map((r) => r.key)).toEqual(['lim', 'tân chi', 'empty']);
    expect(sortRows(rows, { key: 'fundPercent', up: true }, GROUP_COLUMNS).map((r) => r.key)).toEqual(['tân chi', 'lim', 'empty']);
    expect(sortRows(rows, { key: 'name', up: true }, GROUP_COLUMNS).map((r) => r.key)).toEqual(['empty', 'lim', 'tân chi']);
  });
});

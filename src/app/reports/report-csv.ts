import type { ReportFigure, TargetCheck } from '../../domain/club-report';
import { foldForSearch } from '../../domain/names';
import { figureKind, figureName, type FigureGroup, type FigureKind } from './report-figures';
import type { Translate } from './strings';

/** One line of the report: a figure, its value, its target and verdict if it has one, and whether this phone keeps its books. */
export interface FigureRow {
  group: FigureGroup;
  figure: ReportFigure;
  value: number | null;
  check: TargetCheck | null;
  kept: boolean;
}

/**
 * A number as a spreadsheet reads it: digits without thousands marks (Excel adds its own),
 * a decimal in the person's own way (Vietnamese Excel reads "2,5"), yes and no in words.
 */
function cellOf(value: number | null, kind: FigureKind, t: Translate): string {
  if (value === null) return '';
  if (kind === 'yesNo') return t(value ? 'yes' : 'no');
  if (kind === 'tenths' || kind === 'permille') return String(value / 10).replace('.', t('csv.decimalMark'));
  return String(value);
}

/** Every cell quoted, quotes doubled: a name with a comma or a quote stays one cell. */
function quoted(cell: string): string {
  return `"${cell.replaceAll('"', '""')}"`;
}

/**
 * The report as a CSV file: one row per figure — its name in the person's language (with its
 * group, so each name stands alone, and its unit), the value, the target, met or not.
 * UTF-8 with a byte-order mark, so Excel on Windows reads the Vietnamese letters; CRLF lines,
 * as Excel writes them. A figure whose books this phone does not keep is left empty, not 0.
 */
export function reportCsv(rows: readonly FigureRow[], t: Translate, olderAgeFrom: number): string {
  const header = [t('csv.figure'), t('csv.value'), t('csv.target'), t('csv.met')];
  const lines = rows.map(({ group, figure, value, check, kept }) => {
    const kind = figureKind(figure);
    const name = t('csv.name', { group: t(`group.${group}`), figure: figureName(figure, t, olderAgeFrom) });
    const named = kind === 'percent' || kind === 'permille' ? t('csv.unitPercent', { name }) : kind === 'money' ? t('csv.unitMoney', { name }) : name;
    const met = !check || !kept ? '' : check.met === null ? t('csv.nothing') : t(check.met ? 'csv.metYes' : 'csv.metNo');
    return [named, kept ? cellOf(value, kind, t) : '', check ? cellOf(check.target, kind, t) : '', met];
  });
  return `\uFEFF${[header, ...lines].map((cells) => cells.map(quoted).join(',')).join('\r\n')}\r\n`;
}

/** "so-clb-clb-lien-the-he-thon-dong-bao-cao-2026-H1.csv": whose report, for which period, in letters every phone can name a file with. */
export function reportFileName(clubName: string, periodKey: string, t: Translate): string {
  const slug = foldForSearch(clubName)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `so-clb-${slug ? `${slug}-` : ''}${t('csv.file')}-${periodKey}.csv`;
}

/** The file in the phone's downloads (an a[download] of a Blob: no network, no server). */
export function downloadFile(file: File): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy by then; a slow phone gets ten seconds.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

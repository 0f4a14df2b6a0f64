import type { GroupFigures } from '../../domain/association-figures';
import { formatDate } from '../../domain/dates';
import { formatDong } from '../../domain/money';
import { foldForSearch } from '../../domain/names';
import { vietnamDay, type ReportStatus } from '../../domain/periods';
import type { AssociationView, AssociationViewRow } from '../../domain/protocol';
import type { Translate } from './strings';
import { isPercent, placeName, statName, type Stat } from './view-figures';

/** Every figure the association adds up, in the order of its page. */
const CSV_STATS: readonly Stat[] = [
  'clubs',
  'members',
  'newClubs',
  'women',
  'womenPercent',
  'olderWomenPercent',
  'fullActivities',
  'fullActivitiesPercent',
  'digitalPercent',
  'greenPercent',
  'startupPercent',
  'fundClubs',
  'fundPercent',
  'borrowingPercent',
  'volunteers',
  'caredFor',
  'visits',
  'checked',
  'checkedPercent',
  'highReadings',
  'standardClubs',
];
const CSV_REPORTS: readonly [ReportStatus, string][] = [
  ['in', 'rows.reportsIn'],
  ['late', 'rows.reportsLate'],
  ['missing', 'rows.reportsMissing'],
  ['due', 'rows.reportsDue'],
];
const STATUS_WORD: Record<ReportStatus, string> = {
  in: 'rows.reportsIn',
  late: 'rows.reportsLate',
  missing: 'rows.reportsMissing',
  due: 'rows.reportsDue',
  open: 'reporting.open',
};

/** Every cell quoted, quotes doubled: a name with a comma or a quote stays one cell. */
function quoted(cell: string): string {
  return `"${cell.replaceAll('"', '""')}"`;
}

/**
 * Rows of cells as a CSV file: comma-separated, every cell quoted, CRLF lines as Excel writes
 * them, and UTF-8 with a byte-order mark so Excel on Windows reads the Vietnamese letters.
 */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((cells) => cells.map(quoted).join(',')).join('\r\n')}\r\n`;
}

const number = (value: number | null) => (value === null ? '' : String(value));

/**
 * The view's rows as a spreadsheet: one line per province, commune or club, with every figure
 * (plain digits, rates in %), a club's area, report and the day it was sent; the total last.
 */
export function viewCsv(view: AssociationView, t: Translate): string {
  const clubs = view.level === 'commune';
  const floor = formatDong(view.targets.fundFloor);
  const nameHeader = t(view.level === 'nation' ? 'rows.nameNation' : view.level === 'province' ? 'rows.nameProvince' : 'rows.nameCommune');
  const header = [
    nameHeader,
    ...(clubs ? [t('file.area'), t('file.report'), t('file.sentAt')] : []),
    ...CSV_STATS.map((stat) => (isPercent(stat) ? t('file.unitPercent', { name: statName(stat, t, floor) }) : statName(stat, t, floor))),
    ...(clubs ? [] : CSV_REPORTS.map(([, key]) => t(key))),
  ];
  const figures = (f: GroupFigures) => [...CSV_STATS.map((stat) => number(f[stat])), ...(clubs ? [] : CSV_REPORTS.map(([status]) => String(f.reports[status])))];
  const line = (row: AssociationViewRow) => [
    row.name,
    ...(clubs
      ? [
          row.club ? t(`file.${row.club.areaType}`) : '',
          row.club ? t(STATUS_WORD[row.club.report.status]) : '',
          row.club?.report.sentAt ? formatDate(vietnamDay(row.club.report.sentAt)) : '',
        ]
      : []),
    ...figures(row.figures),
  ];
  const total = [t('rows.total'), ...(clubs ? ['', '', ''] : []), ...figures(view.total)];
  return csvText([header, ...view.rows.map(line), total]);
}

/** "so-clb-hoi-xa-tan-chi-bac-ninh-2026-H1.csv": the place and the period, in letters every computer can name a file with. */
export function viewFileName(view: AssociationView, t: Translate): string {
  const place = view.place.province === null ? t('file.nation') : placeName(view.place, t);
  const slug = foldForSearch(place)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${t('file.name')}-${slug ? `${slug}-` : ''}${view.period.key}.csv`;
}

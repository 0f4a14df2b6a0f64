import type { AssociationTargets, GroupFigures } from '../../domain/association-figures';
import type { ReportPeriod, ReportStatus } from '../../domain/periods';
import type { AssociationSummary, AssociationView, AssociationViewRow } from '../../domain/protocol';
import { viewSearch, type ViewQuery } from './api';
import type { Translate } from './strings';

/**
 * How the association's figures read on its pages: numbers as Vietnamese write them, the
 * plan's targets and whether each is met, the table's columns, the trend's lines. Pure, so the
 * tests read them without a page.
 */

export type Stat = Exclude<keyof GroupFigures, 'reports'>;

const grouped = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** "12.345": thousands with dots, as vi-VN writes them (whatever the page's language). */
export function formatCount(value: number | null): string {
  return value === null ? '—' : grouped.format(value);
}

/** "58 %"; "—" where there is nothing to divide by. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${grouped.format(value)} %`;
}

const PERCENT_STATS = new Set<Stat>([
  'womenPercent',
  'olderWomenPercent',
  'fullActivitiesPercent',
  'digitalPercent',
  'greenPercent',
  'startupPercent',
  'fundPercent',
  'borrowingPercent',
  'checkedPercent',
]);

export function isPercent(stat: Stat): boolean {
  return PERCENT_STATS.has(stat);
}

export function formatStat(stat: Stat, figures: GroupFigures): string {
  const value = figures[stat];
  return isPercent(stat) ? formatPercent(value) : formatCount(value);
}

/** The plan's target for a figure (association-figures.ts ASSOCIATION_TARGETS, or the server's own). */
const TARGET_OF: Partial<Record<Stat, keyof AssociationTargets>> = {
  olderWomenPercent: 'olderWomenPercent',
  fullActivitiesPercent: 'fullActivitiesPercent',
  digitalPercent: 'themesPercent',
  greenPercent: 'themesPercent',
  startupPercent: 'themesPercent',
  fundPercent: 'fundPercent',
  borrowingPercent: 'borrowingPercent',
};

export interface Goal {
  stat: Stat;
  target: number;
  /** 'perYear': the province's new clubs a year; 'atLeast': a rate of at least the target. */
  kind: 'atLeast' | 'perYear';
  /** null: nothing to judge by (no clubs, no one asked for a loan). */
  met: boolean | null;
  /** False where the target is shown but not judged: a year's new clubs, half-way through the year. */
  judged: boolean;
}

/**
 * The figures a target is set for, and whether the total meets each. New clubs a year are a
 * province's target: shown on a province's page, judged only for a whole year.
 */
export function goalsOf(figures: GroupFigures, targets: AssociationTargets, level: AssociationView['level'], period: ReportPeriod): Map<Stat, Goal> {
  const goals = new Map<Stat, Goal>();
  for (const [stat, name] of Object.entries(TARGET_OF) as [Stat, keyof AssociationTargets][]) {
    const value = figures[stat];
    const target = targets[name];
    goals.set(stat, { stat, target, kind: 'atLeast', met: value === null ? null : value >= target, judged: true });
  }
  if (level === 'province') {
    const target = targets.newClubsPerYear;
    const judged = period.kind === 'year';
    goals.set('newClubs', { stat: 'newClubs', target, kind: 'perYear', met: judged ? figures.newClubs >= target : null, judged });
  }
  return goals;
}

/** "Đạt 4 trên 7 chỉ tiêu": the targets met, of those there was something to judge. */
export function goalSummary(goals: Iterable<Goal>): { met: number; judged: number } {
  let met = 0;
  let judged = 0;
  for (const goal of goals) {
    if (!goal.judged || goal.met === null) continue;
    judged += 1;
    if (goal.met) met += 1;
  }
  return { met, judged };
}

export function goalText(goal: Goal, t: Translate): string {
  return goal.kind === 'perYear' ? t('goal.perYear', { value: formatCount(goal.target) }) : t('goal.atLeast', { value: formatPercent(goal.target) });
}

export function verdictText(goal: Goal, t: Translate): string {
  return goal.met === null ? t('goal.nothing') : t(goal.met ? 'goal.met' : 'goal.unmet');
}

/** The total's figures in the plan's four groups (REPORTS.md, "An association"). */
export const TOTAL_GROUPS = {
  people: ['clubs', 'members', 'newClubs', 'womenPercent', 'olderWomenPercent'],
  activities: ['fullActivitiesPercent', 'digitalPercent', 'greenPercent', 'startupPercent', 'standardClubs'],
  fund: ['fundPercent', 'borrowingPercent'],
  care: ['volunteers', 'caredFor', 'visits', 'checkedPercent', 'highReadings'],
} as const satisfies Record<string, readonly Stat[]>;
export type TotalGroup = keyof typeof TOTAL_GROUPS;
export const TOTAL_GROUP_NAMES = Object.keys(TOTAL_GROUPS) as TotalGroup[];

/** The counts behind a rate, said beside it: "12 trên 20 câu lạc bộ". */
export function statDetail(stat: Stat, figures: GroupFigures, t: Translate): string | null {
  const ofClubs = (part: number) => t('total.ofClubs', { part: formatCount(part), whole: formatCount(figures.clubs) });
  switch (stat) {
    case 'womenPercent':
      return t('total.womenCount', { part: formatCount(figures.women) });
    case 'fullActivitiesPercent':
      return ofClubs(figures.fullActivities);
    case 'fundPercent':
      return ofClubs(figures.fundClubs);
    case 'standardClubs':
      return ofClubs(figures.standardClubs);
    case 'checkedPercent':
      return t('total.ofMembers', { part: formatCount(figures.checked), whole: formatCount(figures.members) });
    default:
      return null;
  }
}

/** A figure's full name; the fund's names say the floor ("… từ 100.000.000 ₫"). */
export function statName(stat: Stat, t: Translate, fundFloor: string): string {
  return t(`stat.${stat}`, { floor: fundFloor });
}

// ---- The table of rows -----------------------------------------------------------------------

export type CellKind = 'count' | 'percent' | 'yesNo';

export interface Column {
  id: string;
  /** Its heading's key (namespace "association"). */
  header: string;
  kind: CellKind;
  cell: (figures: GroupFigures) => number | null;
  /** The total's cell, where it reads differently from a row's (a count of clubs under yes/no). */
  footer?: { kind: CellKind; cell: (figures: GroupFigures) => number | null };
}

const stat = (id: Stat): Column => ({ id, header: `col.${id}`, kind: isPercent(id) ? 'percent' : 'count', cell: (f) => f[id] });
const reports = (status: ReportStatus, header: string): Column => ({ id: `reports_${status}`, header, kind: 'count', cell: (f) => f.reports[status] });
/** One club: a count of 1 or 0 is a yes or a no; the total counts the clubs. */
const yesNo = (id: 'fullActivities' | 'fundClubs' | 'standardClubs'): Column => ({
  id,
  header: `col.${id}`,
  kind: 'yesNo',
  cell: (f) => (f.clubs === 0 ? null : f[id] > 0 ? 1 : 0),
  footer: { kind: 'count', cell: (f) => f[id] },
});
/** One club did the theme or not; the total is the share of clubs that did. */
const theme = (id: 'digitalPercent' | 'greenPercent' | 'startupPercent'): Column => ({
  id,
  header: `col.${id}`,
  kind: 'yesNo',
  cell: (f) => (f[id] === null ? null : f[id] > 0 ? 1 : 0),
  footer: { kind: 'percent', cell: (f) => f[id] },
});

/** A province's or a commune's row: its clubs added up. */
export const GROUP_COLUMNS: readonly Column[] = [
  stat('clubs'),
  stat('members'),
  stat('womenPercent'),
  stat('olderWomenPercent'),
  stat('fullActivitiesPercent'),
  stat('digitalPercent'),
  stat('greenPercent'),
  stat('startupPercent'),
  stat('fundPercent'),
  stat('borrowingPercent'),
  stat('checkedPercent'),
  stat('standardClubs'),
  reports('in', 'rows.reportsIn'),
  reports('late', 'rows.reportsLate'),
  reports('missing', 'rows.reportsMissing'),
  reports('due', 'rows.reportsDue'),
];

/** A club's row (its area and its report come before these). */
export const CLUB_COLUMNS: readonly Column[] = [
  stat('members'),
  stat('womenPercent'),
  stat('olderWomenPercent'),
  yesNo('fullActivities'),
  theme('digitalPercent'),
  theme('greenPercent'),
  theme('startupPercent'),
  yesNo('fundClubs'),
  stat('borrowingPercent'),
  stat('volunteers'),
  stat('caredFor'),
  stat('checkedPercent'),
  yesNo('standardClubs'),
];

export function formatCell(value: number | null, kind: CellKind, tr: Translate): string {
  if (kind === 'yesNo') return value === null ? '—' : tr(value ? 'yes' : 'no');
  return kind === 'percent' ? formatPercent(value) : formatCount(value);
}

/** The order a club's report sorts in: the ones to chase first. */
const STATUS_ORDER: Record<ReportStatus, number> = { missing: 0, due: 1, late: 2, in: 3, open: 4 };

export type SortKey = 'name' | 'area' | 'report' | string;
export interface Sort {
  key: SortKey;
  up: boolean;
}

/** The rows in the order asked for; a row with nothing to show sorts last either way. */
export function sortRows(rows: readonly AssociationViewRow[], sort: Sort, columns: readonly Column[]): AssociationViewRow[] {
  const valueOf = (row: AssociationViewRow): number | string | null => {
    if (sort.key === 'name') return row.name;
    if (sort.key === 'area') return row.club?.areaType ?? null;
    if (sort.key === 'report') return row.club ? STATUS_ORDER[row.club.report.status] : null;
    return columns.find((c) => c.id === sort.key)?.cell(row.figures) ?? null;
  };
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const order = typeof a.value === 'string' ? a.value.localeCompare(String(b.value), 'vi') : a.value - Number(b.value);
      return (sort.up ? order : -order) || a.index - b.index;
    })
    .map(({ row }) => row);
}

// ---- Places, periods and addresses ------------------------------------------------------------

/** The place a page shows: "Cả nước", "Bắc Ninh", "Xã Tân Chi, Bắc Ninh". */
export function placeName(place: { province: string | null; commune: string | null }, t: Translate): string {
  if (place.province === null) return t('view.nation');
  if (place.commune === null) return place.province;
  return t('view.place', { commune: place.commune, province: place.province });
}

/** The account's own area, the same way. */
export function scopeName(association: AssociationSummary, t: Translate): string {
  return placeName(association, t);
}

export function viewHref(query: ViewQuery): string {
  return `/association${viewSearch(query)}`;
}

/** "6T đầu 2026", "Năm 2026": a period short enough for the chart's axis. */
export function shortPeriod(period: ReportPeriod, t: Translate): string {
  const year = period.key.slice(0, 4);
  if (period.kind === 'half') return `${t(period.key.endsWith('H1') ? 'short.firstHalf' : 'short.secondHalf')} ${year}`;
  if (period.kind === 'year') return `${t('short.year')} ${year}`;
  return period.key;
}

/** The rates the chart follows, each drawn its own way (colour, dashes and marks). */
export const TREND_STATS = ['fullActivitiesPercent', 'digitalPercent', 'fundPercent', 'borrowingPercent'] as const satisfies readonly Stat[];
export type TrendStat = (typeof TREND_STATS)[number];

/** The trend's periods of the kind shown (half-years beside half-years), those with clubs in them. */
export function trendPoints(view: AssociationView): AssociationView['trend'] {
  return view.trend.filter((point) => point.period.kind === view.period.kind && point.total.clubs > 0);
}

import { canRead } from '../../domain/collection';
import { COLLECTIONS, type CollectionName } from '../../domain/collections';
import type { ReportFigure, ReportFigures, TargetCheck } from '../../domain/club-report';
import { formatDate } from '../../domain/dates';
import { ACTIVITY_AREAS } from '../../domain/meetings';
import { formatDong } from '../../domain/money';
import type { ReportPeriod } from '../../domain/periods';
import type { DeviceRole } from '../../domain/record';
import { formatPermille } from '../fund/fund-format';
import type { Translate } from './strings';

/**
 * How the report's figures read, on screen, on paper, in the CSV and in the shared text:
 * the groups they are shown in, what kind of number each is, and the words for its target.
 */

/** The report's groups, in the order the plan lists them (REPORTS.md), each with its figures in the domain's order. */
export const FIGURE_GROUPS = {
  members: ['members', 'women', 'men', 'womenPercent', 'older', 'olderPercent', 'olderWomen', 'olderWomenPercent', 'ageUnder60', 'age60to69', 'age70to79', 'age80plus', 'poor', 'nearPoor', 'joined', 'left'],
  meetings: [
    'months',
    'monthsWithMeeting',
    'meetingsHeld',
    'attendancePercent',
    'areasCovered',
    ...ACTIVITY_AREAS.map((area) => `area_${area}` as const),
    'fullActivities',
    'digitalSessions',
    'greenSessions',
    'startupSessions',
  ],
  homeCare: ['careVolunteers', 'caredFor', 'visits', 'visitsPerVolunteerWeekTenths', 'notVisited14Days'],
  health: ['membersChecked', 'membersCheckedPercent', 'checkedMonthlyPercent', 'checkedYear', 'checkedYearPercent', 'readings', 'highReadings', 'referrals'],
  incomeFund: ['incomeOpening', 'incomeSeed', 'incomeInterest', 'incomeDonations', 'incomeDues', 'incomeWriteOffs', 'incomeOther', 'incomeClosing'],
  loans: [
    'loansDisbursed',
    'loansDisbursedAmount',
    'principalRepaid',
    'loansWrittenOff',
    'loansActive',
    'loansOutstanding',
    'par30Permille',
    'overdueAmount',
    'interestCollected',
    'interestToIncome',
    'interestToOperating',
  ],
  borrowing: ['applicants', 'applicantsWithLoan', 'applicantsWithLoanPercent', 'borrowers', 'borrowersPercent'],
  operatingFund: ['operatingOpening', 'operatingDues', 'operatingInterest', 'operatingDonations', 'operatingExpenses', 'operatingOther', 'operatingClosing'],
  standard: ['standardScore', 'standard'],
} as const satisfies Record<string, readonly ReportFigure[]>;
export type FigureGroup = keyof typeof FIGURE_GROUPS;
export const GROUPS = Object.keys(FIGURE_GROUPS) as FigureGroup[];

// A figure the domain adds must be given a group here, or the report would leave it out: the type checker asks.
type Grouped = (typeof FIGURE_GROUPS)[FigureGroup][number];
const everyFigureGrouped: [Exclude<ReportFigure, Grouped>] extends [never] ? true : Exclude<ReportFigure, Grouped> = true;
void everyFigureGrouped;

/**
 * The books a group counts from. A phone whose role does not keep one of them (the
 * treasurer's keeps no visits or readings) would count nothing and show zeros that are not
 * true: the group says so instead.
 */
const GROUP_BOOKS: Record<FigureGroup, readonly CollectionName[]> = {
  members: ['members'],
  meetings: ['meetings', 'attendance'],
  homeCare: ['carePlans', 'visits'],
  health: ['readings', 'referrals'],
  incomeFund: ['entries'],
  loans: ['entries', 'loans'],
  borrowing: ['loans', 'loanApplications'],
  operatingFund: ['entries'],
  standard: ['meetings', 'attendance', 'visits', 'readings', 'entries'],
};

export function groupKept(group: FigureGroup, role: DeviceRole): boolean {
  return GROUP_BOOKS[group].every((name) => canRead(COLLECTIONS[name], role));
}

export type FigureKind = 'count' | 'percent' | 'money' | 'yesNo' | 'tenths' | 'permille' | 'points';

const MONEY_OUTSIDE_FUNDS = new Set<ReportFigure>([
  'loansDisbursedAmount',
  'principalRepaid',
  'loansWrittenOff',
  'loansOutstanding',
  'overdueAmount',
  'interestCollected',
  'interestToIncome',
  'interestToOperating',
]);
const FUND_FIGURES = new Set<ReportFigure>([...FIGURE_GROUPS.incomeFund, ...FIGURE_GROUPS.operatingFund]);

/** What kind of number a figure is (club-report.ts documents each). */
export function figureKind(figure: ReportFigure): FigureKind {
  if (FUND_FIGURES.has(figure) || MONEY_OUTSIDE_FUNDS.has(figure)) return 'money';
  if (figure.endsWith('Percent')) return 'percent';
  if (figure === 'par30Permille') return 'permille';
  if (figure === 'visitsPerVolunteerWeekTenths') return 'tenths';
  if (figure === 'standardScore') return 'points';
  if (figure.startsWith('area_') || figure === 'fullActivities' || figure === 'standard') return 'yesNo';
  return 'count';
}

const grouped = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const tenths = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A figure as people read it: "62", "58 %", "100.000.000 ₫", "Có", "2,5", "12,5 %"; "—" where there is nothing to count. */
export function formatFigure(value: number | null, kind: FigureKind, t: Translate): string {
  if (value === null) return '—';
  switch (kind) {
    case 'money':
      return formatDong(value);
    case 'percent':
      return `${value} %`;
    case 'permille':
      return formatPermille(value);
    case 'tenths':
      return tenths.format(value / 10);
    case 'yesNo':
      return t(value ? 'yes' : 'no');
    case 'points':
      return t('points', { value });
    default:
      return grouped.format(value);
  }
}

/** A figure's target in words: "Mục tiêu: từ 50", "Mục tiêu: họp đủ 6 tháng", "Mục tiêu: có". */
export function targetText(check: TargetCheck, t: Translate): string {
  switch (check.figure) {
    case 'monthsWithMeeting':
      return t('target.everyMonth', { value: check.target });
    case 'areasCovered':
      return t('target.allAreas');
    case 'fullActivities':
      return t('target.yes');
    case 'checkedMonthlyPercent':
      return t('target.everyMember');
    default:
      return t('target.atLeast', { value: formatFigure(check.target, figureKind(check.figure), t) });
  }
}

/** A check's verdict, a mark and a word (never the colour alone). */
export function verdictText(met: boolean | null, t: Translate): string {
  return met === null ? t('nothingToJudge') : t(met ? 'met' : 'unmet');
}

/** A figure's name; "older" says from which age the club counts. */
export function figureName(figure: ReportFigure, t: Translate, olderAgeFrom: number): string {
  return t(`figure.${figure}`, { age: olderAgeFrom });
}

/** "6 tháng đầu năm 2026", "Quý 2 năm 2026", "Tháng 6 năm 2026", "Năm 2026", "Từ 05/01/2026 đến 10/03/2026". */
export function periodName(period: ReportPeriod, t: Translate): string {
  const year = period.key.slice(0, 4);
  switch (period.kind) {
    case 'month':
      return t('period.month', { month: t(`monthName.${Number(period.key.slice(5, 7))}`), year });
    case 'quarter':
      return t('period.quarter', { quarter: period.key.slice(6), year });
    case 'half':
      return t(period.key.endsWith('H1') ? 'period.firstHalf' : 'period.secondHalf', { year });
    case 'year':
      return t('period.year', { year });
    default:
      return t('period.custom', { from: formatDate(period.from), to: formatDate(period.to) });
  }
}

export function periodDates(period: ReportPeriod, t: Translate): string {
  return t('period.dates', { from: formatDate(period.from), to: formatDate(period.to) });
}

/** Whether two reports hold the same figures (the chair's "changed since you sent it"). */
export function sameFigures(a: ReportFigures, b: Record<string, number | null>): boolean {
  return (Object.keys(a) as ReportFigure[]).every((figure) => (b[figure] ?? null) === a[figure]);
}

import type { AttendanceMark } from './attendance';
import { planInForce, type CarePlan } from './care-plans';
import { caredFor } from './care-figures';
import type { ClubFields } from './club';
import { addDays, daysBetween, lastDayOfMonth, type CalendarDate } from './dates';
import type { Entry } from './entries';
import { fundMovements, fundSummary, loanMovements } from './fund-figures';
import { hasPressure } from './health-figures';
import type { LoanApplication } from './loan-applications';
import { permille } from './loan-state';
import type { Loan } from './loans';
import { attendanceOf, meetingsIn, monthlyMeetings, onRoll, themeSessions, type Period } from './meeting-figures';
import { ACTIVITY_AREAS, type Meeting } from './meetings';
import { ageOn, type Member } from './members';
import type { Reading } from './readings';
import type { Referral } from './referrals';
import { standing, type StrikeOut } from './strike-outs';
import type { Visit } from './visits';

/**
 * The club's report for a period (REPORTS.md): every figure the plan measures, from the
 * records the books hold. One pure function for the phone (its own club) and the server
 * (every club), so the two can never disagree.
 *
 * The figures are a flat list of named numbers — counts, sums of đồng, whole percents, 1/0
 * for yes/no, null where a figure has nothing to count — because that is what a submitted
 * report keeps, what a CSV holds and what the association adds up. None names a person.
 */
export const REPORT_FIGURES = [
  // Members at the period's end, and who came and went in it.
  'members',
  'women',
  'men',
  'womenPercent',
  'older',
  'olderPercent',
  'olderWomen',
  'olderWomenPercent',
  'ageUnder60',
  'age60to69',
  'age70to79',
  'age80plus',
  'poor',
  'nearPoor',
  'joined',
  'left',
  // Meetings.
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
  // Home care.
  'careVolunteers',
  'caredFor',
  'visits',
  /** Visits a week per volunteer, in tenths (2.5 a week → 25). */
  'visitsPerVolunteerWeekTenths',
  'notVisited14Days',
  // Health.
  'membersChecked',
  'membersCheckedPercent',
  'checkedMonthlyPercent',
  'checkedYear',
  'checkedYearPercent',
  'readings',
  'highReadings',
  'referrals',
  // The income fund.
  'incomeOpening',
  'incomeSeed',
  'incomeInterest',
  'incomeDonations',
  'incomeDues',
  'incomeWriteOffs',
  'incomeOther',
  'incomeClosing',
  // Loans.
  'loansDisbursed',
  'loansDisbursedAmount',
  'principalRepaid',
  'loansWrittenOff',
  'loansActive',
  'loansOutstanding',
  /** PAR30 in tenths of a percent (12.5 % → 125). */
  'par30Permille',
  'overdueAmount',
  'interestCollected',
  'interestToIncome',
  'interestToOperating',
  // Borrowing.
  'applicants',
  'applicantsWithLoan',
  'applicantsWithLoanPercent',
  'borrowers',
  'borrowersPercent',
  // The operating fund.
  'operatingOpening',
  'operatingDues',
  'operatingInterest',
  'operatingDonations',
  'operatingExpenses',
  'operatingOther',
  'operatingClosing',
  // The standard club (REPORTS.md's checklist).
  'standardScore',
  'standard',
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];
export type ReportFigures = Record<ReportFigure, number | null>;

/** What the books hold, as the report reads them. A phone that does not keep a book passes []. */
export interface ClubBooks {
  club: ClubFields;
  members: readonly Member[];
  meetings: readonly Meeting[];
  attendance: readonly AttendanceMark[];
  carePlans: readonly CarePlan[];
  visits: readonly Visit[];
  readings: readonly Reading[];
  referrals: readonly Referral[];
  strikeOuts: readonly StrikeOut[];
  entries: readonly Entry[];
  loans: readonly Loan[];
  loanApplications: readonly LoanApplication[];
}

/** The lists behind the figures, for the report's screen and print (never sent). */
export interface ReportDetails {
  villages: { village: string; members: number }[];
  meetings: { heldOn: CalendarDate; kind: Meeting['kind']; attendancePercent: number | null }[];
  months: { month: string; held: boolean }[];
  areasMissing: (typeof ACTIVITY_AREAS)[number][];
}

export interface ClubReport {
  period: Period;
  figures: ReportFigures;
  details: ReportDetails;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole);
}

const during = (date: CalendarDate | null, period: Period) => date !== null && date >= period.from && date <= period.to;

function memberFigures(members: readonly Member[], club: ClubFields, period: Period) {
  const clubMembers = members.filter((m) => !m.deleted && !m.notMember);
  const atEnd = clubMembers.filter((m) => onRoll(m, period.to));
  const ages = atEnd.map((m) => ageOn(m, period.to));
  const older = atEnd.filter((_, i) => ages[i]! >= club.olderAgeFrom);
  const women = atEnd.filter((m) => m.gender === 'female').length;
  const olderWomen = older.filter((m) => m.gender === 'female').length;
  const villages = new Map<string, number>();
  for (const m of atEnd) villages.set(m.village ?? '', (villages.get(m.village ?? '') ?? 0) + 1);
  return {
    atEnd,
    villages: [...villages].map(([village, count]) => ({ village, members: count })).sort((a, b) => b.members - a.members || a.village.localeCompare(b.village, 'vi')),
    figures: {
      members: atEnd.length,
      women,
      men: atEnd.length - women,
      womenPercent: percent(women, atEnd.length),
      older: older.length,
      olderPercent: percent(older.length, atEnd.length),
      olderWomen,
      olderWomenPercent: percent(olderWomen, older.length),
      ageUnder60: ages.filter((a) => a < 60).length,
      age60to69: ages.filter((a) => a >= 60 && a < 70).length,
      age70to79: ages.filter((a) => a >= 70 && a < 80).length,
      age80plus: ages.filter((a) => a >= 80).length,
      poor: atEnd.filter((m) => m.poverty === 'poor').length,
      nearPoor: atEnd.filter((m) => m.poverty === 'nearPoor').length,
      joined: clubMembers.filter((m) => during(m.joinedOn, period)).length,
      left: clubMembers.filter((m) => during(m.leftOn, period)).length,
    },
  };
}

function meetingFigures(books: ClubBooks, period: Period) {
  const held = meetingsIn(books.meetings, period);
  const months = monthlyMeetings(books.meetings, period);
  // A monthly meeting whose roll was not called at all says nothing about attendance.
  const called = (a: ReturnType<typeof attendanceOf>) => (a.percent !== null && a.unmarked < a.onRoll ? a : null);
  const attendance = held.map((m) => ({ meeting: m, attendance: m.kind === 'monthly' ? called(attendanceOf(m, books.members, books.attendance)) : null }));
  const rates = attendance.flatMap((a) => (a.attendance ? [a.attendance.percent!] : []));
  const areas = new Set(held.flatMap((m) => m.areas));
  const themes = themeSessions(books.meetings, period);
  const monthsWithMeeting = months.filter((m) => m.held).length;
  return {
    details: {
      meetings: attendance.map(({ meeting, attendance: a }) => ({ heldOn: meeting.heldOn, kind: meeting.kind, attendancePercent: a?.percent ?? null })),
      months,
      areasMissing: ACTIVITY_AREAS.filter((a) => !areas.has(a)),
    },
    figures: {
      months: months.length,
      monthsWithMeeting,
      meetingsHeld: held.length,
      attendancePercent: rates.length === 0 ? null : Math.round(rates.reduce((sum, r) => sum + r, 0) / rates.length),
      areasCovered: areas.size,
      ...(Object.fromEntries(ACTIVITY_AREAS.map((area) => [`area_${area}`, areas.has(area) ? 1 : 0])) as Record<`area_${(typeof ACTIVITY_AREAS)[number]}`, number>),
      fullActivities: monthsWithMeeting === months.length && areas.size === ACTIVITY_AREAS.length ? 1 : 0,
      digitalSessions: themes.digital,
      greenSessions: themes.green,
      startupSessions: themes.startup,
    },
  };
}

function careFigures(books: ClubBooks, period: Period) {
  const visits = standing(books.visits, books.strikeOuts, 'visits');
  const inPeriod = visits.filter((v) => during(v.visitedOn, period));
  // A plan counts when it was in force on any day of the period.
  const plans = books.carePlans.filter((p) => !p.deleted && p.startedOn <= period.to && (p.endedOn === null || p.endedOn >= period.from));
  const volunteers = new Set([...plans.flatMap((p) => p.volunteerIds), ...inPeriod.map((v) => v.volunteerId)]);
  const weeks = (daysBetween(period.from, period.to) + 1) / 7;
  const atEnd = caredFor(books.carePlans.filter((p) => planInForce(p, period.to)), visits, period.to);
  return {
    careVolunteers: volunteers.size,
    caredFor: new Set(plans.map((p) => p.personId)).size,
    visits: inPeriod.length,
    visitsPerVolunteerWeekTenths: volunteers.size === 0 ? null : Math.round((inPeriod.length * 10) / volunteers.size / weeks),
    notVisited14Days: atEnd.filter((p) => p.notVisitedFor === 14).length,
  };
}

function healthFigures(books: ClubBooks, period: Period, membersAtEnd: readonly Member[], months: readonly { month: string }[]) {
  const readings = standing(books.readings, books.strikeOuts, 'readings');
  const referrals = standing(books.referrals, books.strikeOuts, 'referrals');
  const ids = new Set(membersAtEnd.map((m) => m.id));
  const checkedIn = (from: CalendarDate, to: CalendarDate) => new Set(readings.filter((r) => ids.has(r.personId) && r.takenOn >= from && r.takenOn <= to).map((r) => r.personId)).size;
  const inPeriod = readings.filter((r) => during(r.takenOn, period));
  const checked = checkedIn(period.from, period.to);
  // "Every member monthly": the mean, over the period's months, of the share of that month's members checked in it.
  const monthly = months.map(({ month }) => {
    // The period's first and last months may be cut short by its own dates.
    const first = `${month}-01`;
    const last = lastDayOfMonth(month);
    const from = first < period.from ? period.from : first;
    const to = last > period.to ? period.to : last;
    const people = books.members.filter((m) => !m.deleted && !m.notMember && onRoll(m, to));
    const theirs = new Set(people.map((m) => m.id));
    const seen = new Set(readings.filter((r) => theirs.has(r.personId) && r.takenOn >= from && r.takenOn <= to).map((r) => r.personId));
    return percent(seen.size, people.length);
  });
  const rates = monthly.filter((p): p is number => p !== null);
  const yearFrom = addDays(period.to, -364);
  const checkedYear = checkedIn(yearFrom, period.to);
  return {
    membersChecked: checked,
    membersCheckedPercent: percent(checked, membersAtEnd.length),
    checkedMonthlyPercent: rates.length === 0 ? null : Math.round(rates.reduce((s, r) => s + r, 0) / rates.length),
    checkedYear,
    checkedYearPercent: percent(checkedYear, membersAtEnd.length),
    readings: inPeriod.length,
    highReadings: inPeriod.filter((r) => hasPressure(r) && (r.systolic >= 140 || r.diastolic >= 90)).length,
    referrals: referrals.filter((r) => during(r.referredOn, period)).length,
  };
}

function fundFigures(books: ClubBooks, period: Period, membersAtEnd: readonly Member[]) {
  const moved = fundMovements(books.entries, period.from, period.to);
  const income = moved.incomeFund;
  const operating = moved.operatingFund;
  const summary = fundSummary(books.entries, books.loans, period.to);
  const loans = loanMovements(books.entries, period.from, period.to);
  const disbursed = books.loans.filter((l) => !l.deleted && l.source === 'disbursed' && during(l.disbursedOn, period));
  const applied = books.loanApplications.filter((a) => !a.deleted && during(a.appliedOn, period));
  const applicants = new Set(applied.map((a) => a.memberId));
  const lentFor = new Set(books.loans.filter((l) => !l.deleted && l.applicationId !== null).map((l) => l.applicationId));
  const applicantsWithLoan = new Set(applied.filter((a) => lentFor.has(a.id)).map((a) => a.memberId));
  const memberIds = new Set(membersAtEnd.map((m) => m.id));
  const borrowers = new Set(summary.states.filter((s) => s.status === 'active' && memberIds.has(s.loan.memberId)).map((s) => s.loan.memberId));
  const sum = (by: typeof income.byType, ...types: (keyof typeof income.byType)[]) => types.reduce((total, t) => total + (by[t] ?? 0), 0);
  const incomeNamed = {
    incomeSeed: sum(income.byType, 'seed'),
    incomeInterest: income.interest,
    incomeDonations: sum(income.byType, 'donation'),
    incomeDues: sum(income.byType, 'dues'),
    // Written off is money the fund lost: said as a positive amount.
    incomeWriteOffs: 0 - sum(income.byType, 'writeOff'),
  };
  const operatingNamed = {
    operatingDues: sum(operating.byType, 'dues'),
    operatingInterest: operating.interest,
    operatingDonations: sum(operating.byType, 'donation'),
    operatingExpenses: 0 - sum(operating.byType, 'expense'),
  };
  return {
    incomeOpening: income.opening,
    ...incomeNamed,
    // Everything else (a paper book moved in, a recovery, a transfer, a count's difference): every đồng is somewhere.
    incomeOther:
      income.closing - income.opening - (incomeNamed.incomeSeed + incomeNamed.incomeInterest + incomeNamed.incomeDonations + incomeNamed.incomeDues - incomeNamed.incomeWriteOffs),
    incomeClosing: income.closing,
    loansDisbursed: disbursed.length,
    loansDisbursedAmount: loans.disbursed,
    principalRepaid: loans.repaid,
    loansWrittenOff: loans.writtenOff,
    loansActive: summary.portfolio.activeLoans,
    loansOutstanding: summary.portfolio.outstanding,
    par30Permille: permille(summary.portfolio.atRisk30, summary.portfolio.outstanding),
    overdueAmount: summary.portfolio.overdueAmount,
    interestCollected: income.interest + operating.interest,
    interestToIncome: income.interest,
    interestToOperating: operating.interest,
    applicants: applicants.size,
    applicantsWithLoan: applicantsWithLoan.size,
    applicantsWithLoanPercent: percent(applicantsWithLoan.size, applicants.size),
    borrowers: borrowers.size,
    borrowersPercent: percent(borrowers.size, membersAtEnd.length),
    operatingOpening: operating.opening,
    ...operatingNamed,
    operatingOther:
      operating.closing -
      operating.opening -
      (operatingNamed.operatingDues + operatingNamed.operatingInterest + operatingNamed.operatingDonations - operatingNamed.operatingExpenses),
    operatingClosing: operating.closing,
  };
}

/**
 * A "standard" club (REPORTS.md): a checklist with weights — the official 100-point rubric is
 * not public; a good club scores 90 or more. Each item is met or not on the period's figures.
 */
export const STANDARD_CHECKLIST = [
  { item: 'monthlyMeetings', weight: 20 },
  { item: 'allAreas', weight: 20 },
  { item: 'attendance', weight: 15 },
  { item: 'fund', weight: 15 },
  { item: 'careNorms', weight: 15 },
  { item: 'membersChecked', weight: 15 },
] as const;
export type StandardItem = (typeof STANDARD_CHECKLIST)[number]['item'];
export const STANDARD_PASS_MARK = 90;

type Targets = Pick<
  ClubFields,
  | 'attendanceTargetPercent'
  | 'careVolunteersTarget'
  | 'caredForTarget'
  | 'visitsPerWeekTarget'
  | 'fundTarget'
  | 'checkedTargetPercent'
  | 'membersTarget'
  | 'olderTargetPercent'
  | 'olderWomenTargetPercent'
  | 'borrowingTargetPercent'
>;

/** Whether each checklist item is met by the figures, against the club's targets. */
export function standardItems(figures: ReportFigures, targets: Targets): Record<StandardItem, boolean> {
  const atLeast = (value: number | null, target: number) => value !== null && value >= target;
  return {
    monthlyMeetings: figures.months !== null && figures.months > 0 && figures.monthsWithMeeting === figures.months,
    allAreas: figures.areasCovered === ACTIVITY_AREAS.length,
    attendance: atLeast(figures.attendancePercent, targets.attendanceTargetPercent),
    fund: atLeast(figures.incomeClosing, targets.fundTarget),
    careNorms:
      atLeast(figures.careVolunteers, targets.careVolunteersTarget) &&
      atLeast(figures.caredFor, targets.caredForTarget) &&
      atLeast(figures.visitsPerVolunteerWeekTenths, targets.visitsPerWeekTarget * 10),
    membersChecked: atLeast(figures.checkedYearPercent, targets.checkedTargetPercent),
  };
}

/**
 * `today`: a period still running is counted to today — the members, the loans out and who
 * was not visited are as of today, not as of a day that has not come.
 */
export function clubReport(books: ClubBooks, whole: Period, today?: CalendarDate): ClubReport {
  const period = today !== undefined && today < whole.to ? { from: whole.from, to: today < whole.from ? whole.from : today } : whole;
  const members = memberFigures(books.members, books.club, period);
  const meetings = meetingFigures(books, period);
  const partial = {
    ...members.figures,
    ...meetings.figures,
    ...careFigures(books, period),
    ...healthFigures(books, period, members.atEnd, meetings.details.months),
    ...fundFigures(books, period, members.atEnd),
    standardScore: 0,
    standard: 0,
  } satisfies ReportFigures;
  const met = standardItems(partial, books.club);
  const score = STANDARD_CHECKLIST.reduce((total, { item, weight }) => total + (met[item] ? weight : 0), 0);
  const figures: ReportFigures = { ...partial, standardScore: score, standard: score >= STANDARD_PASS_MARK ? 1 : 0 };
  return { period: whole, figures, details: { villages: members.villages, ...meetings.details } };
}

/** One line of the report beside its target: met, not met, or null where there is no target or nothing to judge. */
export interface TargetCheck {
  figure: ReportFigure;
  target: number;
  /** 'atLeast' the target, or 'every' (all months, all 8 areas, every member). */
  met: boolean | null;
}

/** The figures that have a target (REPORTS.md), each judged against the club's settings. */
export function targetChecks(figures: ReportFigures, targets: Targets): TargetCheck[] {
  const atLeast = (figure: ReportFigure, target: number): TargetCheck => {
    const value = figures[figure];
    return { figure, target, met: value === null ? null : value >= target };
  };
  return [
    atLeast('members', targets.membersTarget),
    atLeast('olderWomenPercent', targets.olderWomenTargetPercent),
    atLeast('olderPercent', targets.olderTargetPercent),
    atLeast('monthsWithMeeting', figures.months ?? 0),
    atLeast('attendancePercent', targets.attendanceTargetPercent),
    atLeast('areasCovered', ACTIVITY_AREAS.length),
    atLeast('fullActivities', 1),
    atLeast('digitalSessions', 1),
    atLeast('greenSessions', 1),
    atLeast('startupSessions', 1),
    atLeast('careVolunteers', targets.careVolunteersTarget),
    atLeast('caredFor', targets.caredForTarget),
    atLeast('visitsPerVolunteerWeekTenths', targets.visitsPerWeekTarget * 10),
    atLeast('checkedMonthlyPercent', 100),
    atLeast('checkedYearPercent', targets.checkedTargetPercent),
    atLeast('incomeClosing', targets.fundTarget),
    atLeast('applicantsWithLoanPercent', targets.borrowingTargetPercent),
    atLeast('standardScore', STANDARD_PASS_MARK),
  ];
}

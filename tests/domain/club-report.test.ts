import { describe, expect, it } from 'vitest';
import { markId, type AttendanceMark, type Mark } from '../../src/domain/attendance';
import { newCarePlanFields, type CarePlan } from '../../src/domain/care-plans';
import { clubReport, REPORT_FIGURES, STANDARD_CHECKLIST, targetChecks, type ClubBooks } from '../../src/domain/club-report';
import { entries, type Entry, type EntryFields } from '../../src/domain/entries';
import { uuidv7 } from '../../src/domain/ids';
import { line, reversedLines, type Line } from '../../src/domain/ledger';
import { loanApplications, type LoanApplication } from '../../src/domain/loan-applications';
import { allocateRepayment, loanStates, repaymentLines } from '../../src/domain/loan-state';
import { loans, type Loan } from '../../src/domain/loans';
import { newMeetingFields, type Meeting } from '../../src/domain/meetings';
import { periodOf } from '../../src/domain/periods';
import { newReadingFields, type Reading } from '../../src/domain/readings';
import type { Referral } from '../../src/domain/referrals';
import type { StrikeOut } from '../../src/domain/strike-outs';
import { validate } from '../../src/domain/validation';
import type { Visit } from '../../src/domain/visits';
import { clubFields, memberRecord, stored } from './fixtures';

function checked<T>(schema: Parameters<typeof validate<T>>[0], record: unknown): T {
  const result = validate(schema, record);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

/*
 * A small club whose every figure for the first half of 2026 is counted by hand below.
 * Seen at 30/06/2026, the period's last day (olderAgeFrom 60):
 *   Lan   ♀ 1952 (74)  near-poor, in since 2024          → a member
 *   Đức   ♂ 1970 (56)  joins on 30/06/2026, the last day  → a member, joined
 *   Hoa   ♀ 1940 (86)  left on 01/03/2026                 → not a member at the end, left
 *   Tư    ♂ 1960 (66)  poor, in before the book began     → a member
 *   Mai   ♀ 1962       joins on 01/07/2026, the day after → neither
 *   a deleted member, and a neighbour the club only cares for → neither
 */
const H1 = periodOf('2026-H1')!;
const lan = memberRecord({ fullName: 'Nguyễn Thị Lan', gender: 'female', birthYear: 1952, poverty: 'nearPoor', joinedOn: '2024-01-15' });
const duc = memberRecord({ fullName: 'Trần Văn Đức', gender: 'male', birthYear: 1970, poverty: 'none', povertyYear: null, joinedOn: '2026-06-30', village: 'Thôn Tây' });
const hoa = memberRecord({ fullName: 'Lê Thị Hoa', gender: 'female', birthYear: 1940, poverty: 'none', povertyYear: null, joinedOn: '2023-05-01', leftOn: '2026-03-01' });
const tu = memberRecord({ fullName: 'Phạm Văn Tư', gender: 'male', birthYear: 1960, poverty: 'poor', joinedOn: null });
const mai = memberRecord({ fullName: 'Đỗ Thị Mai', gender: 'female', birthYear: 1962, poverty: 'none', povertyYear: null, joinedOn: '2026-07-01' });
const gone = memberRecord({ fullName: 'Bùi Thị Mận', joinedOn: '2020-01-01', deleted: true });
const neighbour = memberRecord({ fullName: 'Vũ Thị Nụ', birthYear: 1935, joinedOn: null, notMember: true });
const members = [lan, duc, hoa, tu, mai, gone, neighbour];

const meeting = (heldOn: string, fields: Partial<Meeting> = {}): Meeting => stored({ ...newMeetingFields(heldOn), ...fields });
const mark = (m: Meeting, memberId: string, value: Mark): AttendanceMark => ({ ...stored({ meetingId: m.id, memberId, mark: value }), id: markId(m.id, memberId) });

// Monthly meetings in every month but March (a meeting on the period's first day counts),
// an extra one in March (not monthly), one deleted, one the day before the period.
const jan = meeting('2026-01-01', { areas: ['health', 'income'] });
const feb = meeting('2026-02-10', { areas: ['spiritual', 'selfHelp'], themes: ['digital'] });
const marExtra = meeting('2026-03-15', { kind: 'extra' });
const marDeleted = meeting('2026-03-10', { deleted: true, areas: ['health'] });
const apr = meeting('2026-04-05', { areas: ['learning', 'homeCare'] });
const may = meeting('2026-05-05', { areas: ['resources'] });
const jun = meeting('2026-06-30', { areas: ['rights'], themes: ['green'] });
const dec = meeting('2025-12-31', { themes: ['startup'] });
const meetings = [jan, feb, marExtra, marDeleted, apr, may, jun, dec];
// Rolls: Jan and Feb Lan, Hoa, Tư; Apr Lan, Tư; Jun Lan, Tư and Đức (who joined that day). May: no roll called.
const attendance = [
  mark(jan, lan.id, 'present'),
  mark(jan, hoa.id, 'present'),
  mark(jan, tu.id, 'absent'), // 2 of 3: 67 %
  mark(feb, lan.id, 'present'),
  mark(feb, hoa.id, 'excused'),
  mark(feb, tu.id, 'present'), // 67 %
  mark(apr, lan.id, 'present'),
  mark(apr, tu.id, 'present'), // 100 %
  mark(jun, lan.id, 'present'),
  mark(jun, duc.id, 'present'),
  mark(jun, tu.id, 'absent'), // 67 %
];

// Home care: Lan visits the neighbour; from May, Lan and Đức are down for Tư.
const plans: CarePlan[] = [
  stored({ ...newCarePlanFields(neighbour.id, '2025-10-01'), volunteerIds: [lan.id] }),
  stored({ ...newCarePlanFields(tu.id, '2026-05-01'), volunteerIds: [lan.id, duc.id] }),
];
const visit = (personId: string, volunteerId: string, visitedOn: string): Visit =>
  stored({ personId, volunteerId, visitedOn, help: ['conversation'], note: null, needsAttention: false }, `${visitedOn}T03:00:00.000Z`);
const struckVisit = visit(neighbour.id, lan.id, '2026-03-10');
const visits = [
  visit(neighbour.id, lan.id, '2026-01-10'),
  visit(neighbour.id, lan.id, '2026-02-10'),
  visit(neighbour.id, lan.id, '2026-06-20'), // 10 days before the end
  visit(tu.id, duc.id, '2026-06-10'), // 20 days before the end: not visited for 14 days
  struckVisit,
  visit(neighbour.id, lan.id, '2025-12-20'),
];

// Health: Lan 150/95 (high) and 130/80; Đức a weight on the last day; Hoa 140/85 (high) before she left;
// the neighbour 180/110 (high) and referred; Tư only last September, and a reading of his struck out.
const reading = (personId: string, takenOn: string, fields: Partial<Reading>): Reading => stored({ ...newReadingFields(personId, takenOn, 'meeting'), ...fields }, `${takenOn}T03:00:00.000Z`);
const struckReading = reading(tu.id, '2026-04-01', { systolic: 160, diastolic: 100 });
const readings = [
  reading(lan.id, '2026-02-10', { systolic: 150, diastolic: 95 }),
  reading(lan.id, '2026-05-05', { systolic: 130, diastolic: 80 }),
  reading(duc.id, '2026-06-30', { weightKg: 62 }),
  reading(hoa.id, '2026-02-10', { systolic: 140, diastolic: 85 }),
  reading(neighbour.id, '2026-03-01', { systolic: 180, diastolic: 110 }),
  reading(tu.id, '2025-09-01', { systolic: 120, diastolic: 80 }),
  struckReading,
];
const referral = (personId: string, referredOn: string): Referral => stored({ personId, referredOn, referredTo: null, note: null });
const referrals = [referral(neighbour.id, '2026-03-02'), referral(neighbour.id, '2025-11-02')];
const strikeOuts: StrikeOut[] = [
  stored({ collection: 'visits' as const, recordId: struckVisit.id, reason: 'Ghi nhầm người' }),
  stored({ collection: 'readings' as const, recordId: struckReading.id, reason: 'Máy đo hỏng' }),
];

// The fund: the paper book at the end of December, then January's seed, dues, a donation,
// Lan's loan of 8 M at 1 % flat and its first instalment, an expense, and a donation
// recorded by mistake and reversed. Tư asked in March and was deferred.
const PHONE = uuidv7();
let made = 0;
function entry(type: EntryFields['type'], postedOn: string, lines: Line[], extra: Partial<EntryFields> = {}): Entry {
  made += 1;
  const createdAt = `${postedOn}T03:00:${String(made % 60).padStart(2, '0')}.000Z`;
  return checked(entries.recordSchema, {
    ...stored({}, createdAt),
    type,
    postedOn,
    lines,
    loanId: null,
    memberId: null,
    meetingId: null,
    reversesEntryId: null,
    note: null,
    phoneId: PHONE,
    ...extra,
  });
}
const application = (memberId: string, appliedOn: string, decision: LoanApplication['decision']): LoanApplication =>
  checked(loanApplications.recordSchema, {
    ...stored({}),
    memberId,
    appliedOn,
    amount: 8_000_000,
    termMonths: 12,
    purpose: null,
    decision,
    meetingId: decision === 'pending' ? null : jan.id,
    votesFor: null,
    votesAgainst: null,
  });
const lansApplication = application(lan.id, '2026-01-02', 'approved');
const applications = [lansApplication, application(tu.id, '2026-03-01', 'deferred'), application(hoa.id, '2025-11-01', 'approved')];
const loan: Loan = checked(loans.recordSchema, {
  ...stored({}),
  memberId: lan.id,
  applicationId: lansApplication.id,
  source: 'disbursed',
  principal: 8_000_000,
  originalPrincipal: null,
  disbursedOn: '2026-01-10',
  firstDueOn: '2026-01-25',
  termMonths: 12,
  rateBasisPoints: 100,
  method: 'flat',
  pattern: 'equal',
  roundTo: 1,
  toIncomeFundPercent: 50,
  purpose: null,
});
function fundBook(): Entry[] {
  const before = [
    entry('opening', '2025-12-31', [line('cash', 5_000_000), line('operatingFund', -1_000_000), line('incomeFund', -4_000_000)]),
    entry('seed', '2026-01-05', [line('bank', 10_000_000), line('incomeFund', -10_000_000)]),
    ...[1, 2, 3].map(() => entry('dues', '2026-01-08', [line('cash', 20_000), line('operatingFund', -20_000)], { memberId: lan.id })),
    entry('donation', '2026-01-09', [line('cash', 500_000), line('incomeFund', -500_000)]),
    entry('transfer', '2026-01-10', [line('cash', 4_000_000), line('bank', -4_000_000)]),
    entry('disbursement', '2026-01-10', [line('loans', 8_000_000, loan.id), line('cash', -8_000_000)], { loanId: loan.id, memberId: lan.id }),
  ];
  const allocation = allocateRepayment(loanStates([loan], before, '2026-01-25')[0]!, 746_667)!;
  const mistaken = entry('donation', '2026-01-27', [line('cash', 200_000), line('operatingFund', -200_000)]);
  return [
    ...before,
    entry('repayment', '2026-01-25', repaymentLines(loan, allocation), { loanId: loan.id, memberId: lan.id }),
    entry('expense', '2026-01-26', [line('operatingFund', 150_000), line('cash', -150_000)], { note: 'Văn phòng phẩm' }),
    mistaken,
    entry('reversal', '2026-01-28', reversedLines(mistaken.lines), { reversesEntryId: mistaken.id, note: 'Ghi nhầm' }),
  ];
}

function books(overrides: Partial<ClubBooks> = {}): ClubBooks {
  return {
    club: clubFields(),
    members,
    meetings,
    attendance,
    carePlans: plans,
    visits,
    readings,
    referrals,
    strikeOuts,
    entries: fundBook(),
    loans: [loan],
    loanApplications: applications,
    ...overrides,
  };
}

describe('the club’s report for the first half of 2026, counted by hand', () => {
  const report = clubReport(books(), H1);
  const f = report.figures;

  it('counts the members at the period’s end: one who joins on the last day is in, one who joins the day after is not', () => {
    expect(f).toMatchObject({
      members: 3,
      women: 1,
      men: 2,
      womenPercent: 33,
      older: 2,
      olderPercent: 67,
      olderWomen: 1,
      olderWomenPercent: 50,
      ageUnder60: 1,
      age60to69: 1,
      age70to79: 1,
      age80plus: 0,
      poor: 1,
      nearPoor: 1,
      joined: 1,
      left: 1,
    });
    expect(report.details.villages).toEqual([
      { village: 'Thôn Đông', members: 2 },
      { village: 'Thôn Tây', members: 1 },
    ]);
  });

  it('counts a meeting on the period’s first day, the months without a monthly meeting, the 8 areas and the themes', () => {
    expect(f).toMatchObject({
      months: 6,
      monthsWithMeeting: 5,
      meetingsHeld: 6,
      // (67 + 67 + 100 + 67) / 4: May's roll was never called, so it says nothing.
      attendancePercent: 75,
      areasCovered: 8,
      area_health: 1,
      area_rights: 1,
      fullActivities: 0,
      digitalSessions: 1,
      greenSessions: 1,
      startupSessions: 0,
    });
    expect(report.details.months.filter((m) => !m.held).map((m) => m.month)).toEqual(['2026-03']);
    expect(report.details.meetings.map((m) => [m.heldOn, m.attendancePercent])).toEqual([
      ['2026-01-01', 67],
      ['2026-02-10', 67],
      ['2026-03-15', null],
      ['2026-04-05', 100],
      ['2026-05-05', null],
      ['2026-06-30', 67],
    ]);
    expect(report.details.areasMissing).toEqual([]);
  });

  it('counts home care, leaving out the struck-out visit', () => {
    // 4 visits by 2 volunteers over 181 days (25.9 weeks): 0.08 a week each, 1 in tenths.
    expect(f).toMatchObject({ careVolunteers: 2, caredFor: 2, visits: 4, visitsPerVolunteerWeekTenths: 1, notVisited14Days: 1 });
  });

  it('counts health checks of members, readings at or over 140/90 and referrals, leaving out the struck-out reading', () => {
    expect(f).toMatchObject({
      membersChecked: 2,
      membersCheckedPercent: 67,
      // Jan 0 of 3, Feb 2 of 3, Mar 0 of 2, Apr 0 of 2, May 1 of 2, Jun 1 of 3: (0 + 67 + 0 + 0 + 50 + 33) / 6.
      checkedMonthlyPercent: 25,
      // Since 01/07/2025 Tư's September reading counts too.
      checkedYear: 3,
      checkedYearPercent: 100,
      readings: 5,
      highReadings: 3,
      referrals: 1,
    });
  });

  it('gives both funds’ movements to the đồng, a reversed donation being no donation', () => {
    expect(f).toMatchObject({
      incomeOpening: 4_000_000,
      incomeSeed: 10_000_000,
      incomeInterest: 40_000,
      incomeDonations: 500_000,
      incomeDues: 0,
      incomeWriteOffs: 0,
      incomeOther: 0,
      incomeClosing: 14_540_000,
      operatingOpening: 1_000_000,
      operatingDues: 60_000,
      operatingInterest: 40_000,
      operatingDonations: 0,
      operatingExpenses: 150_000,
      operatingOther: 0,
      operatingClosing: 950_000,
    });
  });

  it('gives the loans: lent, repaid, out, PAR30 by balances and the overdue instalments', () => {
    expect(f).toMatchObject({
      loansDisbursed: 1,
      loansDisbursedAmount: 8_000_000,
      principalRepaid: 666_667,
      loansWrittenOff: 0,
      loansActive: 1,
      loansOutstanding: 7_333_333,
      // February's instalment is 125 days late on 30/06: the whole balance is at risk.
      par30Permille: 1000,
      // February to June: five instalments of 666,667 + 80,000.
      overdueAmount: 5 * 746_667,
      interestCollected: 80_000,
      interestToIncome: 40_000,
      interestToOperating: 40_000,
    });
  });

  it('gives borrowing: of the two who asked in the period (one deferred), one has a loan; one member in three borrows', () => {
    expect(f).toMatchObject({ applicants: 2, applicantsWithLoan: 1, applicantsWithLoanPercent: 50, borrowers: 1, borrowersPercent: 33 });
  });

  it('scores the standard checklist: all 8 areas and members checked are met, the rest not', () => {
    const weight = (item: string) => STANDARD_CHECKLIST.find((c) => c.item === item)!.weight;
    expect(f.standardScore).toBe(weight('allAreas') + weight('membersChecked'));
    expect(f.standard).toBe(0);
  });

  it('holds every figure as a number or null, and nothing else: no name, no reading, no loan', () => {
    expect(Object.keys(f).sort()).toEqual([...REPORT_FIGURES].sort());
    for (const value of Object.values(f)) expect(value === null || Number.isInteger(value)).toBe(true);
  });

  it('judges each figure against the club’s targets', () => {
    const checks = Object.fromEntries(targetChecks(f, clubFields()).map((c) => [c.figure, c.met]));
    expect(checks).toMatchObject({
      members: false, // 3 of 50
      olderWomenPercent: true, // 50 % of 50 %
      monthsWithMeeting: false,
      attendancePercent: false,
      areasCovered: true,
      digitalSessions: true,
      startupSessions: false,
      checkedYearPercent: true,
      incomeClosing: false,
      applicantsWithLoanPercent: false,
    });
    const lowered = Object.fromEntries(targetChecks(f, clubFields({ membersTarget: 3, fundTarget: 14_540_000, borrowingTargetPercent: 50 })).map((c) => [c.figure, c.met]));
    expect(lowered).toMatchObject({ members: true, incomeClosing: true, applicantsWithLoanPercent: true });
  });
});

describe('period edges', () => {
  it('moves a member who joins on the first day of July into the second half, not the first', () => {
    expect(clubReport(books(), periodOf('2026-H2')!).figures).toMatchObject({ joined: 1, members: 4 });
    expect(clubReport(books(), periodOf('2026-07')!).figures).toMatchObject({ joined: 1, members: 4 });
  });

  it('counts the meeting on 31/12/2025 in December and not in January', () => {
    expect(clubReport(books(), periodOf('2025-12')!).figures).toMatchObject({ meetingsHeld: 1, startupSessions: 1, monthsWithMeeting: 1 });
    expect(clubReport(books(), periodOf('2026-01')!).figures).toMatchObject({ meetingsHeld: 1, startupSessions: 0, monthsWithMeeting: 1, attendancePercent: 67 });
  });

  it('gives an empty club nulls where there is nothing to divide, not a made-up 0 %', () => {
    const empty = clubReport(
      { ...books(), members: [], meetings: [], attendance: [], carePlans: [], visits: [], readings: [], referrals: [], strikeOuts: [], entries: [], loans: [], loanApplications: [] },
      H1,
    ).figures;
    expect(empty).toMatchObject({ members: 0, womenPercent: null, attendancePercent: null, visitsPerVolunteerWeekTenths: null, par30Permille: null, incomeClosing: 0, borrowersPercent: null });
  });

  it('counts the fund from the paper book’s opening when the period begins before it', () => {
    const f = clubReport(books(), periodOf('2025-12-01_2026-01-31')!).figures;
    // The paper book's opening on 31/12/2025 is inside this period: its 4 M are "other" income.
    expect(f).toMatchObject({ incomeOpening: 0, incomeOther: 4_000_000, incomeClosing: 14_540_000, operatingOther: 1_000_000 });
  });
});

describe('clubReport on records the club does not keep', () => {
  it('works for a phone without the fund or the care book', () => {
    const f = clubReport(books({ entries: [], loans: [], loanApplications: [], carePlans: [], visits: [], readings: [] }), H1).figures;
    expect(f).toMatchObject({ members: 3, incomeClosing: 0, caredFor: 0, membersChecked: 0 });
  });
});

describe('a period still running', () => {
  it('is counted to today: the loans late as of today, not as of the period’s end', () => {
    const year = periodOf('2026')!;
    // On 20/02/2026 only February's instalment (25/02) is not due yet: nothing is overdue.
    const early = clubReport(books(), year, '2026-02-20').figures;
    expect(early).toMatchObject({ overdueAmount: 0, par30Permille: 0, months: 2, loansOutstanding: 7_333_333 });
    expect(clubReport(books(), year).figures.overdueAmount).toBe(10 * 746_667 + 746_663);
  });
});

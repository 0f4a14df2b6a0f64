import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { dongSchema } from './money';
import { calendarDate, optionalText, text, wholeNumber } from './validation';
import { DEVICE_ROLES } from './record';
import { INTEREST_METHODS, REPAYMENT_PATTERNS } from './loans';

export const AREA_TYPES = ['plains', 'mountains'] as const;

/** Bắc Ninh caps a loan at 8 million; each club's own rules may set less or more. */
export const DEFAULT_MAX_LOAN = 8_000_000;
/** Interest collected goes half to the income fund, half to the operating fund. */
export const DEFAULT_INTEREST_TO_FUND_PERCENT = 50;
/** "Older" for the club's figures: 60 by law; many clubs count from 55. */
export const DEFAULT_OLDER_AGE_FROM = 60;
export const DEFAULT_LOAN_TERM_MONTHS = 12;
/** Good clubs reach 80 % attendance at their monthly meetings (DOMAIN.md). */
export const DEFAULT_ATTENDANCE_TARGET_PERCENT = 80;
/** Bắc Ninh's home-care norms (DOMAIN.md): 10 volunteers caring for 5 people, 3 visits a week each. */
export const DEFAULT_CARE_VOLUNTEERS_TARGET = 10;
export const DEFAULT_CARED_FOR_TARGET = 5;
export const DEFAULT_VISITS_PER_WEEK_TARGET = 3;
/** Monthly dues per member: clubs collect 5,000–20,000 đồng; each sets its own. */
export const DEFAULT_MONTHLY_DUES = 10_000;
/**
 * The report's targets (REPORTS.md, seed 001): at least 50 members, half of the older
 * members women, 60 % older, an income fund of 100 million, 70 % of members checked in the
 * year, and loans for 60 % of those who asked. The sources disagree, so each is a setting.
 */
export const DEFAULT_REPORT_TARGETS = {
  membersTarget: 50,
  olderWomenTargetPercent: 50,
  olderTargetPercent: 60,
  fundTarget: 100_000_000,
  checkedTargetPercent: 70,
  borrowingTargetPercent: 60,
} as const;

/**
 * The club's profile and its rules. One record per club, whose id is the club id.
 * Settings are top-level fields, not a nested object, so that two phones changing two
 * different settings both keep their change under field-by-field merge.
 */
export const club = defineCollection({
  name: 'club',
  kind: 'fieldMerge',
  shape: () => ({
    name: text(120, 'validation.clubNameRequired'),
    village: text(100, 'validation.villageRequired'),
    villageCode: optionalText(20),
    commune: text(100, 'validation.communeRequired'),
    province: text(60, 'validation.provinceRequired'),
    areaType: z.enum(AREA_TYPES, { error: 'validation.areaType' }),
    foundedOn: z.nullable(calendarDate),
    olderAgeFrom: wholeNumber(50, 70, 'validation.olderAgeFrom'),
    maxLoan: dongSchema.check(z.lte(1_000_000_000, { error: 'validation.maxLoan' })),
    /** Monthly flat interest in hundredths of a percent (50 = 0.5 %/month); null until the club sets it. */
    interestRateBasisPoints: z.nullable(wholeNumber(0, 1000, 'validation.interestRate')),
    interestToFundPercent: wholeNumber(0, 100, 'validation.percent'),
    loanTermMonths: wholeNumber(1, 60, 'validation.loanTerm'),
    /** The day of the month the club usually meets (a month that is shorter: its last day); null when it has none. */
    meetingDay: z.nullable(wholeNumber(1, 31, 'validation.meetingDay')),
    attendanceTargetPercent: wholeNumber(1, 100, 'validation.attendanceTarget'),
    careVolunteersTarget: wholeNumber(0, 500, 'validation.careTarget'),
    caredForTarget: wholeNumber(0, 500, 'validation.careTarget'),
    /** Visits a week each volunteer makes. */
    visitsPerWeekTarget: wholeNumber(1, 21, 'validation.visitsPerWeek'),
    /** The loan fund's rules for new loans (each loan keeps a copy of those in force when it was made). */
    loanMethod: z.enum(INTEREST_METHODS, { error: 'validation.invalidValue' }),
    loanPattern: z.enum(REPAYMENT_PATTERNS, { error: 'validation.invalidValue' }),
    loanRoundTo: z.union([z.literal(1), z.literal(100), z.literal(1000)], { error: 'validation.invalidValue' }),
    monthlyDues: dongSchema.check(z.lte(10_000_000, { error: 'validation.money' })),
    /** Which fund the dues go to (LEDGER.md: the operating fund, or the income fund by the club's rule). */
    duesTo: z.enum(['operatingFund', 'incomeFund'], { error: 'validation.invalidValue' }),
    membersTarget: wholeNumber(1, 100_000, 'validation.reportTarget'),
    olderWomenTargetPercent: wholeNumber(0, 100, 'validation.percent'),
    olderTargetPercent: wholeNumber(0, 100, 'validation.percent'),
    fundTarget: dongSchema.check(z.lte(1_000_000_000_000, { error: 'validation.money' })),
    checkedTargetPercent: wholeNumber(0, 100, 'validation.percent'),
    borrowingTargetPercent: wholeNumber(0, 100, 'validation.percent'),
  }),
  // The meeting book (schema version 2) brought these: an older app's club gets the defaults.
  added: {
    meetingDay: { since: 2, default: null },
    attendanceTargetPercent: { since: 2, default: DEFAULT_ATTENDANCE_TARGET_PERCENT },
    // Home care (schema version 3).
    careVolunteersTarget: { since: 3, default: DEFAULT_CARE_VOLUNTEERS_TARGET },
    caredForTarget: { since: 3, default: DEFAULT_CARED_FOR_TARGET },
    visitsPerWeekTarget: { since: 3, default: DEFAULT_VISITS_PER_WEEK_TARGET },
    // The loan fund (schema version 4).
    loanMethod: { since: 4, default: 'flat' },
    loanPattern: { since: 4, default: 'equal' },
    loanRoundTo: { since: 4, default: 1 },
    monthlyDues: { since: 4, default: DEFAULT_MONTHLY_DUES },
    duesTo: { since: 4, default: 'operatingFund' },
    // Reports (schema version 5).
    membersTarget: { since: 5, default: DEFAULT_REPORT_TARGETS.membersTarget },
    olderWomenTargetPercent: { since: 5, default: DEFAULT_REPORT_TARGETS.olderWomenTargetPercent },
    olderTargetPercent: { since: 5, default: DEFAULT_REPORT_TARGETS.olderTargetPercent },
    fundTarget: { since: 5, default: DEFAULT_REPORT_TARGETS.fundTarget },
    checkedTargetPercent: { since: 5, default: DEFAULT_REPORT_TARGETS.checkedTargetPercent },
    borrowingTargetPercent: { since: 5, default: DEFAULT_REPORT_TARGETS.borrowingTargetPercent },
  },
  read: DEVICE_ROLES,
  write: ['chair', 'board'],
});

export type ClubProfile = z.output<typeof club.recordSchema>;
export type ClubFields = z.output<typeof club.fieldsSchema>;

export function newClubFields(): ClubFields {
  return {
    name: '',
    village: '',
    villageCode: null,
    commune: '',
    province: '',
    areaType: 'plains',
    foundedOn: null,
    olderAgeFrom: DEFAULT_OLDER_AGE_FROM,
    maxLoan: DEFAULT_MAX_LOAN,
    interestRateBasisPoints: null,
    interestToFundPercent: DEFAULT_INTEREST_TO_FUND_PERCENT,
    loanTermMonths: DEFAULT_LOAN_TERM_MONTHS,
    meetingDay: null,
    attendanceTargetPercent: DEFAULT_ATTENDANCE_TARGET_PERCENT,
    careVolunteersTarget: DEFAULT_CARE_VOLUNTEERS_TARGET,
    caredForTarget: DEFAULT_CARED_FOR_TARGET,
    visitsPerWeekTarget: DEFAULT_VISITS_PER_WEEK_TARGET,
    loanMethod: 'flat',
    loanPattern: 'equal',
    loanRoundTo: 1,
    monthlyDues: DEFAULT_MONTHLY_DUES,
    duesTo: 'operatingFund',
    ...DEFAULT_REPORT_TARGETS,
  };
}

import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { DEVICE_ROLES } from './record';
import { acrossFields, calendarDate, optionalText, text, wholeNumber } from './validation';
import { foldForSearch, matchesFolded } from './names';
import { isCalendarDate, type CalendarDate } from './dates';

export const GENDERS = ['female', 'male'] as const;
export const POVERTY_STATUSES = ['poor', 'nearPoor', 'none'] as const;
/** What a member does in the club; a member may hold several (a volunteer on the board). */
export const MEMBER_ROLES = [
  'chair',
  'viceChair',
  'treasurer',
  'groupLeader',
  'volunteer',
  'careRecipient',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

const EARLIEST_BIRTH_YEAR = 1900;
const LATEST_YEAR = 2100;

export const members = defineCollection({
  name: 'members',
  kind: 'fieldMerge',
  shape: () => ({
    fullName: text(100, 'validation.fullNameRequired').check(
      z.refine((v) => /\p{L}/u.test(v), { error: 'validation.fullNameRequired' }),
    ),
    gender: z.enum(GENDERS, { error: 'validation.gender' }),
    /** Many older members know only their year of birth. */
    // Two messages: "type the year" for a blank or a non-number, and the range for a year
    // that cannot be (1890 is four digits: telling its writer "4 digits" helps no one).
    birthYear: z
      .int({ error: 'validation.birthYear' })
      .check(
        z.gte(EARLIEST_BIRTH_YEAR, { error: 'validation.birthYearRange' }),
        z.lte(LATEST_YEAR, { error: 'validation.birthYearRange' }),
      ),
    birthDate: z.nullable(calendarDate),
    phone: z.nullable(z.string({ error: 'validation.phone' }).check(z.regex(/^0\d{9}$/, { error: 'validation.phone' }))),
    citizenId: z.nullable(
      z.string({ error: 'validation.citizenId' }).check(z.regex(/^\d{12}$/, { error: 'validation.citizenId' })),
    ),
    /** Villages are being merged and renamed from 2026: text, plus an optional official code. */
    village: optionalText(100),
    villageCode: optionalText(20),
    /** Household cluster (tổ). */
    group: optionalText(60),
    poverty: z.enum(POVERTY_STATUSES, { error: 'validation.poverty' }),
    /**
     * Poverty is certified per year: the year of the certificate, or null when nobody knows
     * it (many households have lost the paper; the status still counts for the club).
     */
    povertyYear: z.nullable(wholeNumber(2000, LATEST_YEAR, 'validation.povertyYear')),
    livesAlone: z.boolean(),
    disability: z.boolean(),
    ethnicMinority: z.boolean(),
    // The key is explicit: zod runs a length check even on a value of the wrong type, and
    // for a string the generic message would be "too long".
    roles: z
      .array(z.enum(MEMBER_ROLES, { error: 'validation.invalidValue' }))
      .check(z.maxLength(MEMBER_ROLES.length, { error: 'validation.invalidValue' })),
    /**
     * null: the member was in the club before its book was started, date not recorded — the
     * usual case when a club types in its existing members. An empty answer is refused: the
     * date is asked for, never assumed.
     */
    joinedOn: z.nullable(
      z.string({ error: 'validation.date' }).check(
        z.refine((v) => v !== '', { error: 'validation.joinedOnRequired', abort: true }),
        z.refine(isCalendarDate, { error: 'validation.date' }),
      ),
    ),
    /** Members who leave are marked, never erased: the club's history keeps them. */
    leftOn: z.nullable(calendarDate),
    notes: optionalText(1000),
    /**
     * Someone the club cares for at home who is not a member (a frail neighbour): in the
     * register so visits and readings can name them, left out of every member count and roll.
     */
    notMember: z.boolean(),
  }),
  // Home care (schema version 3) brought people who are not members.
  added: { notMember: { since: 3, default: false } },
  check(member, ctx) {
    // zod still runs this check when a date failed its own check (a refinement issue does
    // not stop it): compare only real dates, or a blank "date joined" would also be told
    // "joined before birth" and a blank "date left" "left before joined".
    const birthDate = member.birthDate !== null && isCalendarDate(member.birthDate) ? member.birthDate : null;
    const leftOn = member.leftOn !== null && isCalendarDate(member.leftOn) ? member.leftOn : null;
    const joinedOn = typeof member.joinedOn === 'string' && isCalendarDate(member.joinedOn) ? member.joinedOn : null;
    const birthYear = Number.isInteger(member.birthYear) ? member.birthYear : null;
    if (birthDate !== null && birthYear !== null && Number(birthDate.slice(0, 4)) !== birthYear) {
      ctx.addIssue(acrossFields('birthDate', 'validation.birthDateYear', ['birthYear']));
    }
    if (leftOn !== null && joinedOn !== null && leftOn < joinedOn) {
      ctx.addIssue(acrossFields('leftOn', 'validation.leftBeforeJoined', ['joinedOn']));
    }
    // A birth year after the joining date is almost always the birth year mistyped (2030
    // for 1930): the error goes on the birth year, where the mistake is.
    if (joinedOn !== null && birthYear !== null && Number(joinedOn.slice(0, 4)) < birthYear) {
      ctx.addIssue(acrossFields('birthYear', 'validation.bornAfterJoining', ['joinedOn']));
    }
    if (Array.isArray(member.roles) && new Set(member.roles).size !== member.roles.length) {
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'validation.invalidValue' });
    }
  },
  read: DEVICE_ROLES,
  write: ['chair', 'board', 'treasurer'],
  localIndexes: ['updatedAt'],
});

export type Member = z.output<typeof members.recordSchema>;
export type MemberFields = z.output<typeof members.fieldsSchema>;

/** A blank member form. "Date joined" starts empty: it is asked for, never assumed to be today. */
export function newMemberFields(): MemberFields {
  return {
    fullName: '',
    gender: 'female',
    birthYear: Number.NaN,
    birthDate: null,
    phone: null,
    citizenId: null,
    village: null,
    villageCode: null,
    group: null,
    poverty: 'none',
    povertyYear: null,
    livesAlone: false,
    disability: false,
    ethnicMinority: false,
    roles: [],
    joinedOn: '',
    leftOn: null,
    notes: null,
    notMember: false,
  };
}

/** Age in whole years on a date: exact when the birth date is known, else by year. */
export function ageOn(member: Pick<Member, 'birthYear' | 'birthDate'>, date: CalendarDate): number {
  const year = Number(date.slice(0, 4));
  const age = year - member.birthYear;
  if (member.birthDate === null) return age;
  return date.slice(5) < member.birthDate.slice(5) ? age - 1 : age;
}

export function isActive(member: Member, on: CalendarDate): boolean {
  return !member.deleted && (member.leftOn === null || member.leftOn > on);
}

/** A member of the club, not someone it only cares for: what member counts and rolls count. */
export function isClubMember(member: Pick<Member, 'notMember'>): boolean {
  return !member.notMember;
}

export function isOlder(member: Member, on: CalendarDate, olderAgeFrom: number): boolean {
  return ageOn(member, on) >= olderAgeFrom;
}

export function isPoorOrNearPoor(member: Member): boolean {
  return member.poverty !== 'none';
}

export function hasRole(member: Member, role: MemberRole): boolean {
  return member.roles.includes(role);
}

/** The text a member is found by: name, phone and household cluster, folded once. */
export function memberSearchText(member: Member): string {
  return foldForSearch([member.fullName, member.phone ?? '', member.group ?? ''].join(' '));
}

export function memberMatches(member: Member, query: string): boolean {
  return matchesFolded(memberSearchText(member), query);
}

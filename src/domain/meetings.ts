import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { isCalendarDate } from './dates';
import { DEVICE_ROLES } from './record';
import { acrossFields, calendarDate, choiceList, optionalText, wholeNumber } from './validation';

/** What a meeting was: the monthly one the plan counts, or another gathering of the club. */
export const MEETING_KINDS = ['monthly', 'extra', 'healthDay', 'cultureSports', 'training'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * The 8 activity areas every club must run (8 mảng hoạt động), in the order the UI shows
 * them (DOMAIN.md).
 */
export const ACTIVITY_AREAS = ['health', 'income', 'spiritual', 'selfHelp', 'learning', 'homeCare', 'resources', 'rights'] as const;
export type ActivityArea = (typeof ACTIVITY_AREAS)[number];

/** The province's 2026 themes: digital skills ("Bình dân học vụ số"), green transition, start-ups and jobs. */
export const MEETING_THEMES = ['digital', 'green', 'startup'] as const;
export type MeetingTheme = (typeof MEETING_THEMES)[number];

/**
 * A meeting of the club: when, what kind, which of the 8 areas and the year's themes it
 * covered, and its minutes. Field-merge: the secretary types the minutes on one phone while
 * the chair ticks the areas on another, and both stay.
 */
export const meetings = defineCollection({
  name: 'meetings',
  kind: 'fieldMerge',
  shape: () => ({
    heldOn: calendarDate,
    kind: z.enum(MEETING_KINDS, { error: 'validation.meetingKind' }),
    place: optionalText(120),
    areas: choiceList(ACTIVITY_AREAS),
    themes: choiceList(MEETING_THEMES),
    topic: optionalText(200),
    minutes: optionalText(5000),
    decisions: optionalText(2000),
    /** People at the meeting who are not members (officials, guests, family). */
    guests: wholeNumber(0, 999, 'validation.guests'),
    nextPlannedOn: z.nullable(calendarDate),
  }),
  check(meeting, ctx) {
    const heldOn = isCalendarDate(meeting.heldOn) ? meeting.heldOn : null;
    const next = meeting.nextPlannedOn !== null && isCalendarDate(meeting.nextPlannedOn) ? meeting.nextPlannedOn : null;
    if (heldOn !== null && next !== null && next <= heldOn) ctx.addIssue(acrossFields('nextPlannedOn', 'validation.nextAfterHeld', ['heldOn']));
  },
  read: DEVICE_ROLES,
  write: ['chair', 'board'],
  localIndexes: ['heldOn'],
});

export type Meeting = z.output<typeof meetings.recordSchema>;
export type MeetingFields = z.output<typeof meetings.fieldsSchema>;

export function newMeetingFields(heldOn: string): MeetingFields {
  return {
    heldOn,
    kind: 'monthly',
    place: null,
    areas: [],
    themes: [],
    topic: null,
    minutes: null,
    decisions: null,
    guests: 0,
    nextPlannedOn: null,
  };
}

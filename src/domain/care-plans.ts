import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { isCalendarDate, type CalendarDate } from './dates';
import { acrossFields, calendarDate, choiceList, idList, optionalText, wholeNumber } from './validation';

/**
 * What a volunteer does on a home visit (DOMAIN.md, "Home-based care"), in the order the
 * visit screen shows them: the everyday help first, the measuring and the medical last.
 */
export const CARE_HELP = [
  'conversation',
  'cooking',
  'cleaning',
  'laundry',
  'hygiene',
  'massage',
  'farmWork',
  'dietAdvice',
  'medication',
  'bloodPressure',
  'pulse',
  'temperature',
  'injection',
] as const;
export type CareHelp = (typeof CARE_HELP)[number];

/** The most volunteers one person's plan names: a frail person has two or three, a street of them never more. */
export const MAX_PLAN_VOLUNTEERS = 10;

/** Who reads and writes the home-care and health books: never the treasurer's phone (it keeps the fund). */
export const CARE_READERS = ['chair', 'board', 'volunteer'] as const;

/**
 * A person the club cares for at home: who (a member, or someone in the register marked
 * "not a member"), which volunteers, how often a week, the help they usually need, and
 * from and until when. Field-merge: the board changes the volunteers on one phone while
 * another sets the end date, and both stay. A plan that ends is given its end date, never
 * erased: the visits before it still count.
 */
export const carePlans = defineCollection({
  name: 'carePlans',
  kind: 'fieldMerge',
  shape: () => ({
    personId: z.uuid({ error: 'validation.carePerson' }),
    volunteerIds: idList(MAX_PLAN_VOLUNTEERS, 'validation.careVolunteers').check(
      z.minLength(1, { error: 'validation.careVolunteers' }),
    ),
    visitsPerWeek: wholeNumber(1, 21, 'validation.visitsPerWeek'),
    usualHelp: choiceList(CARE_HELP),
    startedOn: calendarDate,
    endedOn: z.nullable(calendarDate),
    notes: optionalText(1000),
  }),
  check(plan, ctx) {
    const started = isCalendarDate(plan.startedOn) ? plan.startedOn : null;
    const ended = plan.endedOn !== null && isCalendarDate(plan.endedOn) ? plan.endedOn : null;
    if (started !== null && ended !== null && ended < started) ctx.addIssue(acrossFields('endedOn', 'validation.endedBeforeStarted', ['startedOn']));
  },
  read: CARE_READERS,
  write: ['chair', 'board'],
  localIndexes: ['personId'],
});

export type CarePlan = z.output<typeof carePlans.recordSchema>;
export type CarePlanFields = z.output<typeof carePlans.fieldsSchema>;

export function newCarePlanFields(personId: string, startedOn: CalendarDate): CarePlanFields {
  return { personId, volunteerIds: [], visitsPerWeek: 3, usualHelp: [], startedOn, endedOn: null, notes: null };
}

/** A plan in force on a day: started, not ended, not deleted. */
export function planInForce(plan: CarePlan, on: CalendarDate): boolean {
  return !plan.deleted && plan.startedOn <= on && (plan.endedOn === null || plan.endedOn >= on);
}

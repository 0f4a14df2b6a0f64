import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { CARE_HELP, CARE_READERS, type CareHelp } from './care-plans';
import type { CalendarDate } from './dates';
import { calendarDate, choiceList, optionalText } from './validation';

/**
 * A home visit, as the volunteer logs it at the door: who, by whom, the day, the help
 * given, a note, and whether the board should look. Append-only: a visit logged by mistake
 * is struck out (strike-outs.ts) — kept, shown struck through, left out of every figure.
 */
export const visits = defineCollection({
  name: 'visits',
  kind: 'appendOnly',
  shape: () => ({
    personId: z.uuid({ error: 'validation.carePerson' }),
    volunteerId: z.uuid({ error: 'validation.careVolunteer' }),
    visitedOn: calendarDate,
    help: choiceList(CARE_HELP).check(z.minLength(1, { error: 'validation.visitHelp' })),
    note: optionalText(500),
    /** The volunteer asks the board to look (worse, alone, no food, a fall). */
    needsAttention: z.boolean(),
  }),
  read: CARE_READERS,
  write: ['chair', 'board', 'volunteer'],
  localIndexes: ['personId', 'visitedOn'],
  // A volunteer's phone logs its own visits: the server refuses one in another's name.
  signedBy: 'volunteerId',
});

export type Visit = z.output<typeof visits.recordSchema>;
export type VisitFields = z.output<typeof visits.fieldsSchema>;

/** A new visit, pre-ticked with the help of the person's last visit: the usual visit is one tap. */
export function newVisitFields(personId: string, volunteerId: string, visitedOn: CalendarDate, usual: readonly CareHelp[]): VisitFields {
  return { personId, volunteerId, visitedOn, help: [...usual], note: null, needsAttention: false };
}

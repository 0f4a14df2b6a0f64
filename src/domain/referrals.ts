import * as z from 'zod/mini';
import { CARE_READERS } from './care-plans';
import { defineCollection } from './collection';
import { calendarDate, optionalText } from './validation';

/**
 * "We took (or sent) them to the health station": the step that takes an urgent reading
 * off the urgent list. Append-only; struck out if recorded by mistake.
 */
export const referrals = defineCollection({
  name: 'referrals',
  kind: 'appendOnly',
  shape: () => ({
    personId: z.uuid({ error: 'validation.carePerson' }),
    referredOn: calendarDate,
    /** The commune health station, unless another place is named. */
    referredTo: optionalText(120),
    note: optionalText(500),
  }),
  read: CARE_READERS,
  write: ['chair', 'board', 'volunteer'],
  localIndexes: ['personId'],
});

export type Referral = z.output<typeof referrals.recordSchema>;
export type ReferralFields = z.output<typeof referrals.fieldsSchema>;

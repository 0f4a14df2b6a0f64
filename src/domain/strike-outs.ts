import * as z from 'zod/mini';
import { defineCollection } from './collection';
import { CARE_READERS } from './care-plans';
import { text } from './validation';

/** The append-only records a person can strike out (a mistaken visit, a mistyped reading). */
export const STRUCK_COLLECTIONS = ['visits', 'readings', 'referrals'] as const;
export type StruckCollection = (typeof STRUCK_COLLECTIONS)[number];

/**
 * "This record was a mistake", with the reason. An append-only record is never changed or
 * erased; this record beside it strikes it out: shown struck through, left out of every
 * figure. Two phones striking the same record make two strike-outs; either is enough.
 */
export const strikeOuts = defineCollection({
  name: 'strikeOuts',
  kind: 'appendOnly',
  shape: () => ({
    collection: z.enum(STRUCK_COLLECTIONS, { error: 'validation.invalidValue' }),
    recordId: z.uuid({ error: 'validation.invalidValue' }),
    reason: text(300, 'validation.strikeReason'),
  }),
  read: CARE_READERS,
  write: ['chair', 'board', 'volunteer'],
  localIndexes: ['recordId'],
});

export type StrikeOut = z.output<typeof strikeOuts.recordSchema>;

/** The ids of struck-out records of one collection. */
export function struckIds(strikes: readonly StrikeOut[], collection: StruckCollection): Set<string> {
  const ids = new Set<string>();
  for (const strike of strikes) if (!strike.deleted && strike.collection === collection) ids.add(strike.recordId);
  return ids;
}

/** The records of a collection that count: not deleted, not struck out. */
export function standing<R extends { id: string; deleted: boolean }>(records: readonly R[], strikes: readonly StrikeOut[], collection: StruckCollection): R[] {
  const struck = struckIds(strikes, collection);
  return records.filter((r) => !r.deleted && !struck.has(r.id));
}

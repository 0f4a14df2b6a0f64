import { attendance } from './attendance';
import { cashCounts, reopenings } from './cash-counts';
import { entries } from './entries';
import { loanApplications } from './loan-applications';
import { loans } from './loans';
import { reviewChecks } from './review-items';
import { carePlans } from './care-plans';
import type { CollectionDefinition } from './collection';
import { club } from './club';
import { meetings } from './meetings';
import { members } from './members';
import { readings } from './readings';
import { referrals } from './referrals';
import { reports } from './reports';
import { strikeOuts } from './strike-outs';
import { visits } from './visits';

/**
 * The registry both the phone and the server read. Storage and sync are generic over
 * it: a new record type is a domain file plus a line here (and its screens).
 */
export const COLLECTIONS = {
  club,
  members,
  meetings,
  attendance,
  carePlans,
  visits,
  readings,
  referrals,
  strikeOuts,
  entries,
  loanApplications,
  loans,
  cashCounts,
  reopenings,
  reviewChecks,
  reports,
} as const satisfies Record<string, CollectionDefinition>;

export type CollectionName = keyof typeof COLLECTIONS;

export type RecordOf<N extends CollectionName> = ReturnType<(typeof COLLECTIONS)[N]['recordSchema']['parse']>;
export type FieldsOf<N extends CollectionName> = ReturnType<(typeof COLLECTIONS)[N]['fieldsSchema']['parse']>;

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export function findCollection(name: string): CollectionDefinition | undefined {
  return Object.hasOwn(COLLECTIONS, name) ? COLLECTIONS[name as CollectionName] : undefined;
}

import * as z from 'zod/mini';

/**
 * What every synced record carries (SYNC-PROTOCOL.md, "Records"). `createdAt` and
 * `updatedAt` come from the phone's clock: shown to people, never used to order changes.
 * Rows are never removed: `deleted` is a tombstone so that deletions sync too.
 */
export const recordShape = {
  id: z.uuid({ error: 'validation.invalidValue' }),
  clubId: z.uuid({ error: 'validation.invalidValue' }),
  createdAt: z.iso.datetime({ error: 'validation.invalidValue' }),
  updatedAt: z.iso.datetime({ error: 'validation.invalidValue' }),
  deleted: z.boolean(),
  /** The club version at which the server last changed the row; absent until the server has it. */
  version: z.optional(z.int({ error: 'validation.invalidValue' }).check(z.gte(0, { error: 'validation.invalidValue' }))),
};

export interface SyncedRecord {
  id: string;
  clubId: string;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
  version?: number;
}

/** The fields the sync layer owns; everything else in a record is what people type. */
export const RECORD_FIELDS = ['id', 'clubId', 'createdAt', 'updatedAt', 'deleted', 'version'] as const;

/**
 * Who a phone is in the club. The chair creates the club; the others join with an
 * invite the chair (or a vice-chair, who holds a board role) hands out.
 */
export const DEVICE_ROLES = ['chair', 'board', 'treasurer', 'volunteer'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

/** What a person edits in a record: everything but the fields the sync layer owns. */
export function fieldsOf<R extends SyncedRecord>(record: R): Omit<R, keyof SyncedRecord> {
  const {
    id: _id,
    clubId: _clubId,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    deleted: _deleted,
    version: _version,
    ...fields
  } = record;
  return fields;
}

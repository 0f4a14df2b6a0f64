import { COLLECTIONS, type CollectionName, type FieldsOf, type RecordOf } from '../domain/collections';
import { withAddedFields, type CollectionDefinition } from '../domain/collection';
import { uuidv7 } from '../domain/ids';
import { RECORD_FIELDS, type SyncedRecord } from '../domain/record';
import { validate } from '../domain/validation';
import type { ClubBookDatabase, OutboxMutation } from './database';
import { currentClubId, takeSeq } from './device';
import {
  NoClubError,
  RecordImmutableError,
  RecordInvalidError,
  RecordNotFoundError,
  asLocalWriteError,
} from './errors';
import { askForPersistentStorageOnce } from './persistence';

/**
 * Every change a person makes goes through here: the record and its outbox mutation are
 * stored in one IndexedDB transaction, so either both are on the phone or neither is.
 * Errors come out as LocalWriteError subclasses with a message key for the screen.
 */

/** The User Timing mark of a committed change (record + outbox entry). */
export const SAVED_MARK = 'so-clb:change-committed';

type AnyRecord = SyncedRecord & Record<string, unknown>;

interface Change {
  record: AnyRecord;
  mutation: Omit<OutboxMutation, 'seq'> | null;
}

function checked(collection: CollectionName, candidate: unknown): AnyRecord {
  const schema: CollectionDefinition['recordSchema'] = COLLECTIONS[collection].recordSchema;
  const result = validate(schema, candidate);
  if (!result.ok) throw new RecordInvalidError(result.problems);
  return result.value as AnyRecord;
}

function isSyncField(field: string): boolean {
  return (RECORD_FIELDS as readonly string[]).includes(field);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function commit(
  db: ClubBookDatabase,
  collection: CollectionName,
  decide: (existing: AnyRecord | undefined) => Promise<Change> | Change,
  id: string,
): Promise<AnyRecord> {
  const table = db.records<AnyRecord>(collection);
  let saved: AnyRecord;
  let queued = false;
  try {
    saved = await db.transaction('rw', [table, db.outbox, db.meta], async () => {
      const { record, mutation } = await decide(await table.get(id));
      if (mutation) {
        await table.put(record);
        await db.outbox.add({ ...mutation, seq: await takeSeq(db) });
        queued = true;
      }
      return record;
    });
  } catch (error) {
    throw asLocalWriteError(error);
  }
  // The moment the record and its outbox entry are committed, as a User Timing mark: the
  // browser's performance panel shows it, and `npm run bench` times "tap Save → stored and
  // queued" against it. Only the latest is kept, so a long day of saving piles nothing up.
  if (queued) {
    performance.clearMarks(SAVED_MARK);
    performance.mark(SAVED_MARK, { detail: { collection } });
    await askForPersistentStorageOnce(db).catch(() => {});
  }
  return saved;
}

function withoutId(record: AnyRecord): Record<string, unknown> {
  const { id: _id, ...rest } = record;
  return rest;
}

/**
 * Adds a new record with all its fields. `id` is for records whose id is decided by what
 * they are (an attendance mark: meetingId:memberId). The club's own record is made by
 * createClub (club.ts), never here.
 */
export async function createRecord<N extends Exclude<CollectionName, 'club'>>(
  db: ClubBookDatabase,
  collection: N,
  fields: FieldsOf<N>,
  options: { id?: string } = {},
): Promise<RecordOf<N>> {
  const id = options.id ?? uuidv7();
  const clubId = await currentClubId(db);
  if (!clubId) throw new NoClubError();
  const now = new Date().toISOString();
  const saved = await commit(
    db,
    collection,
    (existing) => {
      if (existing) throw new RecordImmutableError();
      const record = checked(collection, {
        ...fields,
        id,
        clubId,
        createdAt: now,
        updatedAt: now,
        deleted: false,
      });
      return {
        record,
        mutation: { collection, op: 'put', id, data: withoutId(record), queuedAt: now, status: 'pending' },
      };
    },
    id,
  );
  return saved as RecordOf<N>;
}

/**
 * Changes some fields of a record. Only the fields that really changed go into the
 * mutation: the server merges field by field, so a phone that edited the phone number
 * does not overwrite another phone's edit of the address.
 */
export async function updateRecord<N extends CollectionName>(
  db: ClubBookDatabase,
  collection: N,
  id: string,
  changes: Partial<FieldsOf<N>>,
): Promise<RecordOf<N>> {
  const now = new Date().toISOString();
  const saved = await commit(db, collection, (existing) => {
    if (!existing || existing.deleted) throw new RecordNotFoundError();
    if (COLLECTIONS[collection].kind === 'appendOnly') throw new RecordImmutableError();
    // id, clubId, createdAt and deleted belong to the sync layer, never to an edit.
    const edits = Object.fromEntries(Object.entries(changes).filter(([field]) => !isSyncField(field)));
    // A record kept from before a field was added takes the field's default.
    const record = checked(collection, { ...withAddedFields(COLLECTIONS[collection], existing), ...edits, updatedAt: now });
    const data: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      if (field !== 'updatedAt' && !sameValue(value, existing[field])) data[field] = value;
    }
    if (Object.keys(data).length === 0) return { record: existing, mutation: null };
    data.updatedAt = now;
    return { record, mutation: { collection, op: 'put', id, data, queuedAt: now, status: 'pending' } };
  }, id);
  return saved as RecordOf<N>;
}

/** Marks a record deleted (a tombstone, so the deletion syncs). Deletes win on the server. */
export async function deleteRecord(db: ClubBookDatabase, collection: CollectionName, id: string): Promise<void> {
  const now = new Date().toISOString();
  await commit(db, collection, (existing) => {
    if (!existing) throw new RecordNotFoundError();
    if (existing.deleted) return { record: existing, mutation: null };
    return {
      record: { ...existing, deleted: true, updatedAt: now },
      mutation: { collection, op: 'delete', id, data: { updatedAt: now }, queuedAt: now, status: 'pending' },
    };
  }, id);
}

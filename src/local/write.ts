import { COLLECTIONS, type CollectionName, type FieldsOf, type RecordOf } from '../domain/collections';
import { withAddedFields, type CollectionDefinition } from '../domain/collection';
import { uuidv7 } from '../domain/ids';
import { RECORD_FIELDS, type SyncedRecord } from '../domain/record';
import { validate } from '../domain/validation';
import type { ClubBookDatabase, OutboxMutation } from './database';
import { META, currentClubId, readMeta } from './device';
import {
  NoClubError,
  RecordImmutableError,
  RecordInvalidError,
  RecordNotFoundError,
  asLocalWriteError,
} from './errors';
import { askForPersistentStorageOnce } from './persistence';
import { trackWrite } from './writes-in-flight';

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

/** What to store for one record, seeing it as the phone holds it (and the phone's club, read in the same transaction). */
type Decide = (existing: AnyRecord | undefined, clubId: string | undefined) => Change;

/** The club a new record belongs to: a phone with no club yet stores nothing. */
function clubOf(clubId: string | undefined): string {
  if (!clubId) throw new NoClubError();
  return clubId;
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

/**
 * Stores records and their outbox mutations in one transaction: all of them, or none (a
 * roll-call's "everyone present" is one commit, not seventy). `decide` sees each record as
 * the phone holds it and says what to store; no mutation means nothing changed.
 */
async function commitEach(
  db: ClubBookDatabase,
  collection: CollectionName,
  items: readonly { id: string; decide: Decide }[],
): Promise<AnyRecord[]> {
  return commitAcross(db, items.map((item) => ({ ...item, collection })));
}

/** As commitEach, for records of several collections that must be stored together (a loan and its disbursement). */
async function commitAcross(
  db: ClubBookDatabase,
  items: readonly { collection: CollectionName; id: string; decide: Decide }[],
): Promise<AnyRecord[]> {
  const names = [...new Set(items.map((item) => item.collection))];
  const tables = names.map((name) => db.records<AnyRecord>(name));
  let saved: AnyRecord[];
  let queued = false;
  // When IndexedDB said the transaction was committed. Dexie's live queries (the badge, the
  // lists) rerun inside that same event, before this function goes on: the moment is taken
  // from the event, not from when this code gets to run again.
  let committedAt: number | undefined;
  try {
    // Counted as in flight from the tap itself (this line runs in the click's own task, before
    // any wait) until IndexedDB answers: the badge says "saving" until then.
    saved = await trackWrite(db.transaction('rw', [...tables, db.outbox, db.meta], async (tx) => {
      tx.idbtrans?.addEventListener('complete', (event) => (committedAt = onPageClock(event.timeStamp)), { once: true });
      // Everything the change depends on is asked for at once: on a cheap phone each wait for
      // IndexedDB's answer costs more than the reading itself.
      const [found, nextSeq, clubId] = await Promise.all([
        Promise.all(names.map((name, index) => tables[index]!.bulkGet(items.filter((item) => item.collection === name).map((item) => item.id)))),
        readMeta<number>(db, META.nextSeq),
        currentClubId(db),
      ]);
      const existing = new Map<string, AnyRecord | undefined>();
      names.forEach((name, index) => {
        const ids = items.filter((item) => item.collection === name).map((item) => item.id);
        ids.forEach((id, i) => existing.set(`${name}/${id}`, found[index]![i]));
      });
      const records: AnyRecord[] = [];
      const changed = new Map<string, AnyRecord[]>();
      const mutations: OutboxMutation[] = [];
      // The outbox's next seq, taken here and moved on past this change's mutations: never reused.
      const seq = nextSeq ?? 1;
      for (const item of items) {
        const { record, mutation } = item.decide(existing.get(`${item.collection}/${item.id}`), clubId);
        records.push(record);
        if (!mutation) continue;
        changed.set(item.collection, [...(changed.get(item.collection) ?? []), record]);
        mutations.push({ ...mutation, seq: seq + mutations.length });
      }
      if (mutations.length > 0) {
        await Promise.all([
          db.meta.put({ key: META.nextSeq, value: seq + mutations.length }),
          ...names.map((name, index) => {
            const rows = changed.get(name);
            return rows ? tables[index]!.bulkPut(rows) : undefined;
          }),
          db.outbox.bulkAdd(mutations),
        ]);
        queued = true;
      }
      return records;
    }));
  } catch (error) {
    throw asLocalWriteError(error);
  }
  // The moment the records and their outbox entries are committed, as a User Timing mark:
  // the browser's performance panel shows it, and `npm run bench` times "tap Save → stored and
  // queued" against it. Only the latest is kept, so a long day of saving piles nothing up.
  if (queued) {
    performance.clearMarks(SAVED_MARK);
    performance.mark(SAVED_MARK, { startTime: committedAt ?? performance.now(), detail: { collection: items[0]!.collection } });
    await askForPersistentStorageOnce(db).catch(() => {});
  }
  return saved;
}

/** An event's time on the page's clock; an IndexedDB stand-in (Node's tests) stamps wall-clock time instead: now, then. */
function onPageClock(timeStamp: number): number {
  const now = performance.now();
  return timeStamp > 0 && timeStamp <= now ? timeStamp : now;
}

async function commit(
  db: ClubBookDatabase,
  collection: CollectionName,
  decide: Decide,
  id: string,
): Promise<AnyRecord> {
  const [saved] = await commitEach(db, collection, [{ id, decide }]);
  return saved!;
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
  const [saved] = await createRecords(db, collection, [{ fields, id: options.id }]);
  return saved!;
}

/** Adds many new records in one transaction: all of them, or none (a club's history typed in, a sample book). */
export async function createRecords<N extends Exclude<CollectionName, 'club'>>(
  db: ClubBookDatabase,
  collection: N,
  // `madeAt`: only the practice book, whose history (a report sent last year) has its own moments.
  items: readonly { fields: FieldsOf<N>; id?: string; madeAt?: string }[],
): Promise<RecordOf<N>[]> {
  const now = new Date().toISOString();
  const saved = await commitEach(
    db,
    collection,
    items.map(({ fields, id = uuidv7(), madeAt = now }) => ({
      id,
      decide: (existing: AnyRecord | undefined, clubId: string | undefined) => {
        if (existing) throw new RecordImmutableError();
        return creation(collection, id, fields, clubOf(clubId), madeAt);
      },
    })),
  );
  return saved as RecordOf<N>[];
}

/**
 * New records of several collections in one transaction: all of them or none (a loan and
 * the entry that paid it out; a cash count and its over/short entry; the paper book moved in).
 */
export async function createAcross(
  db: ClubBookDatabase,
  items: readonly { collection: Exclude<CollectionName, 'club'>; fields: object; id?: string }[],
): Promise<AnyRecord[]> {
  const now = new Date().toISOString();
  return commitAcross(
    db,
    items.map(({ collection, fields, id = uuidv7() }) => ({
      collection,
      id,
      decide: (existing: AnyRecord | undefined, clubId: string | undefined) => {
        if (existing) throw new RecordImmutableError();
        return creation(collection, id, fields, clubOf(clubId), now);
      },
    })),
  );
}

function creation(collection: CollectionName, id: string, fields: object, clubId: string, now: string): Change {
  const record = checked(collection, { ...fields, id, clubId, createdAt: now, updatedAt: now, deleted: false });
  return { record, mutation: { collection, op: 'put', id, data: withoutId(record), queuedAt: now, status: 'pending' } };
}

/**
 * The fields that changed, as the record they make and the mutation that carries only
 * them (the server merges field by field). No mutation when nothing changed.
 */
function edit(collection: CollectionName, existing: AnyRecord, changes: Record<string, unknown>, now: string): Change {
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
  return { record, mutation: { collection, op: 'put', id: existing.id, data, queuedAt: now, status: 'pending' } };
}

/**
 * Records whose id is decided by what they are (an attendance mark: its meeting and
 * member): each is made when missing and changed when there, all in one transaction. Two
 * phones that make the same one write to the same record; the server merges them.
 */
export async function upsertRecords<N extends Exclude<CollectionName, 'club'>>(
  db: ClubBookDatabase,
  collection: N,
  items: readonly { id: string; fields: FieldsOf<N> }[],
): Promise<RecordOf<N>[]> {
  const now = new Date().toISOString();
  const saved = await commitEach(
    db,
    collection,
    items.map(({ id, fields }) => ({
      id,
      decide: (existing: AnyRecord | undefined, clubId: string | undefined) => {
        // A deleted one stays deleted (deletes win, here as on the server).
        if (existing?.deleted) throw new RecordNotFoundError();
        return existing ? edit(collection, existing, fields as Record<string, unknown>, now) : creation(collection, id, fields, clubOf(clubId), now);
      },
    })),
  );
  return saved as RecordOf<N>[];
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
  const saved = await commit(
    db,
    collection,
    (existing) => {
      if (!existing || existing.deleted) throw new RecordNotFoundError();
      return edit(collection, existing, changes as Record<string, unknown>, now);
    },
    id,
  );
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

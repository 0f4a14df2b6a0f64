import type { CollectionName } from '../domain/collections';
import type { SyncedRecord } from '../domain/record';
import type { ClubBookDatabase, OutboxMutation } from '../local/database';

/**
 * Local = server + pending (SYNC-PROTOCOL.md principle 5). A record on the phone is always
 * the server's copy with this phone's unacknowledged changes (pending, and refused ones
 * until a person discards them) replayed over it in seq order. That is what keeps a local
 * edit on screen while a pull brings an older copy of the same record.
 */

export type AnyRecord = SyncedRecord & Record<string, unknown>;

/**
 * Replays changes over a base copy the way the server merges them: a put writes the fields
 * it names; a delete makes a tombstone, and deletes win (a later put never revives it).
 * Returns undefined when there is no whole record: nothing from the server and no change
 * that created the record (a create carries `createdAt`; an edit only the changed fields).
 */
export function replay(base: AnyRecord | undefined, mutations: readonly OutboxMutation[]): AnyRecord | undefined {
  let record: Record<string, unknown> | undefined = base ? { ...base } : undefined;
  let deleted = base?.deleted === true;
  for (const mutation of mutations) {
    // A refused conflict is not what the server has: the record shows the server's (the
    // change waits under "needs attention" with the other phone's value).
    if (mutation.status === 'rejected' && mutation.rejection?.code === 'conflict') continue;
    if (mutation.op === 'put') {
      // A put after a deletion changes nothing: deletes win, here as on the server.
      if (!deleted) record = { ...record, ...mutation.data, id: mutation.id };
    } else if (record && !deleted) {
      // Deleting what is already deleted changes nothing either (the server answers
      // "unchanged"): the tombstone keeps the time of the first deletion, as the server's does.
      deleted = true;
      record = { ...record, ...mutation.data, id: mutation.id };
    }
    if (record && deleted) record.deleted = true;
  }
  if (!record || typeof record.createdAt !== 'string' || typeof record.clubId !== 'string') return undefined;
  return record as AnyRecord;
}

/** The outbox grouped by record, each group in seq order. */
export function mutationsByRecord(outbox: readonly OutboxMutation[]): Map<string, OutboxMutation[]> {
  const groups = new Map<string, OutboxMutation[]>();
  for (const mutation of [...outbox].sort((a, b) => a.seq - b.seq)) {
    const key = recordKey(mutation.collection, mutation.id);
    const group = groups.get(key);
    if (group) group.push(mutation);
    else groups.set(key, [mutation]);
  }
  return groups;
}

export function recordKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

/**
 * Rebuilds one local record from its server copy and the outbox. Call inside a transaction
 * over the collection's table, `serverCopies` and `outbox`.
 */
export async function recomputeRecord(db: ClubBookDatabase, collection: CollectionName, id: string): Promise<AnyRecord | undefined> {
  const copy = await db.serverCopies.get([collection, id]);
  const mutations = await db.outbox.where('[collection+id]').equals([collection, id]).sortBy('seq');
  const record = replay(copy?.record, mutations);
  const table = db.records<AnyRecord>(collection);
  if (record) await table.put(record);
  else await table.delete(id);
  return record;
}

import { COLLECTION_NAMES, type CollectionName } from '../domain/collections';
import type { ClubBookDatabase, MutationRejection, OutboxMutation } from '../local/database';
import { META, takeSeq } from '../local/device';
import { recomputeRecord, type AnyRecord } from './rebase';

/**
 * Changes the server refused wait here for a person (SYNC-PROTOCOL.md principle 1). Two
 * ways out: discard the change (the record goes back to what the server has, with this
 * phone's other changes), or fix it — edit the record, then send the refused change again
 * (retryRejected) with the corrected values.
 */

export interface NeedsAttention {
  seq: number;
  collection: CollectionName;
  /** The record the refused change was about. */
  id: string;
  op: 'put' | 'delete';
  /** The fields the refused change wrote. */
  data: Record<string, unknown>;
  queuedAt: string;
  rejection: MutationRejection;
  /** The record as the phone shows it now (with the refused change still in it), if any. */
  record: AnyRecord | undefined;
}

/** Refused changes, oldest first, each with its record as it is on the phone now. */
export async function listNeedsAttention(db: ClubBookDatabase): Promise<NeedsAttention[]> {
  return db.transaction('r', [db.outbox, ...COLLECTION_NAMES.map((name) => db.records(name))], async () => {
    const refused = await db.outbox.where('status').equals('rejected').sortBy('seq');
    const items: NeedsAttention[] = [];
    for (const mutation of refused) {
      items.push({
        seq: mutation.seq,
        collection: mutation.collection,
        id: mutation.id,
        op: mutation.op,
        data: mutation.data,
        queuedAt: mutation.queuedAt,
        rejection: mutation.rejection ?? { code: 'invalid', message: '' },
        record: await db.records<AnyRecord>(mutation.collection).get(mutation.id),
      });
    }
    return items;
  });
}

/**
 * Drops a refused change and rebuilds its record from the server's copy plus the changes
 * still queued. A record that never reached the server and has no other change disappears.
 * Only refused changes can be discarded: a pending one may already be on its way.
 * Returns the record as it now is on the phone (undefined when it is gone).
 */
export async function discardRejected(db: ClubBookDatabase, seq: number): Promise<AnyRecord | undefined> {
  const mutation = await db.outbox.get(seq);
  if (!mutation) return undefined;
  const table = db.records<AnyRecord>(mutation.collection);
  return db.transaction('rw', [db.outbox, db.serverCopies, db.meta, table], async () => {
    const current: OutboxMutation | undefined = await db.outbox.get(seq);
    if (!current) return undefined;
    if (current.status !== 'rejected') throw new Error(`Change ${seq} is not refused; only refused changes can be discarded`);
    await db.outbox.delete(seq);
    const serverHasCopy = (await db.serverCopies.get([current.collection, current.id])) !== undefined;
    if (!serverHasCopy && current.op === 'put') {
      // A creation carries the whole record (createdAt among it); an edit only what changed.
      if (typeof current.data.createdAt === 'string') {
        // A refused creation the person has since corrected (a later change to the same
        // record): the server never had the record, so the correction alone could not make
        // it. The next change carries the whole record as the person now sees it, and makes it.
        const later = (await db.outbox.where('[collection+id]').equals([current.collection, current.id]).sortBy('seq')).find(
          (m) => m.op === 'put',
        );
        const record = await table.get(current.id);
        if (later && record && !record.deleted) {
          const { id: _id, version: _version, ...whole } = record;
          await db.outbox.update(later.seq, { data: { ...whole, updatedAt: later.data.updatedAt ?? whole.updatedAt } });
          return record;
        }
      } else {
        // An edit of a record the server has but this phone holds no copy of (kept only since
        // acknowledgements write copies): nothing here says what the server has, so nothing is
        // guessed and nothing else is sent with it. The record stays as it is until the next
        // pull, which starts over to bring every copy.
        await db.meta.delete(META.pullCursor);
        return table.get(current.id);
      }
    }
    return recomputeRecord(db, current.collection, current.id);
  });
}

/**
 * Sends a refused change again, as the record now is on the phone: after the person has
 * corrected it, the fields the refused change wrote go out with their corrected values
 * (all fields, when the refused change created the record). Nothing is sent for a record
 * that is no longer on the phone.
 */
export async function retryRejected(db: ClubBookDatabase, seq: number): Promise<void> {
  const mutation = await db.outbox.get(seq);
  if (!mutation) return;
  const table = db.records<AnyRecord>(mutation.collection);
  await db.transaction('rw', [db.outbox, db.meta, table], async () => {
    const refused = await db.outbox.get(seq);
    if (!refused || refused.status !== 'rejected') return;
    const record = await table.get(refused.id);
    await db.outbox.delete(seq);
    if (!record) return;
    const now = new Date().toISOString();
    const data: Record<string, unknown> = {};
    if (refused.op === 'put') {
      for (const field of Object.keys(refused.data)) if (field in record) data[field] = record[field];
    }
    data.updatedAt = now;
    await db.outbox.add({
      seq: await takeSeq(db),
      collection: refused.collection,
      op: refused.op,
      id: refused.id,
      data,
      queuedAt: now,
      status: 'pending',
    });
  });
}

import { withAddedFields } from '../domain/collection';
import { COLLECTION_NAMES, findCollection, type CollectionName } from '../domain/collections';
import { DEFAULT_PULL_LIMIT, SCHEMA_VERSION, type PullResponse } from '../domain/protocol';
import type { ClubBookDatabase, ServerCopy } from '../local/database';
import { META, readMeta } from '../local/device';
import { saveRole, type ServerConnection } from './connection';
import { callServer, type HttpOptions } from './http';
import { mutationsByRecord, recordKey, recomputeRecord, replay, type AnyRecord } from './rebase';
import { checkEpoch } from './recover';

/**
 * Fetches the other phones' changes page by page. Each page and the cursor after it are
 * committed in one Dexie transaction, so a pull cut off on 3G resumes where it stopped and
 * never applies a page twice with a cursor that says otherwise.
 */

export interface PullSummary {
  pages: number;
  changes: number;
  /** Of those, changes that were not this phone's own coming back: what other phones did. */
  fromOthers: number;
}

/** Every store a page touches, for the one transaction that applies it. */
function pageTables(db: ClubBookDatabase) {
  return [...COLLECTION_NAMES.map((name) => db.records(name)), db.serverCopies, db.outbox, db.meta];
}

/**
 * Stores a page: the server copies, then each local record rebuilt as that copy with this
 * phone's unacknowledged changes replayed over it, then the cursor. A `reset` page starts
 * a full copy: copies not seen again before the full copy ends are gone on the server.
 */
export async function applyPage(db: ClubBookDatabase, page: PullResponse): Promise<number> {
  return db.transaction('rw', pageTables(db), async () => {
    let mark = await readMeta<number>(db, META.resetMark);
    if (page.reset && mark === undefined) {
      mark = Date.now();
      await db.meta.put({ key: META.resetMark, value: mark });
    }
    const queued = mutationsByRecord(await db.outbox.toArray());
    const copies: ServerCopy[] = [];
    const locals = new Map<CollectionName, { put: AnyRecord[]; remove: string[] }>();
    for (const change of page.changes) {
      // A collection this app version does not know (a newer server): nothing to show it in.
      const definition = findCollection(change.collection);
      if (!definition) continue;
      const collection = change.collection as CollectionName;
      // From a server older than a field this app has: the field's default.
      const record = withAddedFields(definition, { ...change.record, id: change.id }) as AnyRecord;
      copies.push(mark === undefined ? { collection, id: change.id, record } : { collection, id: change.id, record, resetMark: mark });
      const local = replay(record, queued.get(recordKey(collection, change.id)) ?? []);
      let target = locals.get(collection);
      if (!target) locals.set(collection, (target = { put: [], remove: [] }));
      if (local) target.put.push(local);
      else target.remove.push(change.id);
    }
    await db.serverCopies.bulkPut(copies);
    for (const [collection, { put, remove }] of locals) {
      await db.records(collection).bulkPut(put);
      await db.records(collection).bulkDelete(remove);
    }
    await db.meta.bulkPut([
      { key: META.pullCursor, value: page.cursor },
      { key: META.pullSchemaVersion, value: SCHEMA_VERSION },
    ]);
    if (!page.hasMore) {
      if (mark !== undefined) await finishFullCopy(db, mark);
      await db.meta.put({ key: META.lastPullAt, value: page.serverTime ?? new Date().toISOString() });
    }
    return copies.length;
  });
}

/**
 * The full copy is in: every server copy it did not bring was purged on the server, so it
 * goes, and its record is rebuilt from this phone's own changes alone (or goes too). Local
 * records the server never had and no change of ours explains are dropped the same way.
 */
async function finishFullCopy(db: ClubBookDatabase, mark: number): Promise<void> {
  const stale = new Set<string>();
  const toRecompute: [CollectionName, string][] = [];
  await db.serverCopies.each((copy) => {
    if (copy.resetMark !== mark) {
      stale.add(recordKey(copy.collection, copy.id));
      toRecompute.push([copy.collection, copy.id]);
    }
  });
  await db.serverCopies.bulkDelete(toRecompute.map(([collection, id]) => [collection, id] as [string, string]));
  for (const collection of COLLECTION_NAMES) {
    const ids = (await db.records(collection).toCollection().primaryKeys()) as string[];
    const present = new Set((await db.serverCopies.where('[collection+id]').between([collection, ''], [collection, '\uffff']).primaryKeys()).map((key) => key[1]));
    for (const id of ids) {
      if (!present.has(id) && !stale.has(recordKey(collection, id))) toRecompute.push([collection, id]);
    }
  }
  for (const [collection, id] of toRecompute) await recomputeRecord(db, collection, id);
  await db.meta.delete(META.resetMark);
}

/**
 * A cursor made by an older app version passed over the records of collections that app
 * did not know (it had nowhere to keep them): after the update that brings them, the pull
 * starts from the beginning once, so the new books arrive with their history.
 */
async function startOverAfterUpdate(db: ClubBookDatabase): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const cursor = await readMeta<string>(db, META.pullCursor);
    if (cursor === undefined || (await readMeta<number>(db, META.pullSchemaVersion)) === SCHEMA_VERSION) return;
    await db.meta.delete(META.pullCursor);
  });
}

/** Pulls until the server says there is no more. Returns how many changes arrived. */
export async function pullAll(
  db: ClubBookDatabase,
  connection: ServerConnection,
  options: HttpOptions & { pullLimit?: number; ownChanges?: ReadonlySet<string> } = {},
): Promise<PullSummary> {
  const summary: PullSummary = { pages: 0, changes: 0, fromOthers: 0 };
  await startOverAfterUpdate(db);
  for (;;) {
    const cursor = await readMeta<string>(db, META.pullCursor);
    // schemaVersion lets the server tell a too-old app to update (426) on a pull as well.
    const query = new URLSearchParams({
      since: cursor ?? '0',
      limit: String(options.pullLimit ?? DEFAULT_PULL_LIMIT),
      schemaVersion: String(SCHEMA_VERSION),
    });
    const page = await callServer<PullResponse>(
      { serverUrl: connection.serverUrl, method: 'GET', path: `/sync/pull?${query}`, token: connection.token },
      options,
    );
    summary.changes += await applyPage(db, page);
    await checkEpoch(db, page.epoch);
    // A new role (the chair's handed over): pull on from the start, as that role reads.
    if (page.role && (await saveRole(db, page.role))) continue;
    summary.fromOthers += page.changes.filter((change) => !options.ownChanges?.has(recordKey(change.collection, change.id))).length;
    summary.pages++;
    if (!page.hasMore) return summary;
  }
}

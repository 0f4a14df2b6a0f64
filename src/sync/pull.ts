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

/**
 * A pull that brings the whole book (a new phone's first pull, a full copy after `reset`, a
 * start-over after an update or a new role) and takes more than one page, as `meta` keeps it:
 * written in the transaction of each page with that page's cursor, so what it says is exactly
 * what is stored — across the app being closed, the service worker pulling, and the resumes.
 * The server does not say how many records remain, so it counts what came.
 */
export const BOOK_PULL_KEY = 'bookPull';

export interface BookPull {
  /** Changes stored so far, over every run of this pull. */
  received: number;
  /** Runs of pullAll that brought its pages: more than 1 once it went on after a cut-off. */
  runs: number;
  startedAt: string;
  lastPageAt: string;
  /** The last page is in; the record stays until the person has seen it (dismissBookPull). */
  done: boolean;
}

/** Told after each page is committed: what this run stored, and the whole-book pull's record. */
export interface PullProgress {
  /** Changes stored by this run of pullAll so far. */
  received: number;
  pages: number;
  hasMore: boolean;
  /** The whole-book pull this page belongs to (BookPull), if it is one. */
  bookPull?: BookPull;
}

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
export async function applyPage(db: ClubBookDatabase, page: PullResponse, run: { first?: boolean } = {}): Promise<number> {
  return (await applyPageCounted(db, page, run)).stored;
}

async function applyPageCounted(db: ClubBookDatabase, page: PullResponse, run: { first?: boolean }): Promise<{ stored: number; bookPull?: BookPull }> {
  return db.transaction('rw', pageTables(db), async () => {
    const fromStart = (await readMeta<string>(db, META.pullCursor)) === undefined;
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
    const bookPull = await countBookPull(db, page, copies.length, fromStart, run.first === true);
    return { stored: copies.length, bookPull };
  });
}

/**
 * Keeps the whole-book pull's record (BookPull) with the page, in its transaction. A pull
 * from no cursor or a `reset` page starts one, when it is longer than a page; one not done
 * goes on counting, and a run that takes it up again after a cut-off counts as a new run.
 */
async function countBookPull(db: ClubBookDatabase, page: PullResponse, stored: number, fromStart: boolean, firstOfRun: boolean): Promise<BookPull | undefined> {
  const now = new Date().toISOString();
  const kept = await readMeta<BookPull>(db, BOOK_PULL_KEY);
  let bookPull: BookPull | undefined;
  if (kept && !kept.done) bookPull = { ...kept, runs: kept.runs + (firstOfRun ? 1 : 0) };
  else if ((fromStart || page.reset) && page.hasMore) bookPull = { received: 0, runs: 1, startedAt: now, lastPageAt: now, done: false };
  if (!bookPull) return undefined;
  bookPull = { ...bookPull, received: bookPull.received + stored, lastPageAt: now, done: !page.hasMore };
  await db.meta.put({ key: BOOK_PULL_KEY, value: bookPull });
  return bookPull;
}

/** The person has seen that the whole book is in: the record of its pull goes. */
export async function dismissBookPull(db: ClubBookDatabase): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if ((await readMeta<BookPull>(db, BOOK_PULL_KEY))?.done) await db.meta.delete(BOOK_PULL_KEY);
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

export interface PullOptions extends HttpOptions {
  pullLimit?: number;
  ownChanges?: ReadonlySet<string>;
  /**
   * Told after each page is stored (never more often), for a screen to show how far a long
   * pull is. Generic: it counts changes, whatever their collection. A listener that throws
   * is ignored: showing progress must never stop a pull.
   */
  onProgress?: (progress: PullProgress) => void;
}

/** Pulls until the server says there is no more. Returns how many changes arrived. */
export async function pullAll(db: ClubBookDatabase, connection: ServerConnection, options: PullOptions = {}): Promise<PullSummary> {
  const summary: PullSummary = { pages: 0, changes: 0, fromOthers: 0 };
  await startOverAfterUpdate(db);
  let pagesStored = 0;
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
    const applied = await applyPageCounted(db, page, { first: pagesStored === 0 });
    pagesStored++;
    summary.changes += applied.stored;
    try {
      options.onProgress?.({ received: summary.changes, pages: pagesStored, hasMore: page.hasMore, bookPull: applied.bookPull });
    } catch {
      // A screen's trouble is not the pull's.
    }
    await checkEpoch(db, page.epoch);
    // A new role (the chair's handed over): pull on from the start, as that role reads.
    if (page.role && (await saveRole(db, page.role))) continue;
    summary.fromOthers += page.changes.filter((change) => !options.ownChanges?.has(recordKey(change.collection, change.id))).length;
    summary.pages++;
    if (!page.hasMore) return summary;
  }
}

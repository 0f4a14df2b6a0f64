import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../src/domain/collections';
import { ClubBookDatabase } from '../../src/local/database';
import { META, type ServerConnection } from '../../src/local/device';
import { syncStatus } from '../../src/local/queries';
import { discardRejected } from '../../src/sync/attention';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { FIXTURES, outboxOf, recordsOf, type Fixture, type IndexedDbDump } from '../fixtures/frozen';
import { deleteIndexedDb, restoreIndexedDb } from '../fixtures/indexeddb';
import { FROZEN_SERVER_KINDS, serveFrozen, type FrozenServerKind } from '../fixtures/server';
import { serverRecords } from './real-server';

/**
 * The whole upgrade, end to end in Node (issue 9, point 11): the frozen phones of a version,
 * opened by today's app, meet their frozen server, migrated by today's server. The chair's
 * changes that waited offline go out and are acknowledged; the one the server refused stays
 * refused; each phone then holds exactly what a fresh pull of the server holds.
 */

type Served = Awaited<ReturnType<typeof serveFrozen>>;
let served: Served | undefined;
const phones: { db: ClubBookDatabase; name: string }[] = [];
afterEach(async () => {
  for (const { db, name } of phones.splice(0)) {
    db.close();
    await deleteIndexedDb(name);
  }
  await served?.close();
  served = undefined;
});

/** A frozen phone opened by today's app, pointed at the test server (its token unchanged). */
async function frozenPhone(dump: IndexedDbDump, serverUrl: string): Promise<ClubBookDatabase> {
  const name = await restoreIndexedDb(dump);
  const db = new ClubBookDatabase(name);
  phones.push({ db, name });
  const connection = (await db.meta.get(META.connection))!.value as ServerConnection;
  await db.meta.put({ key: META.connection, value: { ...connection, serverUrl } });
  return db;
}

async function phoneRecords(db: ClubBookDatabase): Promise<Map<string, Record<string, unknown>>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const collection of COLLECTION_NAMES) {
    for (const record of await db.records(collection).toArray()) records.set(`${collection}/${record.id}`, { ...record });
  }
  return records;
}

/**
 * As tests/sync/server.test.ts does: every record on the phone equals a fresh pull of the
 * server — except a record with a change the server refused, which the phone shows by
 * today's rule until a person discards the change (sync/rebase.ts): the server's record with
 * the refused put's fields over it, except a refused conflict (the server's record, the
 * change waiting with the other phone's value) and a put over a tombstone (nothing). The
 * updated app pulls the book again from the start (its cursor was an older app's, which
 * passed over collections it did not know), so every record is rebuilt by today's rule,
 * whatever the frozen app showed. The phone's copies of the server's records (serverCopies)
 * equal the pull exactly. Returns the pull.
 */
async function expectSameAsServer(db: ClubBookDatabase, frozen: IndexedDbDump): Promise<Map<string, Record<string, unknown>>> {
  const onServer = await serverRecords(served!.url, (await readConnection(db))!.token);
  const expected = new Map([...onServer].map(([key, record]) => [key, { ...record }]));
  for (const refused of await db.outbox.where('status').equals('rejected').sortBy('seq')) {
    const key = `${refused.collection}/${refused.id}`;
    expect(refused.op).toBe('put');
    expect(expected.has(key)).toBe(true);
    // The frozen phone held the record the refusal is about.
    expect(recordsOf(frozen, refused.collection).get(refused.id), key).toBeDefined();
    if (refused.rejection?.code !== 'conflict' && expected.get(key)!.deleted !== true) expected.set(key, { ...expected.get(key)!, ...refused.data });
  }
  expect(await phoneRecords(db)).toEqual(expected);
  const copies = new Map((await db.serverCopies.toArray()).map((copy) => [`${copy.collection}/${copy.id}`, copy.record]));
  expect(copies).toEqual(onServer);
  return onServer;
}

describe.each(FROZEN_SERVER_KINDS)('frozen phones and their frozen server, upgraded, on $name', (kind: FrozenServerKind) => {
  describe.each(FIXTURES)('at $version', (fixture: Fixture) => {
    it('send what waited, keep the refused change refused, and end equal to the server', async () => {
      served = await serveFrozen(kind, fixture);
      const { manifest } = fixture;
      const chairDump = fixture.phones.chair;
      const boardDump = fixture.phones.board;
      const chair = await frozenPhone(chairDump, served.url);
      const board = await frozenPhone(boardDump, served.url);
      const frozenOutbox = outboxOf(chairDump);
      const refused = frozenOutbox.filter((m) => m.status === 'rejected');
      const waiting = frozenOutbox.filter((m) => m.status === 'pending');

      // The chair's phone: the changes made with no network go out, all accepted.
      const sent = await syncOnce(chair);
      expect(sent).toMatchObject({ outcome: 'done', acknowledged: waiting.length, rejected: 0 });
      expect(await chair.outbox.toArray()).toEqual(refused);
      expect(await syncStatus(chair)).toMatchObject({ connected: true, waiting: 0, rejected: refused.length, lastError: null });
      const afterChair = await expectSameAsServer(chair, chairDump);
      // Each of them reached the server: every field it wrote that no later one of them
      // wrote again (v4's chair changed the club twice offline: the later updatedAt stands).
      for (const [i, change] of waiting.entries()) {
        const record = afterChair.get(`${change.collection}/${change.id}`);
        expect(record, `${change.collection}/${change.id}`).toBeDefined();
        if (change.op === 'delete') expect(record!.deleted).toBe(true);
        else {
          const later = waiting.slice(i + 1).filter((m) => m.collection === change.collection && m.id === change.id);
          const rewritten = new Set(later.flatMap((m) => Object.keys(m.data)));
          const kept = Object.fromEntries(Object.entries(change.data).filter(([field]) => !rewritten.has(field)));
          expect(record, `${change.collection}/${change.id} seq ${change.seq}`).toMatchObject(kept);
        }
      }
      // Nothing of what the server held before went missing.
      for (const { collection, id } of fixture.serverPull.changes) expect(afterChair.has(`${collection}/${id}`)).toBe(true);

      // The board's phone: its own waiting change goes out, the chair's come in.
      const boardWaiting = outboxOf(boardDump).filter((m) => m.status === 'pending');
      const received = await syncOnce(board);
      expect(received).toMatchObject({ outcome: 'done', acknowledged: boardWaiting.length, rejected: 0 });
      expect(await board.outbox.count()).toBe(0);
      const afterBoard = await expectSameAsServer(board, boardDump);
      for (const change of waiting) expect(afterBoard.has(`${change.collection}/${change.id}`)).toBe(true);
      for (const change of boardWaiting) expect(afterBoard.get(`${change.collection}/${change.id}`)).toMatchObject(change.data);

      // And the chair again: both phones hold the same book, the server's, the refused change
      // still waiting for the chair; once she discards it, the very same records.
      await syncOnce(chair);
      await expectSameAsServer(chair, chairDump);
      expect(await chair.outbox.toArray()).toEqual(refused);
      for (const change of refused) await discardRejected(chair, change.seq);
      expect(await chair.outbox.count()).toBe(0);
      await syncOnce(chair);
      await expectSameAsServer(chair, chairDump);
      expect(await phoneRecords(chair)).toEqual(await phoneRecords(board));
      // Every record the chair had kept (members; and from v4 the meetings and their marks) is
      // on both phones (live or deleted, never gone).
      for (const collection of COLLECTION_NAMES) {
        if (!chairDump.stores.some((store) => store.name === collection)) continue;
        for (const id of recordsOf(chairDump, collection).keys()) expect(await board.records(collection).get(id), `${collection}/${id}`).toBeDefined();
      }
      expect(manifest.phones.chair.rejected.length).toBe(refused.length);
    });
  });
});

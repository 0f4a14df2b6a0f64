import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClub, freshDatabase, reopen } from '../local/helpers';
import { SETUP_CODE, startRealServer } from './real-server';
import { FakeServer } from './fake-server';
import { connectToFake } from './helpers';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { syncOnce } from '../../src/sync/engine';
import { BOOK_PULL_KEY, dismissBookPull, pullAll, type BookPull, type PullProgress } from '../../src/sync/pull';
import { readConnection } from '../../src/sync/connection';
import { createRecord } from '../../src/local/write';
import { META, readMeta } from '../../src/local/device';
import { uuidv7 } from '../../src/domain/ids';
import { bookPullView } from '../../src/app/sync/sync-context';
import type { ClubBookDatabase } from '../../src/local/database';
import type { FetchLike } from '../../src/sync/http';
import { memberFields } from '../domain/fixtures';

/**
 * A long pull says how far it is: after each stored page (never more often), the changes so
 * far; and a pull of the whole book keeps that count in `meta` with each page's cursor, so it
 * goes on counting, not from nothing, when a cut-off pull resumes — in another run, after the
 * app was closed, or in the service worker.
 */

const bookPull = (db: ClubBookDatabase) => readMeta<BookPull>(db, BOOK_PULL_KEY);

describe('a new phone’s first pull against the real server', { timeout: 30_000 }, () => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  beforeEach(async () => {
    server = await startRealServer();
  });
  afterEach(async () => {
    await server.close();
  });

  /** The chair's phone with 12 members, each its own version, so pages of 3 end between them. */
  async function clubOfTwelve(): Promise<ClubBookDatabase> {
    const chair = freshDatabase();
    await createClub(chair);
    await connectNewClub(chair, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
    for (let i = 0; i < 12; i++) {
      await createRecord(chair, 'members', memberFields({ fullName: `Thành viên ${i}` }));
      await syncOnce(chair);
    }
    return chair;
  }

  it('tells each stored page, and keeps the count with the cursor until the whole book is in', async () => {
    const chair = await clubOfTwelve();
    const invite = await createInvite(chair, 'board');
    const phone = freshDatabase();
    const told: PullProgress[] = [];
    const joined = await joinClub(
      phone,
      { serverUrl: server.url, code: invite.code, deviceName: 'Máy phó chủ nhiệm' },
      { pullLimit: 3, onPullProgress: (progress) => told.push(structuredClone(progress)) },
    );
    expect(joined.firstSync).toMatchObject({ outcome: 'done', pulled: 13 }); // the club and its 12 members
    expect(told.length).toBeGreaterThanOrEqual(5);
    expect(told.map((p) => p.pages)).toEqual(told.map((_, i) => i + 1));
    expect(told.map((p) => p.received)).toEqual([...told.map((p) => p.received)].sort((a, b) => a - b));
    expect(told.at(-1)).toMatchObject({ received: 13, hasMore: false, bookPull: { received: 13, runs: 1, done: true } });
    expect(told.slice(0, -1).every((p) => p.hasMore && p.bookPull?.done === false)).toBe(true);
    expect(await bookPull(phone)).toMatchObject({ received: 13, runs: 1, done: true });
    expect(await bookPullView(phone)).toEqual({ state: 'done', received: 13 });

    // Seen: the notice goes; a later routine pull does not bring it back.
    await dismissBookPull(phone);
    expect(await bookPull(phone)).toBeUndefined();
    await createRecord(chair, 'members', memberFields({ fullName: 'Thành viên mới' }));
    await syncOnce(chair);
    await syncOnce(phone, { pullLimit: 3 });
    expect(await bookPull(phone)).toBeUndefined();
    expect(await bookPullView(phone)).toBeNull();
  });

  it('resumes a cut-off first pull from its cursor, after the app was closed, and goes on counting from what it had', async () => {
    const chair = await clubOfTwelve();
    const invite = await createInvite(chair, 'treasurer');
    let phone = freshDatabase();
    const sinces: string[] = [];
    let pulls = 0;
    const cutAfterTwoPages: FetchLike = async (input, init) => {
      if (input.includes('/sync/pull')) {
        sinces.push(new URL(input).searchParams.get('since')!);
        if (++pulls === 3) throw new TypeError('network lost');
      }
      return fetch(input, init);
    };
    const firstRun: PullProgress[] = [];
    const joined = await joinClub(
      phone,
      { serverUrl: server.url, code: invite.code, deviceName: 'Máy thủ quỹ' },
      { fetch: cutAfterTwoPages, pullLimit: 3, onPullProgress: (p) => firstRun.push(p) },
    );
    expect(joined.firstSync).toMatchObject({ error: expect.objectContaining({ code: 'offline' }) });
    expect(firstRun).toHaveLength(2);
    const cut = (await bookPull(phone))!;
    expect(cut).toMatchObject({ runs: 1, done: false });
    expect(cut.received).toBe(firstRun.at(-1)!.received);
    expect(cut.received).toBe(await phone.serverCopies.count()); // exactly what is stored
    expect(await bookPullView(phone)).toEqual({ state: 'waiting', received: cut.received, reason: 'offline' });

    // The app is closed and opened again (a new visit): it says it goes on, before any page.
    phone = reopen(phone);
    expect(await bookPullView(phone, new Date(Date.now() + 1000).toISOString())).toEqual({ state: 'waiting', received: cut.received, reason: 'offline' });
    await phone.meta.delete(META.lastSyncError); // as if the earlier visit's error were older than the page
    expect(await bookPullView(phone, new Date(Date.now() + 1000).toISOString())).toEqual({ state: 'receiving', received: cut.received, resumed: true });

    const secondRun: PullProgress[] = [];
    const result = await syncOnce(phone, { fetch: cutAfterTwoPages, pullLimit: 3, onPullProgress: (p) => secondRun.push(p) });
    expect(sinces[3]).toBe(sinces[2]); // from the stored cursor, not from the start
    expect(result.pulled + cut.received).toBe(13); // nothing pulled twice
    expect(secondRun[0]!.bookPull).toMatchObject({ runs: 2, received: cut.received + secondRun[0]!.received });
    expect(secondRun.at(-1)!.bookPull).toMatchObject({ received: 13, runs: 2, done: true });
    expect(await phone.records('members').count()).toBe(12);
    expect(await bookPullView(phone)).toEqual({ state: 'done', received: 13 });
  });
});

describe('pull progress, with the fake server', { timeout: 20_000 }, () => {
  function serverWith(records: number): FakeServer {
    const server = new FakeServer();
    server.clubId = uuidv7();
    for (let i = 0; i < records; i++) {
      const id = uuidv7();
      server.version++;
      server.rows.set(`members/${id}`, {
        collection: 'members',
        record: { ...memberFields({ fullName: `Thành viên ${i}` }), id, clubId: server.clubId, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deleted: false, version: server.version },
      });
    }
    return server;
  }

  it('keeps no record of a whole-book pull of one page, and says nothing is on its way', async () => {
    const server = serverWith(4);
    const db = freshDatabase();
    await connectToFake(db, server);
    const told: PullProgress[] = [];
    await pullAll(db, (await readConnection(db))!, { fetch: server.fetch, pullLimit: 10, onProgress: (p) => told.push(p) });
    expect(told).toEqual([{ received: 4, pages: 1, hasMore: false, bookPull: undefined }]);
    expect(await bookPull(db)).toBeUndefined();
    expect(await bookPullView(db)).toBeNull();
  });

  it('goes on when the screen that listens throws', async () => {
    const server = serverWith(9);
    const db = freshDatabase();
    await connectToFake(db, server);
    const summary = await pullAll(db, (await readConnection(db))!, {
      fetch: server.fetch,
      pullLimit: 2,
      onProgress: () => {
        throw new Error('a screen’s trouble');
      },
    });
    expect(summary).toMatchObject({ changes: 9, pages: 5 });
    expect(await bookPull(db)).toMatchObject({ received: 9, done: true });
  });

  it('says a book is on its way as soon as the phone is connected, before any page', async () => {
    const db = freshDatabase();
    await connectToFake(db, serverWith(0));
    expect(await bookPullView(db)).toEqual({ state: 'receiving', received: 0, resumed: false });
    await db.meta.put({ key: META.lastSyncError, value: { code: 'server', message: '503', at: new Date().toISOString() } });
    expect(await bookPullView(db)).toEqual({ state: 'waiting', received: 0, reason: 'server' });
    await db.meta.put({ key: META.lastSyncError, value: { code: 'unauthorized', message: '401', at: new Date().toISOString() } });
    expect(await bookPullView(db)).toBeNull(); // the badge says to join again
  });

  it('starts a new count for a full copy (reset), and a dismissal keeps one not done', async () => {
    const server = serverWith(6);
    const db = freshDatabase();
    await connectToFake(db, server);
    const connection = (await readConnection(db))!;
    await pullAll(db, connection, { fetch: server.fetch, pullLimit: 2 });
    await dismissBookPull(db);
    // The server purged old tombstones: it answers this phone's cursor with a full copy.
    const resetting: FetchLike = async (input, init) => {
      if (!input.includes('/sync/pull')) return server.fetch(input, init);
      const url = new URL(input);
      const since = Number(url.searchParams.get('since'));
      const page = server.pull(since === 6 ? 0 : since, 2);
      return new Response(JSON.stringify({ ...page, reset: since === 6 }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    let calls = 0;
    await pullAll(db, connection, {
      fetch: resetting,
      pullLimit: 2,
      onProgress: () => {
        if (++calls === 1) throw new Error('ignored');
      },
    }).catch(() => {});
    const record = await bookPull(db);
    expect(record).toMatchObject({ received: 6, runs: 1, done: true });
    // Not done yet: a dismissal leaves it.
    await db.meta.put({ key: BOOK_PULL_KEY, value: { ...record!, done: false } });
    await dismissBookPull(db);
    expect(await bookPull(db)).toMatchObject({ done: false });
  });

  it('says it waits when the pull broke off in the same millisecond as its last page was stored', async () => {
    const db = freshDatabase();
    await connectToFake(db, serverWith(0));
    // A fast phone stores a page and loses the network within one tick of the clock: the error came after the page.
    const at = '2026-11-20T03:00:00.123Z';
    await db.meta.put({ key: BOOK_PULL_KEY, value: { received: 6, runs: 1, startedAt: at, lastPageAt: at, done: false } satisfies BookPull });
    await db.meta.put({ key: META.lastSyncError, value: { code: 'offline', message: 'network lost', at } });
    expect(await bookPullView(db)).toEqual({ state: 'waiting', received: 6, reason: 'offline' });
  });
});

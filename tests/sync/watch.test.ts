import 'fake-indexeddb/auto';
import { SCHEMA_VERSION } from '../../src/domain/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { META } from '../../src/local/device';
import { liveRecords, syncStatus } from '../../src/local/queries';
import { createRecord } from '../../src/local/write';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { syncOnce } from '../../src/sync/engine';
import type { FetchLike } from '../../src/sync/http';
import { startSyncing, type SyncController } from '../../src/sync/triggers';
import { watchClub, type ClubWatch } from '../../src/sync/watch';
import { memberFields } from '../domain/fixtures';
import { createClub, freshDatabase } from '../local/helpers';
import { FakeServer } from './fake-server';
import { connectToFake } from './helpers';
import { SETUP_CODE, startRealServer } from './real-server';

/** The page's objects the triggers listen to, stood in for (as in triggers.test.ts). */
const page = { document: Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState }), window: new EventTarget() };
const running: { stop(): void }[] = [];

beforeEach(() => {
  page.document.visibilityState = 'visible';
  vi.stubGlobal('document', page.document);
  vi.stubGlobal('window', page.window);
  vi.stubGlobal('navigator', { onLine: true });
});
afterEach(() => {
  for (const thing of running.splice(0)) thing.stop();
  vi.unstubAllGlobals();
});

describe('a phone open on screen, against the real server', () => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  beforeEach(async () => {
    server = await startRealServer();
  });
  afterEach(async () => {
    for (const thing of running.splice(0)) thing.stop();
    await server.close();
  });

  it('shows a member added on another phone within 5 s, without polling, and says when it last received', async () => {
    const chair = freshDatabase();
    await createClub(chair);
    await connectNewClub(chair, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
    const invite = await createInvite(chair, 'treasurer');
    const treasurer = freshDatabase();
    await joinClub(treasurer, { serverUrl: server.url, code: invite.code, deviceName: 'Máy thủ quỹ' });

    // The chair's phone sits on its list; its minute's poll is far away.
    const controller: SyncController = startSyncing(chair, { intervalMs: 10 * 60_000 });
    running.push(controller);
    await vi.waitFor(async () => expect((await syncStatus(chair)).lastPullAt).not.toBeNull());
    const receivedBefore = (await syncStatus(chair)).lastPullAt!;
    // Let the chair's phone settle into listening.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const added = performance.now();
    await createRecord(treasurer, 'members', memberFields({ fullName: 'Trần Văn Đức' }));
    await syncOnce(treasurer);
    await vi.waitFor(async () => expect((await liveRecords(chair, 'members')).map((m) => m.fullName)).toContain('Trần Văn Đức'), {
      timeout: 5_000,
      interval: 50,
    });
    expect(performance.now() - added).toBeLessThan(5_000);
    expect((await syncStatus(chair)).lastPullAt! > receivedBefore).toBe(true);
  });
});

describe('watchClub', () => {
  async function listeningPhone() {
    const fake = new FakeServer();
    fake.clubId = uuidv7();
    fake.answersWait = true;
    const db = freshDatabase();
    await connectToFake(db, fake);
    // A phone of today's app that has pulled: its cursor, made by this schema version.
    await db.meta.bulkPut([
      { key: META.pullCursor, value: '0' },
      { key: META.pullSchemaVersion, value: SCHEMA_VERSION },
    ]);
    const requests: string[] = [];
    const fetch: FetchLike = (input, init) => {
      requests.push(new URL(input).pathname.replace('/api/v1', ''));
      return fake.fetch(input, init);
    };
    return { db, fake, fetch, requests };
  }

  it('asks again only after the cycle when nothing changed: one request a cycle from an idle phone', async () => {
    const phone = await listeningPhone();
    const changes: number[] = [];
    // The server answers "nothing yet" at once; the phone must still wait out its cycle.
    const watch: ClubWatch = watchClub(phone.db, {
      fetch: phone.fetch,
      waitSeconds: 0,
      cycleMs: 200,
      onChange: async () => void changes.push(1),
    });
    running.push(watch);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const waits = phone.requests.filter((path) => path === '/sync/wait').length;
    expect(waits).toBeGreaterThanOrEqual(4);
    expect(waits).toBeLessThanOrEqual(6);
    expect(phone.requests.every((path) => path === '/sync/wait')).toBe(true);
    expect(changes).toEqual([]);
    expect(watch.healthy).toBe(true);
    // Each "nothing new" answer tells the badge the phone is up to date as of then.
    expect((await syncStatus(phone.db)).lastPullAt).not.toBeNull();
  });

  it('syncs when the server says the club moved, and stops for a server that has no wait', async () => {
    const phone = await listeningPhone();
    let syncs = 0;
    const watch = watchClub(phone.db, {
      fetch: phone.fetch,
      waitSeconds: 5,
      onChange: async () => {
        syncs++;
        await syncOnce(phone.db, { fetch: phone.fetch });
      },
    });
    running.push(watch);
    await vi.waitFor(() => expect(phone.requests).toContain('/sync/wait'));
    const other = phone.fake.addDevice('treasurer');
    phone.fake.push(phone.fake.devices.get(other)!, {
      schemaVersion: SCHEMA_VERSION,
      mutations: [{ seq: 1, collection: 'members', op: 'put', id: uuidv7(), data: { fullName: 'Lê Thị Hoa' } }],
    });
    await vi.waitFor(() => expect(syncs).toBe(1));
    watch.stop();
    expect(watch.running).toBe(false);

    phone.fake.answersWait = false;
    const old = watchClub(phone.db, { fetch: phone.fetch, onChange: async () => void syncs++ });
    running.push(old);
    await vi.waitFor(() => expect(old.running).toBe(false));
    expect(old.healthy).toBe(false);
  });

  it('holds no request while the app is hidden', async () => {
    const phone = await listeningPhone();
    phone.fake.answersWait = true;
    const controller = startSyncing(phone.db, { fetch: phone.fetch, intervalMs: 10 * 60_000, watch: { waitSeconds: 5 } });
    running.push(controller);
    await vi.waitFor(() => expect(phone.requests).toContain('/sync/wait'));
    page.document.visibilityState = 'hidden';
    page.document.dispatchEvent(new Event('visibilitychange'));
    const before = phone.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(phone.requests.slice(before).filter((path) => path === '/sync/wait')).toEqual([]);
  });
});

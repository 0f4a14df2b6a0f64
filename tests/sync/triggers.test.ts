import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../local/helpers';
import { FakeServer, json } from './fake-server';
import { connectToFake } from './helpers';
import { startSyncing, type SyncController } from '../../src/sync/triggers';
import { handleBackgroundSync } from '../../src/sync/background';
import { withSyncLock } from '../../src/sync/lock';
import { createRecord } from '../../src/local/write';
import { uuidv7 } from '../../src/domain/ids';
import type { FetchLike } from '../../src/sync/http';
import { memberFields } from '../domain/fixtures';

/**
 * The page's triggers with the browser's objects stood in for: a document whose visibility
 * the test sets, a window that fires 'online', and a service worker registration that
 * records Background Sync requests.
 */
const page = {
  document: Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState }),
  window: new EventTarget(),
  registered: [] as string[],
};
let controller: SyncController | undefined;

beforeEach(() => {
  page.registered = [];
  page.document.visibilityState = 'visible';
  vi.stubGlobal('document', page.document);
  vi.stubGlobal('window', page.window);
  vi.stubGlobal('navigator', {
    onLine: true,
    serviceWorker: { ready: Promise.resolve({ sync: { register: async (tag: string) => void page.registered.push(tag) } }) },
  });
});

afterEach(() => {
  controller?.stop();
  controller = undefined;
  vi.unstubAllGlobals();
});

async function connectedPhone() {
  const server = new FakeServer();
  server.clubId = uuidv7();
  const db = freshDatabase();
  await connectToFake(db, server);
  let pushes = 0;
  let pulls = 0;
  const counting: FetchLike = (input, init) => {
    if (input.includes('/sync/push')) pushes++;
    if (input.includes('/sync/pull')) pulls++;
    return server.fetch(input, init);
  };
  return { db, server, fetch: counting, counts: () => ({ pushes, pulls }) };
}

describe('startSyncing', () => {
  it('syncs at start, shortly after a local write (asking for a Background Sync), on online and on becoming visible', async () => {
    const phone = await connectedPhone();
    controller = startSyncing(phone.db, { fetch: phone.fetch, writeDebounceMs: 30, intervalMs: 60_000 });
    await vi.waitFor(() => expect(phone.counts().pulls).toBe(1));

    await createRecord(phone.db, 'members', memberFields());
    await createRecord(phone.db, 'members', memberFields({ fullName: 'Trần Văn Đức' }));
    await vi.waitFor(() => expect(phone.counts().pushes).toBe(1)); // both writes, one push
    await vi.waitFor(() => expect(page.registered).toContain('sync'));
    expect(phone.server.recordsOf('members')).toHaveLength(2);
    const pullsBefore = phone.counts().pulls;

    page.window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(phone.counts().pulls).toBe(pullsBefore + 1));

    page.document.visibilityState = 'hidden';
    page.document.dispatchEvent(new Event('visibilitychange'));
    page.document.visibilityState = 'visible';
    page.document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(phone.counts().pulls).toBe(pullsBefore + 2));
  });

  it('syncs on the interval while visible, and stops everything on stop()', async () => {
    const phone = await connectedPhone();
    controller = startSyncing(phone.db, { fetch: phone.fetch, intervalMs: 40 });
    await vi.waitFor(() => expect(phone.counts().pulls).toBeGreaterThanOrEqual(3));
    controller.stop();
    const after = phone.counts().pulls;
    await new Promise((r) => setTimeout(r, 150));
    expect(phone.counts().pulls).toBeLessThanOrEqual(after + 1); // at most the one in flight
  });

  it('"Sync now" reports a failure to the caller; automatic failures go to onError', async () => {
    const phone = await connectedPhone();
    const errors: unknown[] = [];
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    controller = startSyncing(phone.db, { fetch: down, onError: (e) => errors.push(e) });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    await expect(controller.syncNow()).rejects.toMatchObject({ code: 'offline' });
  });

  it('tells the page’s listeners after each pull page, until they stop listening', async () => {
    const phone = await connectedPhone();
    for (let i = 0; i < 5; i++) {
      const id = uuidv7();
      phone.server.version++;
      phone.server.rows.set(`members/${id}`, { collection: 'members', record: { ...memberFields(), id, clubId: phone.server.clubId, version: phone.server.version } });
    }
    const fromStart: number[] = [];
    const later: number[] = [];
    controller = startSyncing(phone.db, { fetch: phone.fetch, pullLimit: 2, intervalMs: 60_000, onPullProgress: (p) => fromStart.push(p.received) });
    const stop = controller.onPullProgress((p) => later.push(p.pages));
    await vi.waitFor(() => expect(fromStart).toEqual([2, 4, 5]));
    expect(later).toEqual([1, 2, 3]);
    stop();
    await controller.syncNow();
    expect(later).toEqual([1, 2, 3]);
    expect(fromStart).toEqual([2, 4, 5, 0]);
  });
});

describe('handleBackgroundSync', () => {
  it('rejects on a retryable failure so the browser tries again, and resolves otherwise', async () => {
    const phone = await connectedPhone();
    await createRecord(phone.db, 'members', memberFields());
    await expect(handleBackgroundSync(phone.db, { fetch: async () => json(503, { error: { code: 'unavailable', message: 'x' } }) })).rejects.toMatchObject({ code: 'server' });
    await expect(handleBackgroundSync(phone.db, { fetch: async () => json(400, { error: { code: 'invalid', message: 'x' } }) })).resolves.toBeUndefined();
    await handleBackgroundSync(phone.db, { fetch: phone.fetch });
    expect(phone.server.recordsOf('members')).toHaveLength(1);
    expect(await phone.db.outbox.count()).toBe(0);
  });
});

describe('withSyncLock with Web Locks', () => {
  it("asks navigator.locks for the lock named 'sync'", async () => {
    const names: string[] = [];
    vi.stubGlobal('navigator', { locks: { request: (name: string, task: () => Promise<unknown>) => (names.push(name), task()) } });
    expect(await withSyncLock('any', async () => 42)).toBe(42);
    expect(names).toEqual(['sync']);
  });
});

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/ids';
import { SCHEMA_VERSION, type WaitResponse } from '../../src/domain/protocol';
import { buildServer } from '../../src/server/app';
import { openStore } from '../../src/server/store';
import {
  createClub,
  enrollPhone,
  memberData,
  newId,
  numbered,
  pullAll,
  push,
  startServer,
  STORE_KINDS,
  type Harness,
  type Phone,
} from './harness';

function wait(h: Harness, phone: Phone, since: number | string, timeout = 20) {
  return h.request<WaitResponse>('GET', `/api/v1/sync/wait?since=${since}&timeout=${timeout}`, { token: phone.token });
}

async function addMember(h: Harness, phone: Phone, fullName: string) {
  const reply = await push(h, phone, numbered(phone, [{ id: newId(), data: memberData(phone.clubId, { fullName }) }]));
  expect(reply.status).toBe(200);
}

async function clubVersion(h: Harness, phone: Phone): Promise<number> {
  return Number((await pullAll(h, phone)).cursor);
}

/** Resolves with how long a promise took, in ms. */
async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - started };
}

for (const kind of STORE_KINDS) {
  describe(`GET /sync/wait (${kind.name})`, () => {
    let h: Harness;
    let chair: Phone;
    let treasurer: Phone;

    beforeEach(async () => {
      h = await startServer(kind);
      chair = await createClub(h);
      treasurer = await enrollPhone(h, chair, 'treasurer');
    });
    afterEach(() => h.close());

    it('answers an open phone as soon as another phone of its club pushes, and the pull then has the change', async () => {
      const since = await clubVersion(h, chair);
      const waiting = timed(wait(h, chair, since));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await addMember(h, treasurer, 'Trần Văn Đức');
      const { value: reply, ms } = await waiting;
      expect(reply.status).toBe(200);
      expect(reply.body.changed).toBe(true);
      expect(reply.body.version).toBeGreaterThan(since);
      expect(ms).toBeLessThan(5_000);
      const { records } = await pullAll(h, chair, String(since));
      expect([...records.values()].map((r) => r.fullName)).toContain('Trần Văn Đức');
    });

    it('answers at once when the club already moved past the phone’s cursor', async () => {
      const since = await clubVersion(h, chair);
      await addMember(h, treasurer, 'Trần Văn Đức');
      const { value: reply, ms } = await timed(wait(h, chair, since));
      expect(reply.body).toMatchObject({ changed: true, version: since + 1 });
      expect(ms).toBeLessThan(1_000);
    });

    it('holds no longer than asked, then says nothing changed', async () => {
      const since = await clubVersion(h, chair);
      const { value: reply, ms } = await timed(wait(h, chair, since, 1));
      expect(reply.body).toMatchObject({ changed: false, version: since });
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(3_000);
    });

    it('is not woken by another club’s push', async () => {
      const since = await clubVersion(h, chair);
      const otherChair = await createClub(h, { name: 'CLB Liên thế hệ thôn Bắc' });
      const waiting = wait(h, chair, since, 2);
      await addMember(h, otherChair, 'Lê Thị Hoa');
      expect((await waiting).body).toMatchObject({ changed: false, version: since });
    });

    it('refuses a missing token and a cursor that is not one, and is never cached', async () => {
      expect((await h.request('GET', '/api/v1/sync/wait?since=0')).status).toBe(401);
      const bad = await h.request('GET', '/api/v1/sync/wait?since=abc', { token: chair.token });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: 'invalid' } });
      const reply = await wait(h, chair, 0, 1);
      expect(reply.headers.get('cache-control')).toBe('no-store');
    });

    it('lets the server stop at once while phones are waiting, answering them', async () => {
      const since = await clubVersion(h, chair);
      const waiting = wait(h, chair, since, 50);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { ms } = await timed(h.close());
      expect(ms).toBeLessThan(3_000);
      const reply = await waiting;
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ changed: false });
      // Closed once here; afterEach's close of a closed server is a no-op.
      h = { ...h, close: async () => {} };
    });
  });
}

// Two server processes on one PostgreSQL: a phone waiting on one hears a push to the other.
for (const kind of STORE_KINDS.filter((k) => k.name === 'PostgreSQL')) {
  describe(`GET /sync/wait across two servers (${kind.name})`, () => {
    it('wakes a phone waiting on server A when its club is pushed through server B', async () => {
      const url = process.env.TEST_DATABASE_URL!;
      const schema = `test_${uuidv7().replace(/-/g, '')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const servers = await Promise.all(
        [0, 1].map(async () => {
          const store = await openStore({ postgresUrl: url, schema });
          const app = await buildServer({ store, setupCode: 'SETUP-TEST-CODE' });
          await app.listen({ port: 0, host: '127.0.0.1' });
          const address = app.server.address();
          if (!address || typeof address === 'string') throw new Error('no address');
          return { app, store, url: `http://127.0.0.1:${address.port}` };
        }),
      );
      try {
        const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
        const call = async <T>(base: string, method: string, path: string, token?: string, body?: unknown) => {
          const response = await fetch(`${base}/api/v1${path}`, {
            method,
            headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          return (await response.json()) as T;
        };
        const made = await call<{ token: string; club: { id: string } }>(a.url, 'POST', '/clubs', undefined, {
          setupCode: 'SETUP-TEST-CODE',
          club: { name: 'CLB Liên thế hệ Đông Xá', province: 'Bắc Ninh', commune: 'Đông Phong', village: 'Đông Xá', areaType: 'plains' },
          device: { name: 'Máy chủ nhiệm' },
        });
        const { code } = await call<{ code: string }>(a.url, 'POST', '/invites', made.token, { role: 'board' });
        const board = await call<{ token: string }>(b.url, 'POST', '/enroll', undefined, { code, device: { name: 'Máy ban' } });

        const waiting = timed(call<WaitResponse>(a.url, 'GET', '/sync/wait?since=1&timeout=20', made.token));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await call(b.url, 'POST', '/sync/push', board.token, {
          schemaVersion: SCHEMA_VERSION,
          mutations: [{ seq: 1, collection: 'members', op: 'put', id: newId(), data: memberData(made.club.id) }],
        });
        const { value, ms } = await waiting;
        expect(value).toMatchObject({ changed: true, version: 2 });
        expect(ms).toBeLessThan(5_000);
      } finally {
        for (const server of servers) {
          await server.app.close();
          await server.store.close();
        }
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    });
  });
}

describe('GET /sync/wait while the server stops', () => {
  it('answers a wait that was still on its way in when the stop began, instead of holding the stop for its timeout', async () => {
    const [kind] = STORE_KINDS;
    const h = await startServer(kind!);
    const chair = await createClub(h);
    // The request's sign-in is slowed down, so the stop begins while it is in the door.
    const findDevice = h.store.findDeviceByTokenHash.bind(h.store);
    let arrived!: () => void;
    const inTheDoor = new Promise<void>((resolve) => (arrived = resolve));
    h.store.findDeviceByTokenHash = async (hash) => {
      arrived();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return findDevice(hash);
    };
    const waiting = wait(h, chair, 1, 50);
    await inTheDoor;
    const { ms } = await timed(h.close());
    expect(ms).toBeLessThan(2_000);
    expect((await waiting).status).toBe(200);
  });
});

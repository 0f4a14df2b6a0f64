import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { newMemberFields } from '../../src/domain/members';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { uuidv7 } from '../../src/domain/ids';
import { SCHEMA_VERSION, type PullResponse, type PushResponse } from '../../src/domain/protocol';
import { buildServer, type ServerOptions } from '../../src/server/app';
import { openStore, type Store, type StoreLocation } from '../../src/server/store';

/**
 * Every server test runs on each store available: a temporary SQLite file always, and
 * PostgreSQL when TEST_DATABASE_URL is set (each test in a schema of its own).
 */
export interface StoreKind {
  name: string;
  /** A fresh, empty database; tests that restart a server, or run two, open it more than once. */
  database(): Promise<TestDatabase>;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

export interface TestDatabase {
  location: StoreLocation;
  /** The folder the SQLite file is in (DATA_DIR for the server program); none on PostgreSQL. */
  dataDir?: string;
  /** The environment the server program (and its backup commands) would be given for it. */
  env: Record<string, string>;
  open(): Promise<Store>;
  /** Removes the database (the stores opened on it must be closed first). */
  dispose(): Promise<void>;
}

function withOneStore(database: () => Promise<TestDatabase>) {
  return async () => {
    const db = await database();
    const store = await db.open();
    return {
      store,
      async dispose() {
        await store.close();
        await db.dispose();
      },
    };
  };
}

const sqlite: StoreKind = {
  name: 'SQLite',
  async database() {
    const dir = mkdtempSync(join(tmpdir(), 'so-clb-server-'));
    const location = { sqliteFile: join(dir, 'so-clb.sqlite') };
    return {
      location,
      dataDir: dir,
      env: { DATA_DIR: dir, DATABASE_URL: '' },
      open: () => openStore(location),
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  open: () => withOneStore(sqlite.database)(),
};

function postgres(url: string): StoreKind {
  const kind: StoreKind = {
    name: 'PostgreSQL',
    async database() {
      const schema = `test_${uuidv7().replace(/-/g, '')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const location = { postgresUrl: url, schema };
      // The server program reads only DATABASE_URL: the schema goes in as its search_path.
      const serverUrl = new URL(url);
      serverUrl.searchParams.set('options', `-c search_path=${schema}`);
      return {
        location,
        env: { DATABASE_URL: serverUrl.toString() },
        open: () => openStore(location),
        async dispose() {
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
    open: () => withOneStore(kind.database)(),
  };
  return kind;
}

export const STORE_KINDS: StoreKind[] = [
  sqlite,
  ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : []),
];

export const START = new Date('2026-11-23T08:00:00.000Z');
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Harness {
  url: string;
  store: Store;
  setupCode: string;
  clock: { now: Date; advance(ms: number): void };
  request<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Reply<T>>;
  close(): Promise<void>;
}

export async function startServer(kind: StoreKind, options: Partial<ServerOptions> = {}): Promise<Harness> {
  const db = await kind.database();
  const h = await startServerOn(db, options);
  return {
    ...h,
    async close() {
      await h.close();
      await db.dispose();
    },
  };
}

/**
 * A server on a database that outlives it: close() stops the server and closes its store
 * but keeps the data, so a test can start another on it (a restart), or two at once.
 */
export async function startServerOn(db: TestDatabase, options: Partial<ServerOptions> = {}): Promise<Harness> {
  const store = await db.open();
  const clock = {
    now: START,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const setupCode = 'SETUP-TEST-CODE';
  const app = await buildServer({ store, setupCode, now: () => clock.now, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  let closed = false;
  return {
    url,
    store,
    setupCode,
    clock,
    async request(method, path, { token, body, raw, headers = {} } = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: the test looks at the text
      }
      return { status: response.status, body: parsed as never, headers: response.headers };
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
}

// ---- A club and its phones ------------------------------------------------------------

export interface Phone {
  token: string;
  deviceId: string;
  clubId: string;
  role: string;
  /** The next seq this phone will use. */
  seq: number;
}

export const CLUB_PROFILE = {
  name: 'CLB Liên thế hệ Đông Xá',
  province: 'Bắc Ninh',
  commune: 'Đông Phong',
  village: 'Đông Xá',
  areaType: 'plains',
};

export async function createClub(h: Harness, club: Record<string, unknown> = {}): Promise<Phone> {
  const reply = await h.request<{ club: { id: string }; device: { id: string; role: string }; token: string }>('POST', '/api/v1/clubs', {
    body: { setupCode: h.setupCode, club: { ...CLUB_PROFILE, ...club }, device: { name: 'Máy chủ nhiệm' } },
  });
  if (reply.status !== 201) throw new Error(`createClub: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { token: reply.body.token, deviceId: reply.body.device.id, clubId: reply.body.club.id, role: 'chair', seq: 1 };
}

export async function invite(h: Harness, by: Phone, role: string): Promise<string> {
  const reply = await h.request<{ code: string }>('POST', '/api/v1/invites', { token: by.token, body: { role } });
  if (reply.status !== 201) throw new Error(`invite: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.code;
}

export async function enrollPhone(h: Harness, chair: Phone, role: string): Promise<Phone> {
  const code = await invite(h, chair, role);
  const reply = await h.request<{ device: { id: string; role: string }; token: string }>('POST', '/api/v1/enroll', {
    body: { code, device: { name: `Máy ${role}` } },
  });
  if (reply.status !== 201) throw new Error(`enroll: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { token: reply.body.token, deviceId: reply.body.device.id, clubId: chair.clubId, role, seq: 1 };
}

// ---- Records and mutations -------------------------------------------------------------

export function memberData(clubId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clubId,
    createdAt: '2026-11-20T03:00:00.000Z',
    updatedAt: '2026-11-20T03:00:00.000Z',
    deleted: false,
    ...newMemberFields(), joinedOn: '2020-05-01',
    fullName: 'Trần Văn Minh',
    gender: 'male',
    birthYear: 1952,
    ...fields,
  };
}

export interface MutationInput {
  collection?: string;
  op?: 'put' | 'delete';
  id: string;
  data?: Record<string, unknown>;
}

/** Numbers the mutations from the phone's next seq (and moves it on), as the phone's outbox does. */
export function numbered(phone: Phone, mutations: MutationInput[]) {
  return mutations.map((m) => ({ seq: phone.seq++, collection: m.collection ?? 'members', op: m.op ?? 'put', id: m.id, ...(m.data ? { data: m.data } : {}) }));
}

export async function push(h: Harness, phone: Phone, mutations: unknown[], headers: Record<string, string> = {}) {
  return h.request<PushResponse>('POST', '/api/v1/sync/push', {
    token: phone.token,
    body: { schemaVersion: SCHEMA_VERSION, mutations },
    headers,
  });
}

export async function pullPage(h: Harness, phone: Phone, since = '0', limit?: number) {
  const query = new URLSearchParams({ since, ...(limit ? { limit: String(limit) } : {}) });
  const reply = await h.request<PullResponse>('GET', `/api/v1/sync/pull?${query}`, { token: phone.token });
  if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Pulls until done, as the phone does; returns every record by collection and id, and the pages. */
export async function pullAll(h: Harness, phone: Phone, since = '0', limit?: number) {
  const pages: PullResponse[] = [];
  let cursor = since;
  for (;;) {
    const page = await pullPage(h, phone, cursor, limit);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const records = new Map<string, Record<string, unknown>>();
  for (const page of pages) for (const c of page.changes) records.set(`${c.collection}/${c.id}`, c.record);
  return { records, pages, cursor };
}

export const newId = () => uuidv7();

/** A GET with the bytes as they came over the wire (fetch would decode them): for what compression sends. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type HealthResponse, type PullResponse, type PushResponse } from '../../src/domain/protocol';
import { CLUB_PROFILE, memberData, newId, STORE_KINDS, type TestDatabase } from './harness';
import { backupCommand } from '../lib/backup-command';

/**
 * The server's database backed up while phones push, and restored: the commands as an
 * administrator runs them (`npm run server:backup`, `server:restore`, here through tsx as npm
 * would), against the real server program.
 */
const SETUP_CODE = 'BACKUP-TEST-SETUP';
const BATCH = 20;

function program(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', SETUP_CODE, STATIC_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The server program, until it says where it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = program('src/server/main.ts', [], { ...env, LOG_LEVEL: 'info' });
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${text}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const command = (args: string[], env: Record<string, string>) => backupCommand(args, { SETUP_CODE, ...env });

async function call<T>(url: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function memberIds(url: string, token: string): Promise<{ ids: Set<string>; epochs: Set<string | undefined> }> {
  const ids = new Set<string>();
  const epochs = new Set<string | undefined>();
  let since = '0';
  for (;;) {
    const page = await call<PullResponse>(url, 'GET', `/sync/pull?since=${since}&limit=1000`, token);
    epochs.add(page.epoch);
    for (const change of page.changes) if (change.collection === 'members') ids.add(change.id);
    since = page.cursor;
    if (!page.hasMore) return { ids, epochs };
  }
}

describe.each(STORE_KINDS)('backup and restore of the server’s database on $name', (kind) => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let work: string;
  const running: ChildProcess[] = [];
  beforeEach(async () => {
    db = await kind.database();
    work = mkdtempSync(join(tmpdir(), 'so-clb-backup-'));
    // PostgreSQL servers get a data folder too (nothing of the database is in it).
    env = { DATA_DIR: db.dataDir ?? join(work, 'data'), ...db.env };
  });
  afterEach(async () => {
    for (const child of running.splice(0)) await stopServer(child);
    if ('postgresUrl' in db.location) {
      // What a restore kept aside, beside the test's own schema.
      const admin = new pg.Client({ connectionString: db.location.postgresUrl });
      await admin.connect();
      const kept = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${db.location.schema}_before_restore_%`]);
      for (const { nspname } of kept.rows) await admin.query(`DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE`);
      await admin.end();
    }
    await db.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while phones push, holding every acknowledged push; a restore then gives that data back under a new epoch', { timeout: 60_000 }, async () => {
    const first = await startServer(env);
    running.push(first.child);
    const made = await call<{ club: { id: string }; token: string }>(first.url, 'POST', '/clubs', undefined, {
      setupCode: SETUP_CODE,
      club: CLUB_PROFILE,
      device: { name: 'Máy chủ nhiệm' },
    });
    const { token } = made;
    const before = await call<HealthResponse>(first.url, 'GET', '/health');
    expect(before.epoch).toMatch(/^[0-9a-f-]{36}$/);

    // The chair's phone pushes batch after batch, the whole time.
    const batches: string[][] = [];
    let seq = 1;
    let pushing = true;
    const pusher = (async () => {
      while (pushing) {
        const ids = Array.from({ length: BATCH }, () => newId());
        const mutations = ids.map((id) => ({ seq: seq++, collection: 'members', op: 'put', id, data: memberData(made.club.id) }));
        const answer = await call<PushResponse>(first.url, 'POST', '/sync/push', token, { schemaVersion: SCHEMA_VERSION, mutations });
        expect(answer).toMatchObject({ ackedThrough: seq - 1, rejected: [], epoch: before.epoch });
        batches.push(ids);
      }
    })();
    while (batches.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    const ackedBeforeBackup = batches.flat();
    const backupFile = join(work, 'so-clb-backup.db');
    const backup = await command(['backup', '--out', backupFile], env);
    pushing = false;
    await pusher;
    expect(backup).toMatchObject({ code: 0, out: expect.stringContaining('Backed up to') });
    expect(existsSync(backupFile)).toBe(true);
    expect(readdirSync(work).filter((name) => name.includes('.partial'))).toEqual([]);
    if (kind.name === 'SQLite') {
      // The file opens as it is, on its own, and holds every push acknowledged before it began.
      const copy = new Database(backupFile, { readonly: true, fileMustExist: true });
      const held = new Set(copy.prepare("SELECT id FROM records WHERE collection = 'members'").pluck().all() as string[]);
      copy.close();
      for (const id of ackedBeforeBackup) expect(held.has(id)).toBe(true);
    }

    // Not while the server runs.
    const refused = await command(['restore', '--from', backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/stop/);
    expect((await memberIds(first.url, token)).ids.size).toBe(batches.length * BATCH);

    await stopServer(first.child);
    const restored = await command(['restore', '--from', backupFile], env);
    expect(restored.code).toBe(0);
    const newEpoch = /new epoch is ([0-9a-f-]{36})/.exec(restored.out)?.[1];
    expect(newEpoch).toBeDefined();
    expect(newEpoch).not.toBe(before.epoch);
    expect(restored.out).toMatch(/kept as .*before.restore/);

    const second = await startServer(env);
    running.push(second.child);
    expect(await call<HealthResponse>(second.url, 'GET', '/health')).toEqual({ ok: true, version: SCHEMA_VERSION, epoch: newEpoch });
    // The backup's moment: every push acknowledged before it began, each one whole, and the
    // phone's count of what the server has (lastSeq) agreeing with the records kept.
    const { ids, epochs } = await memberIds(second.url, token);
    expect([...epochs]).toEqual([newEpoch]);
    for (const id of ackedBeforeBackup) expect(ids.has(id)).toBe(true);
    const echo = await call<PushResponse>(second.url, 'POST', '/sync/push', token, { schemaVersion: SCHEMA_VERSION, mutations: [] });
    expect(echo.epoch).toBe(newEpoch);
    expect(echo.ackedThrough % BATCH).toBe(0);
    expect(ids).toEqual(new Set(batches.slice(0, echo.ackedThrough / BATCH).flat()));
    expect(ids.size).toBeGreaterThanOrEqual(ackedBeforeBackup.length);
  });

  it('refuses a file that is not a backup, and a backup with nowhere to go, changing nothing', { timeout: 30_000 }, async () => {
    const server = await startServer(env);
    running.push(server.child);
    const epoch = (await call<HealthResponse>(server.url, 'GET', '/health')).epoch;
    await stopServer(server.child);
    const notABackup = join(work, 'not-a-backup');
    writeFileSync(notABackup, 'Nguyễn Thị Lan, 0912345678\n'.repeat(100));
    const refused = await command(['restore', '--from', notABackup], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/not a (backup|Sổ CLB)/);
    expect((await command(['restore', '--from', join(work, 'missing')], env)).code).toBe(1);
    expect((await command(['backup', '--out', join(work, 'no-such-folder', 'b')], env)).code).toBe(1);
    expect((await command(['backup'], env)).code).toBe(1);
    const again = await startServer(env);
    running.push(again.child);
    expect((await call<HealthResponse>(again.url, 'GET', '/health')).epoch).toBe(epoch);
  });
});

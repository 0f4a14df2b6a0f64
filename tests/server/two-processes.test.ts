import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type PullResponse, type PushResponse, type WaitResponse } from '../../src/domain/protocol';
import { CODE_GUESS_LIMITS } from '../../src/server/rate-limits';
import { CLUB_PROFILE, memberData, newId, STORE_KINDS, type TestDatabase } from './harness';

/**
 * Issue 13: a deployment may run several server processes behind a load balancer on one
 * PostgreSQL database. That holds only if a process keeps nothing of its own that another
 * needs — records, wake-ups of waiting phones and rate-limit counts must all go through the
 * database. Real programs (not two apps in one process, which could share memory by
 * accident), over real HTTP.
 */

const SETUP_CODE = 'TWO-PROCESS-SETUP-CODE';
const postgres = STORE_KINDS.find((kind) => kind.name === 'PostgreSQL');

interface Program {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(env: Record<string, string>): Promise<Program> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start: ${text}`)), 20_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => text });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${text}`));
    });
  });
}

async function stop(program: Program | undefined): Promise<void> {
  if (!program || program.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => program.child.once('exit', () => resolve()));
  program.child.kill('SIGTERM');
  await exited;
}

interface Reply<T> {
  status: number;
  body: T;
}

async function call<T = unknown>(
  server: Program,
  method: string,
  path: string,
  { token, body, from }: { token?: string; body?: unknown; from?: string } = {},
): Promise<Reply<T>> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(from ? { 'x-forwarded-for': from } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

interface Phone {
  token: string;
  clubId: string;
  seq: number;
}

async function enroll(server: Program, code: string, name: string, clubId: string): Promise<Phone> {
  const reply = await call<{ token: string }>(server, 'POST', '/enroll', { body: { code, device: { name } } });
  expect(reply.status).toBe(201);
  return { token: reply.body.token, clubId, seq: 1 };
}

async function addMember(server: Program, phone: Phone, fullName: string): Promise<{ id: string; reply: Reply<PushResponse> }> {
  const id = newId();
  const reply = await call<PushResponse>(server, 'POST', '/sync/push', {
    token: phone.token,
    body: {
      schemaVersion: SCHEMA_VERSION,
      mutations: [{ seq: phone.seq++, collection: 'members', op: 'put', id, data: memberData(phone.clubId, { fullName }) }],
    },
  });
  return { id, reply };
}

async function pullAll(server: Program, phone: Phone): Promise<{ records: Map<string, Record<string, unknown>>; cursor: string }> {
  const records = new Map<string, Record<string, unknown>>();
  let cursor = '0';
  for (;;) {
    const reply = await call<PullResponse>(server, 'GET', `/sync/pull?since=${cursor}`, { token: phone.token });
    expect(reply.status).toBe(200);
    for (const change of reply.body.changes) records.set(`${change.collection}/${change.id}`, change.record);
    cursor = reply.body.cursor;
    if (!reply.body.hasMore) return { records, cursor };
  }
}

describe.skipIf(!postgres)('two server processes on one PostgreSQL database', () => {
  let db: TestDatabase | undefined;
  let one: Program | undefined;
  let two: Program | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'so-clb-two-'));
  /** Each phone enrolled through a different process, so neither process made both. */
  let phoneOne: Phone;
  let phoneTwo: Phone;

  beforeAll(async () => {
    db = await postgres!.database();
    const env = {
      ...db.env,
      SETUP_CODE,
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'no-app-here'),
      // As behind the load balancer such a deployment has: the guesser's address comes from
      // X-Forwarded-For, so its count is not mixed with the enrolments of the other tests.
      TRUST_PROXY: '127.0.0.1',
    };
    // One after the other: the first makes the schema, and the second must find it made
    // rather than race it (concurrent migration is not what this file is about).
    one = await start(env);
    two = await start(env);

    const made = await call<{ token: string; club: { id: string } }>(one, 'POST', '/clubs', {
      body: { setupCode: SETUP_CODE, club: CLUB_PROFILE, device: { name: 'Máy chủ nhiệm' } },
    });
    expect(made.status).toBe(201);
    const chair = { token: made.body.token, clubId: made.body.club.id };
    const invite = async () => {
      const reply = await call<{ code: string }>(one!, 'POST', '/invites', { token: chair.token, body: { role: 'treasurer' } });
      expect(reply.status).toBe(201);
      return reply.body.code;
    };
    phoneOne = await enroll(one, await invite(), 'Máy thủ quỹ 1', chair.clubId);
    // An invite made on server 1 is good on server 2: the invite lives in the database.
    phoneTwo = await enroll(two, await invite(), 'Máy thủ quỹ 2', chair.clubId);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([stop(one), stop(two)]);
    await db?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('gives a phone pulling from server 2 the member another phone pushed to server 1', async () => {
    const { id, reply } = await addMember(one!, phoneOne, 'Nguyễn Thị Lan');
    expect(reply.status).toBe(200);
    expect(reply.body.rejected).toEqual([]);
    const { records } = await pullAll(two!, phoneTwo);
    expect(records.get(`members/${id}`)).toMatchObject({ fullName: 'Nguyễn Thị Lan', clubId: phoneTwo.clubId });
  });

  it('wakes a phone waiting on server 2 when its club is pushed through server 1', async () => {
    const since = Number((await pullAll(two!, phoneTwo)).cursor);
    const started = performance.now();
    let settled = false;
    const waiting = call<WaitResponse>(two!, 'GET', `/sync/wait?since=${since}&timeout=20`, { token: phoneTwo.token }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Still held: otherwise the answer below could come from the wait returning at once.
    expect(settled).toBe(false);
    const { id } = await addMember(one!, phoneOne, 'Phạm Văn Hùng');
    const reply = await waiting;
    const ms = performance.now() - started;
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ changed: true, version: since + 1 });
    // Far under the 20 s timeout: woken by the push, not by the wait running out.
    expect(ms).toBeLessThan(5_000);
    expect((await pullAll(two!, phoneTwo)).records.get(`members/${id}`)).toMatchObject({ fullName: 'Phạm Văn Hùng' });
  }, 30_000);

  it('counts one address’s wrong invite codes across both servers: the 11th try overall is refused', async () => {
    const { perAddress, windowMs } = CODE_GUESS_LIMITS;
    expect(perAddress).toBe(10);
    // The counts are per clock minute: start early in one, so all the tries fall into it.
    const intoWindow = Date.now() % windowMs;
    if (intoWindow > windowMs - 5_000) await new Promise((resolve) => setTimeout(resolve, windowMs - intoWindow + 100));

    const guesser = '203.0.113.7';
    const guess = (server: Program, from = guesser) =>
      call<{ error: { code: string } }>(server, 'POST', '/enroll', { body: { code: 'WRONGCODE', device: { name: 'Máy lạ' } }, from });
    const servers = [one!, two!];
    const statuses: number[] = [];
    for (let i = 0; i < perAddress + 2; i++) statuses.push((await guess(servers[i % 2]!)).status);

    // Each server saw at most 6 of the 12: only a count shared through the database refuses any.
    expect(statuses.slice(0, perAddress)).toEqual(Array(perAddress).fill(404));
    expect(statuses.slice(perAddress)).toEqual([429, 429]);
    // The limit that struck is the address's own: another address still gets its answer.
    expect((await guess(one!, '203.0.113.8')).status).toBe(404);
    expect((await guess(two!, '203.0.113.8')).status).toBe(404);
  }, 15_000);
});

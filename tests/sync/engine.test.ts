import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/domain/protocol';
import { freshDatabase, reopen } from '../local/helpers';
import { FakeServer, json } from './fake-server';
import { connectToFake } from './helpers';
import { syncOnce } from '../../src/sync/engine';
import { RetryableSyncError, SyncFailedError } from '../../src/sync/errors';
import { applyAcknowledgement, consecutiveRuns, nextBatch, pushPending } from '../../src/sync/push';
import { readConnection } from '../../src/sync/connection';
import { createRecord, updateRecord } from '../../src/local/write';
import { syncStatus } from '../../src/local/queries';
import type { OutboxMutation } from '../../src/local/database';
import type { FetchLike } from '../../src/sync/http';
import { uuidv7 } from '../../src/domain/ids';
import { memberFields } from '../domain/fixtures';

function newServer(): FakeServer {
  const server = new FakeServer();
  server.clubId = uuidv7();
  return server;
}

async function phone(server: FakeServer, role: 'board' | 'volunteer' = 'board') {
  const db = freshDatabase();
  await connectToFake(db, server, role);
  return db;
}

async function addMembers(db: Awaited<ReturnType<typeof phone>>, count: number, notes: string | null = null) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await createRecord(db, 'members', memberFields({ fullName: `Thành viên ${i}`, notes }))).id);
  return ids;
}

function pushes(server: FakeServer) {
  return server.requests.filter((r) => r.path === '/sync/push').map((r) => r.body as { mutations: { seq: number }[] });
}

describe('applyAcknowledgement', () => {
  const m = (seq: number, status: OutboxMutation['status'] = 'pending'): OutboxMutation => ({
    seq,
    collection: 'members',
    op: 'put',
    id: String(seq),
    data: {},
    queuedAt: '',
    status,
  });

  it('removes what was acknowledged, keeps refusals (old and new) and everything past the acknowledgement', async () => {
    const db = freshDatabase();
    await db.outbox.bulkAdd([m(1, 'rejected'), m(2), m(3), m(4), m(5), m(6), m(8)]);
    const answer = await applyAcknowledgement(
      db,
      { ackedThrough: 6, rejected: [{ seq: 4, code: 'invalid', message: 'Năm sinh không hợp lệ' }], serverTime: '2026-11-23T08:00:00.000Z' },
      '2026-11-23T08:00:00.000Z',
    );
    expect(answer).toEqual({ acknowledged: 5, rejected: 1 });
    const left = await db.outbox.toArray();
    expect(left.map((x) => [x.seq, x.status])).toEqual([
      [1, 'rejected'],
      [4, 'rejected'],
      [8, 'pending'],
    ]);
    expect(left[1]!.rejection).toEqual({ code: 'invalid', message: 'Năm sinh không hợp lệ' });
  });

  it('groups seqs into runs for range deletes', () => {
    expect(consecutiveRuns([])).toEqual([]);
    expect(consecutiveRuns([2, 3, 5, 6, 7, 9])).toEqual([
      [2, 3],
      [5, 7],
      [9, 9],
    ]);
  });
});

describe('nextBatch', () => {
  const m = (seq: number, size = 10): OutboxMutation => ({
    seq,
    collection: 'members',
    op: 'put',
    id: String(seq),
    data: { notes: 'x'.repeat(size) },
    queuedAt: '',
    status: 'pending',
  });

  it('takes at most 500 mutations', () => {
    expect(nextBatch(Array.from({ length: 1200 }, (_, i) => m(i + 1)))).toHaveLength(500);
  });

  it('keeps a push under about 1 MiB, and still sends one oversized mutation alone', () => {
    const batch = nextBatch(Array.from({ length: 100 }, (_, i) => m(i + 1, 100_000)));
    expect(batch).toHaveLength(10);
    expect(JSON.stringify(batch).length).toBeLessThan(1024 * 1024);
    expect(nextBatch([m(1, 2_000_000), m(2)])).toHaveLength(1);
  });
});

describe('syncOnce against a fake server', () => {
  it('pushes in seq order in batches of 500, empties the outbox and pulls the result', async () => {
    const server = newServer();
    const db = await phone(server);
    await addMembers(db, 1200);

    const result = await syncOnce(db, { fetch: server.fetch });

    expect(result).toMatchObject({ outcome: 'done', acknowledged: 1200, rejected: 0, pulled: 1200 });
    const sent = pushes(server);
    expect(sent.map((p) => p.mutations.length)).toEqual([500, 500, 200]);
    expect(sent.flatMap((p) => p.mutations.map((x) => x.seq))).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(await db.outbox.count()).toBe(0);
    const status = await syncStatus(db);
    expect(status).toMatchObject({ waiting: 0, rejected: 0, connected: true, lastError: null });
    expect(status.lastSentAt).not.toBeNull();
    expect(status.lastPullAt).not.toBeNull();
    expect((await db.records('members').toArray()).every((m) => typeof m.version === 'number')).toBe(true);
  });

  it('keeps every change when the reply is lost, and sends it again without doubling it', async () => {
    const server = newServer();
    const db = await phone(server);
    await addMembers(db, 3);
    let dropReplies = true;
    const lossy: FetchLike = async (input, init) => {
      const response = await server.fetch(input, init);
      if (dropReplies) throw new TypeError('Failed to fetch'); // the server did the work; the reply is lost
      return response;
    };

    await expect(syncOnce(db, { fetch: lossy })).rejects.toBeInstanceOf(RetryableSyncError);
    expect(await db.outbox.count()).toBe(3);
    expect((await syncStatus(db)).lastError?.code).toBe('offline');
    expect(server.recordsOf('members')).toHaveLength(3);

    dropReplies = false;
    await syncOnce(db, { fetch: lossy });
    expect(await db.outbox.count()).toBe(0);
    expect(server.recordsOf('members')).toHaveLength(3);
    expect(await db.records('members').count()).toBe(3);
    expect((await syncStatus(db)).lastError).toBeNull();
  });

  it('after a restart mid-push, deletes what the server acknowledged and sends the rest', async () => {
    const server = newServer();
    let db = await phone(server);
    await addMembers(db, 5);
    const token = (await readConnection(db))!.token;
    // The first two reached the server before the phone died.
    const pending = await db.outbox.toArray();
    server.push(server.devices.get(token)!, { schemaVersion: SCHEMA_VERSION, mutations: pending.slice(0, 2).map(({ seq, collection, op, id, data }) => ({ seq, collection, op, id, data })) });

    db = reopen(db);
    await syncOnce(db, { fetch: server.fetch });
    expect(await db.outbox.count()).toBe(0);
    expect(server.recordsOf('members')).toHaveLength(5);
  });

  it('marks refused changes rejected with the server\'s reason, never sends them again, and sends the rest', async () => {
    const server = newServer();
    const db = await phone(server);
    const [a, b] = (await addMembers(db, 2)) as [string, string];
    server.refuse = (m) => (m.id === a ? { seq: m.seq, code: 'invalid', message: 'Số điện thoại sai', messageKey: 'validation.phone', field: 'phone' } : undefined);

    const result = await syncOnce(db, { fetch: server.fetch });
    expect(result).toMatchObject({ acknowledged: 2, rejected: 1 });
    const [refused] = await db.outbox.toArray();
    expect(refused).toMatchObject({ id: a, status: 'rejected', rejection: { code: 'invalid', message: 'Số điện thoại sai', messageKey: 'validation.phone', field: 'phone' } });
    expect(await db.records('members').get(a)).toBeDefined(); // still shown until discarded
    expect(await db.records('members').get(b)).toMatchObject({ version: 1 });

    await updateRecord(db, 'members', b, { notes: 'sau' });
    await syncOnce(db, { fetch: server.fetch });
    const sentSeqs = pushes(server).flatMap((p) => p.mutations.map((x) => x.seq));
    expect(sentSeqs.filter((seq) => seq === refused!.seq)).toHaveLength(1);
    expect((await syncStatus(db)).rejected).toBe(1);
  });

  it('stops on 401 and says the phone must join again; keeps every change', async () => {
    const server = newServer();
    const db = await phone(server);
    await addMembers(db, 2);
    for (const device of server.devices.values()) device.revoked = true;

    expect((await syncOnce(db, { fetch: server.fetch })).outcome).toBe('unauthorized');
    expect(await syncStatus(db)).toMatchObject({ connected: false, unauthorized: true, waiting: 2, lastError: { code: 'unauthorized' } });
  });

  it('records upgrade_required on 426', async () => {
    const db = await phone(newServer());
    const old: FetchLike = async () => json(426, { error: { code: 'upgrade_required', message: 'Cập nhật ứng dụng' } });
    expect((await syncOnce(db, { fetch: old })).outcome).toBe('upgrade_required');
    expect((await syncStatus(db)).lastError).toMatchObject({ code: 'upgrade_required', message: 'Cập nhật ứng dụng' });
  });

  it('throws a retryable error on 5xx and on a timeout, recording why', async () => {
    const db = await phone(newServer());
    await addMembers(db, 1);
    const broken: FetchLike = async () => json(503, { error: { code: 'unavailable', message: 'busy' } });
    await expect(syncOnce(db, { fetch: broken })).rejects.toMatchObject({ name: 'RetryableSyncError', code: 'server' });
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    await expect(syncOnce(db, { fetch: hanging, timeoutMs: 20 })).rejects.toMatchObject({ code: 'offline' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('fails without retrying forever when the server takes nothing of a batch', async () => {
    const db = await phone(newServer());
    await addMembers(db, 1);
    const stuck: FetchLike = async () => json(200, { ackedThrough: 0, rejected: [], serverTime: new Date().toISOString() });
    await expect(syncOnce(db, { fetch: stuck })).rejects.toBeInstanceOf(SyncFailedError);
    expect((await syncStatus(db)).lastError?.code).toBe('push_stalled');
  });

  it('does nothing and says so when the phone has no server', async () => {
    const db = freshDatabase();
    expect((await syncOnce(db)).outcome).toBe('not_connected');
  });

  it('pushes changes written while a push is on its way in the next batch', async () => {
    const server = newServer();
    const db = await phone(server);
    const [a] = await addMembers(db, 1);
    let wrote = false;
    const writing: FetchLike = async (input, init) => {
      if (!wrote && input.includes('/sync/push')) {
        wrote = true;
        await updateRecord(db, 'members', a!, { notes: 'trong lúc gửi' });
      }
      return server.fetch(input, init);
    };
    await pushPending(db, (await readConnection(db))!, { fetch: writing });
    expect(await db.outbox.count()).toBe(0);
    expect(server.recordsOf('members')[0]).toMatchObject({ notes: 'trong lúc gửi' });
  });
});

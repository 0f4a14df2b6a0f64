import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH, OLDEST_ACCEPTED_SCHEMA_VERSION, SCHEMA_VERSION } from '../../src/domain/protocol';
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

function members(records: Map<string, Record<string, unknown>>) {
  return [...records.entries()].filter(([key]) => key.startsWith('members/')).map(([, record]) => record);
}

describe.each(STORE_KINDS)('push on $name', (kind) => {
  let h: Harness;
  let chair: Phone;
  beforeEach(async () => {
    h = await startServer(kind);
    chair = await createClub(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const newMembers = (phone: Phone, count: number) =>
    numbered(
      phone,
      Array.from({ length: count }, (_, i) => ({ id: newId(), data: memberData(phone.clubId, { fullName: `Hội viên ${i + 1}` }) })),
    );

  it('applies a batch, stamps the rows with one new club version, and acknowledges it', async () => {
    const batch = newMembers(chair, 3);
    const reply = await push(h, chair, batch);
    expect(reply.status).toBe(200);
    // The answer says the club's new version (the phone stamps its copies of what it sent with
    // it) and the database's epoch (a restore changes it).
    expect(reply.body).toEqual({ ackedThrough: 3, rejected: [], serverTime: h.clock.now.toISOString(), epoch: await h.store.epoch(), version: 2 });
    const { records, cursor } = await pullAll(h, chair);
    const pulled = members(records);
    expect(pulled).toHaveLength(3);
    expect(new Set(pulled.map((m) => m.version))).toEqual(new Set([2]));
    expect(cursor).toBe('2');
    expect(records.get(`members/${batch[0]!.id}`)).toEqual({ id: batch[0]!.id, ...batch[0]!.data, version: 2 });
  });

  it('takes the same batch twice without a duplicate and with the same ackedThrough', async () => {
    const batch = newMembers(chair, 4);
    const first = await push(h, chair, batch);
    const second = await push(h, chair, batch);
    expect(second.status).toBe(200);
    expect(second.body.ackedThrough).toBe(first.body.ackedThrough);
    expect(second.body.ackedThrough).toBe(4);
    const { records, cursor } = await pullAll(h, chair);
    expect(members(records)).toHaveLength(4);
    // Nothing new was written: the club version did not move.
    expect(cursor).toBe('2');
  });

  it('stops at a gap: nothing past it is applied, ackedThrough is the last seq before it', async () => {
    const batch = newMembers(chair, 5);
    const withGap = [batch[0]!, batch[1]!, batch[3]!, batch[4]!];
    const reply = await push(h, chair, withGap);
    expect(reply.body).toMatchObject({ ackedThrough: 2, rejected: [] });
    expect(members((await pullAll(h, chair)).records).map((m) => m.id)).toEqual([batch[0]!.id, batch[1]!.id].sort());
    // The phone sends the rest again, gap filled.
    const rest = await push(h, chair, batch.slice(2));
    expect(rest.body.ackedThrough).toBe(5);
    expect(members((await pullAll(h, chair)).records)).toHaveLength(5);
  });

  it('refuses an invalid mutation mid-batch with a code and message, and applies the rest', async () => {
    const [a, b, c] = newMembers(chair, 3);
    b!.data = { ...b!.data, phone: '12345' };
    const reply = await push(h, chair, [a, b, c], { 'accept-language': 'en' });
    expect(reply.body.ackedThrough).toBe(3);
    expect(reply.body.rejected).toEqual([
      { seq: b!.seq, code: 'invalid', message: 'A phone number has 10 digits and starts with 0.', messageKey: 'validation.phone', field: 'phone' },
    ]);
    const ids = members((await pullAll(h, chair)).records).map((m) => m.id);
    expect(ids.sort()).toEqual([a!.id, c!.id].sort());
    // Vietnamese by default.
    const [d] = newMembers(chair, 1);
    d!.data = { ...d!.data, unknownField: 1 };
    const vi = await push(h, chair, [d]);
    expect(vi.body.rejected).toEqual([
      { seq: d!.seq, code: 'invalid', message: 'Có thông tin lạ không thuộc hồ sơ này.', messageKey: 'validation.unknownField', field: '' },
    ].map(({ field: _f, ...r }) => r));
  });

  it('refuses data that sets id or version, and unknown collections', async () => {
    const id = newId();
    const [withVersion, withId, unknown] = numbered(chair, [
      { id, data: { ...memberData(chair.clubId), version: 99 } },
      { id, data: { ...memberData(chair.clubId), id } },
      { collection: 'spaceships', id: newId(), data: {} },
    ]);
    const reply = await push(h, chair, [withVersion, withId, unknown]);
    expect(reply.body.ackedThrough).toBe(3);
    expect(reply.body.rejected.map((r) => [r.seq, r.code, r.field])).toEqual([
      [withVersion!.seq, 'invalid', 'version'],
      [withId!.seq, 'invalid', 'id'],
      [unknown!.seq, 'unknown_collection', undefined],
    ]);
  });

  it('rolls the whole batch back on a fault mid-batch (5xx JSON), and the same batch then succeeds', async () => {
    const batch = newMembers(chair, 5);
    const before = await pullAll(h, chair);
    h.store.hooks.beforeRecordWrite = (count) => {
      if (count === 3) throw new Error('disk unplugged');
    };
    const failed = await push(h, chair, batch);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(failed.body)).not.toContain('disk unplugged');

    h.store.hooks.beforeRecordWrite = undefined;
    const after = await pullAll(h, chair);
    expect(members(after.records)).toHaveLength(0);
    // The club version did not move either.
    expect(after.cursor).toBe(before.cursor);

    // lastSeq did not move: the retried batch is applied, not skipped.
    const retried = await push(h, chair, batch);
    expect(retried.body).toMatchObject({ ackedThrough: 5, rejected: [] });
    expect(members((await pullAll(h, chair)).records)).toHaveLength(5);
  });

  it('answers a batch resent after its response was lost as the first time, without doing it twice', async () => {
    const [a, b, c] = newMembers(chair, 3);
    b!.data = { ...b!.data, birthYear: 1800 };
    const first = await push(h, chair, [a, b, c]);
    const resent = await push(h, chair, [a, b, c]);
    expect(resent.body.ackedThrough).toBe(first.body.ackedThrough);
    // The refusal is told again: a phone that never heard it would drop the change as saved.
    expect(resent.body.rejected).toEqual(first.body.rejected);
    expect(resent.body.rejected.map((r) => r.seq)).toEqual([b!.seq]);
    const { records, cursor } = await pullAll(h, chair);
    expect(members(records)).toHaveLength(2);
    expect(cursor).toBe('2');
  });

  it('keeps both phones’ edits to different fields of one member', async () => {
    const board = await enrollPhone(h, chair, 'board');
    const id = newId();
    await push(h, chair, numbered(chair, [{ id, data: memberData(chair.clubId) }]));
    await push(h, chair, numbered(chair, [{ id, data: { phone: '0987654321', updatedAt: '2026-11-21T00:00:00.000Z' } }]));
    await push(h, board, numbered(board, [{ id, data: { notes: 'Cần thăm tại nhà', updatedAt: '2025-01-01T00:00:00.000Z' } }]));
    for (const phone of [chair, board]) {
      const record = (await pullAll(h, phone)).records.get(`members/${id}`);
      expect(record).toMatchObject({ phone: '0987654321', notes: 'Cần thăm tại nhà' });
    }
  });

  it('lets the last arrival win on the same field, whatever the phones’ clocks say, and both phones pull the same', async () => {
    const board = await enrollPhone(h, chair, 'board');
    const id = newId();
    await push(h, chair, numbered(chair, [{ id, data: memberData(chair.clubId) }]));
    await push(h, chair, numbered(chair, [{ id, data: { fullName: 'Trần Văn Minh A', updatedAt: '2030-01-01T00:00:00.000Z' } }]));
    await push(h, board, numbered(board, [{ id, data: { fullName: 'Trần Văn Minh B', updatedAt: '2020-01-01T00:00:00.000Z' } }]));
    const seen = await Promise.all([chair, board].map(async (phone) => (await pullAll(h, phone)).records.get(`members/${id}`)));
    expect(seen[0]).toMatchObject({ fullName: 'Trần Văn Minh B', version: 4 });
    expect(seen[1]).toEqual(seen[0]);
  });

  it('lets a delete win over an update that arrives after it (conflict) and one that arrived before it', async () => {
    const board = await enrollPhone(h, chair, 'board');
    const first = newId();
    const second = newId();
    await push(h, chair, numbered(chair, [{ id: first, data: memberData(chair.clubId) }, { id: second, data: memberData(chair.clubId) }]));

    // Delete first, update after: the update is a conflict.
    await push(h, chair, numbered(chair, [{ op: 'delete', id: first, data: { updatedAt: '2026-11-22T00:00:00.000Z' } }]));
    const late = numbered(board, [{ id: first, data: { notes: 'sửa muộn' } }]);
    const lateReply = await push(h, board, late);
    expect(lateReply.body.rejected).toEqual([{ seq: late[0]!.seq, code: 'conflict', message: expect.any(String) }]);
    // Not even an explicit un-delete.
    const undelete = numbered(board, [{ id: first, data: { deleted: false } }]);
    expect((await push(h, board, undelete)).body.rejected[0]).toMatchObject({ code: 'conflict' });

    // Update first, delete after: the delete wins.
    await push(h, board, numbered(board, [{ id: second, data: { notes: 'sửa sớm' } }]));
    await push(h, chair, numbered(chair, [{ op: 'delete', id: second }]));
    const afterwards = numbered(board, [{ id: second, data: { notes: 'sửa lần nữa' } }]);
    expect((await push(h, board, afterwards)).body.rejected[0]).toMatchObject({ code: 'conflict' });

    for (const phone of [chair, board]) {
      const { records } = await pullAll(h, phone);
      expect(records.get(`members/${first}`)).toMatchObject({ deleted: true, notes: null, updatedAt: '2026-11-22T00:00:00.000Z' });
      expect(records.get(`members/${second}`)).toMatchObject({ deleted: true, notes: 'sửa sớm' });
    }
  });

  it('does not let another club read or write this club’s records', async () => {
    const id = newId();
    await push(h, chair, numbered(chair, [{ id, data: memberData(chair.clubId, { fullName: 'Nguyễn Thị Lan' }) }]));
    const other = await createClub(h, { name: 'CLB khác' });

    const { records } = await pullAll(h, other);
    expect([...records.keys()]).toEqual([`club/${other.clubId}`]);

    const attempts = numbered(other, [
      { id, data: memberData(other.clubId, { fullName: 'Kẻ lạ' }) }, // the id belongs to the first club
      { id, data: { fullName: 'Kẻ lạ' } },
      { id: newId(), data: memberData(chair.clubId) }, // a record claiming the first club
      { op: 'delete', id },
      { collection: 'club', id: chair.clubId, data: { name: 'Đổi tên' } },
    ]);
    const reply = await push(h, other, attempts);
    expect(reply.body.ackedThrough).toBe(attempts.at(-1)!.seq);
    expect(reply.body.rejected.map((r) => r.code)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    // The refusal says nothing of the other club's record.
    expect(JSON.stringify(reply.body)).not.toContain('Nguyễn');

    const mine = (await pullAll(h, chair)).records;
    expect(mine.get(`members/${id}`)).toMatchObject({ fullName: 'Nguyễn Thị Lan', deleted: false });
    expect(mine.get(`club/${chair.clubId}`)).toMatchObject({ name: 'CLB Liên thế hệ Đông Xá' });
    expect(members(mine)).toHaveLength(1);
  });

  it('refuses a volunteer’s write to members (forbidden) and anyone’s delete of the club record', async () => {
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    const attempt = numbered(volunteer, [{ id: newId(), data: memberData(chair.clubId) }]);
    const reply = await push(h, volunteer, attempt);
    expect(reply.body).toMatchObject({ ackedThrough: 1, rejected: [{ seq: 1, code: 'forbidden' }] });

    const del = numbered(chair, [{ collection: 'club', op: 'delete', id: chair.clubId }]);
    expect((await push(h, chair, del)).body.rejected).toMatchObject([{ code: 'forbidden' }]);
    // The chair may change the club's profile by fields.
    const rename = numbered(chair, [{ collection: 'club', id: chair.clubId, data: { loanTermMonths: 6 } }]);
    expect((await push(h, chair, rename)).body.rejected).toEqual([]);
    expect((await pullAll(h, volunteer)).records.get(`club/${chair.clubId}`)).toMatchObject({ loanTermMonths: 6, version: 2 });
  });

  it('answers 426 to a too-old schema and 400 to a newer one than the server knows', async () => {
    const old = await h.request('POST', '/api/v1/sync/push', {
      token: chair.token,
      body: { schemaVersion: OLDEST_ACCEPTED_SCHEMA_VERSION - 1, mutations: [], somethingOld: true },
    });
    expect(old.status).toBe(426);
    expect(old.body).toEqual({ error: { code: 'upgrade_required', message: expect.any(String) } });
    const newer = await h.request('POST', '/api/v1/sync/push', { token: chair.token, body: { schemaVersion: SCHEMA_VERSION + 1, mutations: [] } });
    expect(newer.status).toBe(400);
    const oldPull = await h.request('GET', `/api/v1/sync/pull?since=0&schemaVersion=${OLDEST_ACCEPTED_SCHEMA_VERSION - 1}`, { token: chair.token });
    expect(oldPull.status).toBe(426);
  });

  it('refuses more than 500 mutations or more than 1 MiB with a JSON error, applying nothing', async () => {
    const tooMany = newMembers(chair, MAX_MUTATIONS_PER_PUSH + 1);
    const many = await push(h, chair, tooMany);
    expect(many.status).toBe(413);
    expect(many.body).toEqual({ error: { code: 'too_large', message: expect.any(String) } });

    chair.seq = 1;
    const big = numbered(chair, [{ id: newId(), data: memberData(chair.clubId, { notes: 'x'.repeat(MAX_BODY_BYTES) }) }]);
    const huge = await push(h, chair, big);
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ error: { code: 'too_large', message: expect.any(String) } });
    expect(members((await pullAll(h, chair)).records)).toHaveLength(0);

    const malformed = await h.request('POST', '/api/v1/sync/push', { token: chair.token, body: { schemaVersion: SCHEMA_VERSION, mutations: [{ seq: 'one' }] } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'invalid' } });
  });

  it('orders concurrent pushes of several phones: each gets its own version, and a puller running alongside misses nothing', async () => {
    const phones = [chair, await enrollPhone(h, chair, 'board'), await enrollPhone(h, chair, 'treasurer')];
    const batches = phones.map((phone) => Array.from({ length: 4 }, () => newMembers(phone, 10)));
    let cursor = '0';
    const seen = new Map<string, number>();
    let pushing = true;
    const puller = (async () => {
      while (pushing) {
        const { records, cursor: next } = await pullAll(h, chair, cursor);
        for (const [key, record] of records) seen.set(key, record.version as number);
        cursor = next;
      }
    })();
    await Promise.all(
      phones.map(async (phone, i) => {
        for (const batch of batches[i]!) expect((await push(h, phone, batch)).body.rejected).toEqual([]);
      }),
    );
    pushing = false;
    await puller;
    const { records } = await pullAll(h, chair, cursor);
    for (const [key, record] of records) seen.set(key, record.version as number);

    expect([...seen.keys()].filter((k) => k.startsWith('members/'))).toHaveLength(120);
    // Twelve pushes, twelve versions after the club's own (1): none shared, none skipped.
    const versions = new Set([...seen.values()].filter((v) => v > 1));
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
  });

  it('does a batch once when a phone’s retry races its first try', async () => {
    const batch = newMembers(chair, 20);
    const [a, b] = await Promise.all([push(h, chair, batch), push(h, chair, batch)]);
    expect(a.body.ackedThrough).toBe(20);
    expect(b.body.ackedThrough).toBe(20);
    const { records, cursor } = await pullAll(h, chair);
    expect(members(records)).toHaveLength(20);
    expect(cursor).toBe('2');
  });

  it('requires a token to push', async () => {
    const reply = await h.request('POST', '/api/v1/sync/push', { body: { schemaVersion: SCHEMA_VERSION, mutations: [] } });
    expect(reply.status).toBe(401);
  });
});

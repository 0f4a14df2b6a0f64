import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineCollection, type CollectionDefinition } from '../../src/domain/collection';
import { COLLECTIONS } from '../../src/domain/collections';
import { DEVICE_ROLES } from '../../src/domain/record';
import { TOMBSTONE_HORIZON_DAYS } from '../../src/domain/protocol';
import {
  createClub,
  DAY_MS,
  enrollPhone,
  memberData,
  newId,
  numbered,
  pullAll,
  pullPage,
  push,
  startServer,
  STORE_KINDS,
  type Harness,
  type Phone,
} from './harness';

/** A test-only append-only collection the treasurer keeps and volunteers may not read. */
const ledger = defineCollection({
  name: 'ledger',
  kind: 'appendOnly',
  shape: () => ({ amount: z.int() }),
  read: ['chair', 'treasurer'],
  write: ['chair', 'treasurer'],
});
const WITH_LEDGER: Record<string, CollectionDefinition> = { ...COLLECTIONS, ledger };

const entry = (clubId: string, amount: number) => ({
  clubId,
  createdAt: '2026-11-20T03:00:00.000Z',
  updatedAt: '2026-11-20T03:00:00.000Z',
  deleted: false,
  amount,
});

describe.each(STORE_KINDS)('pull on $name', (kind) => {
  let h: Harness;
  let chair: Phone;
  beforeEach(async () => {
    h = await startServer(kind, { collections: WITH_LEDGER });
    chair = await createClub(h);
  });
  afterEach(async () => {
    await h.close();
  });

  async function pushMembers(count: number) {
    const batch = numbered(chair, Array.from({ length: count }, () => ({ id: newId(), data: memberData(chair.clubId) })));
    const reply = await push(h, chair, batch);
    expect(reply.body.rejected).toEqual([]);
    return batch.map((m) => m.id);
  }

  it('pages in version order, never splitting a version, and resumes from a cursor', async () => {
    await pushMembers(5); // version 2
    await pushMembers(3); // version 3
    await pushMembers(4); // version 4

    // The limit (2) falls inside version 2: the page grows to finish it.
    const first = await pullPage(h, chair, '0', 2);
    expect(first.changes.map((c) => c.record.version)).toEqual([1, 2, 2, 2, 2, 2]);
    expect(first).toMatchObject({ cursor: '2', hasMore: true, reset: false });

    const second = await pullPage(h, chair, first.cursor, 2);
    expect(second.changes.map((c) => c.record.version)).toEqual([3, 3, 3]);
    // A page cut off on 3G is asked again from the same cursor: the same answer.
    expect(await pullPage(h, chair, first.cursor, 2)).toEqual(second);

    const third = await pullPage(h, chair, second.cursor, 2);
    expect(third.changes.map((c) => c.record.version)).toEqual([4, 4, 4, 4]);
    expect(third).toMatchObject({ cursor: '4', hasMore: false });

    // Exactly at a version boundary.
    const exact = await pullPage(h, chair, '0', 6);
    expect(exact.changes).toHaveLength(6);
    expect(exact).toMatchObject({ cursor: '2', hasMore: true });

    const nothingNew = await pullPage(h, chair, '4');
    expect(nothingNew).toMatchObject({ changes: [], cursor: '4', hasMore: false });

    const { records } = await pullAll(h, chair, '0', 1);
    expect(records.size).toBe(13);
  });

  it('refuses a cursor it did not make', async () => {
    const reply = await h.request('GET', '/api/v1/sync/pull?since=abc', { token: chair.token });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'invalid' } });
  });

  it('includes tombstones, and answers reset with a full copy once tombstones past the cursor are purged', async () => {
    const [keep, gone] = await pushMembers(2); // version 2
    const seenEarly = (await pullAll(h, chair)).cursor; // '2'
    await push(h, chair, numbered(chair, [{ op: 'delete', id: gone! }])); // version 3
    const tombstone = (await pullPage(h, chair, seenEarly)).changes;
    expect(tombstone).toEqual([{ collection: 'members', id: gone, record: expect.objectContaining({ deleted: true, version: 3 }) }]);
    const upToDate = (await pullAll(h, chair)).cursor; // '3'

    h.clock.advance((TOMBSTONE_HORIZON_DAYS + 1) * DAY_MS);
    await pushMembers(1); // version 4, after the horizon
    const purged = await h.store.purgeTombstones(new Date(h.clock.now.getTime() - TOMBSTONE_HORIZON_DAYS * DAY_MS));
    expect(purged).toBe(1);

    // A phone that saw the deletion goes on as before.
    const fine = await pullPage(h, chair, upToDate);
    expect(fine.reset).toBe(false);
    expect(fine.changes.map((c) => c.record.version)).toEqual([4]);

    // A phone whose cursor is below the purged tombstone gets everything again.
    const reset = await pullPage(h, chair, seenEarly);
    expect(reset.reset).toBe(true);
    const ids = reset.changes.map((c) => c.id);
    expect(ids).toContain(keep);
    expect(ids).toContain(chair.clubId);
    expect(ids).not.toContain(gone);
    expect(reset.changes).toHaveLength(3); // the club, the kept member, the one added after

    // Paged: the copy continues page by page, not reset again on each one.
    const page1 = await pullPage(h, chair, seenEarly, 1);
    expect(page1).toMatchObject({ reset: true, hasMore: true });
    const page2 = await pullPage(h, chair, page1.cursor, 1);
    expect(page2.reset).toBe(false);
    const rest = await pullAll(h, chair, page2.cursor, 1);
    expect(rest.pages.every((p) => !p.reset)).toBe(true);
    expect(page1.changes.length + page2.changes.length + rest.records.size).toBe(3);
    expect(rest.cursor).toBe('4');

    // A new phone (since 0) is a full copy anyway, never a reset.
    expect((await pullPage(h, chair, '0')).reset).toBe(false);
  });

  it('answers a cursor ahead of the club (a server restored from an older backup) with reset and a full copy that pages on', async () => {
    // Three versions, one member each, so pages of one end between versions.
    const ids = [...(await pushMembers(1)), ...(await pushMembers(1)), ...(await pushMembers(1))];
    const { cursor: now } = await pullAll(h, chair);
    expect(now).toBe('4');
    // Up to date is not ahead.
    expect(await pullPage(h, chair, now)).toMatchObject({ changes: [], reset: false, cursor: '4' });

    for (const ahead of ['5', '999999999999', '999999999999:copy']) {
      const whole = await pullPage(h, chair, ahead);
      expect(whole.reset).toBe(true);
      expect(whole.hasMore).toBe(false);
      expect(whole.cursor).toBe('4');
      expect(whole.changes.map((c) => c.id).sort()).toEqual([chair.clubId, ...ids].sort());
    }

    // Paged: the copy continues from the first page's cursor, and is not reset again.
    const page1 = await pullPage(h, chair, '999999999999', 1);
    expect(page1).toMatchObject({ reset: true, hasMore: true, cursor: '1' });
    const rest = await pullAll(h, chair, page1.cursor, 1);
    expect(rest.pages.every((p) => !p.reset)).toBe(true);
    expect([...page1.changes.map((c) => c.id), ...[...rest.records.values()].map((r) => r.id)].sort()).toEqual([chair.clubId, ...ids].sort());
    expect(rest.cursor).toBe('4');

    // Another phone's push meanwhile still reaches the phone that started over.
    const [later] = await pushMembers(1);
    const after = await pullAll(h, chair, rest.cursor);
    expect([...after.records.keys()]).toEqual([`members/${later}`]);
  });

  it('answers a wait whose cursor is ahead of the club at once, so the phone pulls and starts over', async () => {
    const started = Date.now();
    const reply = await h.request<{ changed: boolean; version: number }>('GET', '/api/v1/sync/wait?since=999999999999&timeout=20', { token: chair.token });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reply.body).toMatchObject({ changed: true, version: 1 });
  });

  it('sends each role only the collections it may read, and nothing of another club', async () => {
    const volunteer = await enrollPhone(h, chair, 'volunteer');
    const treasurer = await enrollPhone(h, chair, 'treasurer');
    await pushMembers(2);
    const write = await push(h, treasurer, numbered(treasurer, [{ collection: 'ledger', id: newId(), data: entry(chair.clubId, 50_000) }]));
    expect(write.body.rejected).toEqual([]);
    const other = await createClub(h, { name: 'CLB bên cạnh' });
    await push(h, other, numbered(other, [{ id: newId(), data: memberData(other.clubId) }, { collection: 'ledger', id: newId(), data: entry(other.clubId, 1) }]));

    for (const phone of [chair, volunteer, treasurer]) {
      const { records } = await pullAll(h, phone);
      const collections = new Set([...records.values()].map((r) => (r.amount === undefined ? (r.id === chair.clubId ? 'club' : 'members') : 'ledger')));
      // Of the collections this test writes to: the club, its members and the ledger.
      const readable = Object.values(WITH_LEDGER)
        .filter((c) => ['club', 'members', 'ledger'].includes(c.name) && c.read.includes(phone.role as never))
        .map((c) => c.name);
      expect([...collections].sort()).toEqual(readable.sort());
      // Every role reads members and the club (the registry says so): none of them sees another club's.
      expect([...records.values()].every((r) => r.clubId === chair.clubId)).toBe(true);
    }
    for (const name of ['club', 'members'] as const) expect(COLLECTIONS[name].read).toEqual(DEVICE_ROLES);
    const volunteerKeys = [...(await pullAll(h, volunteer)).records.keys()];
    expect(volunteerKeys.some((k) => k.startsWith('ledger/'))).toBe(false);
  });

  it('keeps an append-only record as first written: a second put is a conflict, even an identical one', async () => {
    const id = newId();
    const first = await push(h, chair, numbered(chair, [{ collection: 'ledger', id, data: entry(chair.clubId, 100) }]));
    expect(first.body.rejected).toEqual([]);
    const again = numbered(chair, [
      { collection: 'ledger', id, data: entry(chair.clubId, 100) },
      { collection: 'ledger', id, data: { amount: 200 } },
      { collection: 'ledger', op: 'delete', id },
    ]);
    const reply = await push(h, chair, again);
    expect(reply.body.rejected.map((r) => r.code)).toEqual(['conflict', 'conflict', 'conflict']);
    expect((await pullAll(h, chair)).records.get(`ledger/${id}`)).toMatchObject({ amount: 100, deleted: false, version: 2 });
  });
});

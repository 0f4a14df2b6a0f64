import { describe, expect, it } from 'vitest';
import { freshDatabase, joinClub } from '../local/helpers';
import { replay, type AnyRecord } from '../../src/sync/rebase';
import { applyPage } from '../../src/sync/pull';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import { META } from '../../src/local/device';
import type { OutboxMutation } from '../../src/local/database';
import type { PullResponse } from '../../src/domain/protocol';
import { memberFields, memberRecord } from '../domain/fixtures';
import type { Member } from '../../src/domain/members';

/** A member as the untyped record the sync layer handles. */
function asAny(member: Member): AnyRecord {
  return member as unknown as AnyRecord;
}

function mutation(seq: number, op: 'put' | 'delete', id: string, data: Record<string, unknown>): OutboxMutation {
  return { seq, collection: 'members', op, id, data, queuedAt: '2026-11-23T08:00:00.000Z', status: 'pending' };
}

function page(records: AnyRecord[], overrides: Partial<PullResponse> = {}): PullResponse {
  return {
    changes: records.map((record) => ({ collection: 'members', id: record.id, record })),
    cursor: '7',
    hasMore: false,
    reset: false,
    serverTime: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}

describe('replay', () => {
  const base = asAny(memberRecord({ fullName: 'Nguyễn Thị Lan', phone: '0912345678', version: 3 }));

  it('writes only the fields each put names, in seq order', () => {
    const out = replay(base, [
      mutation(1, 'put', base.id, { phone: '0987654321', updatedAt: '2026-11-23T08:01:00.000Z' }),
      mutation(2, 'put', base.id, { phone: '0911111111' }),
    ]);
    expect(out).toMatchObject({ fullName: 'Nguyễn Thị Lan', phone: '0911111111', version: 3, updatedAt: '2026-11-23T08:01:00.000Z' });
  });

  it('tombstones on delete, and a later put neither revives the record nor changes it (deletes win, as on the server)', () => {
    const out = replay(base, [mutation(1, 'delete', base.id, { updatedAt: 'x' }), mutation(2, 'put', base.id, { notes: 'n', deleted: false })]);
    expect(out?.deleted).toBe(true);
    expect(out?.updatedAt).toBe('x');
    expect(out?.notes).toBe(base.notes);
    expect(replay({ ...base, deleted: true }, [mutation(1, 'put', base.id, { deleted: false })])?.deleted).toBe(true);
  });

  it('keeps the first deletion’s time when a tombstone is deleted again (the server answers "unchanged")', () => {
    const tombstone = { ...base, deleted: true, updatedAt: '2026-11-20T03:00:00.000Z' };
    const out = replay(tombstone, [mutation(1, 'delete', base.id, { updatedAt: '2026-11-23T08:00:00.000Z' })]);
    expect(out).toEqual(tombstone);
  });

  it('does not replay a change refused as a conflict: the record shows what the server has', () => {
    const refused = { ...mutation(1, 'put', base.id, { notes: 'n' }), status: 'rejected' as const, rejection: { code: 'conflict', message: 'x' } };
    expect(replay(base, [refused])?.notes).toBe(base.notes);
    const invalid = { ...refused, rejection: { code: 'invalid', message: 'x' } };
    expect(replay(base, [invalid])?.notes).toBe('n');
  });

  it('builds a record from its create alone, and has nothing without a base or a create', () => {
    const { id: _id, ...data } = memberRecord();
    expect(replay(undefined, [mutation(1, 'put', 'x', data)])).toMatchObject({ id: 'x', fullName: data.fullName });
    expect(replay(undefined, [mutation(1, 'put', 'x', { phone: '0911111111' })])).toBeUndefined();
    expect(replay(undefined, [])).toBeUndefined();
  });
});

describe('applyPage', () => {
  it('keeps a pending local edit over an older server copy, and takes the other fields from the server', async () => {
    const db = freshDatabase();
    const clubId = await joinClub(db);
    const member = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', phone: '0912345678' }));
    await db.outbox.clear(); // as if acknowledged
    await updateRecord(db, 'members', member.id, { phone: '0987654321' });

    // Another phone renamed her; the server's copy still has the old phone number.
    const server = { ...member, clubId, fullName: 'Nguyễn Thị Lành', version: 5 } as AnyRecord;
    await applyPage(db, page([server]));

    const local = await db.records('members').get(member.id);
    expect(local).toMatchObject({ fullName: 'Nguyễn Thị Lành', phone: '0987654321', version: 5 });
    expect((await db.serverCopies.get(['members', member.id]))?.record).toEqual(server);
    expect((await db.meta.get(META.pullCursor))?.value).toBe('7');
    expect((await db.meta.get(META.lastPullAt))?.value).toBe('2026-11-23T09:00:00.000Z');
  });

  it('keeps a pending local delete when the server copy is alive', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const member = await createRecord(db, 'members', memberFields());
    await db.outbox.clear();
    await deleteRecord(db, 'members', member.id);
    await applyPage(db, page([{ ...member, notes: 'from another phone', version: 2 } as AnyRecord]));
    expect(await db.records('members').get(member.id)).toMatchObject({ deleted: true, notes: 'from another phone' });
  });

  it('does not move lastPullAt until the last page', async () => {
    const db = freshDatabase();
    await joinClub(db);
    await applyPage(db, page([asAny(memberRecord())], { hasMore: true, cursor: '3' }));
    expect(await db.meta.get(META.lastPullAt)).toBeUndefined();
    expect((await db.meta.get(META.pullCursor))?.value).toBe('3');
  });

  it('ignores collections this app version does not know', async () => {
    const db = freshDatabase();
    await joinClub(db);
    await applyPage(db, { ...page([]), changes: [{ collection: 'savingsGroups', id: 'x', record: { id: 'x' } }] });
    expect(await db.serverCopies.count()).toBe(0);
  });

  it('on reset, replaces the club copy over several pages and keeps this phone\'s pending records', async () => {
    const db = freshDatabase();
    const clubId = await joinClub(db);
    const kept = asAny(memberRecord({ clubId, fullName: 'Còn trên máy chủ', version: 1 }));
    const purged = asAny(memberRecord({ clubId, fullName: 'Đã xoá hẳn', version: 1 }));
    await applyPage(db, page([kept, purged]));
    const mine = await createRecord(db, 'members', memberFields({ fullName: 'Mới trên máy này' }));
    const arriving = asAny(memberRecord({ clubId, fullName: 'Mới từ máy chủ', version: 200 }));

    await applyPage(db, page([kept], { reset: true, hasMore: true, cursor: '150' }));
    // Cut off between the pages: nothing is dropped before the full copy is complete.
    expect(await db.records('members').get(purged.id)).toBeDefined();
    await applyPage(db, page([arriving], { reset: false, hasMore: false, cursor: '200' }));

    const names = (await db.records<Member>('members').toArray()).map((m) => m.fullName).sort();
    expect(names).toEqual(['Còn trên máy chủ', 'Mới trên máy này', 'Mới từ máy chủ'].sort());
    expect(await db.serverCopies.get(['members', purged.id])).toBeUndefined();
    expect(await db.records('members').get(mine.id)).toMatchObject({ fullName: 'Mới trên máy này' });
    expect(await db.meta.get(META.resetMark)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../local/helpers';
import { FakeServer } from './fake-server';
import { connectToFake } from './helpers';
import { syncOnce } from '../../src/sync/engine';
import { discardRejected, listNeedsAttention } from '../../src/sync/attention';
import { createRecord, updateRecord } from '../../src/local/write';
import { syncStatus } from '../../src/local/queries';
import { uuidv7 } from '../../src/domain/ids';
import { memberFields } from '../domain/fixtures';

async function setUp() {
  const server = new FakeServer();
  server.clubId = uuidv7();
  const db = freshDatabase();
  await connectToFake(db, server, 'board');
  return { server, db };
}

describe('needs attention', () => {
  it('lists refused changes with the record as the phone shows it; discarding goes back to the server copy', async () => {
    const { server, db } = await setUp();
    const lan = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', phone: '0912345678' }));
    await syncOnce(db, { fetch: server.fetch });

    await updateRecord(db, 'members', lan.id, { phone: '0987654321' });
    await updateRecord(db, 'members', lan.id, { notes: 'ghi chú' });
    server.refuse = (m) => (m.data?.phone ? { seq: m.seq, code: 'forbidden', message: 'Không được sửa' } : undefined);
    await syncOnce(db, { fetch: server.fetch });

    const [item, ...rest] = await listNeedsAttention(db);
    expect(rest).toHaveLength(0);
    expect(item).toMatchObject({ collection: 'members', id: lan.id, op: 'put', rejection: { code: 'forbidden', message: 'Không được sửa' } });
    expect(item!.record).toMatchObject({ phone: '0987654321', notes: 'ghi chú' });

    const after = await discardRejected(db, item!.seq);
    expect(after).toMatchObject({ phone: '0912345678', notes: 'ghi chú' });
    expect(await db.records('members').get(lan.id)).toEqual(after);
    expect(await listNeedsAttention(db)).toEqual([]);
    expect((await syncStatus(db)).rejected).toBe(0);
  });

  it('keeps later pending changes of the record when one is discarded', async () => {
    const { server, db } = await setUp();
    const lan = await createRecord(db, 'members', memberFields());
    await syncOnce(db, { fetch: server.fetch });
    await updateRecord(db, 'members', lan.id, { group: 'Tổ 9' });
    server.refuse = (m) => ({ seq: m.seq, code: 'invalid', message: 'sai' });
    await syncOnce(db, { fetch: server.fetch });
    await updateRecord(db, 'members', lan.id, { notes: 'sửa lại' }); // the fix, still pending

    const [refused] = await listNeedsAttention(db);
    await discardRejected(db, refused!.seq);
    expect(await db.records('members').get(lan.id)).toMatchObject({ group: 'Tổ 3', notes: 'sửa lại' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('makes a refused new record that never reached the server disappear', async () => {
    const { server, db } = await setUp();
    server.refuse = (m) => ({ seq: m.seq, code: 'forbidden', message: 'no' });
    const lan = await createRecord(db, 'members', memberFields());
    await syncOnce(db, { fetch: server.fetch });
    const [refused] = await listNeedsAttention(db);
    expect(await discardRejected(db, refused!.seq)).toBeUndefined();
    expect(await db.records('members').get(lan.id)).toBeUndefined();
  });

  it('keeps a refused new record the person corrected since: the correction then carries the whole record', async () => {
    const { server, db } = await setUp();
    server.refuse = (m) => ({ seq: m.seq, code: 'invalid', message: 'phone' });
    const lan = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    await syncOnce(db, { fetch: server.fetch });
    const [refused] = await listNeedsAttention(db);
    await updateRecord(db, 'members', lan.id, { phone: '0987654321' });

    const kept = await discardRejected(db, refused!.seq);

    expect(kept).toMatchObject({ id: lan.id, fullName: 'Nguyễn Thị Lan', phone: '0987654321' });
    const [correction] = await db.outbox.toArray();
    expect(correction).toMatchObject({ status: 'pending', op: 'put', id: lan.id });
    expect(correction!.data).toMatchObject({ fullName: 'Nguyễn Thị Lan', phone: '0987654321', clubId: lan.clubId, createdAt: lan.createdAt });
  });

  it('refuses to discard a change that is still pending', async () => {
    const { db } = await setUp();
    await createRecord(db, 'members', memberFields());
    await expect(discardRejected(db, 1)).rejects.toThrow(/not refused/);
    expect(await db.outbox.count()).toBe(1);
  });
});

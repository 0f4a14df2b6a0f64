import { describe, expect, it, vi } from 'vitest';
import {
  clockAt,
  createClub,
  failInsideIndexedDb,
  failStoreWrites,
  freshDatabase,
  joinClub,
  quotaExceeded,
  reopen,
  snapshot,
} from './helpers';
import { SAVED_MARK, createRecord, createRecords, deleteRecord, updateRecord, upsertRecords } from '../../src/local/write';
import { markId, type AttendanceMark } from '../../src/domain/attendance';
import { META, readMeta } from '../../src/local/device';
import {
  NoClubError,
  RecordImmutableError,
  RecordInvalidError,
  RecordNotFoundError,
  StorageFailedError,
  StorageFullError,
} from '../../src/local/errors';
import { liveRecords, recordById } from '../../src/local/queries';
import type { Member } from '../../src/domain/members';
import { uuidv7 } from '../../src/domain/ids';
import { memberFields } from '../domain/fixtures';


describe('createRecord', () => {
  it('stores the record and exactly one outbox mutation with all its fields (seq 1)', async () => {
    const db = freshDatabase();
    const clubId = await joinClub(db);
    clockAt('2026-11-23T08:05:00.000Z');

    const lan = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));

    expect(lan).toEqual({
      ...memberFields({ fullName: 'Nguyễn Thị Lan' }),
      id: lan.id,
      clubId,
      createdAt: '2026-11-23T08:05:00.000Z',
      updatedAt: '2026-11-23T08:05:00.000Z',
      deleted: false,
    });
    expect(lan.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(await db.records('members').toArray()).toEqual([lan]);
    const { id: _id, ...everythingButId } = lan;
    expect(await db.outbox.toArray()).toEqual([
      {
        seq: 1,
        collection: 'members',
        op: 'put',
        id: lan.id,
        data: everythingButId,
        queuedAt: '2026-11-23T08:05:00.000Z',
        status: 'pending',
      },
    ]);
  });

  it('stores what the schema made of the input: trimmed text, blank optional text as null', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const ung = await createRecord(db, 'members', memberFields({ fullName: '  Bùi Thị Ưng ', group: '  ' }));
    const stored = await db.records<Member>('members').get(ung.id);
    expect(stored).toMatchObject({ fullName: 'Bùi Thị Ưng', group: null });
    expect((await db.outbox.get(1))?.data).toMatchObject({ fullName: 'Bùi Thị Ưng', group: null });
  });

  it('numbers changes 1, 2, 3 … without gaps or repeats, even when saved at the same moment', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const names = ['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Thị Ánh', 'Phạm Thị Ơn', 'Đỗ Văn Ất', 'Bùi Thị Ưng'];
    const created = await Promise.all(names.map((fullName) => createRecord(db, 'members', memberFields({ fullName }))));
    const outbox = await db.outbox.toArray();
    expect(outbox.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(outbox.map((m) => m.id))).toEqual(new Set(created.map((m) => m.id)));
  });

  it('writes every store change with strict durability (flushed to disk before "saved")', async () => {
    const writes: { stores: string[]; durability: string }[] = [];
    const original = IDBDatabase.prototype.transaction;
    // Dexie binds the connection's transaction() when it opens: spy before the first use.
    const spy = vi
      .spyOn(IDBDatabase.prototype, 'transaction')
      .mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        const tx = original.apply(this, args);
        if (tx.mode === 'readwrite') writes.push({ stores: [...tx.objectStoreNames], durability: tx.durability });
        return tx;
      });
    const db = freshDatabase();
    try {
      await joinClub(db);
      await createRecord(db, 'members', memberFields());
    } finally {
      spy.mockRestore();
    }
    expect(writes).toContainEqual({ stores: ['members', 'meta', 'outbox'], durability: 'strict' });
    expect(writes.every((w) => w.durability === 'strict')).toBe(true);
  });

  it('refuses an invalid record with its field problems and stores neither record nor mutation', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const before = await snapshot(db);

    const attempt = createRecord(db, 'members', memberFields({ phone: '091234567', poverty: 'poor', povertyYear: 1999 }));

    await expect(attempt).rejects.toBeInstanceOf(RecordInvalidError);
    const error = (await attempt.catch((e: unknown) => e)) as RecordInvalidError;
    expect(error.messageKey).toBe('storage.invalid');
    expect(error.problems).toEqual([
      { field: 'phone', messageKey: 'validation.phone' },
      { field: 'povertyYear', messageKey: 'validation.povertyYear' },
    ]);
    expect(await snapshot(db)).toEqual(before);

    // The refused attempt used no seq: the next real change is still 1.
    await createRecord(db, 'members', memberFields());
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1]);
  });

  it('refuses fields that do not belong to the collection', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const attempt = createRecord(db, 'members', { ...memberFields(), salary: 1 } as never);
    await expect(attempt).rejects.toMatchObject({ problems: [{ field: '', messageKey: 'validation.unknownField' }] });
    expect(await db.records('members').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses to save before the phone belongs to a club', async () => {
    const db = freshDatabase();
    await expect(createRecord(db, 'members', memberFields())).rejects.toBeInstanceOf(NoClubError);
    await expect(createRecord(db, 'members', memberFields())).rejects.toMatchObject({ messageKey: 'storage.noClub' });
    expect(await db.records('members').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('never overwrites an existing record by creating one with the same id', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const lan = await createRecord(db, 'members', memberFields());
    const before = await snapshot(db);
    await expect(
      createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức' }), { id: lan.id }),
    ).rejects.toBeInstanceOf(RecordImmutableError);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('createRecords', () => {
  it('stores many new records and their changes in one commit, numbered on, all of them or none', async () => {
    const db = freshDatabase();
    await joinClub(db);
    await createRecord(db, 'members', memberFields());
    const saved = await createRecords(db, 'members', [{ fields: memberFields({ fullName: 'Trần Văn Đức' }) }, { fields: memberFields({ fullName: 'Lê Thị Hoa' }) }]);
    expect(saved.map((m) => m.fullName)).toEqual(['Trần Văn Đức', 'Lê Thị Hoa']);
    expect((await db.outbox.toArray()).map((m) => [m.seq, m.id])).toEqual([
      [1, expect.any(String)],
      [2, saved[0]!.id],
      [3, saved[1]!.id],
    ]);
    // One invalid among them: nothing of the batch is stored or queued.
    const before = await snapshot(db);
    await expect(
      createRecords(db, 'members', [{ fields: memberFields({ fullName: 'Phạm Văn Tư' }) }, { fields: memberFields({ birthYear: 1800 }) }]),
    ).rejects.toBeInstanceOf(RecordInvalidError);
    // …nor one that would overwrite a record already there.
    await expect(createRecords(db, 'members', [{ fields: memberFields({ fullName: 'Phạm Văn Tư' }) }, { fields: memberFields(), id: saved[0]!.id }])).rejects.toBeInstanceOf(
      RecordImmutableError,
    );
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('updateRecord', () => {
  it('queues only the fields that changed, plus updatedAt', async () => {
    const db = freshDatabase();
    await joinClub(db);
    clockAt('2026-11-23T08:05:00.000Z');
    const lan = await createRecord(db, 'members', memberFields({ roles: ['volunteer'] }));
    clockAt('2026-11-24T01:00:00.000Z');

    const updated = await updateRecord(db, 'members', lan.id, {
      phone: '0387654321',
      roles: ['volunteer', 'groupLeader'],
      fullName: 'Nguyễn Thị Lan', // unchanged: not sent
      gender: 'female', // unchanged: not sent
    });

    expect(updated).toEqual({
      ...lan,
      phone: '0387654321',
      roles: ['volunteer', 'groupLeader'],
      updatedAt: '2026-11-24T01:00:00.000Z',
    });
    expect(await db.records('members').get(lan.id)).toEqual(updated);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(2);
    expect(outbox[1]).toEqual({
      seq: 2,
      collection: 'members',
      op: 'put',
      id: lan.id,
      data: { phone: '0387654321', roles: ['volunteer', 'groupLeader'], updatedAt: '2026-11-24T01:00:00.000Z' },
      queuedAt: '2026-11-24T01:00:00.000Z',
      status: 'pending',
    });
  });

  it('sends a field cleared to null as a change', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const lan = await createRecord(db, 'members', memberFields({ phone: '0912345678' }));
    await updateRecord(db, 'members', lan.id, { phone: null });
    expect((await db.outbox.get(2))?.data).toEqual({ phone: null, updatedAt: expect.any(String) });
  });

  it('queues nothing and keeps updatedAt when nothing really changed (same values, or only spaces)', async () => {
    const db = freshDatabase();
    await joinClub(db);
    clockAt('2026-11-23T08:05:00.000Z');
    const lan = await createRecord(db, 'members', memberFields());
    clockAt('2026-11-24T01:00:00.000Z');
    const before = await snapshot(db);

    expect(await updateRecord(db, 'members', lan.id, {})).toEqual(lan);
    expect(await updateRecord(db, 'members', lan.id, { fullName: ' Nguyễn Thị Lan  ', phone: lan.phone })).toEqual(lan);

    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses an invalid change and keeps the record as it was', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const lan = await createRecord(db, 'members', memberFields());
    const before = await snapshot(db);
    const attempt = updateRecord(db, 'members', lan.id, { leftOn: '2020-01-01' });
    await expect(attempt).rejects.toBeInstanceOf(RecordInvalidError);
    await expect(attempt.catch((e: RecordInvalidError) => e.problems)).resolves.toEqual([
      { field: 'leftOn', messageKey: 'validation.leftBeforeJoined', fields: ['leftOn', 'joinedOn'] },
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a key that is not a field of the record', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const lan = await createRecord(db, 'members', memberFields());
    await expect(updateRecord(db, 'members', lan.id, { nickname: 'Bà Lan' } as never)).rejects.toBeInstanceOf(
      RecordInvalidError,
    );
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses to change a record that does not exist or was deleted', async () => {
    const db = freshDatabase();
    await joinClub(db);
    await expect(updateRecord(db, 'members', uuidv7(), { phone: null })).rejects.toBeInstanceOf(RecordNotFoundError);
    const lan = await createRecord(db, 'members', memberFields());
    await deleteRecord(db, 'members', lan.id);
    const before = await snapshot(db);
    await expect(updateRecord(db, 'members', lan.id, { phone: null })).rejects.toMatchObject({
      messageKey: 'storage.notFound',
    });
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('deleteRecord', () => {
  it('keeps a tombstone and queues a delete', async () => {
    const db = freshDatabase();
    await joinClub(db);
    clockAt('2026-11-23T08:05:00.000Z');
    const duc = await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức', gender: 'male' }));
    clockAt('2026-12-01T09:00:00.000Z');

    await deleteRecord(db, 'members', duc.id);

    expect(await db.records('members').get(duc.id)).toEqual({ ...duc, deleted: true, updatedAt: '2026-12-01T09:00:00.000Z' });
    expect(await db.outbox.get(2)).toEqual({
      seq: 2,
      collection: 'members',
      op: 'delete',
      id: duc.id,
      data: { updatedAt: '2026-12-01T09:00:00.000Z' },
      queuedAt: '2026-12-01T09:00:00.000Z',
      status: 'pending',
    });
    expect(await liveRecords(db, 'members')).toEqual([]);
    expect(await recordById(db, 'members', duc.id)).toBeUndefined();
  });

  it('queues nothing more when deleting a record already deleted', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const duc = await createRecord(db, 'members', memberFields());
    await deleteRecord(db, 'members', duc.id);
    const before = await snapshot(db);
    await deleteRecord(db, 'members', duc.id);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses to delete a record that does not exist', async () => {
    const db = freshDatabase();
    await joinClub(db);
    await expect(deleteRecord(db, 'members', uuidv7())).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('a write is all or nothing', () => {
  it('an aborted write leaves neither record nor outbox entry (the outbox add fails after the record put)', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const lan = await createRecord(db, 'members', memberFields());
    const before = await snapshot(db);

    const order: string[] = [];
    const put = IDBObjectStore.prototype.put;
    const putSpy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      order.push(`put ${this.name}`);
      return put.apply(this, args);
    });
    const fault = failStoreWrites('outbox', 'add', () => new DOMException('Disk I/O error', 'UnknownError'), 2);
    try {
      const attempt = createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức', gender: 'male' }));
      await expect(attempt).rejects.toBeInstanceOf(StorageFailedError);
      await expect(attempt).rejects.toMatchObject({ messageKey: 'storage.failed' });
      const update = updateRecord(db, 'members', lan.id, { phone: '0387654321' });
      await expect(update).rejects.toBeInstanceOf(StorageFailedError);
    } finally {
      putSpy.mockRestore();
      fault.restore();
    }

    // The record was written first in the same transaction, then the outbox add failed.
    expect(order).toContain('put members');
    expect(fault.failed).toEqual(['outbox', 'outbox']);
    expect(await snapshot(db)).toEqual(before);

    // Nothing half-done is left behind: the next change takes the next seq.
    await createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }));
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1, 2]);
  });

  it('a request that fails inside IndexedDB aborts the whole transaction (seq already taken by a stray row)', async () => {
    const db = freshDatabase();
    await joinClub(db);
    // A stray outbox row with the seq the next change will take: the add fails with a
    // ConstraintError inside IndexedDB itself, after the record was put.
    await db.outbox.add({
      seq: 1,
      collection: 'members',
      op: 'delete',
      id: uuidv7(),
      data: {},
      queuedAt: '2026-01-01T00:00:00.000Z',
      status: 'pending',
    });
    const before = await snapshot(db);

    await expect(createRecord(db, 'members', memberFields())).rejects.toBeInstanceOf(StorageFailedError);

    expect(await snapshot(db)).toEqual(before);
  });
});

describe('the "saved" timing mark (what npm run bench times a Save against)', () => {
  it('is set when a change is committed, not for a change that changed nothing, and only the latest is kept', async () => {
    const db = freshDatabase();
    await joinClub(db);
    performance.clearMarks(SAVED_MARK);

    const lan = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    const [mark] = performance.getEntriesByName(SAVED_MARK) as PerformanceMark[];
    expect(mark?.detail).toEqual({ collection: 'members' });
    expect(await db.outbox.count()).toBe(1);

    await updateRecord(db, 'members', lan.id, { phone: '0987654321' });
    const [afterEdit, ...older] = performance.getEntriesByName(SAVED_MARK);
    expect(older).toHaveLength(0);
    expect(afterEdit!.startTime).toBeGreaterThan(mark!.startTime);

    await updateRecord(db, 'members', lan.id, { phone: '0987654321' }); // nothing changed: no mark
    expect(performance.getEntriesByName(SAVED_MARK)).toEqual([afterEdit]);
  });

  it('is not set when the write fails', async () => {
    const db = freshDatabase();
    await joinClub(db);
    performance.clearMarks(SAVED_MARK);
    await expect(createRecord(db, 'members', memberFields({ fullName: '' }))).rejects.toBeInstanceOf(RecordInvalidError);
    expect(performance.getEntriesByName(SAVED_MARK)).toHaveLength(0);
  });
});

describe('seq', () => {
  it('keeps counting after the database is closed and reopened, and after the outbox is emptied', async () => {
    let db = freshDatabase();
    await joinClub(db);
    await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức' }));

    db = reopen(db);
    await createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }));
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1, 2, 3]);

    // The server acknowledged everything: the outbox empties, the numbering does not restart.
    await db.outbox.clear();
    await createRecord(db, 'members', memberFields({ fullName: 'Phạm Thị Ơn' }));
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([4]);

    db = reopen(db);
    await db.outbox.clear();
    await createRecord(db, 'members', memberFields({ fullName: 'Đỗ Văn Ất' }));
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([5]);
    expect(await readMeta<number>(db, META.nextSeq)).toBe(6);
  });
});

describe('the club record', () => {
  it('queues its later edits as field changes, like any record', async () => {
    const db = freshDatabase();
    const club = await createClub(db);
    const updated = await updateRecord(db, 'club', club.id, { olderAgeFrom: 55 });
    expect(updated.olderAgeFrom).toBe(55);
    expect((await db.outbox.get(1))?.data).toEqual({ olderAgeFrom: 55, updatedAt: expect.any(String) });
  });
});

describe('when the phone is full', () => {
  async function clubWithTwoMembers() {
    const db = freshDatabase();
    await joinClub(db);
    await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức', gender: 'male' }));
    return db;
  }

  it('refuses the new record with storage.full and loses nothing already saved (put refused)', async () => {
    const db = await clubWithTwoMembers();
    const before = await snapshot(db);
    const fault = failStoreWrites('members', 'put', quotaExceeded);

    const attempt = createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }));

    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    const error = (await attempt.catch((e: unknown) => e)) as StorageFullError;
    expect(error.messageKey).toBe('storage.full');
    expect(fault.failed).toEqual(['members']);
    expect(await snapshot(db)).toEqual(before);
    expect((await db.records<Member>('members').toArray()).map((m) => m.fullName).sort()).toEqual([
      'Nguyễn Thị Lan',
      'Trần Văn Đức',
    ]);
  });

  it('loses nothing when the outbox add is the write that does not fit', async () => {
    const db = await clubWithTwoMembers();
    const before = await snapshot(db);
    failStoreWrites('outbox', 'add', quotaExceeded);

    await expect(createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }))).rejects.toMatchObject({
      messageKey: 'storage.full',
    });

    // The record put had already happened in the transaction: it is rolled back with it.
    expect(await snapshot(db)).toEqual(before);
  });

  it('maps a quota error that aborts the transaction inside IndexedDB, as browsers report it', async () => {
    const db = await clubWithTwoMembers();
    const lan = (await db.records<Member>('members').toArray()).find((m) => m.fullName === 'Nguyễn Thị Lan')!;
    const before = await snapshot(db);
    const fault = failInsideIndexedDb('outbox', 'add', quotaExceeded);

    await expect(updateRecord(db, 'members', lan.id, { notes: 'Cần người đưa đi khám mắt.' })).rejects.toBeInstanceOf(
      StorageFullError,
    );

    expect(fault.hits).toEqual(['outbox']);
    expect(await snapshot(db)).toEqual(before);
  });

  it('saves again as soon as there is room, with the next seq', async () => {
    const db = await clubWithTwoMembers();
    const fault = failStoreWrites('members', 'put', quotaExceeded);
    await expect(createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }))).rejects.toBeInstanceOf(
      StorageFullError,
    );
    fault.restore();

    await createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }));
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(await db.records('members').count()).toBe(3);
  });
});

describe('upsertRecords (records named by what they are: attendance marks)', () => {
  async function meetingWithMembers(count: number) {
    const db = freshDatabase();
    await joinClub(db);
    const meetingId = uuidv7();
    const memberIds = Array.from({ length: count }, () => uuidv7());
    return { db, meetingId, memberIds };
  }
  const marks = (meetingId: string, memberIds: string[], mark: AttendanceMark['mark']) =>
    memberIds.map((memberId) => ({ id: markId(meetingId, memberId), fields: { meetingId, memberId, mark } }));

  it('marks seventy people in one transaction: seventy records, seventy changes in seq order', async () => {
    const { db, meetingId, memberIds } = await meetingWithMembers(70);
    await upsertRecords(db, 'attendance', marks(meetingId, memberIds, 'present'));
    expect(await db.records('attendance').count()).toBe(70);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((m) => m.seq)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    expect(outbox.every((m) => m.op === 'put' && m.collection === 'attendance')).toBe(true);
    expect(await readMeta(db, META.nextSeq)).toBe(71);
  });

  it('changes a mark already there, sending only the mark; the same mark again sends nothing', async () => {
    const { db, meetingId, memberIds } = await meetingWithMembers(2);
    await upsertRecords(db, 'attendance', marks(meetingId, memberIds, 'present'));
    await upsertRecords(db, 'attendance', marks(meetingId, [memberIds[0]!], 'excused'));
    await upsertRecords(db, 'attendance', marks(meetingId, [memberIds[1]!], 'present'));
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(3);
    expect(Object.keys(outbox[2]!.data).sort()).toEqual(['mark', 'updatedAt']);
    expect(await db.records<AttendanceMark>('attendance').get(markId(meetingId, memberIds[0]!))).toMatchObject({ mark: 'excused' });
  });

  it('stores none of them when one is refused, and the next change still gets the next seq', async () => {
    const { db, meetingId, memberIds } = await meetingWithMembers(3);
    const items = marks(meetingId, memberIds, 'present');
    items[2] = { ...items[2]!, id: uuidv7() }; // a mark under another id than its meeting's and member's
    await expect(upsertRecords(db, 'attendance', items)).rejects.toBeInstanceOf(RecordInvalidError);
    expect(await db.records('attendance').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    await upsertRecords(db, 'attendance', marks(meetingId, memberIds.slice(0, 1), 'absent'));
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1]);
  });

  it('loses nothing when the phone fills up in the middle of seventy marks', async () => {
    const { db, meetingId, memberIds } = await meetingWithMembers(70);
    failInsideIndexedDb('outbox', 'add', quotaExceeded);
    await expect(upsertRecords(db, 'attendance', marks(meetingId, memberIds, 'present'))).rejects.toBeInstanceOf(StorageFullError);
    expect(await db.records('attendance').count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

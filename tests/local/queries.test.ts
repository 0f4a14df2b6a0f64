import { describe, expect, it, vi } from 'vitest';
import { createClub, freshDatabase, joinClub } from './helpers';
import { clubProfile, liveRecords, liveRecordsWhere, membersInBookOrder, recordById, saveStatus } from '../../src/local/queries';
import { createRecord, deleteRecord } from '../../src/local/write';
import { META } from '../../src/local/device';
import { memberFields } from '../domain/fixtures';

describe('clubProfile', () => {
  it('is null on a new phone and on a phone whose club record has not arrived yet', async () => {
    const db = freshDatabase();
    expect(await clubProfile(db)).toBeNull();
    await joinClub(db);
    expect(await clubProfile(db)).toBeNull();
  });

  it('is the club this phone keeps', async () => {
    const db = freshDatabase();
    const club = await createClub(db);
    expect(await clubProfile(db)).toEqual(club);
  });
});

describe('member lists', () => {
  it('lists members in club-book order and leaves deleted ones out', async () => {
    const db = freshDatabase();
    await joinClub(db);
    for (const fullName of ['Trần Văn Đức', 'Nguyễn Thị Lan', 'Bùi Thị Ưng', 'Lê Thị Ánh', 'Trần Văn Dũng', 'Đỗ Văn Ất']) {
      await createRecord(db, 'members', memberFields({ fullName }));
    }
    const ung = (await liveRecords(db, 'members')).find((m) => m.fullName === 'Bùi Thị Ưng')!;
    await deleteRecord(db, 'members', ung.id);

    expect((await membersInBookOrder(db)).map((m) => m.fullName)).toEqual([
      'Lê Thị Ánh',
      'Đỗ Văn Ất',
      'Trần Văn Dũng',
      'Trần Văn Đức',
      'Nguyễn Thị Lan',
    ]);
    expect(await liveRecords(db, 'members')).toHaveLength(5);
    expect(await recordById(db, 'members', ung.id)).toBeUndefined();
  });
});

describe('saveStatus', () => {
  it('counts changes waiting to be sent and changes the server refused', async () => {
    const db = freshDatabase();
    expect(await saveStatus(db)).toEqual({ waiting: 0, rejected: 0, lastSentAt: null });
    await joinClub(db);
    await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức' }));
    await createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }));
    await db.outbox.update(2, { status: 'rejected', rejection: { code: 'forbidden', message: 'role' } });
    await db.meta.put({ key: META.lastSentAt, value: '2026-11-23T08:05:00.000Z' });

    expect(await saveStatus(db)).toEqual({ waiting: 2, rejected: 1, lastSentAt: '2026-11-23T08:05:00.000Z' });
  });
});

describe('liveRecordsWhere', () => {
  const mark = (id: string, meetingId: string, deleted = false) => ({
    id, clubId: 'c', meetingId, memberId: `m-${id}`, status: 'present', createdAt: '', updatedAt: '', deleted,
  });

  it('reads the records of several keys, each once, leaving deleted ones out, without stepping a cursor', async () => {
    const db = freshDatabase();
    await db.records('attendance').bulkPut([mark('1', 'a'), mark('2', 'a'), mark('3', 'b'), mark('4', 'b', true), mark('5', 'c'), mark('6', 'd')]);
    // A cursor answers one record per request: on a phone's slow CPU, a year of marks read so took half a second.
    const cursors = vi.spyOn(IDBIndex.prototype, 'openCursor');
    const read = await liveRecordsWhere(db, 'attendance', 'meetingId', ['a', 'b', 'a', 'x']);
    expect(read.map((m) => m.id).sort()).toEqual(['1', '2', '3']);
    expect(cursors).not.toHaveBeenCalled();
    expect(await liveRecordsWhere(db, 'attendance', 'meetingId', [])).toEqual([]);
    cursors.mockRestore();
  });
});

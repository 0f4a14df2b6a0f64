import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClub, freshDatabase } from '../local/helpers';
import { SETUP_CODE, serverRecords, startRealServer } from './real-server';
import { connectNewClub, createInvite, handChairTo, joinClub, listDevices, me, revokeDevice } from '../../src/sync/club-server';
import { syncOnce } from '../../src/sync/engine';
import { readConnection } from '../../src/sync/connection';
import { discardRejected, listNeedsAttention } from '../../src/sync/attention';
import { ClubServerError, OtherClubError } from '../../src/sync/errors';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import { syncStatus } from '../../src/local/queries';
import { META } from '../../src/local/device';
import { COLLECTION_NAMES } from '../../src/domain/collections';
import type { ClubBookDatabase } from '../../src/local/database';
import { SCHEMA_VERSION, type InvitableRole } from '../../src/domain/protocol';
import { newReadingFields } from '../../src/domain/readings';
import type { FetchLike } from '../../src/sync/http';
import { memberFields } from '../domain/fixtures';

let server: Awaited<ReturnType<typeof startRealServer>>;

beforeEach(async () => {
  server = await startRealServer();
});
afterEach(async () => {
  await server.close();
});

async function chairPhone(): Promise<ClubBookDatabase> {
  const db = freshDatabase();
  await createClub(db);
  const connected = await connectNewClub(db, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
  expect(connected.device.role).toBe('chair');
  return db;
}

async function invitedPhone(chair: ClubBookDatabase, role: InvitableRole = 'board'): Promise<ClubBookDatabase> {
  const invite = await createInvite(chair, role);
  const db = freshDatabase();
  const joined = await joinClub(db, { serverUrl: server.url, code: invite.code, deviceName: `Máy ${role}` });
  expect(joined.firstSync).toMatchObject({ outcome: 'done' });
  return db;
}

async function token(db: ClubBookDatabase): Promise<string> {
  return (await readConnection(db))!.token;
}

/** Every record on the phone, tombstones included, keyed as serverRecords keys them. */
async function phoneRecords(db: ClubBookDatabase): Promise<Map<string, Record<string, unknown>>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const collection of COLLECTION_NAMES) {
    for (const record of await db.records(collection).toArray()) records.set(`${collection}/${record.id}`, { ...record });
  }
  return records;
}

async function expectSameAsServer(db: ClubBookDatabase): Promise<void> {
  expect(await phoneRecords(db)).toEqual(await serverRecords(server.url, await token(db)));
}

describe('the engine against the real server', () => {
  it('connects a club made offline, pushes its records, and a second phone pulls the same book', async () => {
    const chair = freshDatabase();
    const club = await createClub(chair);
    const lan = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    await createRecord(chair, 'members', memberFields({ fullName: 'Trần Văn Đức' }));

    const connected = await connectNewClub(chair, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
    expect(connected.club.id).toBe(club.id);
    expect(connected.firstSync).toMatchObject({ outcome: 'done', acknowledged: 2 });
    expect(await syncStatus(chair)).toMatchObject({ connected: true, role: 'chair', waiting: 0, rejected: 0 });
    await expectSameAsServer(chair);

    const board = await invitedPhone(chair, 'board');
    expect((await board.meta.get(META.clubId))?.value).toBe(club.id);
    expect(await board.records('members').get(lan.id)).toMatchObject({ fullName: 'Nguyễn Thị Lan' });
    await expectSameAsServer(board);

    expect(await me(board)).toMatchObject({ club: { id: club.id }, device: { role: 'board' } });
    expect((await listDevices(chair)).map((d) => d.role).sort()).toEqual(['board', 'chair']);
  });

  it('connects a club whose first answer was lost: the retry sends the same secret and gets the same chair phone', async () => {
    const chair = freshDatabase();
    const club = await createClub(chair);
    await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    const sent: { creatorSecret?: string }[] = [];
    let answers = 0;
    // The server makes the club, but its answer never reaches the phone.
    const answerLost: FetchLike = async (input, init) => {
      if (input.endsWith('/clubs')) sent.push(JSON.parse(String(init.body)) as { creatorSecret?: string });
      const response = await fetch(input, init);
      if (input.endsWith('/clubs') && answers++ === 0) {
        await response.text();
        throw new TypeError('network lost');
      }
      return response;
    };
    const input = { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' };
    await expect(connectNewClub(chair, input, { fetch: answerLost })).rejects.toMatchObject({ code: 'offline' });
    expect(await readConnection(chair)).toBeUndefined();

    const connected = await connectNewClub(chair, input, { fetch: answerLost });
    expect(connected.club.id).toBe(club.id);
    expect(connected.device.role).toBe('chair');
    expect(connected.firstSync).toMatchObject({ outcome: 'done', acknowledged: 1 });
    expect(sent).toHaveLength(2);
    expect(sent[0]!.creatorSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent[1]!.creatorSecret).toBe(sent[0]!.creatorSecret);
    // One chair phone on the server, the one the phone now holds the token of.
    expect((await listDevices(chair)).map((d) => [d.id, d.role])).toEqual([[connected.device.id, 'chair']]);
    await expectSameAsServer(chair);
  });

  it('keeps a pending local edit through a pull of another phone\'s change to the same record', async () => {
    const chair = await chairPhone();
    const lan = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', phone: '0912345678' }));
    await syncOnce(chair);
    const board = await invitedPhone(chair);

    await updateRecord(board, 'members', lan.id, { group: 'Tổ 7' });
    await syncOnce(board);
    await updateRecord(chair, 'members', lan.id, { phone: '0987654321' }); // pending on the chair's phone
    // Pull only (as if the push were still to go): the pending phone number must stay on screen.
    const { pullAll } = await import('../../src/sync/pull');
    await pullAll(chair, (await readConnection(chair))!);
    expect(await chair.records('members').get(lan.id)).toMatchObject({ group: 'Tổ 7', phone: '0987654321' });
    expect(await chair.outbox.count()).toBe(1);

    await syncOnce(chair);
    await syncOnce(board);
    expect(await board.records('members').get(lan.id)).toMatchObject({ group: 'Tổ 7', phone: '0987654321' });
    await expectSameAsServer(chair);
    await expectSameAsServer(board);
  });

  it('resumes a pull cut off between pages from the stored cursor', async () => {
    const chair = await chairPhone();
    for (let i = 0; i < 12; i++) {
      await createRecord(chair, 'members', memberFields({ fullName: `Thành viên ${i}` }));
      await syncOnce(chair); // one version per member, so pages of 3 end between versions
    }
    const invite = await createInvite(chair, 'treasurer');
    const phone = freshDatabase();
    const sinces: string[] = [];
    let pulls = 0;
    const cutAfterTwoPages: FetchLike = async (input, init) => {
      if (input.includes('/sync/pull')) {
        sinces.push(new URL(input).searchParams.get('since')!);
        if (++pulls === 3) throw new TypeError('network lost');
      }
      return fetch(input, init);
    };
    const joined = await joinClub(phone, { serverUrl: server.url, code: invite.code, deviceName: 'Máy thủ quỹ' }, { fetch: cutAfterTwoPages, pullLimit: 3 });
    expect(joined.firstSync).toMatchObject({ error: expect.objectContaining({ code: 'offline' }) });
    const cursor = (await phone.meta.get(META.pullCursor))?.value as string;
    expect(cursor).toBe(sinces[2]);
    expect(await phone.records('members').count()).toBeGreaterThan(0);
    expect((await syncStatus(phone)).lastPullAt).toBeNull();

    await syncOnce(phone, { fetch: cutAfterTwoPages, pullLimit: 3 });
    expect(sinces[3]).toBe(cursor); // resumed, not started over
    await expectSameAsServer(phone);
    expect(await phone.records('members').count()).toBe(12);
    expect((await syncStatus(phone)).lastPullAt).not.toBeNull();
  });

  it('says unauthorized when the chair revokes a phone, and keeps its changes', async () => {
    const chair = await chairPhone();
    const board = await invitedPhone(chair);
    await createRecord(board, 'members', memberFields());
    await revokeDevice(chair, (await readConnection(board))!.deviceId);

    expect((await syncOnce(board)).outcome).toBe('unauthorized');
    expect(await syncStatus(board)).toMatchObject({ connected: false, unauthorized: true, waiting: 1, lastError: { code: 'unauthorized' } });
    await expect(me(board)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('lists a volunteer\'s refused edit of a member as needing attention; discarding restores the server\'s copy', async () => {
    const chair = await chairPhone();
    const lan = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', notes: null }));
    await syncOnce(chair);
    const volunteer = await invitedPhone(chair, 'volunteer');

    await updateRecord(volunteer, 'members', lan.id, { notes: 'Đã thăm hôm nay' });
    const result = await syncOnce(volunteer);
    expect(result).toMatchObject({ outcome: 'done', rejected: 1 });

    const [item] = await listNeedsAttention(volunteer);
    expect(item).toMatchObject({ collection: 'members', id: lan.id, rejection: { code: 'forbidden' } });
    expect(item!.rejection.message.length).toBeGreaterThan(0);
    expect(item!.record).toMatchObject({ notes: 'Đã thăm hôm nay' });
    expect((await syncStatus(volunteer)).rejected).toBe(1);

    await discardRejected(volunteer, item!.seq);
    expect(await volunteer.records('members').get(lan.id)).toMatchObject({ notes: null });
    expect(await volunteer.outbox.count()).toBe(0);
    await expectSameAsServer(volunteer);
  });

  it('merges two phones\' offline edits of different fields, and a delete, into one book', async () => {
    const chair = await chairPhone();
    const lan = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    const duc = await createRecord(chair, 'members', memberFields({ fullName: 'Trần Văn Đức' }));
    await syncOnce(chair);
    const board = await invitedPhone(chair);

    await updateRecord(chair, 'members', lan.id, { phone: '0987654321' });
    await updateRecord(board, 'members', lan.id, { group: 'Tổ 1', notes: 'Sống cùng con' });
    await deleteRecord(board, 'members', duc.id);
    await updateRecord(chair, 'members', duc.id, { notes: 'sửa sau khi xoá' }); // deletes win

    await syncOnce(board);
    await syncOnce(chair);
    await syncOnce(board);

    // The chair's edit of the deleted member is refused (deletes win); the person discards it.
    for (const item of await listNeedsAttention(chair)) await discardRejected(chair, item.seq);
    for (const phone of [chair, board]) {
      expect(await phone.records('members').get(lan.id)).toMatchObject({ phone: '0987654321', group: 'Tổ 1', notes: 'Sống cùng con' });
      expect(await phone.records('members').get(duc.id)).toMatchObject({ deleted: true });
      await expectSameAsServer(phone);
    }
    expect(await phoneRecords(chair)).toEqual(await phoneRecords(board));
  });

  it('hands the chair to another phone: this one is a board member’s at once, the other learns it is the chair as it syncs', async () => {
    const chair = await chairPhone();
    await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    await syncOnce(chair);
    const treasurer = await invitedPhone(chair, 'treasurer');
    const treasurerId = (await readConnection(treasurer))!.deviceId;

    await handChairTo(chair, treasurerId);
    expect((await readConnection(chair))!.role).toBe('board');
    expect(await syncStatus(chair)).toMatchObject({ role: 'board' });
    await expect(listDevices(chair)).rejects.toMatchObject({ status: 403, code: 'forbidden' });

    // The new chair's phone hears it on its next sync, and pulls the book again as the chair reads it.
    expect((await readConnection(treasurer))!.role).toBe('treasurer');
    const synced = await syncOnce(treasurer);
    expect(synced.outcome).toBe('done');
    expect((await readConnection(treasurer))!.role).toBe('chair');
    expect(synced.pulled).toBeGreaterThanOrEqual(2); // the club and Lan, from the start
    expect((await listDevices(treasurer)).find((d) => d.id === treasurerId)?.role).toBe('chair');
    await expectSameAsServer(treasurer);
    // The next sync is a quiet one: the role is the same, nothing starts again.
    expect((await syncOnce(treasurer)).pulled).toBe(0);
  });

  it('pulls from the start once after an app update, so the records of a book the old app did not know arrive', async () => {
    const chair = await chairPhone();
    const board = await invitedPhone(chair);
    const lan = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    const reading = await createRecord(chair, 'readings', { ...newReadingFields(lan.id, '2026-11-20', 'meeting'), systolic: 185, diastolic: 115 });
    await syncOnce(chair);
    await syncOnce(board);
    // As the board's phone was under an app of schema 2: the reading came in a page it had no
    // store for, and its cursor went past it.
    await board.records('readings').clear();
    await board.serverCopies.delete(['readings', reading.id]);
    await board.meta.put({ key: META.pullSchemaVersion, value: SCHEMA_VERSION - 1 });

    const updated = await syncOnce(board);
    expect(updated.pulled).toBeGreaterThanOrEqual(3); // the club, Lan and her reading, from the start
    expect(await board.records('readings').get(reading.id)).toMatchObject({ systolic: 185, diastolic: 115 });
    await expectSameAsServer(board);
    // Once: the next sync is a quiet one.
    expect((await syncOnce(board)).pulled).toBe(0);
  });

  it('a revoked phone that joins again with a new invite keeps and sends the changes it held', async () => {
    const chair = await chairPhone();
    const board = await invitedPhone(chair);
    await createRecord(board, 'members', memberFields({ fullName: 'Trước khi bị thu hồi' }));
    await syncOnce(board);
    await revokeDevice(chair, (await readConnection(board))!.deviceId);
    const kept = await createRecord(board, 'members', memberFields({ fullName: 'Giữ trên máy' }));
    expect((await syncOnce(board)).outcome).toBe('unauthorized');
    expect((await board.outbox.toArray()).map((m) => m.seq)).toEqual([2]);

    // The new device on the server counts from 1: the phone's queue is renumbered to match.
    const invite = await createInvite(chair, 'board');
    const again = await joinClub(board, { serverUrl: server.url, code: invite.code, deviceName: 'Máy ban' });
    expect(again.firstSync).toMatchObject({ outcome: 'done', acknowledged: 1 });
    expect(await syncStatus(board)).toMatchObject({ connected: true, unauthorized: false, waiting: 0, lastError: null });
    await syncOnce(chair);
    expect(await chair.records('members').get(kept.id)).toMatchObject({ fullName: 'Giữ trên máy' });
    await expectSameAsServer(board);
  });

  it('refuses to join another club\'s invite on a phone that keeps a club', async () => {
    const chair = await chairPhone();
    const invite = await createInvite(chair, 'board');
    const other = freshDatabase();
    await createClub(other, 'CLB khác');
    await expect(joinClub(other, { serverUrl: server.url, code: invite.code, deviceName: 'x' })).rejects.toBeInstanceOf(OtherClubError);
    expect(await readConnection(other)).toBeUndefined();
  });

  it('surfaces the server\'s error code and message', async () => {
    const db = freshDatabase();
    await createClub(db);
    const error = await connectNewClub(db, { serverUrl: server.url, setupCode: 'wrong', deviceName: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClubServerError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    expect((error as Error).message.length).toBeGreaterThan(0);
  });
});

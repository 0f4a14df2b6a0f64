import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClub, freshDatabase } from '../local/helpers';
import { SETUP_CODE, serverRecords, startRealServer } from './real-server';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { pullAll } from '../../src/sync/pull';
import { pushPending } from '../../src/sync/push';
import { discardRejected, listNeedsAttention } from '../../src/sync/attention';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import type { ClubBookDatabase } from '../../src/local/database';
import type { FetchLike } from '../../src/sync/http';
import type { Member } from '../../src/domain/members';
import { memberFields } from '../domain/fixtures';

/**
 * Local = server + pending, in the three places it failed (issue 9): a discarded refusal
 * that still reached the server, a tombstone whose time stayed the phone's own, and two
 * valid edits whose merge broke a rule across fields.
 */
let server: Awaited<ReturnType<typeof startRealServer>>;
beforeEach(async () => {
  server = await startRealServer();
});
afterEach(() => server.close());

async function twoPhones(): Promise<{ chair: ClubBookDatabase; board: ClubBookDatabase }> {
  const chair = freshDatabase();
  await createClub(chair);
  await connectNewClub(chair, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
  const invite = await createInvite(chair, 'board');
  const board = freshDatabase();
  await joinClub(board, { serverUrl: server.url, code: invite.code, deviceName: 'Máy ban chủ nhiệm' });
  return { chair, board };
}

/** A network on which pushes get through and pulls do not (a 3G line that drops long answers). */
const pullsCutOff: FetchLike = async (input, init) => {
  if (input.includes('/sync/pull')) throw new TypeError('Failed to fetch');
  return fetch(input, init);
};

async function serverMember(db: ClubBookDatabase, id: string) {
  return (await serverRecords(server.url, (await readConnection(db))!.token)).get(`members/${id}`)!;
}

describe('two phones’ edits that break a rule across fields together', () => {
  it('are refused as a conflict naming both fields and the other phone’s value; the phone goes back to the server’s record, and discarding sends nothing of it', async () => {
    const { chair, board } = await twoPhones();
    // The chair's phone makes Lan's record, sends it, and from then on its pulls are cut off.
    const lan = await createRecord(chair, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', joinedOn: '2024-01-15' }));
    await syncOnce(chair);
    await syncOnce(board);

    // The board phone records that she left on 30/06/2024.
    await updateRecord(board, 'members', lan.id, { leftOn: '2024-06-30' });
    await syncOnce(board);

    // The chair's phone, not knowing, moves her joining to 01/09/2024: valid on that phone.
    await updateRecord(chair, 'members', lan.id, { joinedOn: '2024-09-01' });
    await expect(syncOnce(chair, { fetch: pullsCutOff })).rejects.toThrow();
    const [refusal] = await listNeedsAttention(chair);
    expect(refusal!.rejection).toMatchObject({
      code: 'conflict',
      messageKey: 'validation.leftBeforeJoined',
      field: 'joinedOn',
      conflictsWith: { field: 'leftOn', value: '2024-06-30' },
    });
    expect(refusal!.rejection.message).toBe('Ngày rời câu lạc bộ phải sau ngày vào. Máy khác đã ghi: 30/06/2024.');
    // The record on the chair's phone is back to what the server has of it, not its own try.
    expect((await chair.records<Member>('members').get(lan.id))!.joinedOn).toBe('2024-01-15');

    // A note, then the refusal dropped: the note goes alone; nothing of the refused date,
    // and nothing that would undo the board's "left".
    await updateRecord(chair, 'members', lan.id, { notes: 'Chuyển về ở với con gái.' });
    await discardRejected(chair, refusal!.seq);
    const [note] = await chair.outbox.toArray();
    expect(Object.keys(note!.data).sort()).toEqual(['notes', 'updatedAt']);
    await syncOnce(chair);

    expect(await serverMember(chair, lan.id)).toMatchObject({ joinedOn: '2024-01-15', leftOn: '2024-06-30', notes: 'Chuyển về ở với con gái.' });
    const onChair = await chair.records('members').get(lan.id);
    expect(onChair).toEqual(await serverMember(chair, lan.id));
  });

  it('say the same again to a push repeated after its answer was lost', async () => {
    const { chair, board } = await twoPhones();
    const lan = await createRecord(chair, 'members', memberFields({ joinedOn: '2024-01-15' }));
    await syncOnce(chair);
    await syncOnce(board);
    await updateRecord(board, 'members', lan.id, { leftOn: '2024-06-30' });
    await syncOnce(board);
    await updateRecord(chair, 'members', lan.id, { joinedOn: '2024-09-01' });
    // The server takes the push; its answer never reaches the phone.
    const answerLost: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (input.includes('/sync/push')) throw new TypeError('connection reset');
      return response;
    };
    await expect(syncOnce(chair, { fetch: answerLost })).rejects.toThrow();
    expect(await listNeedsAttention(chair)).toEqual([]);
    await syncOnce(chair);
    const [refusal] = await listNeedsAttention(chair);
    expect(refusal!.rejection).toMatchObject({ code: 'conflict', conflictsWith: { field: 'leftOn', value: '2024-06-30' } });
  });
});

describe('a member deleted on two phones', () => {
  it('ends with the server’s tombstone on both, the first deletion’s time, even when one deleted between its push and its pull', async () => {
    const { chair, board } = await twoPhones();
    const lan = await createRecord(chair, 'members', memberFields());
    await syncOnce(chair);
    await syncOnce(board);

    await deleteRecord(board, 'members', lan.id);
    await syncOnce(board);

    // The chair's sync: its push goes out, then Lan is deleted here too, then its pull runs.
    const connection = (await readConnection(chair))!;
    await pushPending(chair, connection);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later clock for the second deletion
    await deleteRecord(chair, 'members', lan.id);
    await pullAll(chair, connection);
    await syncOnce(chair);

    const onServer = await serverMember(chair, lan.id);
    expect(onServer.deleted).toBe(true);
    expect(await chair.records('members').get(lan.id)).toEqual(onServer);
    expect(await board.records('members').get(lan.id)).toMatchObject({ deleted: true, updatedAt: onServer.updatedAt });
  });
});

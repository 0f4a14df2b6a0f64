import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markId, MARKS, type AttendanceMark, type Mark } from '../../src/domain/attendance';
import { newMeetingFields } from '../../src/domain/meetings';
import { sampleClub } from '../../src/domain/sample-club';
import type { ClubBookDatabase } from '../../src/local/database';
import { liveRecords } from '../../src/local/queries';
import { createRecords, upsertRecords } from '../../src/local/write';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { createClub, freshDatabase } from '../local/helpers';
import { SETUP_CODE, serverRecords, startRealServer } from './real-server';

/**
 * Two phones call the same roll of 70, offline, each its own way (issue 10): the chair
 * marks everyone, the board member half of them differently. However they come back, they
 * end with the same marks, one per person — the marks' ids are made from the meeting and
 * the member, so the two phones wrote to the same rows — and the later arrival wins a
 * person both marked, as any field edited on two phones.
 */
let server: Awaited<ReturnType<typeof startRealServer>>;
beforeEach(async () => {
  server = await startRealServer();
});
afterEach(() => server.close());

async function twoPhonesAndARoll() {
  const chair = freshDatabase();
  await createClub(chair);
  const members = await createRecords(chair, 'members', sampleClub({ seed: 70, members: 70, historyYears: 0 }).members.map((fields) => ({ fields: { ...fields, joinedOn: '2020-01-01', leftOn: null } })));
  const [meeting] = await createRecords(chair, 'meetings', [{ fields: newMeetingFields('2026-11-15') }]);
  await connectNewClub(chair, { serverUrl: server.url, setupCode: SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
  const board = freshDatabase();
  await joinClub(board, { serverUrl: server.url, code: (await createInvite(chair, 'board')).code, deviceName: 'Máy phó chủ nhiệm' });
  expect(await liveRecords(board, 'members')).toHaveLength(70);
  return { chair, board, members, meetingId: meeting!.id };
}

const marking = (meetingId: string, memberIds: readonly string[], markOf: (index: number) => Mark) =>
  memberIds.map((memberId, index) => ({ id: markId(meetingId, memberId), fields: { meetingId, memberId, mark: markOf(index) } }));

async function marksOn(db: ClubBookDatabase, meetingId: string): Promise<Map<string, Mark>> {
  const marks = await db.records<AttendanceMark>('attendance').where('meetingId').equals(meetingId).toArray();
  return new Map(marks.map((m) => [m.memberId, m.mark]));
}

describe('two phones calling one roll offline', () => {
  for (const order of ['chair first', 'board first'] as const) {
    it(`end identical with one mark per person, sent ${order}`, { timeout: 60_000 }, async () => {
      const { chair, board, members, meetingId } = await twoPhonesAndARoll();
      const ids = members.map((m) => m.id);
      // Offline, each on its own: the chair everyone present, then a few away…
      await upsertRecords(chair, 'attendance', marking(meetingId, ids, () => 'present'));
      await upsertRecords(chair, 'attendance', marking(meetingId, ids.slice(0, 5), () => 'absent'));
      // …the board member the second half, each differently (and some of the chair's five too).
      const boardHalf = [...ids.slice(2, 5), ...ids.slice(35)];
      await upsertRecords(board, 'attendance', marking(meetingId, boardHalf, (i) => MARKS[i % 3]!));

      const [first, second] = order === 'chair first' ? [chair, board] : [board, chair];
      await syncOnce(first);
      await syncOnce(second);
      await syncOnce(first);

      const onChair = await marksOn(chair, meetingId);
      const onBoard = await marksOn(board, meetingId);
      expect(onChair.size).toBe(70);
      expect(onBoard).toEqual(onChair);
      // The server too: one row per person at this meeting, no more.
      const token = (await readConnection(chair))!.token;
      const rows = [...(await serverRecords(server.url, token)).entries()].filter(([key]) => key.startsWith('attendance/'));
      expect(rows).toHaveLength(70);
      expect(new Set(rows.map(([, r]) => r.memberId)).size).toBe(70);
      // The later arrival wins a person both marked; each phone's own stand where the other did not mark.
      const later = order === 'chair first' ? 'board' : 'chair';
      boardHalf.forEach((id, i) => expect(onChair.get(id)).toBe(later === 'board' ? MARKS[i % 3] : id === ids[2] || id === ids[3] || id === ids[4] ? 'absent' : 'present'));
      for (const id of ids.slice(0, 2)) expect(onChair.get(id)).toBe('absent');
      for (const id of ids.slice(5, 35)) expect(onChair.get(id)).toBe('present');
      for (const phone of [chair, board]) expect(await phone.outbox.count()).toBe(0);
    });
  }
});

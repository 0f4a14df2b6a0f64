import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClub, freshDatabase } from '../local/helpers';
import { serverRecords } from './real-server';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { backupCommand } from '../lib/backup-command';
import { connectNewClub, createInvite, joinClub } from '../../src/sync/club-server';
import { readConnection } from '../../src/sync/connection';
import { syncOnce } from '../../src/sync/engine';
import { createRecord, deleteRecord, updateRecord, upsertRecords } from '../../src/local/write';
import { liveRecords } from '../../src/local/queries';
import { markId } from '../../src/domain/attendance';
import { newMeetingFields } from '../../src/domain/meetings';
import type { ClubBookDatabase } from '../../src/local/database';
import type { Member } from '../../src/domain/members';
import { memberFields } from '../domain/fixtures';

/**
 * Disaster recovery, proven end to end (issue 9): the server's database is backed up while it
 * runs, the club works on for an hour (changes sent and acknowledged, changes still waiting),
 * then the server is restored to the backup. With the documented commands, on the server
 * program itself. Every phone notices by itself, sends back what the server lost, and the
 * three converge with all the work: nothing lost, nothing doubled, no phone stuck.
 */
const server = new ClubServer(4317);
const backupDir = mkdtempSync(join(tmpdir(), 'so-clb-restore-'));
beforeAll(() => server.start(), 30_000);
afterAll(async () => {
  await server.dispose();
  rmSync(backupDir, { recursive: true, force: true });
});

const command = (args: string[]) => backupCommand(args, { DATA_DIR: server.dataFolder, SETUP_CODE: E2E_SETUP_CODE });

const byName = async (db: ClubBookDatabase, name: string) => (await liveRecords(db, 'members')).find((m) => m.fullName === name)!;

async function phoneRecords(db: ClubBookDatabase): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const name of ['club', 'members', 'meetings', 'attendance'] as const) {
    for (const record of await db.records(name).toArray()) out.set(`${name}/${record.id}`, record);
  }
  return out;
}

describe('the server restored from a backup', () => {
  it('loses none of the work done since: every phone sends back what it holds, and all three converge', { timeout: 120_000 }, async () => {
    const chair = freshDatabase();
    await createClub(chair);
    await connectNewClub(chair, { serverUrl: server.url, setupCode: E2E_SETUP_CODE, deviceName: 'Máy chủ nhiệm' });
    const phones = [chair];
    for (const role of ['board', 'treasurer'] as const) {
      const invite = await createInvite(chair, role);
      const phone = freshDatabase();
      await joinClub(phone, { serverUrl: server.url, code: invite.code, deviceName: `Máy ${role}` });
      phones.push(phone);
    }
    const [, board, treasurer] = phones as [ClubBookDatabase, ClubBookDatabase, ClubBookDatabase];
    for (const name of ['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Thị Hoa']) await createRecord(chair, 'members', memberFields({ fullName: name }));
    for (const phone of [...phones, ...phones]) await syncOnce(phone);

    // The night's backup, taken while the server runs.
    const backup = join(backupDir, 'night.sqlite');
    const backedUp = await command(['backup', '--out', backup]);
    expect(backedUp.code, backedUp.out).toBe(0);

    // An hour of work after it: sent, acknowledged, pulled by some and not by others.
    const meeting = await createRecord(chair, 'meetings', { ...newMeetingFields('2026-11-15'), areas: ['health', 'homeCare'] });
    const lan = await byName(chair, 'Nguyễn Thị Lan');
    await upsertRecords(chair, 'attendance', [{ id: markId(meeting.id, lan.id), fields: { meetingId: meeting.id, memberId: lan.id, mark: 'present' } }]);
    await updateRecord(chair, 'members', lan.id, { phone: '0911111111' });
    await syncOnce(chair);
    await syncOnce(board);
    const duc = await byName(board, 'Trần Văn Đức');
    await updateRecord(board, 'members', duc.id, { group: 'Tổ 4' });
    await createRecord(board, 'members', memberFields({ fullName: 'Phạm Văn Tư' }));
    await syncOnce(board);
    await deleteRecord(treasurer, 'members', (await byName(treasurer, 'Lê Thị Hoa')).id);
    await syncOnce(treasurer);
    // …and, after the last sync, changes still waiting on two phones.
    await createRecord(treasurer, 'members', memberFields({ fullName: 'Đỗ Thị Mai' }));
    await updateRecord(chair, 'members', lan.id, { notes: 'Nhà xa, cần người đón.' });
    const token = (await readConnection(chair))!.token;
    const beforeRestore = await serverRecords(server.url, token);

    // The server's disk fails; the association restores last night's backup.
    await server.stop();
    const restored = await command(['restore', '--from', backup]);
    expect(restored.code, restored.out).toBe(0);
    await server.start();
    expect((await serverRecords(server.url, token)).size).toBeLessThan(beforeRestore.size);

    // Each phone syncs as it does every day: it notices, sends back, and syncs on.
    for (const phone of [board, treasurer, chair, board, treasurer, chair]) expect((await syncOnce(phone)).outcome).toBe('done');

    const after = await serverRecords(server.url, token);
    // Everything the server had acknowledged before it was restored is back, field for field…
    for (const [key, record] of beforeRestore) {
      const { version: _v, ...fields } = record;
      expect(after.get(key), key).toMatchObject(key === `members/${lan.id}` ? { ...fields, notes: 'Nhà xa, cần người đón.', updatedAt: expect.any(String) } : fields);
    }
    // …with what was still waiting on the phones, and nothing twice.
    const names = [...after.values()].filter((r) => 'fullName' in r && !r.deleted).map((r) => r.fullName);
    expect(names.sort()).toEqual(['Nguyễn Thị Lan', 'Phạm Văn Tư', 'Trần Văn Đức', 'Đỗ Thị Mai'].sort());
    expect(after.get(`members/${duc.id}`)).toMatchObject({ group: 'Tổ 4' });
    expect(after.get(`attendance/${markId(meeting.id, lan.id)}`)).toMatchObject({ mark: 'present' });
    // No phone stuck, none different: each holds exactly the server's book, nothing waiting.
    for (const phone of phones) {
      expect(await phone.outbox.count()).toBe(0);
      expect(await phoneRecords(phone)).toEqual(after);
    }
    // And the day goes on: a new change from the restored-to phone goes through.
    await updateRecord(treasurer, 'members', duc.id, { notes: 'Đã khỏi ốm.' });
    expect((await syncOnce(treasurer)).acknowledged).toBe(1);
    await syncOnce(chair);
    expect(await chair.records<Member>('members').get(duc.id)).toMatchObject({ notes: 'Đã khỏi ốm.', group: 'Tổ 4' });
  });
});

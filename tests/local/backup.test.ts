import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clockAt,
  createClub,
  failStoreWrites,
  freshDatabase,
  joinClub,
  quotaExceeded,
  snapshot,
  wipeAndReopen,
} from './helpers';
import {
  BACKUP_FORMAT,
  BackupRefusedError,
  backupFileName,
  exportBackup,
  importBackup,
  type Backup,
} from '../../src/local/backup';
import type { ClubBookDatabase, OutboxMutation } from '../../src/local/database';
import { currentClubId, deviceId } from '../../src/local/device';
import { StorageFullError } from '../../src/local/errors';
import { clubProfile, membersInBookOrder, recordById } from '../../src/local/queries';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import type { Member } from '../../src/domain/members';
import { memberFields } from '../domain/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A club book with members, a deletion, a change the server refused, and changes not sent yet. */
async function clubBook() {
  const db = freshDatabase();
  clockAt('2026-11-01T02:00:00.000Z');
  const club = await createClub(db, 'CLB Liên thế hệ thôn Đông');
  const lan = await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', roles: ['volunteer'] }));
  const duc = await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức', gender: 'male' }));
  const anh = await createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }));
  clockAt('2026-11-02T02:00:00.000Z');
  await deleteRecord(db, 'members', anh.id);
  await db.outbox.update(2, { status: 'rejected', rejection: { code: 'invalid', message: 'validation.phone' } });
  return { db, club, lan, duc, anh };
}

async function everything(db: ClubBookDatabase) {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return {
    club: byId(await db.records('club').toArray()),
    members: byId(await db.records('members').toArray()),
  };
}

/** A mutation as it travels: without the seq, which each phone gives its own. */
function withoutSeq({ seq: _seq, ...mutation }: OutboxMutation) {
  return mutation;
}

async function backupText(db: ClubBookDatabase): Promise<string> {
  return JSON.stringify(await exportBackup(db));
}

describe('exportBackup', () => {
  it('holds the whole club as this phone has it, tombstones and unsent changes included', async () => {
    const { db, club, lan, duc, anh } = await clubBook();
    const backup = await exportBackup(db);

    expect(backup).toMatchObject({
      format: BACKUP_FORMAT,
      formatVersion: 1,
      clubId: club.id,
      deviceId: await deviceId(db),
    });
    expect(backup.collections.club).toEqual([club]);
    expect(backup.collections.members).toHaveLength(3);
    expect(backup.collections.members).toEqual(
      expect.arrayContaining([lan, duc, { ...anh, deleted: true, updatedAt: '2026-11-02T02:00:00.000Z' }]),
    );
    expect(backup.outbox).toEqual(await db.outbox.toArray());
    expect(backup.outbox.map((m) => m.op)).toEqual(['put', 'put', 'put', 'delete']);
  });

  it('refuses to export a phone that keeps no club', async () => {
    const db = freshDatabase();
    await expect(exportBackup(db)).rejects.toBeInstanceOf(BackupRefusedError);
    await expect(exportBackup(db)).rejects.toMatchObject({ messageKey: 'backup.nothingToExport' });
  });
});

describe('export → wipe → import', () => {
  it('gives back the same club, with the unsent changes queued again in their order', async () => {
    const { db, club } = await clubBook();
    const records = await everything(db);
    const pending = (await db.outbox.toArray()).map(withoutSeq);
    const file = await backupText(db);

    const restored = await wipeAndReopen(db);
    expect(await restored.records('members').count()).toBe(0);

    const summary = await importBackup(restored, file);

    expect(summary).toEqual({ added: 4, updated: 0, unchanged: 0 });
    expect(await everything(restored)).toEqual(records);
    expect(await currentClubId(restored)).toBe(club.id);
    expect(await clubProfile(restored)).toEqual(club);
    expect((await membersInBookOrder(restored)).map((m) => m.fullName)).toEqual(['Trần Văn Đức', 'Nguyễn Thị Lan']);
    const requeued = await restored.outbox.toArray();
    // A refused change goes out again as pending: a refused one holding a seq the server never
    // saw would stall every later push at that gap.
    const expected = pending.map(({ rejection: _rejection, ...m }) => ({ ...m, status: 'pending' }));
    expect(requeued.map(withoutSeq)).toEqual(expected);
    expect(requeued.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(requeued[1]).not.toHaveProperty('rejection');

    // The restored phone goes on numbering after the changes it took over.
    await createRecord(restored, 'members', memberFields({ fullName: 'Phạm Thị Ơn' }));
    expect((await restored.outbox.toArray()).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('takes the backup as parsed JSON as well as the file text', async () => {
    const { db } = await clubBook();
    const records = await everything(db);
    const parsed: unknown = JSON.parse(await backupText(db));
    const restored = await wipeAndReopen(db);
    await importBackup(restored, parsed);
    expect(await everything(restored)).toEqual(records);
  });

  it('asks for persistent storage once the restored club is on the phone', async () => {
    const { db } = await clubBook();
    const file = await backupText(db);
    const restored = await wipeAndReopen(db);
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist } });

    await importBackup(restored, file);

    expect(persist).toHaveBeenCalledTimes(1);
  });
});

describe('importing onto a phone that already has the club', () => {
  it('changes nothing and queues nothing twice when the backup is this phone’s own latest', async () => {
    const { db } = await clubBook();
    const file = await backupText(db);
    const before = await snapshot(db);

    expect(await importBackup(db, file)).toEqual({ added: 0, updated: 0, unchanged: 4 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('never overwrites newer data with an older backup, nor queues the old changes again', async () => {
    const { db, lan } = await clubBook();
    const oldFile = await backupText(db);
    clockAt('2026-11-10T02:00:00.000Z');
    const newer = await updateRecord(db, 'members', lan.id, { phone: '0387654321' });
    const before = await snapshot(db);

    const summary = await importBackup(db, oldFile);

    expect(summary.updated).toBe(0);
    expect(await db.records('members').get(lan.id)).toEqual(newer);
    expect(await snapshot(db)).toEqual(before);
  });

  it('takes the newer copy from a backup, with the change that made it', async () => {
    const { db, lan } = await clubBook();
    const oldFile = await backupText(db);
    clockAt('2026-11-10T02:00:00.000Z');
    const newer = await updateRecord(db, 'members', lan.id, { phone: '0387654321' });
    const newFile = await backupText(db);

    const phone = await wipeAndReopen(db);
    await importBackup(phone, oldFile);
    const queuedBefore = await phone.outbox.count();

    const summary = await importBackup(phone, newFile);

    expect(summary).toEqual({ added: 0, updated: 1, unchanged: 3 });
    expect(await phone.records('members').get(lan.id)).toEqual(newer);
    const queued = await phone.outbox.toArray();
    expect(queued.length).toBeGreaterThan(queuedBefore);
    expect(queued.at(-1)).toMatchObject({
      op: 'put',
      id: lan.id,
      data: { phone: '0387654321', updatedAt: '2026-11-10T02:00:00.000Z' },
    });
  });

  it('trusts the server’s versions over phone clocks: an old backup from a phone two years ahead undoes nothing', async () => {
    const { db, lan } = await clubBook();
    // The copy the backup holds came from the server at version 3, stamped by a phone whose
    // clock said 2028; the phone now holds the server's version 5, stamped in 2026.
    await db.records<Member>('members').update(lan.id, { version: 3, updatedAt: '2028-11-01T02:00:00.000Z' });
    const oldFile = await backupText(db);
    await db.records<Member>('members').update(lan.id, { version: 5, phone: '0387654321', updatedAt: '2026-11-10T02:00:00.000Z' });
    const before = await snapshot(db);

    expect((await importBackup(db, oldFile)).updated).toBe(0);
    expect(await snapshot(db)).toEqual(before);
  });

  it('never undoes a deletion made on this phone', async () => {
    const { db, duc } = await clubBook();
    const file = await backupText(db);
    clockAt('2026-11-10T02:00:00.000Z');
    await deleteRecord(db, 'members', duc.id);
    const before = await snapshot(db);

    await importBackup(db, file);

    expect(await recordById(db, 'members', duc.id)).toBeUndefined();
    expect(await db.records<Member>('members').get(duc.id)).toMatchObject({ deleted: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('carries a deletion from the backup over to this phone', async () => {
    const { db, duc } = await clubBook();
    const liveFile = await backupText(db);
    clockAt('2026-11-10T02:00:00.000Z');
    await deleteRecord(db, 'members', duc.id);
    const deletedFile = await backupText(db);

    const phone = await wipeAndReopen(db);
    await importBackup(phone, liveFile);
    expect(await recordById(phone, 'members', duc.id)).toBeDefined();

    await importBackup(phone, deletedFile);

    expect(await recordById(phone, 'members', duc.id)).toBeUndefined();
    expect((await phone.outbox.toArray()).at(-1)).toMatchObject({ op: 'delete', id: duc.id });
  });
});

describe('import refuses and loses nothing', () => {
  async function refusal(target: ClubBookDatabase, input: unknown, messageKey: string) {
    const before = await snapshot(target);
    const attempt = importBackup(target, input);
    await expect(attempt).rejects.toBeInstanceOf(BackupRefusedError);
    await expect(attempt).rejects.toMatchObject({ messageKey });
    expect(await snapshot(target)).toEqual(before);
  }

  it('refuses another club’s backup', async () => {
    const { db: otherClub } = await clubBook();
    const file = await backupText(otherClub);
    const mine = freshDatabase();
    await createClub(mine, 'CLB thôn Tây');
    await createRecord(mine, 'members', memberFields({ fullName: 'Bùi Thị Ưng' }));

    await refusal(mine, file, 'backup.otherClub');
  });

  it('refuses a backup with a damaged record, even when the rest is fine', async () => {
    const { db } = await clubBook();
    const backup = JSON.parse(await backupText(db)) as Backup;
    (backup.collections.members![0] as Member).phone = '123';
    const target = freshDatabase();

    await refusal(target, JSON.stringify(backup), 'backup.damaged');
    await refusal(db, JSON.stringify(backup), 'backup.damaged');
  });

  it('refuses a backup holding a record of another club', async () => {
    const { db } = await clubBook();
    const backup = JSON.parse(await backupText(db)) as Backup;
    (backup.collections.members![0] as Member).clubId = '01930a5e-7b3c-7d41-8a2b-000000000000';
    await refusal(db, backup, 'backup.damaged');
  });

  it.each([
    ['a file that is not JSON', 'Sổ CLB thôn Đông {'],
    ['JSON that is not a backup', '{"hello": "xin chào"}'],
    ['a list instead of a backup', '[]'],
    ['nothing', ''],
  ])('refuses %s', async (_what, input) => {
    const { db } = await clubBook();
    await refusal(db, input, 'backup.notBackup');
  });

  it('refuses a backup from a newer app (a newer format or a collection it does not know)', async () => {
    const { db } = await clubBook();
    const backup = JSON.parse(await backupText(db)) as Backup;
    await refusal(db, { ...backup, formatVersion: 2 }, 'backup.newerApp');
    await refusal(db, { ...backup, collections: { ...backup.collections, savingsGroups: [] } }, 'backup.newerApp');
  });

  it('loses nothing when the phone fills up during an import', async () => {
    const { db } = await clubBook();
    const file = await backupText(db);
    const target = freshDatabase();
    await joinClub(target, (await currentClubId(db))!);
    await createRecord(target, 'members', memberFields({ fullName: 'Phạm Thị Ơn' }));
    const before = await snapshot(target);
    const fault = failStoreWrites('members', 'put', quotaExceeded);

    await expect(importBackup(target, file)).rejects.toBeInstanceOf(StorageFullError);

    expect(fault.failed).toEqual(['members']);
    expect(await snapshot(target)).toEqual(before);
  });
});

describe('backupFileName', () => {
  it('says whose book it is and when, in plain letters', () => {
    expect(backupFileName('CLB Liên thế hệ thôn Đông', '2026-11-23T08:05:00.000Z')).toBe(
      'so-clb-clb-lien-the-he-thon-dong-2026-11-23.json',
    );
    expect(backupFileName('  Ấp Ưu Đãi / Tổ 3 ', '2026-01-02T00:00:00.000Z')).toBe('so-clb-ap-uu-dai-to-3-2026-01-02.json');
    expect(backupFileName('—', '2026-01-02T00:00:00.000Z')).toBe('so-clb-backup-2026-01-02.json');
  });
});

import { describe, expect, it } from 'vitest';
import { createClub, freshDatabase, snapshot } from './helpers';
import { exportBackup, importBackup, type BackupProgress } from '../../src/local/backup';
import { createRecord, createRecords } from '../../src/local/write';
import { memberFields } from '../domain/fixtures';
import type { ClubBookDatabase } from '../../src/local/database';

/**
 * A backup and a restore say how far they are while they run. A restore is one transaction:
 * left part way (here: stopped from inside, as a closed app or a full phone stops it), the
 * book is exactly as it was, never half of the file. A backup changes nothing on the phone.
 */

async function bookOf(members: number): Promise<ClubBookDatabase> {
  const db = freshDatabase();
  await createClub(db, 'CLB Liên thế hệ thôn Đông');
  await createRecords(db, 'members', Array.from({ length: members }, (_, i) => ({ fields: memberFields({ fullName: `Thành viên ${i}` }) })));
  return db;
}

function expectSteady(progress: BackupProgress[], step: BackupProgress['step'], total: number) {
  const of = progress.filter((p) => p.step === step);
  expect(of.length).toBeGreaterThan(2);
  expect(of.every((p) => p.total === total)).toBe(true);
  expect(of.map((p) => p.done)).toEqual([...of.map((p) => p.done)].sort((a, b) => a - b));
  expect(of[0]!.done).toBe(0);
  expect(of.at(-1)!.done).toBe(total);
}

describe('backup and restore progress', { timeout: 30_000 }, () => {
  it('a backup tells the records read of all of them', async () => {
    const db = await bookOf(1_200);
    const progress: BackupProgress[] = [];
    const backup = await exportBackup(db, { onProgress: (p) => progress.push(p) });
    expectSteady(progress, 'reading', 1_201);
    expect(backup.collections.members).toHaveLength(1_200);
  });

  it('a restore tells the records checked, then stored, of all of them', async () => {
    const source = await bookOf(1_200);
    const backup = await exportBackup(source);
    const phone = freshDatabase();
    const progress: BackupProgress[] = [];
    const summary = await importBackup(phone, JSON.stringify(backup), { onProgress: (p) => progress.push({ ...p }) });
    expect(summary.added).toBe(1_201);
    expectSteady(progress, 'checking', 1_201);
    expectSteady(progress, 'storing', 1_201);
    // Checking comes wholly before storing; and a report every 500 records at most often.
    const lastChecking = progress.findLastIndex((p) => p.step === 'checking');
    expect(progress.slice(lastChecking + 1).every((p) => p.step === 'storing')).toBe(true);
    expect(progress.filter((p) => p.step === 'storing').length).toBeLessThanOrEqual(1 + Math.ceil(1_201 / 500) + 1);
  });

  it('a restore stopped part way leaves the book exactly as it was before: never half a book', async () => {
    const source = await bookOf(1_200);
    const backup = await exportBackup(source);
    const phone = freshDatabase();
    await createClub(phone, 'CLB Liên thế hệ thôn Đông');
    // The same club on this phone (as restoring onto a phone that keeps the book): one member of its own.
    await phone.records('club').clear();
    await phone.records('club').put((await source.records('club').toArray())[0]!);
    await phone.meta.put({ key: 'clubId', value: backup.clubId });
    await createRecord(phone, 'members', memberFields({ fullName: 'Nguyễn Thị Lan' }));
    const before = await snapshot(phone);

    let stored = 0;
    await expect(
      importBackup(phone, JSON.stringify(backup), {
        onProgress: (p) => {
          if (p.step === 'storing') stored = p.done;
          // Half the file stored: the app is closed here.
          if (p.step === 'storing' && p.done >= 600) throw new Error('the app was closed');
        },
      }),
    ).rejects.toThrow();
    expect(stored).toBeGreaterThanOrEqual(600);
    expect(await snapshot(phone)).toEqual(before);
    expect(await phone.records('members').count()).toBe(1);

    // Opened again, the file goes in whole.
    const summary = await importBackup(phone, JSON.stringify(backup));
    expect(summary.added).toBe(1_200);
    expect(await phone.records('members').count()).toBe(1_201);
  });
});

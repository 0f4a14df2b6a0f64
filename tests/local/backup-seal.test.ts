import { describe, expect, it } from 'vitest';
import { freshDatabase, createClub } from './helpers';
import { exportBackup, importBackup } from '../../src/local/backup';
import {
  BackupPassphraseError,
  PBKDF2_ITERATIONS,
  SEALED_FORMAT,
  isSealed,
  openSealedBackup,
  sealBackup,
} from '../../src/local/backup-seal';
import { liveRecords } from '../../src/local/queries';
import { createRecord } from '../../src/local/write';
import { memberFields } from '../domain/fixtures';

// A low cost keeps the tests quick; one test seals at the real cost and checks it is written.
const QUICK = { iterations: 1_000 };
const PASSPHRASE = 'hoa sen thôn Đông 2026';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupPassphraseError);
  return (error as BackupPassphraseError).messageKey;
}

describe('a sealed backup', () => {
  it('opens with its passphrase to the very backup that was sealed, and shows no name or phone number', async () => {
    const db = freshDatabase();
    await createClub(db);
    await createRecord(db, 'members', memberFields({ fullName: 'Nguyễn Thị Lan', phone: '0912345678' }));
    const json = JSON.stringify(await exportBackup(db));
    const file = await sealBackup(json, PASSPHRASE, QUICK);

    expect(isSealed(file)).toBe(true);
    expect(isSealed(json)).toBe(false);
    expect(file).not.toContain('Nguyễn');
    expect(file).not.toContain('0912345678');
    expect(JSON.parse(file)).toMatchObject({ format: SEALED_FORMAT, kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 1_000 }, cipher: { name: 'AES-GCM' } });
    expect(await openSealedBackup(file, PASSPHRASE)).toBe(json);
    // The same passphrase typed on a keyboard that composes differently is the same passphrase.
    expect(await openSealedBackup(file, PASSPHRASE.normalize('NFD'))).toBe(json);
  });

  it('is sealed at the real cost by default, with a new salt and nonce each time', async () => {
    const [a, b] = [await sealBackup('{"x":1}', PASSPHRASE), await sealBackup('{"x":1}', PASSPHRASE)];
    const [fa, fb] = [JSON.parse(a), JSON.parse(b)];
    expect(fa.kdf.iterations).toBe(PBKDF2_ITERATIONS);
    expect(fa.kdf.salt).not.toBe(fb.kdf.salt);
    expect(fa.cipher.iv).not.toBe(fb.cipher.iv);
    expect(fa.data).not.toBe(fb.data);
  });

  it('refuses a passphrase too short to protect anything', async () => {
    expect(await refusal(sealBackup('{}', 'lan123', QUICK))).toBe('backup.passphraseShort');
  });

  it('says "wrong passphrase or damaged" for either, and the phone keeps everything it had', async () => {
    const source = freshDatabase();
    await createClub(source);
    await createRecord(source, 'members', memberFields());
    const file = await sealBackup(JSON.stringify(await exportBackup(source)), PASSPHRASE, QUICK);

    expect(await refusal(openSealedBackup(file, 'hoa sen thôn Tây 2026'))).toBe('backup.wrongPassphrase');
    const parsed = JSON.parse(file);
    const data = parsed.data as string;
    const flipped = `${data.slice(0, 20)}${data[20] === 'A' ? 'B' : 'A'}${data.slice(21)}`;
    expect(await refusal(openSealedBackup(JSON.stringify({ ...parsed, data: flipped }), PASSPHRASE))).toBe('backup.wrongPassphrase');
    expect(await refusal(openSealedBackup('{"format":"so-clb-backup-sealed","kdf":{}}', PASSPHRASE))).toBe('backup.damaged');
    expect(await refusal(openSealedBackup('not json at all', PASSPHRASE))).toBe('backup.damaged');
    expect(await refusal(openSealedBackup(JSON.stringify({ ...parsed, formatVersion: 99 }), PASSPHRASE))).toBe('backup.newerApp');

    // A phone that tried the wrong passphrase still has an empty book, then the right one works.
    const target = freshDatabase();
    expect(await liveRecords(target, 'members')).toEqual([]);
    const summary = await importBackup(target, await openSealedBackup(file, PASSPHRASE));
    expect(summary.added).toBeGreaterThan(0);
    expect(await liveRecords(target, 'members')).toHaveLength(1);
  });
});

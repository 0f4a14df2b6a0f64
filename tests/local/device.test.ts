import { describe, expect, it } from 'vitest';
import { freshDatabase, reopen } from './helpers';
import { currentClubId, deviceId, META, readMeta, takeSeq } from '../../src/local/device';

describe('deviceId', () => {
  it('is made once and kept across restarts: the server counts this phone’s changes by it', async () => {
    let db = freshDatabase();
    const first = await deviceId(db);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await deviceId(db)).toBe(first);
    db = reopen(db);
    expect(await deviceId(db)).toBe(first);
  });

  it('is one id even when asked for from two places at once on a new phone', async () => {
    const db = freshDatabase();
    const ids = await Promise.all([deviceId(db), deviceId(db), deviceId(db)]);
    expect(new Set(ids).size).toBe(1);
    expect(await readMeta(db, META.deviceId)).toBe(ids[0]);
  });

  it('differs between two phones', async () => {
    expect(await deviceId(freshDatabase())).not.toBe(await deviceId(freshDatabase()));
  });
});

describe('takeSeq', () => {
  it('starts at 1 and never gives the same number twice, across restarts', async () => {
    let db = freshDatabase();
    expect(await db.transaction('rw', db.meta, () => takeSeq(db))).toBe(1);
    expect(await db.transaction('rw', db.meta, () => takeSeq(db))).toBe(2);
    db = reopen(db);
    expect(await db.transaction('rw', db.meta, () => takeSeq(db))).toBe(3);
  });

  it('gives the number back when the transaction that took it fails', async () => {
    const db = freshDatabase();
    await expect(
      db.transaction('rw', db.meta, async () => {
        await takeSeq(db);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await db.transaction('rw', db.meta, () => takeSeq(db))).toBe(1);
  });
});

describe('currentClubId', () => {
  it('is unknown until the phone joins or creates a club', async () => {
    const db = freshDatabase();
    expect(await currentClubId(db)).toBeUndefined();
    await db.meta.put({ key: META.clubId, value: '01930a5e-7b3c-7d41-8a2b-3c4d5e6f7a8b' });
    expect(await currentClubId(db)).toBe('01930a5e-7b3c-7d41-8a2b-3c4d5e6f7a8b');
  });
});

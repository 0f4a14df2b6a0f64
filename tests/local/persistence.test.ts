import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase, joinClub, reopen } from './helpers';
import { askForPersistentStorageOnce, storageRoom } from '../../src/local/persistence';
import { createRecord, deleteRecord, updateRecord } from '../../src/local/write';
import { memberFields } from '../domain/fixtures';

const MB = 1024 * 1024;

function stubStorage(storage: Partial<StorageManager>) {
  vi.stubGlobal('navigator', { storage });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('asking for persistent storage', () => {
  it('asks exactly once, after the first real save, and never again, not even after a restart', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persist });
    let db = freshDatabase();
    await joinClub(db);
    expect(persist).not.toHaveBeenCalled();

    // A refused save is not a real save.
    await expect(createRecord(db, 'members', memberFields({ phone: '123' }))).rejects.toThrow();
    expect(persist).not.toHaveBeenCalled();

    const lan = await createRecord(db, 'members', memberFields());
    expect(persist).toHaveBeenCalledTimes(1);

    await createRecord(db, 'members', memberFields({ fullName: 'Trần Văn Đức', gender: 'male' }));
    await updateRecord(db, 'members', lan.id, { phone: '0387654321' });
    await deleteRecord(db, 'members', lan.id);
    db = reopen(db);
    await createRecord(db, 'members', memberFields({ fullName: 'Lê Thị Ánh' }));
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('does not ask for a change that changed nothing', async () => {
    const persist = vi.fn(async () => true);
    const db = freshDatabase();
    await joinClub(db);
    const lan = await createRecord(db, 'members', memberFields());
    // Forget the first ask, as on a phone where the first save came from an older app.
    await db.meta.delete('persistAsked');
    stubStorage({ persist });

    await updateRecord(db, 'members', lan.id, { phone: lan.phone });
    expect(persist).not.toHaveBeenCalled();
    await updateRecord(db, 'members', lan.id, { phone: '0387654321' });
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('asks once even when the first saves happen at the same moment', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persist });
    const db = freshDatabase();
    await joinClub(db);
    await Promise.all(
      ['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Thị Ánh'].map((fullName) =>
        createRecord(db, 'members', memberFields({ fullName })),
      ),
    );
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('keeps the saved record when the browser refuses or fails to answer', async () => {
    stubStorage({ persist: vi.fn(async () => Promise.reject(new Error('not allowed'))) });
    const db = freshDatabase();
    await joinClub(db);
    const lan = await createRecord(db, 'members', memberFields());
    expect(await db.records('members').get(lan.id)).toEqual(lan);
  });

  it('does nothing where the browser has no storage manager', async () => {
    vi.stubGlobal('navigator', {});
    const db = freshDatabase();
    await expect(askForPersistentStorageOnce(db)).resolves.toBeUndefined();
    expect(await db.meta.get('persistAsked')).toBeUndefined();
  });
});

describe('storageRoom', () => {
  it('reports plenty of room as not low', async () => {
    stubStorage({ estimate: async () => ({ usage: 20 * MB, quota: 2000 * MB }) });
    expect(await storageRoom()).toEqual({ usedBytes: 20 * MB, quotaBytes: 2000 * MB, low: false });
  });

  it('warns when less than 50 MB are left', async () => {
    stubStorage({ estimate: async () => ({ usage: 460 * MB, quota: 500 * MB }) });
    expect(await storageRoom()).toMatchObject({ low: true });
  });

  it('warns when less than a tenth is left, even if that is more than 50 MB', async () => {
    stubStorage({ estimate: async () => ({ usage: 1850 * MB, quota: 2000 * MB }) });
    expect(await storageRoom()).toMatchObject({ low: true });
  });

  it('knows nothing when the browser cannot tell', async () => {
    stubStorage({ estimate: async () => ({}) });
    expect(await storageRoom()).toBeNull();
    vi.stubGlobal('navigator', {});
    expect(await storageRoom()).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { freshDatabase, joinClub } from './helpers';
import { COLLECTIONS, COLLECTION_NAMES } from '../../src/domain/collections';
import { createRecord } from '../../src/local/write';
import { memberFields } from '../domain/fixtures';

describe('ClubBookDatabase', () => {
  it('has a store for every collection in the registry, keyed by id, with its indexes', async () => {
    const db = freshDatabase();
    await db.open();
    for (const name of COLLECTION_NAMES) {
      const table = db.table(name);
      expect(table.schema.primKey.keyPath).toBe('id');
      expect(table.schema.indexes.map((i) => i.name).sort()).toEqual([...COLLECTIONS[name].localIndexes].sort());
    }
  });

  it('keys the outbox by seq and can find pending changes and the changes to one record', async () => {
    const db = freshDatabase();
    await db.open();
    expect(db.outbox.schema.primKey.keyPath).toBe('seq');
    expect(db.outbox.schema.indexes.map((i) => i.name).sort()).toEqual(['[collection+id]', 'status']);
    expect(db.meta.schema.primKey.keyPath).toBe('key');
  });

  it('reads the outbox in the order the changes were made, past seq 9', async () => {
    const db = freshDatabase();
    await joinClub(db);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await createRecord(db, 'members', memberFields({ fullName: `Nguyễn Thị Lan ${'I'.repeat(i + 1)}` }))).id);
    }
    const outbox = await db.outbox.toArray();
    expect(outbox.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(outbox.map((m) => m.id)).toEqual(ids);
    expect(await db.outbox.where('[collection+id]').equals(['members', ids[10]!]).primaryKeys()).toEqual([11]);
  });
});

describe('upgrade from version 1', () => {
  it('keeps the records and the outbox, and adds an empty store of server copies', async () => {
    const { default: Dexie } = await import('dexie');
    const name = `test-upgrade-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    const stores: Record<string, string> = { outbox: 'seq, status, [collection+id]', meta: 'key' };
    for (const collection of Object.values(COLLECTIONS)) stores[collection.name] = ['id', ...collection.localIndexes].join(', ');
    v1.version(1).stores(stores);
    await v1.table('members').put({ id: 'm1', fullName: 'Nguyễn Thị Lan' });
    await v1.table('outbox').put({ seq: 1, collection: 'members', op: 'put', id: 'm1', data: {}, queuedAt: '', status: 'pending' });
    v1.close();

    const { ClubBookDatabase } = await import('../../src/local/database');
    const v2 = new ClubBookDatabase(name);
    try {
      expect(await v2.records('members').get('m1')).toMatchObject({ fullName: 'Nguyễn Thị Lan' });
      expect(await v2.outbox.count()).toBe(1);
      expect(await v2.serverCopies.count()).toBe(0);
      expect(v2.serverCopies.schema.primKey.keyPath).toEqual(['collection', 'id']);
    } finally {
      v2.close();
      await Dexie.delete(name);
    }
  });
});

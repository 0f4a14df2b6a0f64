import { freshDatabase } from './helpers';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionDefinition } from '../../src/domain/collection';
import { COLLECTIONS, COLLECTION_NAMES } from '../../src/domain/collections';
import { validate } from '../../src/domain/validation';
import { ClubBookDatabase, DATABASE_VERSION } from '../../src/local/database';
import { importBackup } from '../../src/local/backup';
import { META, readMeta, type ServerConnection } from '../../src/local/device';
import { readDraft } from '../../src/local/drafts';
import { syncStatus } from '../../src/local/queries';
import { createRecord, updateRecord } from '../../src/local/write';
import { listNeedsAttention } from '../../src/sync/attention';
import { memberFields } from '../domain/fixtures';
import { FIXTURES, PHONE_ROLES, metaOf, outboxOf, recordsOf, storeOf, type Fixture, type IndexedDbDump } from '../fixtures/frozen';
import { deleteIndexedDb, dumpIndexedDb, restoreIndexedDb, schemaOf } from '../fixtures/indexeddb';

/**
 * Upgrades that keep everything (issue 9, point 11): each frozen phone database — made by
 * the app of its version, with a club, members, a backup, changes waiting to be sent and one
 * the server refused — is rebuilt raw at its old IndexedDB version and opened by today's
 * ClubBookDatabase. Nothing it held may be lost or changed; the stores today's app needs must
 * be there; the phone must go on numbering its changes where it stopped.
 *
 * Every folder in tests/fixtures is held to this. When the schema version is raised, freeze
 * the new version's phone into a folder of its own (its make.ts), and keep the old folders.
 */

const opened: { db?: ClubBookDatabase; name: string }[] = [];
afterEach(async () => {
  for (const { db, name } of opened.splice(0)) {
    db?.close();
    await deleteIndexedDb(name);
  }
});

/** The fixture rebuilt raw, then opened (and so upgraded) by today's app. */
async function upgradedPhone(dump: IndexedDbDump): Promise<{ db: ClubBookDatabase; name: string }> {
  const name = await restoreIndexedDb(dump);
  const entry: { db?: ClubBookDatabase; name: string } = { name };
  opened.push(entry);
  entry.db = new ClubBookDatabase(name);
  await entry.db.open();
  return { db: entry.db, name };
}

/** What today's app makes of a new phone: the stores, key paths and indexes an upgrade must reach. */
async function todaysSchema() {
  const name = `fresh-${crypto.randomUUID()}`;
  const db = new ClubBookDatabase(name);
  opened.push({ db, name });
  await db.open();
  return schemaOf(await dumpIndexedDb(name));
}

describe('the fixtures', () => {
  it('include one frozen by the app of today\'s schema version', () => {
    // Raising DATABASE_VERSION needs a fixture of the new version (tests/fixtures/vN/make.ts),
    // so that the next version is proven to upgrade it.
    expect(FIXTURES.map((f) => f.manifest.phoneSchemaVersion)).toContain(DATABASE_VERSION);
    expect(FIXTURES.length).toBeGreaterThanOrEqual(2);
  });

  it('of today\'s schema version hold records of every collection it has, on both phones', () => {
    // What the new version can hold is frozen too (from v4: meetings and their marks), so the
    // next version is proven to keep it.
    const newest = FIXTURES.find((f) => f.manifest.phoneSchemaVersion === DATABASE_VERSION)!;
    for (const role of PHONE_ROLES) {
      for (const collection of COLLECTION_NAMES) expect(storeOf(newest.phones[role], collection).records.length, `${role} ${collection}`).toBeGreaterThan(0);
    }
  });
});

describe.each(FIXTURES)('a phone frozen at $version', (fixture: Fixture) => {
  describe.each(PHONE_ROLES)('the %s\'s phone', (role) => {
    const dump = fixture.phones[role];
    const facts = fixture.manifest.phones[role];

    it('is rebuilt exactly as it was frozen (raw IndexedDB, its old version, stores and indexes)', async () => {
      // The helper itself: what it rebuilds reads back as the fixture, key for key.
      expect(dump.version).toBe(fixture.manifest.phoneSchemaVersion * 10); // Dexie's version × 10
      const name = await restoreIndexedDb(dump);
      opened.push({ name });
      const rebuilt = await dumpIndexedDb(name);
      expect({ ...rebuilt, name: dump.name }).toEqual(dump);
      // And the fixture holds what it is meant to: a connected phone with changes waiting.
      // (The phone's own device id is made when first needed: the chair's backup made it.)
      const required = [META.nextSeq, META.clubId, META.connection, META.pullCursor, META.lastPullAt, ...(role === 'chair' ? [META.deviceId] : [])];
      for (const key of required) expect(metaOf(dump, key), key).toBeDefined();
      const outbox = outboxOf(dump);
      expect(outbox.filter((m) => m.status === 'pending').map((m) => m.seq)).toEqual(facts.pending);
      expect(outbox.filter((m) => m.status === 'rejected').map((m) => ({ seq: m.seq, code: m.rejection?.code }))).toEqual(facts.rejected);
      expect(facts.pending.length).toBeGreaterThan(0);
    });

    it('opens with today\'s app and keeps every record, every queued change and every fact', async () => {
      const { db, name } = await upgradedPhone(dump);
      expect(db.verno).toBe(DATABASE_VERSION);
      const after = await dumpIndexedDb(name);

      // The stores, key paths and indexes are those of a new phone of today.
      expect(schemaOf(after)).toEqual(await todaysSchema());
      // Every store the old phone had is still there with every key, and every record keeps
      // every field and value it had (an upgrade may add fields, never drop or change one).
      for (const old of dump.stores) {
        const now = storeOf(after, old.name);
        expect(now.records.map((r) => r.key), old.name).toEqual(old.records.map((r) => r.key));
        for (const [i, record] of old.records.entries()) {
          expect(now.records[i]!.value, `${old.name} ${JSON.stringify(record.key)}`).toMatchObject(record.value as object);
        }
      }

      // The same, read the way the app reads it.
      for (const collection of COLLECTION_NAMES) {
        // A collection newer than the frozen phone starts empty.
        const kept = dump.stores.some((store) => store.name === collection) ? recordsOf(dump, collection) : new Map();
        const records = await db.records(collection).toArray();
        expect(records.map((r) => r.id).sort()).toEqual([...kept.keys()].sort());
        for (const record of records) {
          expect(record).toMatchObject(kept.get(record.id)!);
          // Still a valid record for today's schema: it can be edited and sent as it is.
          const schema: CollectionDefinition['recordSchema'] = COLLECTIONS[collection].recordSchema;
          const checked = validate(schema, record);
          expect(checked.ok ? [] : checked.problems, `${collection} ${record.id}`).toEqual([]);
        }
      }
      const outbox = await db.outbox.toArray();
      expect(outbox).toEqual(outboxOf(dump).map((m) => expect.objectContaining(m)));
      expect(outbox.filter((m) => m.status === 'pending').map((m) => m.seq)).toEqual(facts.pending);
      expect(outbox.filter((m) => m.status === 'rejected').map((m) => ({ seq: m.seq, code: m.rejection?.code }))).toEqual(facts.rejected);
      for (const rejected of outbox.filter((m) => m.status === 'rejected')) {
        expect(rejected.rejection).toEqual(outboxOf(dump).find((m) => m.seq === rejected.seq)!.rejection);
      }

      expect(await readMeta(db, META.deviceId)).toBe(metaOf(dump, META.deviceId));
      expect(await readMeta(db, META.nextSeq)).toBe(facts.nextSeq);
      expect(await readMeta(db, META.clubId)).toBe(fixture.manifest.clubId);
      expect(await readMeta(db, META.pullCursor)).toBe(metaOf(dump, META.pullCursor));
      const connection = await readMeta<ServerConnection>(db, META.connection);
      expect(connection).toEqual(metaOf(dump, META.connection));
      expect(connection).toMatchObject({ token: facts.token, deviceId: facts.deviceId, role: facts.role, clubId: fixture.manifest.clubId });
      const meta = await db.meta.toArray();
      expect(meta.map((m) => m.key)).toEqual(storeOf(dump, 'meta').records.map((r) => r.key));

      // What the person sees: the badge's count and "needs attention".
      expect(await syncStatus(db)).toMatchObject({
        connected: true,
        role: facts.role,
        waiting: facts.pending.length,
        rejected: facts.rejected.length,
        lastPullAt: metaOf(dump, META.lastPullAt),
      });
      expect((await listNeedsAttention(db)).map((item) => item.seq)).toEqual(facts.rejected.map((r) => r.seq));
      // A draft of an unsaved form (version 3 and later) is still there to carry on.
      const drafts = dump.stores.find((s) => s.name === 'drafts')?.records ?? [];
      for (const { key, value } of drafts) expect(await readDraft(db, String(key))).toEqual(value);
    });

    it('numbers its next changes after the kept ones and keeps the queue in order', async () => {
      const { db } = await upgradedPhone(dump);
      const kept = outboxOf(dump);
      const member = await createRecord(db, 'members', memberFields({ fullName: 'Đặng Thị Yến', joinedOn: '2026-12-01' }));
      const survivor = [...recordsOf(dump, 'members').values()].find((m) => !m.deleted)!;
      await updateRecord(db, 'members', survivor.id as string, { notes: 'Đã gọi điện hỏi thăm.' });
      const outbox = await db.outbox.toArray();
      expect(outbox.slice(0, kept.length)).toEqual(kept.map((m) => expect.objectContaining(m)));
      expect(outbox.slice(kept.length).map((m) => [m.seq, m.id])).toEqual([
        [facts.nextSeq, member.id],
        [facts.nextSeq + 1, survivor.id],
      ]);
      expect(facts.nextSeq).toBeGreaterThan(Math.max(...kept.map((m) => m.seq)));
      expect(await readMeta(db, META.nextSeq)).toBe(facts.nextSeq + 2);
    });
  });
});

describe.each(FIXTURES)('the backup frozen at $version', (fixture: Fixture) => {
  const backup = JSON.parse(fixture.backupText) as {
    clubId: string;
    collections: Record<string, { id: string }[]>;
    outbox: { seq: number; collection: string; id: string; op: string; data: unknown; status: string }[];
  };

  it('restores onto a new phone of today with every record and every change it had not sent', async () => {
    expect(backup.outbox.length).toBe(fixture.manifest.backup.outbox);
    const db = freshDatabase();
    const summary = await importBackup(db, fixture.backupText);
    const total = Object.values(backup.collections).reduce((n, records) => n + records.length, 0);
    expect(summary).toEqual({ added: total, updated: 0, unchanged: 0 });
    for (const [collection, records] of Object.entries(backup.collections)) {
      expect(records.length).toBe(fixture.manifest.backup.records[collection]);
      // Every field kept as it was; a field added since comes with its default.
      for (const record of records) expect(await db.table(collection).get(record.id)).toMatchObject(record);
    }
    expect(await readMeta(db, META.clubId)).toBe(backup.clubId);
    // The unsent changes queue again in their order on this phone's own numbering, all to be
    // sent (the refused one too: the server judges it again).
    const outbox = await db.outbox.toArray();
    expect(outbox.map(({ collection, id, op, data }) => ({ collection, id, op, data }))).toEqual(
      backup.outbox.map(({ collection, id, op, data }) => ({ collection, id, op, data })),
    );
    expect(outbox.map((m) => m.seq)).toEqual(backup.outbox.map((_, i) => i + 1));
    expect(outbox.every((m) => m.status === 'pending' && m.rejection === undefined)).toBe(true);
    expect(await readMeta(db, META.nextSeq)).toBe(backup.outbox.length + 1);
  });

  it('changes nothing on the upgraded phone that made it', async () => {
    const { db } = await upgradedPhone(fixture.phones.chair);
    // Every collection (from v4 the meetings and their marks too), and the queue.
    const everything = async () => ({
      outbox: await db.outbox.toArray(),
      ...Object.fromEntries(await Promise.all(COLLECTION_NAMES.map(async (c) => [c, await db.records(c).toArray()] as const))),
    });
    const before = await everything();
    const summary = await importBackup(db, fixture.backupText);
    expect(summary.added + summary.updated).toBe(0);
    expect(await everything()).toEqual(before);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineCollection, type CollectionDefinition } from '../../src/domain/collection';
import { COLLECTIONS } from '../../src/domain/collections';
import { DEVICE_ROLES } from '../../src/domain/record';
import { text } from '../../src/domain/validation';
import {
  createClub,
  newId,
  numbered,
  pullAll,
  startServerOn,
  STORE_KINDS,
  type Harness,
  type Phone,
  type TestDatabase,
} from './harness';

/**
 * A collection as a later version of the app has it: `mood` came with schema version 2.
 * The server of version 2 keeps taking version 1's records (SYNC-PROTOCOL.md: the current
 * and the previous schema version): a record without the field gets its default, never a
 * refusal; and a version-1 app is never sent the field its strict schema does not know.
 */
const shape = { text: text(200, 'validation.invalidValue') };
const visitsV1 = defineCollection({ name: 'visits', kind: 'fieldMerge', shape: () => shape, read: DEVICE_ROLES, write: DEVICE_ROLES });
const visitsV2 = defineCollection({
  name: 'visits',
  kind: 'fieldMerge',
  shape: () => ({ ...shape, mood: z.nullable(z.enum(['good', 'tired', 'unwell'])) }),
  added: { mood: { since: 2, default: null } },
  read: DEVICE_ROLES,
  write: DEVICE_ROLES,
});
const V1: Record<string, CollectionDefinition> = { ...COLLECTIONS, visits: visitsV1 };
const V2: Record<string, CollectionDefinition> = { ...COLLECTIONS, visits: visitsV2 };

function visit(clubId: string, fields: Record<string, unknown>) {
  return { clubId, createdAt: '2026-11-20T03:00:00.000Z', updatedAt: '2026-11-20T03:00:00.000Z', deleted: false, ...fields };
}

async function pushAs(h: Harness, phone: Phone, schemaVersion: number, mutations: unknown[]) {
  return h.request<{ ackedThrough: number; rejected: unknown[] }>('POST', '/api/v1/sync/push', {
    token: phone.token,
    body: { schemaVersion, mutations },
  });
}

async function visitsPulledAs(h: Harness, phone: Phone, schemaVersion: number) {
  const reply = await h.request<{ changes: { collection: string; id: string; record: Record<string, unknown> }[] }>(
    'GET',
    `/api/v1/sync/pull?since=0&schemaVersion=${schemaVersion}`,
    { token: phone.token },
  );
  return new Map(reply.body.changes.filter((c) => c.collection === 'visits').map((c) => [c.id, c.record]));
}

for (const kind of STORE_KINDS) {
  describe(`a field added in a later schema version (${kind.name})`, () => {
    let database: TestDatabase;
    let h: Harness | undefined;
    beforeEach(async () => {
      database = await kind.database();
    });
    afterEach(async () => {
      await h?.close();
      await database.dispose();
    });

    it('gets its default on what the previous version sends and on rows stored before it, and is kept from that version', async () => {
      // Version 1 of the server and app: a visit without mood.
      h = await startServerOn(database, { collections: V1, schemaVersion: 1 });
      const chair = await createClub(h);
      const old = newId();
      expect((await pushAs(h, chair, 1, numbered(chair, [{ collection: 'visits', id: old, data: visit(chair.clubId, { text: 'Nấu cơm' }) }]))).body.rejected).toEqual([]);
      await h.close();

      // The server is upgraded to version 2; the chair's phone is not yet.
      h = await startServerOn(database, { collections: V2, schemaVersion: 2 });
      // The row stored before the field existed comes with its default…
      expect((await visitsPulledAs(h, chair, 2)).get(old)).toMatchObject({ text: 'Nấu cơm', mood: null });
      // …a new visit from the old app, without the field, is taken with the default…
      const fromOldApp = newId();
      const reply = await pushAs(h, chair, 1, numbered(chair, [{ collection: 'visits', id: fromOldApp, data: visit(chair.clubId, { text: 'Dọn nhà' }) }]));
      expect(reply.status).toBe(200);
      expect(reply.body.rejected).toEqual([]);
      // …an updated phone sets the field, and the old app's later edit of the text keeps it.
      await pushAs(h, chair, 2, numbered(chair, [{ collection: 'visits', id: fromOldApp, data: { mood: 'tired' } }]));
      await pushAs(h, chair, 1, numbered(chair, [{ collection: 'visits', id: fromOldApp, data: { text: 'Dọn nhà, giặt đồ' } }]));
      const asNew = await visitsPulledAs(h, chair, 2);
      expect(asNew.get(fromOldApp)).toMatchObject({ text: 'Dọn nhà, giặt đồ', mood: 'tired' });
      // The old app never sees the field its strict schema would refuse.
      const asOld = await visitsPulledAs(h, chair, 1);
      expect(asOld.get(fromOldApp)).toMatchObject({ text: 'Dọn nhà, giặt đồ' });
      expect(Object.hasOwn(asOld.get(fromOldApp)!, 'mood')).toBe(false);
      expect(Object.hasOwn(asOld.get(old)!, 'mood')).toBe(false);
      // Both see every record.
      expect((await pullAll(h, chair)).records.size).toBe(3);
    });
  });
}

import { sql, type Kysely } from 'kysely';
import { canWrite, withAddedFields, type CollectionDefinition } from '../../domain/collection';
import type { RecoveredRecord } from '../../domain/protocol';
import { validate } from '../../domain/validation';
import type { PushingDevice } from './push';
import type { ServerDatabase } from './schema';

/**
 * A restore from a backup takes the server back to the backup's moment; what the phones sent
 * since is on them, not here. So a restore (markRestored) keeps each club's version of that
 * moment and moves the club's next versions far past any it may have given out since; then
 * each phone sends back the records it knows at a version past the restore point (POST
 * /sync/recover), and the server keeps, for each record, the copy the latest version of the
 * lost history stands behind — whichever phone sends it, in whatever order. A row a phone
 * pushed after the restore is newer than any of them and is never overwritten.
 */

/** Room for every version the lost history could have had: a club's versions after a restore start this far on. */
export const RESTORE_VERSION_GAP = 1_000_000_000;

/** Every club's restore point, and its versions moved on, in the restore's own transaction. */
export async function markRestored(db: Kysely<ServerDatabase>): Promise<void> {
  await db
    .updateTable('clubs')
    .set((eb) => ({ restored_through: eb.ref('version'), version: eb('version', '+', RESTORE_VERSION_GAP) }))
    .execute();
}

export interface RecoveryAnswer {
  /** The version the club was restored to; null when it never was (nothing to send back). */
  restoredThrough: number | null;
  /** The phone's last seq the server has (its queue continues after it). */
  lastSeq: number;
  /** How many of the records sent were taken (newer than what the server had). */
  taken: number;
}

export async function recoverRecords(
  db: Kysely<ServerDatabase>,
  device: PushingDevice,
  records: readonly RecoveredRecord[],
  options: { now: Date; findCollection: (name: string) => CollectionDefinition | undefined },
): Promise<RecoveryAnswer> {
  const at = options.now.toISOString();
  return db.transaction().execute(async (trx) => {
    // The club row's lock first, as a push takes it: versions are given out in order.
    const club = await trx
      .updateTable('clubs')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('id', '=', device.clubId)
      .returning(['version', 'restored_through'])
      .executeTakeFirstOrThrow();
    const { last_seq: lastSeq } = await trx.selectFrom('devices').select('last_seq').where('id', '=', device.id).executeTakeFirstOrThrow();
    const restoredThrough = club.restored_through === null || club.restored_through === undefined ? null : Number(club.restored_through);
    if (restoredThrough === null || records.length === 0) return { restoredThrough, lastSeq: Number(lastSeq), taken: 0 };
    // Versions a phone can know of the lost history: past the restore point, before the gap.
    const afterRestore = restoredThrough + RESTORE_VERSION_GAP;

    const candidates = records.filter((item) => {
      const collection = options.findCollection(item.collection);
      return collection && canWrite(collection, device.role) && item.version > restoredThrough && item.version < afterRestore;
    });
    if (candidates.length === 0) return { restoredThrough, lastSeq: Number(lastSeq), taken: 0 };
    const held = new Map<string, { version: number; from: number | null; appendOnly: boolean }>();
    const rows = await trx
      .selectFrom('records')
      .select(['collection', 'id', 'version', 'recovered_from'])
      .where('club_id', '=', device.clubId)
      .where('id', 'in', [...new Set(candidates.map((item) => item.id))])
      .execute();
    for (const row of rows) {
      held.set(`${row.collection}\u0000${row.id}`, {
        version: Number(row.version),
        from: row.recovered_from === null || row.recovered_from === undefined ? null : Number(row.recovered_from),
        appendOnly: options.findCollection(row.collection)?.kind === 'appendOnly',
      });
    }

    const taken: { collection: string; id: string; data: string; deleted: number; from: number }[] = [];
    for (const item of candidates) {
      const key = `${item.collection}\u0000${item.id}`;
      const row = held.get(key);
      // The version of the history that the row stands for: what it was sent back at, or its own.
      const known = row ? (row.from ?? row.version) : -1;
      if (row && (row.appendOnly || row.version >= afterRestore && row.from === null)) continue;
      if (item.version <= known) continue;
      const collection = options.findCollection(item.collection)!;
      const checked = validate(collection.recordSchema, withAddedFields(collection, { ...item.record, id: item.id }));
      if (!checked.ok) continue;
      const record = { ...(checked.value as Record<string, unknown>) };
      if (record.clubId !== device.clubId) continue;
      delete record.version;
      taken.push({ collection: item.collection, id: item.id, data: JSON.stringify(record), deleted: record.deleted === true ? 1 : 0, from: item.version });
      held.set(key, { version: afterRestore, from: item.version, appendOnly: collection.kind === 'appendOnly' });
    }
    if (taken.length === 0) return { restoredThrough, lastSeq: Number(lastSeq), taken: 0 };

    const raised = await trx
      .updateTable('clubs')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', device.clubId)
      .returning('version')
      .executeTakeFirstOrThrow();
    const version = Number(raised.version);
    // The last copy of a record in this batch is the one kept (a phone sends each once).
    const last = new Map(taken.map((row) => [`${row.collection}\u0000${row.id}`, row]));
    for (const row of last.values()) {
      await trx
        .insertInto('records')
        .values({ club_id: device.clubId, collection: row.collection, id: row.id, data: row.data, deleted: row.deleted, version, changed_at: at, recovered_from: row.from })
        .onConflict((oc) =>
          oc.columns(['club_id', 'collection', 'id']).doUpdateSet({
            data: sql`excluded.data`,
            deleted: sql`excluded.deleted`,
            version: sql`excluded.version`,
            changed_at: sql`excluded.changed_at`,
            recovered_from: sql`excluded.recovered_from`,
          }),
        )
        .execute();
    }
    return { restoredThrough, lastSeq: Number(lastSeq), taken: last.size };
  });
}

import * as z from 'zod/mini';
import { withAddedFields } from '../domain/collection';
import { COLLECTIONS, COLLECTION_NAMES, findCollection, type CollectionName } from '../domain/collections';
import type { SyncedRecord } from '../domain/record';
import { foldForSearch } from '../domain/names';
import { validate } from '../domain/validation';
import { queuedAgain, type ClubBookDatabase } from './database';
import { META, currentClubId, deviceId, isSampleBook, takeSeq } from './device';
import { LocalWriteError, asLocalWriteError } from './errors';
import { askForPersistentStorageOnce } from './persistence';

/**
 * A backup is the whole club as this phone has it, plus the changes it has not sent yet,
 * as one JSON file the person keeps (Zalo, Drive, a memory card). Importing merges: a
 * record already on the phone is replaced only by a newer copy, and a deletion is never
 * undone, so restoring an old file can never roll anything back.
 */

export const BACKUP_FORMAT = 'so-clb-backup';
export const BACKUP_FORMAT_VERSION = 1;

export class BackupRefusedError extends LocalWriteError {}

const mutationSchema = z.strictObject({
  seq: z.int().check(z.positive()),
  collection: z.string(),
  op: z.enum(['put', 'delete']),
  id: z.string(),
  data: z.record(z.string(), z.unknown()),
  queuedAt: z.string(),
  status: z.enum(['pending', 'rejected']),
  rejection: z.optional(
    z.strictObject({
      code: z.string(),
      message: z.string(),
      messageKey: z.optional(z.string()),
      field: z.optional(z.string()),
    }),
  ),
});

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.int(),
  exportedAt: z.string(),
  deviceId: z.string(),
  clubId: z.uuid(),
  collections: z.record(z.string(), z.array(z.unknown())),
  outbox: z.array(mutationSchema),
});

export type Backup = z.output<typeof backupSchema>;

export async function exportBackup(db: ClubBookDatabase): Promise<Backup> {
  const clubId = await currentClubId(db);
  if (!clubId) throw new BackupRefusedError('backup.nothingToExport');
  // A file of made-up people, restored on another phone, would be a real-looking book.
  if (await isSampleBook(db)) throw new BackupRefusedError('backup.sampleBook');
  // Read (or make) the device id before the read-only transaction: deviceId() opens a
  // read-write transaction on `meta`, which Dexie refuses inside a read-only one
  // (SubTransactionError), so every export used to fail.
  const exportingDevice = await deviceId(db);
  return db.transaction('r', [...COLLECTION_NAMES.map((n) => db.records(n)), db.outbox], async () => {
    const collections: Record<string, SyncedRecord[]> = {};
    for (const name of COLLECTION_NAMES) collections[name] = await db.records(name).toArray();
    return {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      deviceId: exportingDevice,
      clubId,
      collections,
      outbox: await db.outbox.toArray(),
    };
  });
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

function parseBackup(input: string | unknown): Backup {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch {
      throw new BackupRefusedError('backup.notBackup');
    }
  }
  const envelope = backupSchema.safeParse(data);
  if (!envelope.success) throw new BackupRefusedError('backup.notBackup');
  if (envelope.data.formatVersion > BACKUP_FORMAT_VERSION) throw new BackupRefusedError('backup.newerApp');
  for (const [name, records] of Object.entries(envelope.data.collections)) {
    const collection = findCollection(name);
    if (!collection) throw new BackupRefusedError('backup.newerApp');
    for (const [index, record] of records.entries()) {
      // A file from an older app: its records get the fields added since (their defaults).
      const whole = withAddedFields(collection, record as Record<string, unknown>);
      const checked = validate(collection.recordSchema, whole);
      if (!checked.ok || checked.value.clubId !== envelope.data.clubId) {
        throw new BackupRefusedError('backup.damaged');
      }
      records[index] = whole;
    }
  }
  return envelope.data;
}

/**
 * The newer copy wins, except that a deletion is never undone. "Newer" is the server's word
 * when both copies carry its version: phone clocks are often months or years off, and an old
 * backup from a phone whose clock runs ahead would otherwise undo what others wrote since.
 * Only copies the server never saw are compared by the time a phone stamped on them.
 */
function incomingWins(local: SyncedRecord | undefined, incoming: SyncedRecord): boolean {
  if (!local) return true;
  if (local.deleted) return false;
  if (incoming.deleted) return true;
  if (incoming.version !== undefined && local.version !== undefined) return incoming.version > local.version;
  if (local.version !== undefined) return false;
  return incoming.updatedAt > local.updatedAt;
}

export async function importBackup(db: ClubBookDatabase, input: string | unknown): Promise<ImportSummary> {
  const backup = parseBackup(input);
  const localClubId = await currentClubId(db);
  if (localClubId && localClubId !== backup.clubId) throw new BackupRefusedError('backup.otherClub');

  const tables = [...COLLECTION_NAMES.map((n) => db.records(n)), db.outbox, db.meta];
  let imported: ImportSummary;
  try {
    imported = await db.transaction('rw', tables, async () => {
      const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
      const taken = new Set<string>();
      for (const [name, records] of Object.entries(backup.collections)) {
        const table = db.records(name as CollectionName);
        for (const incoming of records as SyncedRecord[]) {
          const local = await table.get(incoming.id);
          if (!incomingWins(local, incoming)) {
            summary.unchanged++;
            continue;
          }
          await table.put(incoming);
          taken.add(`${name}/${incoming.id}`);
          if (local) summary.updated++;
          else summary.added++;
        }
      }
      // Changes the other phone never sent go back in the queue, in their order, but
      // only for records this import took: where this phone is newer, its own queue rules.
      for (const mutation of backup.outbox) {
        if (!(mutation.collection in COLLECTIONS) || !taken.has(`${mutation.collection}/${mutation.id}`)) continue;
        const requeued = queuedAgain({ ...mutation, collection: mutation.collection as CollectionName }, await takeSeq(db));
        await db.outbox.add(requeued);
      }
      if (!localClubId) await db.meta.put({ key: META.clubId, value: backup.clubId });
      return summary;
    });
  } catch (error) {
    throw asLocalWriteError(error);
  }
  // Restoring a backup onto a wiped phone is that phone's first real save: ask then, not
  // only at the next edit, or the whole restored club could be evicted in the meantime.
  if (imported.added + imported.updated > 0) await askForPersistentStorageOnce(db).catch(() => {});
  return imported;
}

/** "so-clb-thon-dong-2026-11-23.json": a name that says whose book it is and when. */
export function backupFileName(clubName: string, exportedAt: string): string {
  const slug = foldForSearch(clubName)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `so-clb-${slug || 'backup'}-${exportedAt.slice(0, 10)}.json`;
}

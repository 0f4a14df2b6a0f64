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

/**
 * How far a backup or a restore is, for its screen: records read, checked or stored of all of
 * them. The five-year sample book (14,674 records): a backup 1.2–2.7 s in Chromium here (5–6.4 s
 * at 6× CPU), most of it locking the file; a restore 7–10.5 s (35–47 s), most of it storing.
 */
export interface BackupProgress {
  step: 'reading' | 'checking' | 'storing';
  done: number;
  total: number;
}

export interface BackupOptions {
  /** Told now and then (after a collection read, every few hundred records checked or stored). */
  onProgress?: (progress: BackupProgress) => void;
}

/** Records between two progress reports (and, while checking, two breaths for the screen). */
const PROGRESS_EVERY = 500;

/**
 * The whole book, read in one read-only transaction: one moment of it. Nothing on the phone
 * changes, so a backup left part way (the app closed) has nothing to finish or undo; it is
 * simply made again, in a few seconds.
 */
export async function exportBackup(db: ClubBookDatabase, options: BackupOptions = {}): Promise<Backup> {
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
    let total = 0;
    for (const name of COLLECTION_NAMES) total += await db.records(name).count();
    let done = 0;
    options.onProgress?.({ step: 'reading', done, total });
    for (const name of COLLECTION_NAMES) {
      collections[name] = await db.records(name).toArray();
      done += collections[name].length;
      options.onProgress?.({ step: 'reading', done, total });
    }
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

/** A moment for the screen to draw the progress between two batches of records checked. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function parseBackup(input: string | unknown, options: BackupOptions): Promise<Backup> {
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
  const total = Object.values(envelope.data.collections).reduce((sum, records) => sum + records.length, 0);
  let done = 0;
  options.onProgress?.({ step: 'checking', done, total });
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
      if (++done % PROGRESS_EVERY === 0) {
        options.onProgress?.({ step: 'checking', done, total });
        await breathe();
      }
    }
  }
  options.onProgress?.({ step: 'checking', done, total });
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

/**
 * Merges a backup in, in one transaction: the whole file or nothing. A restore left part way
 * — the app closed, the phone switched off, the storage full — is never half a book: the
 * browser drops a transaction that did not commit, so the book stays exactly as it was before,
 * and the person opens the file again (the screen says so while it runs). It is not made
 * resumable: the five-year sample book (14,674 records) took 7–10.5 s in Chromium here and
 * 35–47 s at the bench's 6× CPU slowdown (tests/e2e/long-waits.spec.ts, a busy 2-core machine:
 * unlocking about 1 s / 3–4 s, checking 1.5 s / 4–7 s, storing 5–7 s / 27–36 s), and a
 * half-done merge kept safe across a closed app would cost more than doing it again.
 */
export async function importBackup(db: ClubBookDatabase, input: string | unknown, options: BackupOptions = {}): Promise<ImportSummary> {
  const backup = await parseBackup(input, options);
  const localClubId = await currentClubId(db);
  if (localClubId && localClubId !== backup.clubId) throw new BackupRefusedError('backup.otherClub');

  const tables = [...COLLECTION_NAMES.map((n) => db.records(n)), db.outbox, db.meta];
  let imported: ImportSummary;
  try {
    imported = await db.transaction('rw', tables, async () => {
      const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
      const taken = new Set<string>();
      const total = Object.values(backup.collections).reduce((sum, records) => sum + records.length, 0);
      let done = 0;
      options.onProgress?.({ step: 'storing', done, total });
      for (const [name, records] of Object.entries(backup.collections)) {
        const table = db.records(name as CollectionName);
        // A batch at a time: one read of the batch's records on the phone, one write of those
        // the file wins. Record by record, the five-year book took 38 s in Chromium, its time
        // spent waiting between 30,000 requests, not working.
        for (let start = 0; start < records.length; start += PROGRESS_EVERY) {
          const batch = records.slice(start, start + PROGRESS_EVERY) as SyncedRecord[];
          const stored = await table.bulkGet(batch.map((record) => record.id));
          const winners = new Map<string, SyncedRecord>();
          for (const [index, incoming] of batch.entries()) {
            // The same id twice in one file: the second meets the first, as it would one by one.
            const local = winners.get(incoming.id) ?? stored[index];
            if (!incomingWins(local, incoming)) {
              summary.unchanged++;
              continue;
            }
            winners.set(incoming.id, incoming);
            taken.add(`${name}/${incoming.id}`);
            if (local) summary.updated++;
            else summary.added++;
          }
          await table.bulkPut([...winners.values()]);
          done += batch.length;
          // Inside the transaction: only Dexie may be awaited here, so the report is a plain call.
          options.onProgress?.({ step: 'storing', done, total });
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

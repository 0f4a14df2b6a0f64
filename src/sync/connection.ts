import type { ClubBookDatabase } from '../local/database';
import { queuedAgain } from '../local/database';
import { META, readMeta, type ServerConnection, type SyncErrorRecord } from '../local/device';

/** The phone's link to its club's server, and the sync facts the badge reads, in `meta`. */

export type { ServerConnection, SyncErrorRecord };

export async function readConnection(db: ClubBookDatabase): Promise<ServerConnection | undefined> {
  return readMeta<ServerConnection>(db, META.connection);
}

export async function recordSyncError(db: ClubBookDatabase, code: string, message: string): Promise<void> {
  const value: SyncErrorRecord = { code, message, at: new Date().toISOString() };
  await db.meta.put({ key: META.lastSyncError, value });
}

export async function clearSyncError(db: ClubBookDatabase): Promise<void> {
  await db.meta.delete(META.lastSyncError);
}

/**
 * Stores a fresh connection (after POST /clubs or /enroll). A new device on the server
 * starts counting at seq 1 and knows nothing of this phone's past, so the queue is
 * renumbered from 1 in its order and the pull starts from the beginning. Done in one
 * transaction with the connection, so a phone never holds a token with the old numbering.
 */
export async function saveNewConnection(db: ClubBookDatabase, connection: ServerConnection): Promise<void> {
  await db.transaction('rw', db.outbox, db.meta, async () => {
    const queued = await db.outbox.toArray(); // in seq order: seq is the key
    await db.outbox.clear();
    await db.outbox.bulkAdd(queued.map((mutation, index) => queuedAgain(mutation, index + 1)));
    await db.meta.put({ key: META.nextSeq, value: queued.length + 1 });
    await db.meta.put({ key: META.connection, value: connection });
    await db.meta.bulkDelete([META.pullCursor, META.resetMark, META.lastSyncError]);
    if (!(await readMeta<string>(db, META.clubId))) await db.meta.put({ key: META.clubId, value: connection.clubId });
  });
}

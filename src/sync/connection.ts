import type { DeviceRole } from '../domain/record';
import type { ClubBookDatabase } from '../local/database';
import { queuedAgain } from '../local/database';
import { META, readMeta, type ServerConnection, type SyncErrorRecord } from '../local/device';

/** The phone's link to its club's server, and the sync facts the badge reads, in `meta`. */

export type { ServerConnection, SyncErrorRecord };

/**
 * The queue numbered again from `first`, in its order, every change pending (a refused one
 * too: it must not hold a seq the server never saw). For a new device on the server, and
 * after a restore took the server's count of this phone back. Call inside a transaction
 * over the outbox and meta.
 */
export async function renumberQueue(db: ClubBookDatabase, first: number): Promise<void> {
  const queued = await db.outbox.toArray(); // in seq order: seq is the key
  await db.outbox.clear();
  await db.outbox.bulkAdd(queued.map((mutation, index) => queuedAgain(mutation, first + index)));
  await db.meta.put({ key: META.nextSeq, value: first + queued.length });
}

export async function readConnection(db: ClubBookDatabase): Promise<ServerConnection | undefined> {
  return readMeta<ServerConnection>(db, META.connection);
}

/**
 * The role the server now gives this phone (a chair's handover), kept with its connection.
 * A new role may read books the old one did not: the next pull starts from the beginning,
 * so what the phone was never sent arrives too. True when the role changed.
 */
export async function saveRole(db: ClubBookDatabase, role: DeviceRole): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const connection = await readConnection(db);
    if (!connection || connection.role === role) return false;
    await db.meta.put({ key: META.connection, value: { ...connection, role } });
    await db.meta.delete(META.pullCursor);
    return true;
  });
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
    await renumberQueue(db, 1);
    await db.meta.put({ key: META.connection, value: connection });
    await db.meta.bulkDelete([META.pullCursor, META.resetMark, META.lastSyncError]);
    if (!(await readMeta<string>(db, META.clubId))) await db.meta.put({ key: META.clubId, value: connection.clubId });
  });
}

import { uuidv7 } from '../domain/ids';
import type { DeviceRole } from '../domain/record';
import type { ClubBookDatabase } from './database';

/** The keys of the small facts kept in `meta`. */
export const META = {
  deviceId: 'deviceId',
  /** The seq the next change will get; never reused, even after the outbox empties. */
  nextSeq: 'nextSeq',
  clubId: 'clubId',
  persistAsked: 'persistAsked',
  lastSentAt: 'lastSentAt',
  /** The server this phone syncs with and its token there: a ServerConnection (sync/connection.ts). */
  connection: 'connection',
  /** The server's opaque pull cursor, committed with each page pulled. */
  pullCursor: 'pullCursor',
  /**
   * The schema version of the app that made the pull cursor. An older app skipped the
   * collections it did not know (a newer server's), so after an update the pull starts over.
   */
  pullSchemaVersion: 'pullSchemaVersion',
  /** When a pull last finished with nothing more to fetch. */
  lastPullAt: 'lastPullAt',
  /** Why the last sync did not finish ({code, message, at}), or absent after a good one. */
  lastSyncError: 'lastSyncError',
  /** The mark of a full copy (`reset`) still arriving. */
  resetMark: 'resetMark',
  /**
   * `true` on a book filled with a made-up club for practice (sample-book.ts): it is
   * never connected to a server, sent or backed up, so no made-up person reaches a report.
   */
  sampleBook: 'sampleBook',
  /** The server database's epoch this phone knows (recover.ts): a new one means a restore. */
  serverEpoch: 'serverEpoch',
  /** The app's PIN lock, when one is set (app-lock.ts): a salted hash, never synced or backed up. */
  appLock: 'appLock',
  /**
   * The secret this phone sends with POST /clubs (sync/club-server.ts): made once, before
   * the first try, so a try whose answer was lost can be repeated and get the chair back.
   */
  clubCreatorSecret: 'clubCreatorSecret',
} as const;

export async function readMeta<T>(db: ClubBookDatabase, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

/** This phone's id, made once and kept: the server counts each device's changes by it. */
export async function deviceId(db: ClubBookDatabase): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const known = await readMeta<string>(db, META.deviceId);
    if (known) return known;
    const id = uuidv7();
    await db.meta.put({ key: META.deviceId, value: id });
    return id;
  });
}

/** Takes the next seq. Call inside the transaction that writes the mutation. */
export async function takeSeq(db: ClubBookDatabase): Promise<number> {
  const seq = (await readMeta<number>(db, META.nextSeq)) ?? 1;
  await db.meta.put({ key: META.nextSeq, value: seq + 1 });
  return seq;
}

/** A practice book of made-up people (sample-book.ts): kept off the server and out of backups. */
export async function isSampleBook(db: ClubBookDatabase): Promise<boolean> {
  return (await readMeta<boolean>(db, META.sampleBook)) === true;
}

/**
 * Leaving a sample book (sample-book.ts): everything on the phone goes (records, queue, device facts), as on a
 * new phone, and the first start comes back. Only for a sample book: a real club's book is
 * never wiped by the app.
 */
export async function leaveSampleBook(db: ClubBookDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    if (!(await isSampleBook(db))) throw new Error('Only a sample book may be cleared');
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}

export async function currentClubId(db: ClubBookDatabase): Promise<string | undefined> {
  return readMeta<string>(db, META.clubId);
}

/** How this phone reaches its club on the server; kept under META.connection. */
export interface ServerConnection {
  /** Where the server answers, e.g. "https://sổ.example.vn" (the API is under /api/v1). */
  serverUrl: string;
  /** The device token the server gave at POST /clubs or /enroll; sent as a bearer token. */
  token: string;
  /** This phone's device id on the server (not META.deviceId, which the phone made itself). */
  deviceId: string;
  role: DeviceRole;
  clubId: string;
  /** The member whose phone this is (a volunteer's, chosen on the invite); null or absent for most. */
  memberId?: string | null;
  connectedAt: string;
}

/**
 * Why the last sync stopped. `unauthorized` (token revoked: join again) and `upgrade_required`
 * (update the app) need a person; the others clear themselves on the next good sync.
 */
export interface SyncErrorRecord {
  code: string;
  message: string;
  at: string;
}

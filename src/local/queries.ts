import type { ClubProfile } from '../domain/club';
import type { CollectionName, RecordOf } from '../domain/collections';
import { compareByGivenName } from '../domain/names';
import type { Member } from '../domain/members';
import type { ClubBookDatabase } from './database';
import { currentClubId, readMeta, META, type ServerConnection, type SyncErrorRecord } from './device';
import type { DeviceRole } from '../domain/record';

/**
 * Reads for the screens. They are plain promises so they work inside Dexie's liveQuery
 * (the app wraps them in useLiveQuery and re-renders when the data changes).
 */

export async function liveRecords<N extends CollectionName>(db: ClubBookDatabase, collection: N): Promise<RecordOf<N>[]> {
  const all = await db.records<RecordOf<N>>(collection).toArray();
  return all.filter((r) => !r.deleted);
}

/**
 * The records whose `index` holds any of `keys`, deleted ones left out: one indexed read per
 * key, all at once. Not Dexie's anyOf, which steps a cursor through every match, a request
 * each: a year's 700 marks read so kept the meeting book 450 ms longer at 6× CPU.
 */
export async function liveRecordsWhere<N extends CollectionName>(
  db: ClubBookDatabase,
  collection: N,
  index: string,
  keys: readonly string[],
): Promise<RecordOf<N>[]> {
  const table = db.records<RecordOf<N>>(collection);
  const each = await Promise.all([...new Set(keys)].map((key) => table.where(index).equals(key).toArray()));
  return each.flat().filter((r) => !r.deleted);
}

export async function recordById<N extends CollectionName>(
  db: ClubBookDatabase,
  collection: N,
  id: string,
): Promise<RecordOf<N> | undefined> {
  const record = await db.records<RecordOf<N>>(collection).get(id);
  return record && !record.deleted ? record : undefined;
}

export async function clubProfile(db: ClubBookDatabase): Promise<ClubProfile | null> {
  // Both reads start together (a phone keeps one club, so its table is tiny): a sync that
  // writes the club id and then, a moment later, the club record is seen by this live
  // query whichever of the two it notices first.
  const [clubId, clubs] = await Promise.all([currentClubId(db), db.records<ClubProfile>('club').toArray()]);
  return clubs.find((club) => club.id === clubId && !club.deleted) ?? null;
}

/** Members in club-book order: by given name, then the rest, Vietnamese collation. */
export async function membersInBookOrder(db: ClubBookDatabase): Promise<Member[]> {
  const all = await liveRecords(db, 'members');
  return all.sort((a, b) => compareByGivenName(a.fullName, b.fullName));
}

export interface SaveStatus {
  /** Changes saved on this phone and not yet acknowledged by the server. */
  waiting: number;
  /** Changes the server refused: they need a person. */
  rejected: number;
  lastSentAt: string | null;
}

export async function saveStatus(db: ClubBookDatabase): Promise<SaveStatus> {
  const [waiting, rejected, lastSentAt] = await Promise.all([
    db.outbox.where('status').equals('pending').count(),
    db.outbox.where('status').equals('rejected').count(),
    readMeta<string>(db, META.lastSentAt),
  ]);
  return { waiting, rejected, lastSentAt: lastSentAt ?? null };
}

export interface SyncStatus extends SaveStatus {
  /** The phone has a server and a token the server has not refused. */
  connected: boolean;
  /** The phone was connected once, but the server no longer knows its token: join again. */
  unauthorized: boolean;
  role: DeviceRole | null;
  serverUrl: string | null;
  /**
   * Up to when the phone has the other phones' changes: the end of its last pull, or the
   * last time the server told it nothing had changed.
   */
  lastPullAt: string | null;
  /** Why the last sync stopped ('offline', 'server', 'unauthorized', 'upgrade_required', …). */
  lastError: SyncErrorRecord | null;
  /** A practice book of made-up people: it never sends anything. */
  sampleBook: boolean;
}

/** Everything the sync badge and the settings screen say about sending and receiving. */
export async function syncStatus(db: ClubBookDatabase): Promise<SyncStatus> {
  const [saved, connection, lastPullAt, lastError, sampleBook] = await Promise.all([
    saveStatus(db),
    readMeta<ServerConnection>(db, META.connection),
    readMeta<string>(db, META.lastPullAt),
    readMeta<SyncErrorRecord>(db, META.lastSyncError),
    readMeta<boolean>(db, META.sampleBook),
  ]);
  const unauthorized = lastError?.code === 'unauthorized';
  return {
    ...saved,
    connected: Boolean(connection) && !unauthorized,
    unauthorized: Boolean(connection) && unauthorized,
    role: connection?.role ?? null,
    serverUrl: connection?.serverUrl ?? null,
    lastPullAt: lastPullAt ?? null,
    lastError: lastError ?? null,
    sampleBook: sampleBook === true,
  };
}

import type { ClubProfile } from '../domain/club';
import type { CollectionName, RecordOf } from '../domain/collections';
import { compareByGivenName } from '../domain/names';
import type { Member } from '../domain/members';
import type { ClubBookDatabase } from './database';
import { currentClubId, readMeta, META } from './device';

/**
 * Reads for the screens. They are plain promises so they work inside Dexie's liveQuery
 * (the app wraps them in useLiveQuery and re-renders when the data changes).
 */

export async function liveRecords<N extends CollectionName>(db: ClubBookDatabase, collection: N): Promise<RecordOf<N>[]> {
  const all = await db.records<RecordOf<N>>(collection).toArray();
  return all.filter((r) => !r.deleted);
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
  const clubId = await currentClubId(db);
  return (clubId && (await recordById(db, 'club', clubId))) || null;
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

import { uuidv7 } from '../domain/ids';
import type { ClubBookDatabase } from './database';

/** The keys of the small facts kept in `meta`. */
export const META = {
  deviceId: 'deviceId',
  /** The seq the next change will get; never reused, even after the outbox empties. */
  nextSeq: 'nextSeq',
  clubId: 'clubId',
  persistAsked: 'persistAsked',
  lastSentAt: 'lastSentAt',
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

export async function currentClubId(db: ClubBookDatabase): Promise<string | undefined> {
  return readMeta<string>(db, META.clubId);
}

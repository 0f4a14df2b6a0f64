import { club, type ClubFields, type ClubProfile } from '../domain/club';
import { uuidv7 } from '../domain/ids';
import { validate } from '../domain/validation';
import type { ClubBookDatabase } from './database';
import { META, currentClubId } from './device';
import { LocalWriteError, RecordInvalidError, asLocalWriteError } from './errors';
import { askForPersistentStorageOnce } from './persistence';

export class ClubExistsError extends LocalWriteError {
  constructor() {
    super('storage.clubExists');
  }
}

/**
 * Makes this phone the book of a new club: the club's record, whose id is the club id,
 * and the phone's note of which club it keeps, in one transaction. Nothing is queued: a
 * club comes into being on the server through POST /clubs, which carries this whole
 * profile and id when the chair connects the phone (SYNC-PROTOCOL.md); later edits of the
 * club's details and rules are ordinary field changes in the outbox.
 */
export async function createClub(
  db: ClubBookDatabase,
  fields: ClubFields,
  options: { sampleBook?: boolean } = {},
): Promise<ClubProfile> {
  const id = uuidv7();
  const now = new Date().toISOString();
  const table = db.records<ClubProfile>('club');
  let saved: ClubProfile;
  try {
    saved = await db.transaction('rw', [table, db.meta], async () => {
      // One phone keeps one club's book; a second club would mix two clubs' records.
      if (await currentClubId(db)) throw new ClubExistsError();
      const checked = validate(club.recordSchema, { ...fields, id, clubId: id, createdAt: now, updatedAt: now, deleted: false });
      if (!checked.ok) throw new RecordInvalidError(checked.problems);
      await table.add(checked.value);
      await db.meta.put({ key: META.clubId, value: id });
      // Marked in the same transaction that makes it: no crash can leave a made-up club
      // looking like a real one, free to be connected to the server.
      if (options.sampleBook) await db.meta.put({ key: META.sampleBook, value: true });
      return checked.value;
    });
  } catch (error) {
    throw asLocalWriteError(error);
  }
  await askForPersistentStorageOnce(db).catch(() => {});
  return saved;
}

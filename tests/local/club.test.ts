import { describe, expect, it } from 'vitest';
import { ClubExistsError, createClub } from '../../src/local/club';
import { currentClubId } from '../../src/local/device';
import { RecordInvalidError } from '../../src/local/errors';
import { clubProfile } from '../../src/local/queries';
import { createRecord } from '../../src/local/write';
import { clubFields, memberFields } from '../domain/fixtures';
import { freshDatabase, snapshot } from './helpers';

describe('creating the club', () => {
  it('makes this phone that club’s book: the club id is remembered and used for later records', async () => {
    const db = freshDatabase();
    expect(await currentClubId(db)).toBeUndefined();

    const club = await createClub(db, clubFields());

    expect(club).toMatchObject({ id: club.clubId, name: clubFields().name, maxLoan: 8_000_000, deleted: false });
    expect(await currentClubId(db)).toBe(club.id);
    expect(await clubProfile(db)).toEqual(club);
    // The server learns of the club through POST /clubs, not from the outbox.
    expect(await db.outbox.count()).toBe(0);
    const lan = await createRecord(db, 'members', memberFields());
    expect(lan.clubId).toBe(club.id);
    expect((await db.outbox.toArray()).map((m) => m.seq)).toEqual([1]);
  });

  it('remembers nothing when the club’s details are refused', async () => {
    const db = freshDatabase();
    await expect(createClub(db, clubFields({ name: '   ' }))).rejects.toBeInstanceOf(RecordInvalidError);
    expect(await currentClubId(db)).toBeUndefined();
    expect(await db.records('club').count()).toBe(0);
  });

  it('refuses a second club on a phone that already keeps one, changing nothing', async () => {
    const db = freshDatabase();
    await createClub(db, clubFields());
    const before = await snapshot(db);
    await expect(createClub(db, clubFields({ name: 'CLB thôn Tây' }))).rejects.toBeInstanceOf(ClubExistsError);
    expect(await snapshot(db)).toEqual(before);
  });
});

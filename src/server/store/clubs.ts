import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeviceRole } from '../../domain/record';
import type { DevicesTable, ServerDatabase } from './schema';

/** Clubs, their phones and invites: who may talk to the server, and for which club. */

export interface StoredDevice {
  id: string;
  clubId: string;
  name: string;
  role: DeviceRole;
  lastSeq: number;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  memberId: string | null;
}

function toDevice(row: DevicesTable): StoredDevice {
  return {
    id: row.id,
    clubId: row.club_id,
    name: row.name,
    role: row.role as DeviceRole,
    lastSeq: Number(row.last_seq),
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    memberId: row.member_id ?? null,
  };
}

export interface NewDevice {
  id: string;
  name: string;
  tokenHash: string;
}

/**
 * A club, its profile record (version 1, so the phones pull it like any other change) and
 * its chair's phone, together: 'created'. A repeat for a club id already here is 'taken',
 * whatever the club's state, unless it carries the secret the club was made with: then it
 * is the making phone again after its answer was lost, and that phone (if not removed)
 * gets the new token: 'repeated'. Without that, anyone holding the setup code who learnt a
 * club's id could take its chair's token before the chair had pushed anything.
 */
export async function createClub(
  db: Kysely<ServerDatabase>,
  input: { clubId: string; clubRecord: Record<string, unknown>; chair: NewDevice; creatorSecretHash: string | null; now: Date },
): Promise<{ outcome: 'created' | 'repeated'; chairId: string; role: DeviceRole } | { outcome: 'taken' }> {
  const at = input.now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('clubs')
        .select(['creator_secret_hash', 'creator_device_id'])
        .where('id', '=', input.clubId)
        .executeTakeFirst();
      if (taken) {
        if (!input.creatorSecretHash || !taken.creator_secret_hash || !taken.creator_device_id) return { outcome: 'taken' };
        if (!sameHash(taken.creator_secret_hash, input.creatorSecretHash)) return { outcome: 'taken' };
        const maker = await trx
          .updateTable('devices')
          .set({ token_hash: input.chair.tokenHash, name: input.chair.name, last_seen_at: at })
          .where('id', '=', taken.creator_device_id)
          .where('club_id', '=', input.clubId)
          .where('revoked_at', 'is', null)
          .returning(['id', 'role'])
          .executeTakeFirst();
        // The maker's phone was removed since: its secret no longer lets anyone in.
        if (!maker) return { outcome: 'taken' };
        return { outcome: 'repeated', chairId: maker.id, role: maker.role as DeviceRole };
      }
      await trx
        .insertInto('clubs')
        .values({
          id: input.clubId,
          version: 1,
          purged_through_version: 0,
          created_at: at,
          creator_secret_hash: input.creatorSecretHash,
          creator_device_id: input.creatorSecretHash ? input.chair.id : null,
        })
        .execute();
      await trx
        .insertInto('records')
        .values({
          club_id: input.clubId,
          collection: 'club',
          id: input.clubId,
          data: JSON.stringify(input.clubRecord),
          deleted: 0,
          version: 1,
          changed_at: at,
        })
        .execute();
      await insertDevice(trx, input.clubId, input.chair, 'chair', at);
      return { outcome: 'created', chairId: input.chair.id, role: 'chair' };
    });
  } catch (error) {
    // Two first tries with one club id at once (PostgreSQL): the second waits for the first
    // to commit and then finds the id in use, as it would have a moment later.
    if (isUniqueViolation(error)) return { outcome: 'taken' };
    throw error;
  }
}

/** Both hex SHA-256: compared in constant time, as every secret is. */
function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || (typeof message === 'string' && message.startsWith('UNIQUE constraint failed'));
}

async function insertDevice(db: Kysely<ServerDatabase>, clubId: string, device: NewDevice, role: DeviceRole, at: string, memberId: string | null = null) {
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      club_id: clubId,
      name: device.name,
      role,
      token_hash: device.tokenHash,
      last_seq: 0,
      created_at: at,
      last_seen_at: at,
      revoked_at: null,
      member_id: memberId,
    })
    .execute();
}

/** The phone behind a token, revoked or not (the caller decides what revoked means). */
export async function findDeviceByTokenHash(db: Kysely<ServerDatabase>, tokenHash: string): Promise<StoredDevice | null> {
  const row = await db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toDevice(row) : null;
}

export async function touchDevice(db: Kysely<ServerDatabase>, deviceId: string, now: Date): Promise<void> {
  await db.updateTable('devices').set({ last_seen_at: now.toISOString() }).where('id', '=', deviceId).execute();
}

export async function listDevices(db: Kysely<ServerDatabase>, clubId: string): Promise<StoredDevice[]> {
  const rows = await db.selectFrom('devices').selectAll().where('club_id', '=', clubId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toDevice);
}

/** 'revoked', or 'missing' when no such phone is in this club (another club's is missing too). */
export async function revokeDevice(
  db: Kysely<ServerDatabase>,
  input: { clubId: string; deviceId: string; now: Date },
): Promise<'revoked' | 'missing'> {
  const row = await db
    .selectFrom('devices')
    .select(['id', 'revoked_at'])
    .where('id', '=', input.deviceId)
    .where('club_id', '=', input.clubId)
    .executeTakeFirst();
  if (!row) return 'missing';
  if (row.revoked_at === null) {
    await db.updateTable('devices').set({ revoked_at: input.now.toISOString() }).where('id', '=', input.deviceId).execute();
  }
  return 'revoked';
}

/**
 * The chair hands its role to another phone of the club, in one transaction: that phone
 * becomes the chair, the old chair's phone a board member's. 'not_chair' when the giver is
 * no longer the chair (a handover that raced another); 'missing' for a phone not in the club.
 */
export async function handChairTo(
  db: Kysely<ServerDatabase>,
  input: { clubId: string; fromDeviceId: string; toDeviceId: string },
): Promise<'handed' | 'not_chair' | 'missing' | 'revoked'> {
  const refused = Symbol('refused');
  let outcome: 'handed' | 'not_chair' | 'missing' | 'revoked' = 'handed';
  try {
    await db.transaction().execute(async (trx) => {
      // The giver's row first: two handovers at once queue on its lock, and the second finds
      // its phone no longer the chair.
      const stepped = await trx
        .updateTable('devices')
        .set({ role: 'board' })
        .where('id', '=', input.fromDeviceId)
        .where('club_id', '=', input.clubId)
        .where('role', '=', 'chair')
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!stepped) {
        outcome = 'not_chair';
        throw refused;
      }
      const taken = await trx
        .updateTable('devices')
        .set({ role: 'chair' })
        .where('id', '=', input.toDeviceId)
        .where('club_id', '=', input.clubId)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!taken) {
        const known = await trx.selectFrom('devices').select('id').where('id', '=', input.toDeviceId).where('club_id', '=', input.clubId).executeTakeFirst();
        outcome = known ? 'revoked' : 'missing';
        throw refused; // and the giver stays the chair
      }
    });
  } catch (error) {
    if (error !== refused) throw error;
  }
  return outcome;
}

export async function clubExists(db: Kysely<ServerDatabase>, clubId: string): Promise<boolean> {
  return (await db.selectFrom('clubs').select('id').where('id', '=', clubId).executeTakeFirst()) !== undefined;
}

/** The club's profile record, as the phones have it (without version). */
export async function findClubRecord(db: Kysely<ServerDatabase>, clubId: string): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('records')
    .select('data')
    .where('club_id', '=', clubId)
    .where('collection', '=', 'club')
    .where('id', '=', clubId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
}

/** `createdBy` of a chair invite the association made with the setup code (no phone made it). */
export const BY_ASSOCIATION = 'association';

export async function createInvite(
  db: Kysely<ServerDatabase>,
  input: { codeHash: string; clubId: string; role: DeviceRole; createdBy: string; now: Date; expiresAt: Date; memberId?: string | null },
): Promise<void> {
  await db
    .insertInto('invites')
    .values({
      code_hash: input.codeHash,
      club_id: input.clubId,
      role: input.role,
      created_by: input.createdBy,
      created_at: input.now.toISOString(),
      expires_at: input.expiresAt.toISOString(),
      used_at: null,
      used_by: null,
      member_id: input.memberId ?? null,
    })
    .execute();
}

/**
 * Spends an invite and adds the phone, in one transaction. The conditional update is what
 * makes an invite single use even when two phones race with the same code. A chair invite
 * (the association's, for a club whose chair's phone is gone) removes every other chair
 * phone of the club in the same transaction: a lost phone's token must not stay a chair's.
 * Null for an unknown, used or expired code alike: the caller must not tell them apart.
 */
export async function enroll(
  db: Kysely<ServerDatabase>,
  input: { codeHash: string; device: NewDevice; now: Date },
): Promise<{ clubId: string; role: DeviceRole; memberId: string | null } | null> {
  const at = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const invite = await trx
      .updateTable('invites')
      .set({ used_at: at, used_by: input.device.id })
      .where('code_hash', '=', input.codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning(['club_id', 'role', 'member_id'])
      .executeTakeFirst();
    if (!invite) return null;
    const role = invite.role as DeviceRole;
    if (role === 'chair') {
      await trx
        .updateTable('devices')
        .set({ revoked_at: at })
        .where('club_id', '=', invite.club_id)
        .where('role', '=', 'chair')
        .where('revoked_at', 'is', null)
        .execute();
    }
    const memberId = invite.member_id ?? null;
    await insertDevice(trx, invite.club_id, input.device, role, at, memberId);
    return { clubId: invite.club_id, role, memberId };
  });
}

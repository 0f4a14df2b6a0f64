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
  };
}

export interface NewDevice {
  id: string;
  name: string;
  tokenHash: string;
}

/**
 * A club, its profile record (version 1, so the phones pull it like any other change) and
 * its chair's phone, together: 'created'. A repeat of a creation whose answer never reached
 * the phone (the club still has only its chair, who has sent nothing) gives that chair the
 * new token instead: 'repeated', with the chair's device id — otherwise the club id would be
 * held by a token nobody has, and the book could never connect. 'taken' otherwise.
 */
export async function createClub(
  db: Kysely<ServerDatabase>,
  input: { clubId: string; clubRecord: Record<string, unknown>; chair: NewDevice; now: Date },
): Promise<{ outcome: 'created' | 'repeated'; chairId: string } | { outcome: 'taken' }> {
  const at = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('clubs').select(['id', 'version']).where('id', '=', input.clubId).executeTakeFirst();
    if (taken) {
      const devices = await trx.selectFrom('devices').selectAll().where('club_id', '=', input.clubId).execute();
      const [only] = devices;
      const untouched =
        devices.length === 1 && only!.role === 'chair' && Number(only!.last_seq) === 0 && !only!.revoked_at && Number(taken.version) === 1;
      if (!untouched) return { outcome: 'taken' };
      await trx
        .updateTable('devices')
        .set({ token_hash: input.chair.tokenHash, name: input.chair.name, last_seen_at: at })
        .where('id', '=', only!.id)
        .execute();
      return { outcome: 'repeated', chairId: only!.id };
    }
    await trx.insertInto('clubs').values({ id: input.clubId, version: 1, purged_through_version: 0, created_at: at }).execute();
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
    return { outcome: 'created', chairId: input.chair.id };
  });
}

async function insertDevice(db: Kysely<ServerDatabase>, clubId: string, device: NewDevice, role: DeviceRole, at: string) {
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

export async function createInvite(
  db: Kysely<ServerDatabase>,
  input: { codeHash: string; clubId: string; role: DeviceRole; createdBy: string; now: Date; expiresAt: Date },
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
    })
    .execute();
}

/**
 * Spends an invite and adds the phone, in one transaction. The conditional update is what
 * makes an invite single use even when two phones race with the same code.
 * Null for an unknown, used or expired code alike: the caller must not tell them apart.
 */
export async function enroll(
  db: Kysely<ServerDatabase>,
  input: { codeHash: string; device: NewDevice; now: Date },
): Promise<{ clubId: string; role: DeviceRole } | null> {
  const at = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const invite = await trx
      .updateTable('invites')
      .set({ used_at: at, used_by: input.device.id })
      .where('code_hash', '=', input.codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning(['club_id', 'role'])
      .executeTakeFirst();
    if (!invite) return null;
    const role = invite.role as DeviceRole;
    await insertDevice(trx, invite.club_id, input.device, role, at);
    return { clubId: invite.club_id, role };
  });
}

import type { Kysely } from 'kysely';
import type { AssociationsTable, ServerDatabase } from './schema';

/**
 * Association officers' accounts: made and revoked by whoever holds the setup code, signed in
 * with a reusable code, one bearer token per browser. Apart from the clubs' phones: an
 * account's token is never a device's, and reaches no club's records through the phones' routes.
 */

export interface StoredAssociation {
  id: string;
  name: string;
  /** Null: the national association (every province). */
  province: string | null;
  /** Null: the whole province. */
  commune: string | null;
  /** placeKey of the names as typed (domain/places.ts): what a club's places are compared by. */
  provinceKey: string | null;
  communeKey: string | null;
  createdAt: string;
  revokedAt: string | null;
}

// Without the code's hash: nothing past this module needs it.
function toAssociation(row: Omit<AssociationsTable, 'code_hash'>): StoredAssociation {
  return {
    id: row.id,
    name: row.name,
    province: row.province,
    commune: row.commune,
    provinceKey: row.province_key,
    communeKey: row.commune_key,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

const ASSOCIATION_COLUMNS = [
  'associations.id',
  'associations.name',
  'associations.province',
  'associations.commune',
  'associations.province_key',
  'associations.commune_key',
  'associations.created_at',
  'associations.revoked_at',
] as const;

export interface NewAssociation {
  id: string;
  name: string;
  province: string | null;
  commune: string | null;
  provinceKey: string | null;
  communeKey: string | null;
  codeHash: string;
}

export async function createAssociation(db: Kysely<ServerDatabase>, input: NewAssociation & { now: Date }): Promise<StoredAssociation> {
  const row: AssociationsTable = {
    id: input.id,
    name: input.name,
    province: input.province,
    commune: input.commune,
    province_key: input.provinceKey,
    commune_key: input.communeKey,
    code_hash: input.codeHash,
    created_at: input.now.toISOString(),
    revoked_at: null,
  };
  await db.insertInto('associations').values(row).execute();
  return toAssociation(row);
}

/** Every account, revoked ones too (the setup-code holder sees what it revoked). */
export async function listAssociations(db: Kysely<ServerDatabase>): Promise<StoredAssociation[]> {
  const rows = await db.selectFrom('associations').select(ASSOCIATION_COLUMNS).orderBy('created_at').orderBy('id').execute();
  return rows.map(toAssociation);
}

/**
 * 'revoked' (again, for one revoked already: the first time stands), or 'missing'. One row
 * changes, so the code and every token of the account stop working in the same instant.
 */
export async function revokeAssociation(db: Kysely<ServerDatabase>, input: { id: string; now: Date }): Promise<'revoked' | 'missing'> {
  const row = await db.selectFrom('associations').select(['id', 'revoked_at']).where('id', '=', input.id).executeTakeFirst();
  if (!row) return 'missing';
  if (row.revoked_at === null) {
    await db
      .updateTable('associations')
      .set({ revoked_at: input.now.toISOString() })
      .where('id', '=', input.id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  return 'revoked';
}

/**
 * A sign-in on one more browser: the token is kept for the account whose code this is. Null
 * for an unknown code and a revoked account's alike: the caller must not tell them apart.
 * A revoke that commits between the read and the insert leaves a token that never works:
 * every use of a token reads the account's revocation again (findAssociationByTokenHash).
 */
export async function signInAssociation(
  db: Kysely<ServerDatabase>,
  input: { codeHash: string; tokenHash: string; now: Date },
): Promise<StoredAssociation | null> {
  const at = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('associations')
      .select(ASSOCIATION_COLUMNS)
      .where('code_hash', '=', input.codeHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    await trx.insertInto('association_tokens').values({ token_hash: input.tokenHash, association_id: row.id, created_at: at, last_seen_at: at }).execute();
    return toAssociation(row);
  });
}

/** The account behind a token, revoked or not (the caller decides what revoked means). */
export async function findAssociationByTokenHash(
  db: Kysely<ServerDatabase>,
  tokenHash: string,
): Promise<{ association: StoredAssociation; lastSeenAt: string | null } | null> {
  const row = await db
    .selectFrom('association_tokens')
    .innerJoin('associations', 'associations.id', 'association_tokens.association_id')
    .select([...ASSOCIATION_COLUMNS, 'association_tokens.last_seen_at as token_last_seen_at'])
    .where('association_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? { association: toAssociation(row), lastSeenAt: row.token_last_seen_at } : null;
}

export async function touchAssociationToken(db: Kysely<ServerDatabase>, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('association_tokens').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
}

import type { Kysely } from 'kysely';
import type { ServerDatabase } from './schema';

/**
 * A changed row as stored: its record still the JSON text the push wrote (the route sends
 * it on as it is, without parsing and writing it again), without its `version`.
 */
export interface PulledRow {
  collection: string;
  id: string;
  data: string;
  version: number;
}

export interface PulledPage {
  rows: PulledRow[];
  /** Every change of the club up to this version is in this page or an earlier one. */
  throughVersion: number;
  hasMore: boolean;
}

type Row = { collection: string; id: string; data: string; version: number };

function toRow(row: Row): PulledRow {
  return { collection: row.collection, id: row.id, data: row.data, version: Number(row.version) };
}

/**
 * One page of a club's changes after `since`, in version order. A version is never split
 * across pages (the page grows to finish it): the cursor is a version, and a phone that
 * stopped between two rows of one version would otherwise skip the rest of it.
 */
export async function pullPage(
  db: Kysely<ServerDatabase>,
  query: { clubId: string; collections: readonly string[]; since: number; limit: number },
): Promise<PulledPage> {
  const { clubId, collections, since, limit } = query;
  if (collections.length === 0) return { rows: [], throughVersion: since, hasMore: false };
  const base = db
    .selectFrom('records')
    .select(['collection', 'id', 'data', 'version'])
    .where('club_id', '=', clubId)
    .where('collection', 'in', collections)
    .where('version', '>', since)
    .orderBy('version')
    .orderBy('collection')
    .orderBy('id');

  const rows = await base.limit(limit + 1).execute();
  if (rows.length <= limit) {
    const last = rows.at(-1);
    return { rows: rows.map(toRow), throughVersion: last ? Number(last.version) : since, hasMore: false };
  }
  const lastIncluded = Number(rows[limit - 1]!.version);
  const next = Number(rows[limit]!.version);
  if (next > lastIncluded) {
    return { rows: rows.slice(0, limit).map(toRow), throughVersion: lastIncluded, hasMore: true };
  }
  // The limit fell inside a version: finish it, then see whether anything is left after it.
  const whole = await base.where('version', '<=', lastIncluded).execute();
  const after = await db
    .selectFrom('records')
    .select('id')
    .where('club_id', '=', clubId)
    .where('collection', 'in', collections)
    .where('version', '>', lastIncluded)
    .limit(1)
    .execute();
  return { rows: whole.map(toRow), throughVersion: lastIncluded, hasMore: after.length > 0 };
}

/** The club's version and purge line, read together for planning a pull (rules/cursor.ts). */
export async function clubBounds(db: Kysely<ServerDatabase>, clubId: string): Promise<{ version: number; purgedThrough: number }> {
  const row = await db.selectFrom('clubs').select(['version', 'purged_through_version']).where('id', '=', clubId).executeTakeFirst();
  return row ? { version: Number(row.version), purgedThrough: Number(row.purged_through_version) } : { version: 0, purgedThrough: 0 };
}

/**
 * Removes tombstones that changed before `olderThan` (server clock), and remembers per club
 * the highest version removed: a phone whose cursor is below it may have missed a deletion
 * and must take a full copy.
 */
export async function purgeTombstones(db: Kysely<ServerDatabase>, olderThan: Date): Promise<number> {
  const before = olderThan.toISOString();
  return db.transaction().execute(async (trx) => {
    const perClub = await trx
      .selectFrom('records')
      .select((eb) => ['club_id', eb.fn.max('version').as('highest')])
      .where('deleted', '=', 1)
      .where('changed_at', '<', before)
      .groupBy('club_id')
      .execute();
    for (const { club_id, highest } of perClub) {
      await trx
        .updateTable('clubs')
        .set({ purged_through_version: Number(highest) })
        .where('id', '=', club_id)
        .where('purged_through_version', '<', Number(highest))
        .execute();
    }
    const result = await trx.deleteFrom('records').where('deleted', '=', 1).where('changed_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

import type { Kysely } from 'kysely';
import type { ServerDatabase } from './schema';

/**
 * Counters of attempts per bucket and time window, in the database: they hold across a
 * restart and across every server process on the same database. One statement counts an
 * attempt and reads the count back, so two processes counting at once never lose one.
 */
export async function countAttempt(db: Kysely<ServerDatabase>, bucket: string, window: number): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_index: window, count: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_index']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Windows before `window` are spent: nothing reads them again. */
export async function forgetWindowsBefore(db: Kysely<ServerDatabase>, window: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_index', '<', window).execute();
}

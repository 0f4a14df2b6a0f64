import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from './schema';

/**
 * Facts about the server's database itself. The epoch is a random id made with the database
 * and made anew by every restore from a backup: a phone that sees it change knows the server
 * may have lost what it acknowledged since the backup, and sends it again.
 */
export const newEpoch = (): string => randomUUID();

export async function readEpoch(db: Kysely<ServerDatabase>): Promise<string> {
  const row = await db.selectFrom('server_meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow();
  return row.value;
}

export async function writeEpoch(db: Kysely<ServerDatabase>, epoch: string): Promise<void> {
  await db
    .insertInto('server_meta')
    .values({ key: 'epoch', value: epoch })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: epoch }))
    .execute();
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { ServerDatabase } from './schema';

/** Where the data lives: a SQLite file (the default) or a PostgreSQL server. */
export type StoreLocation = { sqliteFile: string } | { postgresUrl: string; schema?: string };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//.test(value);
}

/** The only place that knows which database it is: everything above speaks Kysely. */
export function connect(location: StoreLocation): Kysely<ServerDatabase> {
  if ('postgresUrl' in location) {
    const pool = new pg.Pool({
      connectionString: location.postgresUrl,
      max: 10,
      // Tests give each run its own schema; production uses the default one.
      ...(location.schema ? { options: `-c search_path=${location.schema}` } : {}),
    });
    return new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  if (location.sqliteFile !== ':memory:') mkdirSync(dirname(location.sqliteFile), { recursive: true });
  const sqlite = new Database(location.sqliteFile);
  // WAL lets readers go on while a push writes; FULL keeps an acknowledged push through a
  // power cut (the phone deletes what the server acknowledged); the busy timeout waits out
  // another process (a backup, the sqlite3 shell) instead of failing a request.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
}

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

/**
 * The schema a DATABASE_URL puts the server in (`?options=-c search_path=…`), when it does:
 * a database shared with other things may keep the server's tables in a schema of their own.
 */
export function schemaInUrl(url: string): string | undefined {
  let options: string | null;
  try {
    options = new URL(url).searchParams.get('options');
  } catch {
    return undefined;
  }
  const match = options ? /search_path\s*=\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(options) : null;
  return match?.[1];
}

/**
 * How a server process names its PostgreSQL connections: a restore (backup/postgres.ts)
 * refuses to run while any connection of a server on the same schema is open.
 */
export function serverApplicationName(schema: string | undefined): string {
  return schema ? `so-clb-server:${schema}` : 'so-clb-server';
}

/** The only place that knows which database it is: everything above speaks Kysely. */
export function connect(location: StoreLocation): Kysely<ServerDatabase> {
  if ('postgresUrl' in location) {
    const pool = new pg.Pool({
      connectionString: location.postgresUrl,
      application_name: serverApplicationName(location.schema),
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

/**
 * Where the reads that need no write transaction go (pull pages, a token's phone, a club's
 * version, the phones of a club). On SQLite Kysely runs one query at a time on a connection
 * and a push holds the writer's for its whole transaction, so one club's 500-mutation push
 * would hold up every other club's pulls and sign-ins: the reader is a second, read-only
 * connection on the same WAL file, which reads the last commit while the writer writes. One
 * is enough: better-sqlite3 runs each query to its end on this thread, so more connections
 * would only take turns. PostgreSQL's pool already serves many at once: there the reader is
 * the writer. Opened after the migrations, on the file they made.
 */
export function connectReader(location: StoreLocation, writer: Kysely<ServerDatabase>): Kysely<ServerDatabase> {
  if ('postgresUrl' in location || location.sqliteFile === ':memory:') return writer;
  const sqlite = new Database(location.sqliteFile, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
}

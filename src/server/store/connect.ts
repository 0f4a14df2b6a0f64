import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { ServerDatabase } from './schema';
import { cachingStatements } from './sqlite-statements';

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

/**
 * The only place that knows which database it is: everything above speaks Kysely. Each
 * database's driver is loaded when it is first used: a server on SQLite never loads pg,
 * one on PostgreSQL never loads SQLite's native module (each is megabytes at rest).
 */
export async function connect(location: StoreLocation): Promise<Kysely<ServerDatabase>> {
  if ('postgresUrl' in location) return postgres(location, 10);
  if (location.sqliteFile !== ':memory:') mkdirSync(dirname(location.sqliteFile), { recursive: true });
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(location.sqliteFile);
  // WAL lets readers go on while a push writes; FULL keeps an acknowledged push through a
  // power cut (the phone deletes what the server acknowledged); the busy timeout waits out
  // another process (a backup, the sqlite3 shell) instead of failing a request.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
}

async function postgres(location: { postgresUrl: string; schema?: string }, max: number): Promise<Kysely<ServerDatabase>> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: location.postgresUrl,
    application_name: serverApplicationName(location.schema),
    max,
    // Tests give each run its own schema; production uses the default one.
    ...(location.schema ? { options: `-c search_path=${location.schema}` } : {}),
  });
  return new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** PostgreSQL connections kept for reads, beside the writer's pool (connectReader). */
export const POSTGRES_READERS = 5;

/**
 * Where the reads that need no write transaction go (pull pages, a token's phone, a club's
 * version, the phones of a club). On SQLite Kysely runs one query at a time on a connection
 * and a push holds the writer's for its whole transaction, so one club's 500-mutation push
 * would hold up every other club's pulls and sign-ins: the reader is a second, read-only
 * connection on the same WAL file, which reads the last commit while the writer writes. One
 * is enough: better-sqlite3 runs each query to its end on this thread, so more connections
 * would only take turns. On PostgreSQL the reads get a small pool of their own for the same
 * reason: in a rush every connection of the writer's pool is in a push transaction, and a
 * pull or a sign-in waiting for one of them waits for pushes it has nothing to do with.
 * Each statement there reads the last commit (READ COMMITTED), as on the writer's. Opened
 * after the migrations, on the file they made.
 */
export async function connectReader(location: StoreLocation, writer: Kysely<ServerDatabase>): Promise<Kysely<ServerDatabase>> {
  if ('postgresUrl' in location) return postgres(location, POSTGRES_READERS);
  if (location.sqliteFile === ':memory:') return writer;
  const { default: Database } = await import('better-sqlite3');
  const sqlite = new Database(location.sqliteFile, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
}

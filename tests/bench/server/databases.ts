import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StoreLocation } from '../../../src/server/store';
import type { RecordsTable } from '../../../src/server/store/schema';

/**
 * A fresh, empty database for one measured run, the way the server would be pointed at it,
 * and a way to write rows into it with the plain driver (the baseline the server is held to).
 */
export interface BenchDatabase {
  kind: 'SQLite' | 'PostgreSQL';
  /** For openStore in the bench process (setting clubs and phones up, as an admin script would). */
  location: StoreLocation;
  /** What the server process is started with to use this database. */
  serverEnv: Record<string, string>;
  /**
   * Inserts `rows` into the records table (after a clubs row for `clubId`, untimed) in
   * transactions of `batch` rows, with the driver alone; returns the milliseconds the
   * inserts took.
   */
  rawInsert(clubId: string, rows: readonly RecordsTable[], batch: number): Promise<number>;
  dispose(): Promise<void>;
}

export type DatabaseKind = BenchDatabase['kind'];

const INSERT_COLUMNS = ['club_id', 'collection', 'id', 'data', 'deleted', 'version', 'changed_at'] as const;

function rowValues(row: RecordsTable): (string | number)[] {
  return [row.club_id, row.collection, row.id, row.data, row.deleted, row.version, row.changed_at];
}

/** A temporary data folder holding the SQLite file the server would make there. */
function sqliteDatabase(): BenchDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-clb-bench-server-'));
  const file = join(dataDir, 'so-clb.sqlite'); // where config.ts puts it under DATA_DIR
  return {
    kind: 'SQLite',
    location: { sqliteFile: file },
    // An empty DATABASE_URL means SQLite even if the bench's own environment sets one.
    serverEnv: { DATA_DIR: dataDir, DATABASE_URL: '' },
    async rawInsert(clubId, rows, batch) {
      const db = new Database(file);
      try {
        // The server's own settings (src/server/store/connect.ts), so durability is equal.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        db.prepare('INSERT INTO clubs (id, version, purged_through_version, created_at) VALUES (?, 1, 0, ?)').run(clubId, new Date().toISOString());
        const insert = db.prepare(`INSERT INTO records (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`);
        const insertAll = db.transaction((part: readonly RecordsTable[]) => {
          for (const row of part) insert.run(...rowValues(row));
        });
        const started = performance.now();
        for (let i = 0; i < rows.length; i += batch) insertAll(rows.slice(i, i + batch));
        return performance.now() - started;
      } finally {
        db.close();
      }
    },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A schema of its own in the given PostgreSQL database (the bench's role need not be allowed
 * to create databases). The bench makes the tables there with openStore({schema}); the server,
 * which only reads DATABASE_URL, gets the schema as the connection's search_path, so its
 * migration step finds them made and every query it sends lands in this schema.
 */
async function postgresDatabase(url: string): Promise<BenchDatabase> {
  const schema = `bench_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const serverUrl = new URL(url);
  serverUrl.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'PostgreSQL',
    location: { postgresUrl: url, schema },
    serverEnv: { DATABASE_URL: serverUrl.toString() },
    async rawInsert(clubId, rows, batch) {
      const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        await client.query('INSERT INTO clubs (id, version, purged_through_version, created_at) VALUES ($1, 1, 0, $2)', [clubId, new Date().toISOString()]);
        // One multi-row INSERT per transaction: 500 rows × 7 columns = 3,500 parameters.
        const started = performance.now();
        for (let i = 0; i < rows.length; i += batch) {
          const part = rows.slice(i, i + batch);
          const placeholders = part.map((_, r) => `(${INSERT_COLUMNS.map((__, c) => `$${r * INSERT_COLUMNS.length + c + 1}`).join(', ')})`);
          await client.query('BEGIN');
          await client.query(`INSERT INTO records (${INSERT_COLUMNS.join(', ')}) VALUES ${placeholders.join(', ')}`, part.flatMap(rowValues));
          await client.query('COMMIT');
        }
        return performance.now() - started;
      } finally {
        await client.end();
      }
    },
    async dispose() {
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

export async function freshDatabase(kind: DatabaseKind, postgresUrl: string | undefined): Promise<BenchDatabase> {
  if (kind === 'SQLite') return sqliteDatabase();
  if (!postgresUrl) throw new Error('no PostgreSQL URL');
  return postgresDatabase(postgresUrl);
}

/** Runs `body` on a fresh database, and removes the database whatever happens. */
export async function withDatabase<T>(kind: DatabaseKind, postgresUrl: string | undefined, body: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const db = await freshDatabase(kind, postgresUrl);
  try {
    return await body(db);
  } finally {
    await db.dispose();
  }
}

import { execFile } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openStore, serverApplicationName } from '../store';
import { BackupRefused, stamp } from './refused';

const run = promisify(execFile);

/**
 * The server's PostgreSQL schema backed up with pg_dump (custom format) and put back with
 * pg_restore, both found on PATH (Debian's postgresql-client provides them). pg_dump reads
 * one consistent snapshot while the servers keep writing.
 */

/** libpq's settings for `url`, with the password in PGPASSWORD: never on a command line that `ps` shows. */
function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  // Spaces as %20: libpq reads a "+" in `options=-c search_path=…` as a plus.
  parsed.search = [...parsed.searchParams].map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function tool(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(name, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT') throw new BackupRefused(`${name} is not on PATH (Debian: apt-get install postgresql-client)`);
    throw new BackupRefused(`${name} failed: ${(stderr ?? '').trim() || String(code)}`);
  }
}

/** What pg_restore --list says the dump holds, checked to be this server's tables in `schema`. */
async function checkDump(file: string, schema: string, env: NodeJS.ProcessEnv): Promise<void> {
  let list: string;
  try {
    list = await tool('pg_restore', ['--list', file], env);
  } catch (error) {
    if (error instanceof BackupRefused && error.message.startsWith('pg_restore failed')) throw new BackupRefused(`${file} is not a backup pg_restore can read`);
    throw error;
  }
  const holds = (kind: string, name: string) => list.split('\n').some((line) => line.includes(` ${kind} ${name}`));
  if (!holds('SCHEMA -', schema) || !holds('TABLE', `${schema} clubs`) || !holds('TABLE', `${schema} records`)) {
    throw new BackupRefused(`${file} is not a backup of a Sổ CLB server's schema "${schema}"`);
  }
}

export async function backupPostgres(url: string, schema: string, out: string): Promise<{ bytes: number }> {
  if (!existsSync(dirname(out))) throw new BackupRefused(`The folder ${dirname(out)} does not exist`);
  const { dbname, env } = connectionFor(url);
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  try {
    await tool('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${partial}`, `--dbname=${dbname}`], env);
    await checkDump(partial, schema, env);
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { bytes: statSync(out).size };
}

/**
 * Puts a dump back, with a new epoch, only while no server is connected to the schema (each
 * names its connections after it: store/connect.ts). The schema it replaces is renamed
 * `<schema>_before_restore_<time>` and kept: nothing is dropped. pg_restore runs in one
 * transaction; if it fails, the old schema gets its name back.
 */
export async function restorePostgres(url: string, schema: string, from: string): Promise<{ epoch: string; keptAs: string | null }> {
  if (!existsSync(from)) throw new BackupRefused(`No backup at ${from}`);
  const { dbname, env } = connectionFor(url);
  await checkDump(from, schema, env);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let keptAs: string | null = null;
  try {
    const { rows } = await admin.query<{ servers: number }>(
      'SELECT count(*)::int AS servers FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()',
      [serverApplicationName(schema)],
    );
    if (rows[0]!.servers > 0) throw new BackupRefused(`A server is connected to schema "${schema}" (${rows[0]!.servers} connections): stop every server, then restore`);
    const exists = await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount) {
      keptAs = `${schema}_before_restore_${stamp().toLowerCase()}`;
      await admin.query(`ALTER SCHEMA ${pg.escapeIdentifier(schema)} RENAME TO ${pg.escapeIdentifier(keptAs)}`);
    }
    try {
      await tool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, from], env);
    } catch (error) {
      if (keptAs) {
        await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
        await admin.query(`ALTER SCHEMA ${pg.escapeIdentifier(keptAs)} RENAME TO ${pg.escapeIdentifier(schema)}`);
      }
      throw error;
    }
  } finally {
    await admin.end();
  }
  // The migrations bring an older backup up to this server's tables; then the new epoch and
    // each club's restore point (the phones send back what the backup lacks).
  const store = await openStore({ postgresUrl: url, schema });
  try {
    return { epoch: await store.markRestored(), keptAs };
  } finally {
    await store.close();
  }
}

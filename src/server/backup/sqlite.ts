import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { removePidFile, runningServerPid, writePidFile } from '../pid-file';
import { openStore } from '../store';
import { BackupRefused, stamp } from './refused';

/** Pages per backup step: all of them, so the copy is one read of one moment (see below). */
const ALL_PAGES = 0x7fffffff;

/**
 * A copy of the server's SQLite file made while the server runs, with SQLite's online backup
 * API. It copies every page in one step, inside one read transaction: a consistent moment,
 * holding every push acknowledged before it began and none half-applied. In WAL mode the
 * server keeps writing meanwhile. The copy is written beside the target and renamed into
 * place only once it is checked, so a file at `out` is always a whole backup.
 */
export async function backupSqlite(file: string, out: string): Promise<{ bytes: number }> {
  if (!existsSync(file)) throw new BackupRefused(`No database at ${file} (is DATA_DIR right?)`);
  if (!existsSync(dirname(out))) throw new BackupRefused(`The folder ${dirname(out)} does not exist`);
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  try {
    const copy = new Database(partial, { fileMustExist: true });
    try {
      // One file, no -wal beside it: a backup is copied around on its own.
      copy.pragma('journal_mode = DELETE');
      checkDatabase(copy, partial);
    } finally {
      copy.close();
    }
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { bytes: statSync(out).size };
}

function checkDatabase(db: Database.Database, name: string): void {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') throw new BackupRefused(`${name} is damaged (${String(integrity)})`);
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  if (!tables.has('clubs') || !tables.has('records')) throw new BackupRefused(`${name} is not a Sổ CLB server database`);
}

/**
 * Puts a backup back as the server's database, with a new epoch. Only with the server
 * stopped: it checks the server's pid file (DATA_DIR/server.pid, written by the running
 * server) and holds that file itself meanwhile, so no server starts during the restore.
 * The database it replaces, with its -wal and -shm, is kept beside it as
 * `so-clb.sqlite.before-restore-<time>`, never deleted.
 */
export async function restoreSqlite(dataDir: string, file: string, from: string): Promise<{ epoch: string; keptAs: string | null }> {
  if (!existsSync(from)) throw new BackupRefused(`No backup at ${from}`);
  const running = runningServerPid(dataDir);
  if (running !== null) throw new BackupRefused(`The server (process ${running}) is running on ${dataDir}: stop it, then restore`);
  writePidFile(dataDir);
  try {
    let backup: Database.Database;
    try {
      backup = new Database(from, { readonly: true, fileMustExist: true });
      backup.pragma('schema_version'); // reads the header: "file is not a database" here
    } catch {
      throw new BackupRefused(`${from} is not a Sổ CLB server database`);
    }
    try {
      checkDatabase(backup, from);
    } finally {
      backup.close();
    }
    const incoming = `${file}.restoring`;
    copyFileSync(from, incoming);
    let keptAs: string | null = null;
    if (existsSync(file)) {
      keptAs = `${file}.before-restore-${stamp()}`;
      renameSync(file, keptAs);
      for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, keptAs + suffix);
    }
    renameSync(incoming, file);
    // The migrations bring an older backup up to this server's tables; then the new epoch and
    // each club's restore point (the phones send back what the backup lacks).
    const store = await openStore({ sqliteFile: file });
    try {
      return { epoch: await store.markRestored(), keptAs };
    } finally {
      await store.close();
    }
  } finally {
    removePidFile(dataDir);
  }
}

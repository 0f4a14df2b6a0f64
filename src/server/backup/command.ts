import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { backupPostgres, restorePostgres } from './postgres';
import { BackupRefused } from './refused';
import { backupSqlite, restoreSqlite } from './sqlite';

/**
 * `npm run server:backup -- --out FILE` and `npm run server:restore -- --from FILE`: the
 * database the server would use with the same environment (DATA_DIR, or DATABASE_URL and the
 * schema its search_path names). Exit 0 when done, 1 with one line saying why when not.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, from: { type: 'string' } },
  });
  const [command] = positionals;
  const config = readConfig();
  const store = config.store;
  if (command === 'backup') {
    if (!values.out) throw new BackupRefused('Say where the backup goes: --out FILE');
    const out = resolve(values.out);
    const { bytes } =
      'sqliteFile' in store ? await backupSqlite(store.sqliteFile, out) : await backupPostgres(store.postgresUrl, store.schema ?? 'public', out);
    process.stdout.write(`Backed up to ${out} (${bytes.toLocaleString('en-US')} bytes)\n`);
    return;
  }
  if (command === 'restore') {
    if (!values.from) throw new BackupRefused('Say which backup to restore: --from FILE');
    const from = resolve(values.from);
    const { epoch, keptAs } =
      'sqliteFile' in store
        ? await restoreSqlite(config.dataDir, store.sqliteFile, from)
        : await restorePostgres(store.postgresUrl, store.schema ?? 'public', from);
    process.stdout.write(`Restored from ${from}; the database's new epoch is ${epoch}\n`);
    if (keptAs) process.stdout.write(`The database it replaced is kept as ${keptAs}\n`);
    return;
  }
  throw new BackupRefused('Usage: backup --out FILE | restore --from FILE');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof BackupRefused ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

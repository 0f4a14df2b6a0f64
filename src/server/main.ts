import { mkdirSync } from 'node:fs';
import { TOMBSTONE_HORIZON_DAYS } from '../domain/protocol';
import { buildServer } from './app';
import { readConfig, setupCodeFor } from './config';
import { PID_FILE, removePidFile, runningServerPid, writePidFile } from './pid-file';
import { openStore } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = DAY_MS / 4;

/** Reads the environment, opens the database, listens; on SIGTERM/SIGINT finishes what is in flight and stops. */
async function main(): Promise<void> {
  const config = readConfig();
  const setup = setupCodeFor(process.env, config.dataDir);
  if (setup.created) {
    // Printed once, on the first start: the association hands it to the chairs it serves.
    process.stdout.write(`Setup code for making clubs on this server: ${setup.code}\n(kept in ${config.dataDir}/setup-code)\n`);
  }
  // SQLite: one server per data folder, and no restore while it runs (backup/sqlite.ts); claimed
  // before the database is opened. PostgreSQL servers may share a folder (for the setup code).
  const sqlite = 'sqliteFile' in config.store;
  if (sqlite) claimDataDir(config.dataDir);
  const store = await openStore(config.store);
  const app = await buildServer({
    store,
    setupCode: setup.code,
    staticDir: config.staticDir,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    trustProxy: config.trustProxy,
  });

  // Deleted records are kept as tombstones for TOMBSTONE_HORIZON_DAYS so every phone hears
  // of the deletion; after that they go, and a phone that slept longer gets a full copy.
  const purge = async () => {
    const olderThan = new Date(Date.now() - TOMBSTONE_HORIZON_DAYS * DAY_MS);
    try {
      const purged = await store.purgeTombstones(olderThan);
      if (purged > 0) app.log.info({ purged }, 'old tombstones purged');
    } catch (error) {
      app.log.error({ err: error }, 'tombstone purge failed');
    }
  };
  const purgeTimer = setInterval(() => void purge(), PURGE_EVERY_MS);
  purgeTimer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    clearInterval(purgeTimer);
    try {
      await app.close(); // stops accepting, waits for requests in flight
      await store.close();
      if (sqlite) removePidFile(config.dataDir);
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'unclean stop');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  await purge();
}

function claimDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const other = runningServerPid(dataDir);
  if (other !== null && other !== process.pid) {
    throw new Error(`Process ${other} (another server, or a restore) is running on ${dataDir}; if it is not, remove ${dataDir}/${PID_FILE}`);
  }
  writePidFile(dataDir);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

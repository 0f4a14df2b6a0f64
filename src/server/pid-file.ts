import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `DATA_DIR/server.pid`: the server program says it is running on this data folder, so a
 * restore (backup/sqlite.ts) can refuse to swap the database file under it. A server that
 * was killed leaves the file behind; a process id that no longer runs counts for nothing.
 */
export const PID_FILE = 'server.pid';

export function writePidFile(dataDir: string): void {
  writeFileSync(join(dataDir, PID_FILE), `${process.pid}\n`);
}

/** Removes the file only if it is still this process's (another server may have started since). */
export function removePidFile(dataDir: string): void {
  if (runningServerPid(dataDir) === process.pid) rmSync(join(dataDir, PID_FILE), { force: true });
}

/** The process id of a server running on `dataDir`, or null. */
export function runningServerPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0); // no signal sent: only "does it exist"
    return pid;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

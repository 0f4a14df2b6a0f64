/**
 * One sync at a time per phone. The page and the service worker are separate JavaScript
 * worlds sharing one database, so they coordinate through a Web Lock named 'sync'; where
 * there is no navigator.locks (Node in tests, very old browsers) an in-process queue per
 * database name does the same job inside one world.
 */

export const SYNC_LOCK_NAME = 'sync';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

function webLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : undefined;
}

const tails = new Map<string, Promise<unknown>>();

async function inProcess<T>(key: string, task: () => Promise<T>): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  const run = before.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** Runs `task` holding the sync lock; waits while another sync (page or worker) holds it. */
export function withSyncLock<T>(databaseName: string, task: () => Promise<T>): Promise<T> {
  const locks = webLocks();
  if (locks) return locks.request(SYNC_LOCK_NAME, task);
  return inProcess(databaseName, task);
}

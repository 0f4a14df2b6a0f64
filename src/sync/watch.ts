import { DEFAULT_WAIT_SECONDS, SCHEMA_VERSION, type WaitResponse } from '../domain/protocol';
import type { ClubBookDatabase } from '../local/database';
import { META, isSampleBook, readMeta } from '../local/device';
import { backoffDelay } from './backoff';
import { readConnection } from './connection';
import { ClubServerError } from './errors';
import { callServer, type HttpOptions } from './http';

/**
 * While the app is open and on screen, it listens for the other phones' changes: one
 * request held by the server (GET /sync/wait) that returns as soon as the club's version
 * moves, and then a normal sync pulls what changed — within a couple of seconds of the
 * other phone's push. An idle phone makes one such request a minute, as many as the
 * minute's poll it replaces: a request that brought nothing is followed by a pause that
 * makes up the minute.
 */

export const WATCH_CYCLE_MS = 60_000;
/** How often to look whether the first pull has finished, before listening can start. */
const FIRST_PULL_CHECK_MS = 3_000;

export interface WatchOptions extends HttpOptions {
  /** Runs a sync (the scheduler's 'remote' reason); the watch goes on when it settles. */
  onChange: () => Promise<unknown>;
  /** How long the server may hold each request (seconds). */
  waitSeconds?: number;
  /** The least time from one request to the next when nothing changed. */
  cycleMs?: number;
  random?: () => number;
}

export interface ClubWatch {
  /** True while the server answers: the minute's poll is not needed then. */
  readonly healthy: boolean;
  /** False once it has stopped, by itself (no server to listen to) or by stop(). */
  readonly running: boolean;
  stop(): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** The club version a pull cursor says this phone has everything through; null mid-copy. */
function cursorVersion(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const match = /^(\d+)$/.exec(cursor);
  return match ? Number(match[1]) : null;
}

export function watchClub(db: ClubBookDatabase, options: WatchOptions): ClubWatch {
  const { onChange, waitSeconds = DEFAULT_WAIT_SECONDS, cycleMs = WATCH_CYCLE_MS, random, ...http } = options;
  const stopping = new AbortController();
  let healthy = false;
  let running = true;

  const loop = async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      const connection = await readConnection(db).catch(() => undefined);
      if (!connection || (await isSampleBook(db))) return;
      const since = cursorVersion(await readMeta<string>(db, META.pullCursor));
      if (since === null) {
        // No finished pull yet (a new phone, a full copy under way): the syncs that are
        // bringing it run anyway; listen once they are done.
        await sleep(FIRST_PULL_CHECK_MS, stopping.signal);
        continue;
      }
      const started = Date.now();
      try {
        const query = new URLSearchParams({ since: String(since), timeout: String(waitSeconds), schemaVersion: String(SCHEMA_VERSION) });
        const answer = await callServer<WaitResponse>(
          { serverUrl: connection.serverUrl, method: 'GET', path: `/sync/wait?${query}`, token: connection.token },
          // The server answers within waitSeconds; a little longer, and the line is dead.
          { ...http, timeoutMs: (waitSeconds + 15) * 1000, signal: stopping.signal },
        );
        failures = 0;
        healthy = true;
        if (answer.changed) {
          await onChange().catch(() => {});
          continue;
        }
        // Nothing new up to now: the phone has everything the server had at that moment.
        await db.meta.put({ key: META.lastPullAt, value: answer.serverTime ?? new Date().toISOString() });
        await sleep(cycleMs - (Date.now() - started), stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) return;
        healthy = false;
        // A server without the wait (an older one), or one that no longer knows this phone or
        // this app version: listening stops, and the ordinary syncs carry on and say why.
        if (error instanceof ClubServerError && [401, 404, 426].includes(error.status)) return;
        failures++;
        await sleep(backoffDelay(failures, random), stopping.signal);
      }
    }
  };
  void loop().finally(() => {
    running = false;
    healthy = false;
  });

  return {
    get healthy() {
      return healthy && running && !stopping.signal.aborted;
    },
    get running() {
      return running && !stopping.signal.aborted;
    },
    stop() {
      stopping.abort();
    },
  };
}

import type { ClubBookDatabase } from '../local/database';
import { isSampleBook } from '../local/device';
import { clearSyncError, readConnection, recordSyncError } from './connection';
import { ClubServerError, RetryableSyncError, SyncFailedError, isRetryable } from './errors';
import type { HttpOptions } from './http';
import { pullAll, type PullProgress } from './pull';
import { PushStalledError, pushPending } from './push';
import { withSyncLock } from './lock';
import { ServerRestoredError, recoverFromRestore } from './recover';

/**
 * One sync (SYNC-PROTOCOL.md, "When the phone syncs"): push everything pending, then pull
 * until done. The same function runs in the page and in the service worker, under the
 * 'sync' lock. Whatever happens, every outcome is written to `meta` for the badge, and no
 * change leaves the outbox unless the server acknowledged it.
 */

export interface SyncOptions extends HttpOptions {
  /** Changes per pull page (the server caps it). */
  pullLimit?: number;
  /**
   * Told after each pull page is stored (pull.ts, PullProgress): how many changes came so far,
   * and the record of a whole-book pull (a new phone's first), for a screen to show.
   */
  onPullProgress?: (progress: PullProgress) => void;
}

/**
 * - done: everything pending was processed by the server and the pull finished;
 * - not_connected: no server yet (nothing to do until the chair connects or the phone joins);
 * - unauthorized: the server refused the token (revoked): the person must join again;
 * - upgrade_required: the server no longer accepts this app version: update the app.
 */
export type SyncOutcome = 'done' | 'not_connected' | 'unauthorized' | 'upgrade_required';

export interface SyncResult {
  outcome: SyncOutcome;
  /** Mutations the server processed in this sync (applied, repeats, or refused). */
  acknowledged: number;
  /** Of those, refused: they wait in "needs attention". */
  rejected: number;
  /** Changes pulled from the server. */
  pulled: number;
  /** Of those, the other phones' changes (not this phone's own coming back). */
  received: number;
}

export function syncOnce(db: ClubBookDatabase, options: SyncOptions = {}): Promise<SyncResult> {
  return withSyncLock(db.name, () => syncHoldingLock(db, options));
}

async function syncHoldingLock(db: ClubBookDatabase, options: SyncOptions): Promise<SyncResult> {
  const result: SyncResult = { outcome: 'done', acknowledged: 0, rejected: 0, pulled: 0, received: 0 };
  const connection = await readConnection(db);
  // A sample book is refused a connection (club-server.ts); should one ever be there, this
  // is the one door every push and pull goes through, the service worker's included.
  if (!connection || (await isSampleBook(db))) return { ...result, outcome: 'not_connected' };
  const pushThenPull = async () => {
    const pushed = await pushPending(db, connection, options);
    result.acknowledged += pushed.acknowledged;
    result.rejected += pushed.rejected;
    // Pull only after every pending change is acknowledged: the server has then merged
    // them, and the copies the pull brings already contain them.
    const pulled = await pullAll(db, connection, { ...options, ownChanges: pushed.sent, onProgress: options.onPullProgress });
    result.pulled += pulled.changes;
    result.received += pulled.fromOthers;
  };
  try {
    try {
      await pushThenPull();
    } catch (error) {
      if (!(error instanceof ServerRestoredError)) throw error;
      // The server was restored from a backup: send back what it lost, then sync on.
      await recoverFromRestore(db, connection, error.epoch, options);
      await pushThenPull();
    }
  } catch (error) {
    if (error instanceof ClubServerError && (error.code === 'unauthorized' || error.status === 401)) {
      await recordSyncError(db, 'unauthorized', error.message);
      return { ...result, outcome: 'unauthorized' };
    }
    if (error instanceof ClubServerError && (error.code === 'upgrade_required' || error.status === 426)) {
      await recordSyncError(db, 'upgrade_required', error.message);
      return { ...result, outcome: 'upgrade_required' };
    }
    const code = errorCode(error);
    await recordSyncError(db, code, error instanceof Error ? error.message : String(error)).catch(() => {});
    if (isRetryable(error)) throw new RetryableSyncError(code, { cause: error });
    throw new SyncFailedError(code, { cause: error });
  }
  await clearSyncError(db);
  return result;
}

function errorCode(error: unknown): string {
  if (error instanceof ClubServerError) return error.status >= 500 ? 'server' : error.code;
  if (error instanceof PushStalledError || error instanceof ServerRestoredError) return error.code;
  if (isRetryable(error)) return 'offline';
  return 'failed';
}

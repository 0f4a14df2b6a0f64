import { liveQuery } from 'dexie';
import type { ClubBookDatabase } from '../local/database';
import { BACKGROUND_SYNC_TAG } from './background';
import { readConnection } from './connection';
import { syncOnce, type SyncOptions, type SyncResult } from './engine';
import type { PullProgress } from './pull';
import { SyncScheduler } from './scheduler';
import { watchClub, type ClubWatch, type WatchOptions } from './watch';

/**
 * The page's reasons to sync (SYNC-PROTOCOL.md, "When the phone syncs"): at start, when
 * the page becomes visible, when the browser says it is back online, about 2 s after a
 * local write, when the server says another phone changed the club (watch.ts, while the
 * page is on screen), every minute while the app is open and that watch is not answered,
 * and on "Sync now". After a local write it also asks for a Background Sync, so the service
 * worker sends the change even if the person closes the app first. Browser APIs only; no React.
 */

export const WRITE_DEBOUNCE_MS = 2_000;
export const INTERVAL_MS = 60_000;

export interface SyncController {
  /** "Sync now": runs at once, even while backing off; rejects if the sync fails. */
  syncNow(): Promise<SyncResult>;
  /** Stops every trigger (the app is closing the club book, or the person left the club). */
  stop(): void;
  /**
   * Tells `listener` after each pull page this page's syncs store (at most once a page);
   * returns the way to stop. The whole-book pull's record is in `meta` as well (pull.ts,
   * BOOK_PULL_KEY), for what the service worker pulls and what an earlier visit pulled.
   */
  onPullProgress(listener: (progress: PullProgress) => void): () => void;
}

export interface StartOptions extends SyncOptions {
  /** Told about failures of automatic attempts; the status in meta says them to the badge anyway. */
  onError?: (error: unknown) => void;
  /** How long after a local write to sync (a burst of writes goes out as one push). */
  writeDebounceMs?: number;
  /** How often to sync while the app is open and visible, and the watch is not answered. */
  intervalMs?: number;
  /** For tests: how the watch waits (watch.ts). */
  watch?: Partial<Pick<WatchOptions, 'waitSeconds' | 'cycleMs'>>;
}

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Asks the service worker to sync when the network allows, where Background Sync exists. */
async function registerBackgroundSync(): Promise<void> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return;
  const registration = (await container.ready) as unknown as SyncRegistration;
  await registration.sync?.register(BACKGROUND_SYNC_TAG);
}

export function startSyncing(db: ClubBookDatabase, options: StartOptions = {}): SyncController {
  const { onError, writeDebounceMs = WRITE_DEBOUNCE_MS, intervalMs = INTERVAL_MS, watch: watchSettings, onPullProgress, ...syncOptions } = options;
  const progressListeners = new Set<(progress: PullProgress) => void>();
  if (onPullProgress) progressListeners.add(onPullProgress);
  const tellProgress = (progress: PullProgress) => {
    for (const listener of progressListeners) {
      try {
        listener(progress);
      } catch (error) {
        onError?.(error);
      }
    }
  };
  const scheduler = new SyncScheduler({
    run: () => syncOnce(db, { ...syncOptions, onPullProgress: tellProgress }),
    isOnline: () => globalThis.navigator?.onLine !== false,
    onError,
  });

  // Listening for the other phones' changes, only while the app is on screen: a hidden
  // page holds no request open (the phone's radio can sleep).
  let watch: ClubWatch | undefined;
  const startWatch = () => {
    if (watch?.running || document.visibilityState === 'hidden') return;
    watch = watchClub(db, { ...syncOptions, ...watchSettings, onChange: () => scheduler.request('remote') });
  };
  const stopWatch = () => {
    watch?.stop();
    watch = undefined;
  };

  const onVisible = () => {
    if (document.visibilityState === 'visible') {
      void scheduler.request('visible');
      startWatch();
    } else stopWatch();
  };
  const onOnline = () => {
    void scheduler.request('online');
    // The network is back: listen again now rather than at the end of a back-off.
    if (!watch?.healthy) {
      stopWatch();
      startWatch();
    }
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  const interval = setInterval(() => {
    // A hidden tab need not poll; it syncs again when it becomes visible. While the server
    // answers the watch, the watch is the poll.
    if (document.visibilityState !== 'hidden' && !watch?.healthy) void scheduler.request('interval');
  }, intervalMs);

  // The phone connects, joins again, or is handed a new token: listen with it.
  const connectionChanges = liveQuery(() => readConnection(db)).subscribe({
    next: () => {
      stopWatch();
      startWatch();
    },
    error: (error) => onError?.(error),
  });

  // A local write shows up as more pending changes: sync a moment later, so a burst of
  // edits (a meeting's attendance) goes out as one push.
  let writeTimer: ReturnType<typeof setTimeout> | undefined;
  let lastPending: number | undefined;
  const pendingCount = liveQuery(() => db.outbox.where('status').equals('pending').count());
  const subscription = pendingCount.subscribe({
    next: (count) => {
      const grew = lastPending !== undefined && count > lastPending;
      lastPending = count;
      if (!grew) return;
      clearTimeout(writeTimer);
      writeTimer = setTimeout(() => void scheduler.request('write'), writeDebounceMs);
      registerBackgroundSync().catch(() => {});
    },
    error: (error) => onError?.(error),
  });

  void scheduler.request('start');

  return {
    syncNow: () => scheduler.syncNow(),
    onPullProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    stop() {
      scheduler.stop();
      stopWatch();
      connectionChanges.unsubscribe();
      subscription.unsubscribe();
      clearTimeout(writeTimer);
      clearInterval(interval);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
      progressListeners.clear();
    },
  };
}

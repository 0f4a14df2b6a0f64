import type { ClubBookDatabase } from '../local/database';
import { syncOnce, type SyncOptions } from './engine';
import { isRetryable } from './errors';

/**
 * The service worker's side: called from its `sync` event (Background Sync, Chrome on
 * Android), so changes queued while the app was closed still go out. A retryable failure
 * rejects, which tells the browser to fire the event again later with its own back-off;
 * anything else resolves, because repeating it would not help.
 */
export async function handleBackgroundSync(db: ClubBookDatabase, options: SyncOptions = {}): Promise<void> {
  try {
    await syncOnce(db, options);
  } catch (error) {
    if (isRetryable(error)) throw error;
  }
}

/** The tag the page registers and the service worker answers to. */
export const BACKGROUND_SYNC_TAG = 'sync';

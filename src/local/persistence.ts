import type { ClubBookDatabase } from './database';
import { META, readMeta } from './device';

/**
 * Asks the browser once, after the first real save, not to evict this phone's data
 * when space runs short. Asking at first visit would be refused (no engagement yet)
 * and would pop a prompt before the person has done anything.
 */
export async function askForPersistentStorageOnce(db: ClubBookDatabase): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  // Check and mark in one transaction: two saves finishing together each read "not asked
  // yet" otherwise, and the browser was asked (Firefox: prompted) once per save.
  const first = await db.transaction('rw', db.meta, async () => {
    if (await readMeta<boolean>(db, META.persistAsked)) return false;
    await db.meta.put({ key: META.persistAsked, value: true });
    return true;
  });
  if (!first) return;
  try {
    await navigator.storage.persist();
  } catch {
    // Refused or unsupported: the data stays, only without the browser's promise.
  }
}

export interface StorageRoom {
  usedBytes: number;
  quotaBytes: number;
  /** Less than 50 MB or 10 % left: time to warn the person and suggest a backup. */
  low: boolean;
}

export async function storageRoom(): Promise<StorageRoom | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  if (quota === 0) return null;
  const left = quota - usage;
  return { usedBytes: usage, quotaBytes: quota, low: left < 50 * 1024 * 1024 || left < quota * 0.1 };
}

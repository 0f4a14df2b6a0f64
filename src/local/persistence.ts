import type { ClubBookDatabase } from './database';
import { META, readMeta } from './device';

/**
 * Asks the browser once, after the first real save, not to evict this phone's data
 * when space runs short. Asking at first visit would be refused (no engagement yet)
 * and would pop a prompt before the person has done anything.
 */
export async function askForPersistentStorageOnce(db: ClubBookDatabase): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return;
  if (await readMeta<boolean>(db, META.persistAsked)) return;
  await db.meta.put({ key: META.persistAsked, value: true });
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

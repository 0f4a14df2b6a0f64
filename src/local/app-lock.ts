import type { ClubBookDatabase } from './database';
import { META, readMeta } from './device';
import { LocalWriteError } from './errors';

/**
 * An optional PIN for a phone shared in a family: the app locks itself after a few idle
 * minutes. It guards the screens, not the data: sync goes on behind the lock, and a
 * forgotten PIN is reset by joining the club again with an invite (nothing is lost, the
 * book is on the server). Only a connected phone may set one for that reason. The PIN is
 * kept as a salted PBKDF2 hash in `meta`: never synced, never in a backup.
 */

export interface AppLock {
  salt: string;
  hash: string;
  iterations: number;
  /** Minutes without a touch after which the app locks. */
  idleMinutes: number;
}

export const PIN_DIGITS = { least: 4, most: 6 } as const;
export const IDLE_MINUTES_CHOICES = [2, 5, 15] as const;
const ITERATIONS = 100_000;

export class AppLockError extends LocalWriteError {}

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function hashPin(pin: string, salt: string, iterations: number): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(salt), iterations }, material, 256);
  return hex(bits);
}

export function isPin(pin: string): boolean {
  return new RegExp(`^\\d{${PIN_DIGITS.least},${PIN_DIGITS.most}}$`).test(pin);
}

export async function readAppLock(db: ClubBookDatabase): Promise<AppLock | null> {
  return (await readMeta<AppLock>(db, META.appLock)) ?? null;
}

export async function setAppLock(db: ClubBookDatabase, pin: string, idleMinutes: number): Promise<void> {
  if (!isPin(pin)) throw new AppLockError('lock.pinDigits');
  if (!(await readMeta(db, META.connection))) throw new AppLockError('lock.needsServer');
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  const lock: AppLock = { salt, hash: await hashPin(pin, salt, ITERATIONS), iterations: ITERATIONS, idleMinutes };
  await db.meta.put({ key: META.appLock, value: lock });
}

export async function pinOpensLock(db: ClubBookDatabase, pin: string): Promise<boolean> {
  const lock = await readAppLock(db);
  if (!lock) return true;
  return (await hashPin(pin, lock.salt, lock.iterations)) === lock.hash;
}

/** Removes the lock: the person turned it off, or joined again after forgetting the PIN. */
export async function removeAppLock(db: ClubBookDatabase): Promise<void> {
  await db.meta.delete(META.appLock);
}

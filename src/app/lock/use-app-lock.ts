import { useCallback, useEffect, useRef, useState } from 'react';
import { readAppLock, type AppLock } from '../../local/app-lock';
import { useDatabase } from '../database-context';
import { useStartRead } from '../use-start-read';

/** Touches that count as someone using the phone. */
const ACTIVITY = ['pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Whether the app is locked now: at start when a PIN is set, and again after `idleMinutes`
 * without a touch — counted across the page being hidden, so a phone put down and picked up
 * later by someone else shows the lock. Undefined while the setting is read.
 */
export function useAppLock(): { lock: AppLock | null | undefined; locked: boolean; unlock: () => void } {
  const db = useDatabase();
  const lock = useStartRead(() => readAppLock(db), [db]);
  const [unlocked, setUnlocked] = useState(false);
  const lastActivity = useRef(0);
  // A PIN set just now, on an open app, does not lock it in the person's face.
  const hadNoLock = useRef(false);
  useEffect(() => {
    if (lock === null) hadNoLock.current = true;
    else if (lock && hadNoLock.current) {
      hadNoLock.current = false;
      setUnlocked(true);
    }
  }, [lock]);

  useEffect(() => {
    if (!lock || !unlocked) return;
    const idleMs = lock.idleMinutes * 60_000;
    lastActivity.current = Date.now();
    const touched = () => {
      lastActivity.current = Date.now();
    };
    const check = () => {
      if (Date.now() - lastActivity.current >= idleMs) setUnlocked(false);
    };
    for (const event of ACTIVITY) window.addEventListener(event, touched, { passive: true });
    document.addEventListener('visibilitychange', check);
    const timer = setInterval(check, Math.min(idleMs, 30_000));
    return () => {
      for (const event of ACTIVITY) window.removeEventListener(event, touched);
      document.removeEventListener('visibilitychange', check);
      clearInterval(timer);
    };
  }, [lock, unlocked]);

  return { lock, locked: Boolean(lock) && !unlocked, unlock: useCallback(() => setUnlocked(true), []) };
}

import { useCallback, useEffect, useSyncExternalStore } from 'react';

/**
 * A short confirmation ("Saved Nguyễn Thị Lan") that survives the move to the next
 * screen, read aloud by screen readers, gone after a few seconds.
 */
let message: string | null = null;
const listeners = new Set<() => void>();

function setMessage(next: string | null): void {
  message = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useFlash(): (text: string) => void {
  return useCallback((text: string) => setMessage(text), []);
}

export function FlashMessage() {
  const current = useSyncExternalStore(subscribe, () => message);
  useEffect(() => {
    if (!current) return;
    const timer = setTimeout(() => setMessage(null), 4000);
    return () => clearTimeout(timer);
  }, [current]);
  return (
    <div className="flash" role="status" aria-live="polite">
      {current}
    </div>
  );
}

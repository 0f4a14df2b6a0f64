import { useEffect, useSyncExternalStore } from 'react';

/**
 * Which forms on screen hold typing that is not saved yet. The update prompt reads it so
 * that a new version never reloads over a half-filled form. Closing the tab does not ask
 * (the browser's "leave site?" is in its own words, not the person's): the typing is kept
 * as a draft anyway (use-draft.ts).
 */
const dirtyForms = new Set<string>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function hasUnsavedWork(): boolean {
  return dirtyForms.size > 0;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHasUnsavedWork(): boolean {
  return useSyncExternalStore(subscribe, hasUnsavedWork);
}

/** A form calls this with its dirty flag; leaving the screen clears it. */
export function useUnsavedWorkGuard(formName: string, dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    dirtyForms.add(formName);
    notify();
    return () => {
      dirtyForms.delete(formName);
      notify();
    };
  }, [formName, dirty]);
}

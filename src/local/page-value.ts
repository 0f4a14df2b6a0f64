/**
 * A value that lives only as long as this page, and tells whoever listens when it changes:
 * what the page is doing right now (writes in flight, a practice book filling in), which a
 * reload rightly forgets. Shaped for React's useSyncExternalStore (subscribe, then get).
 */
export interface PageValue<T> {
  get: () => T;
  set: (value: T) => void;
  subscribe: (listener: () => void) => () => void;
}

export function pageValue<T>(initial: T): PageValue<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (value) => {
      current = value;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

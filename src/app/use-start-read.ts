import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';

/**
 * A live read the whole app waits for at start (the club, its lock, the phone's connection):
 * read once plainly as well as live, and shown from whichever answers first, the live read
 * ruling once it has answered. On a new phone's first start in Chromium a live read now and
 * then never answered (tests/e2e/first-start.spec.ts), and the app stayed on a blank page.
 */
export function useStartRead<T>(read: () => Promise<T>, deps: unknown[]): T | undefined {
  const live = useLiveQuery(read, deps);
  const [once, setOnce] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    let current = true;
    read().then(
      (value) => current && setOnce({ value }),
      () => {},
    );
    return () => {
      current = false;
    };
    // The same dependencies as the live read's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return live !== undefined ? live : once?.value;
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { isSampleBook } from '../../local/device';
import { onSampleFill, sampleFill } from '../../local/sample-fill';
import { useDatabase } from '../database-context';

/** True on a practice book of made-up people; undefined while reading. */
export function useSampleBook(): boolean | undefined {
  const db = useDatabase();
  return useLiveQuery(() => isSampleBook(db), [db]);
}

/** A practice book still filling in behind the screens, in percent; null when it is not. */
export function useSampleFill(): number | null {
  const fill = useSyncExternalStore(onSampleFill, sampleFill);
  // Never 100 % while the last commits are still on their way.
  return fill ? Math.min(99, Math.floor((fill.written * 100) / Math.max(1, fill.total))) : null;
}

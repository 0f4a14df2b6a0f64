import { useLiveQuery } from 'dexie-react-hooks';
import { isSampleBook } from '../../local/device';
import { useDatabase } from '../database-context';

/** True on a practice book of made-up people; undefined while reading. */
export function useSampleBook(): boolean | undefined {
  const db = useDatabase();
  return useLiveQuery(() => isSampleBook(db), [db]);
}

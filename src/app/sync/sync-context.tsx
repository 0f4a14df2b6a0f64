import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, type ReactNode } from 'react';
import type { ClubBookDatabase } from '../../local/database';
import { META, readMeta, type ServerConnection, type SyncErrorRecord } from '../../local/device';
import type { SyncResult } from '../../sync/engine';
// Types only: the sync engine itself stays out of the first screen's JavaScript.
import type { BOOK_PULL_KEY, BookPull } from '../../sync/pull';
import { useDatabase } from '../database-context';

/** What the screens may ask of the background sync: "send and receive now", and what it did. */
export interface SyncControl {
  syncNow(): Promise<SyncResult>;
}

const SyncContext = createContext<SyncControl | null>(null);

export function SyncProvider({ control, children }: { control?: SyncControl; children: ReactNode }) {
  return <SyncContext.Provider value={control ?? null}>{children}</SyncContext.Provider>;
}

/** Null where nothing syncs (a phone not connected to a server, or a test). */
export function useSyncControl(): SyncControl | null {
  return useContext(SyncContext);
}

/** pull.ts's key, checked by the compiler, without loading pull.ts with the first screen. */
const BOOK_PULL: typeof BOOK_PULL_KEY = 'bookPull';

/**
 * How far the club's whole book is in on this phone (a new phone's first pull, or a full copy):
 * - receiving: pages are coming; `resumed` once it went on after a cut-off or a closed app;
 * - waiting: the last try failed (no network, or the server's trouble): it goes on by itself;
 * - done: the last page is in, until the person has seen it.
 * The server does not say how many records remain: `received` is what came so far.
 */
export type BookPullView =
  | { state: 'receiving'; received: number; resumed: boolean }
  | { state: 'waiting'; received: number; reason: 'offline' | 'server' }
  | { state: 'done'; received: number };

/** When this visit of the app began: a record last written before it was left by an earlier one. */
const VISIT_STARTED_AT = new Date(typeof performance === 'undefined' ? Date.now() : performance.timeOrigin).toISOString();

/**
 * Read from `meta`, where the pull keeps it with each page's cursor (pull.ts, BookPull): so it
 * is the same whether this page or the service worker pulled, and after the app was closed.
 */
export async function bookPullView(db: ClubBookDatabase, visitStartedAt = VISIT_STARTED_AT): Promise<BookPullView | null> {
  const [connection, lastPullAt, record, error, sample] = await Promise.all([
    readMeta<ServerConnection>(db, META.connection),
    readMeta<string>(db, META.lastPullAt),
    readMeta<BookPull>(db, BOOK_PULL),
    readMeta<SyncErrorRecord>(db, META.lastSyncError),
    readMeta<boolean>(db, META.sampleBook),
  ]);
  if (!connection || sample === true) return null;
  // Only a person can help there, and the badge says how.
  if (error?.code === 'unauthorized' || error?.code === 'upgrade_required') return null;
  if (record?.done) return { state: 'done', received: record.received };
  // No whole book on its way, and a pull has finished: nothing to wait for.
  if (!record && lastPullAt) return null;
  const received = record?.received ?? 0;
  // In the same millisecond, the error came after the page: a run stores its page, then fails on the next.
  if (error && (!record || error.at >= record.lastPageAt)) return { state: 'waiting', received, reason: error.code === 'offline' ? 'offline' : 'server' };
  return { state: 'receiving', received, resumed: record !== undefined && (record.runs > 1 || record.lastPageAt < visitStartedAt) };
}

/**
 * The club's book on its way to this phone, live: it changes once a stored page (never more
 * often), or when a try fails. Undefined while reading, null when nothing is on its way.
 */
export function useBookPull(): BookPullView | null | undefined {
  const db = useDatabase();
  return useLiveQuery(() => bookPullView(db), [db]);
}

/** "I have seen it": the finished pull's notice goes. */
export async function dismissBookPull(db: ClubBookDatabase): Promise<void> {
  const { dismissBookPull: dismiss } = await import('../../sync/pull');
  await dismiss(db);
}

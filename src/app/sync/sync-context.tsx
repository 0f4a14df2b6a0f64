import { createContext, useContext, type ReactNode } from 'react';
import type { SyncResult } from '../../sync/engine';

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

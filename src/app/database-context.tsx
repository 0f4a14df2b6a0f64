import { createContext, useContext, type ReactNode } from 'react';
import type { ClubBookDatabase } from '../local/database';

const DatabaseContext = createContext<ClubBookDatabase | null>(null);

/** The phone's database, handed down so tests can give the app a database of their own. */
export function DatabaseProvider({ db, children }: { db: ClubBookDatabase; children: ReactNode }) {
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}

export function useDatabase(): ClubBookDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside DatabaseProvider');
  return db;
}

import { createContext, useContext, type ReactNode } from 'react';
import { canWrite } from '../../domain/collection';
import { COLLECTIONS, type CollectionName } from '../../domain/collections';
import type { DeviceRole } from '../../domain/record';
import { useDatabase } from '../database-context';
import { useStartRead } from '../use-start-read';
import { readConnection, type ServerConnection } from '../../sync/connection';

const NOT_PROVIDED = Symbol('no ConnectionProvider');
const ConnectionContext = createContext<ServerConnection | null | undefined | typeof NOT_PROVIDED>(NOT_PROVIDED);

/**
 * Reads this phone's link to the server once for every screen: who the phone is decides the
 * buttons of most screens, and one live read here (not one per button's hook) means a screen
 * draws its buttons in the same frame as its records, however busy the phone's storage is.
 */
export function ConnectionProvider({ children }: { children: ReactNode }) {
  const db = useDatabase();
  const connection = useStartRead(() => readConnection(db).then((c) => c ?? null), [db]);
  return <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>;
}

/** This phone's link to the server, or null when its book lives only here. Undefined while reading. */
export function useConnection(): ServerConnection | null | undefined {
  const connection = useContext(ConnectionContext);
  if (connection === NOT_PROVIDED) throw new Error('useConnection outside ConnectionProvider');
  return connection;
}

/**
 * Who this phone is in the club. A phone never connected made the club itself, so it is
 * the chair's; once connected, the server's word (the role it was invited with) rules.
 */
export function useDeviceRole(): DeviceRole | undefined {
  const connection = useConnection();
  if (connection === undefined) return undefined;
  return connection?.role ?? 'chair';
}

/** Whether this phone may change records of a collection, by the registry's rules. */
export function useMayWrite(collection: CollectionName): boolean {
  const role = useDeviceRole();
  return role !== undefined && canWrite(COLLECTIONS[collection], role);
}

/** The member whose phone this is (a volunteer's, tied on the invite); null for no one in particular. */
export function useOwnMemberId(): string | null | undefined {
  const connection = useConnection();
  if (connection === undefined) return undefined;
  return connection?.memberId ?? null;
}

import Dexie, { type Table } from 'dexie';
import { COLLECTIONS, type CollectionName } from '../domain/collections';
import type { SyncedRecord } from '../domain/record';

/**
 * A change waiting for the server (SYNC-PROTOCOL.md, Push). `seq` numbers this phone's
 * changes 1, 2, 3 … and is the key, so the outbox reads in the order changes were made.
 * A mutation leaves only when the server acknowledges it; one the server refuses stays,
 * `rejected`, until a person fixes or discards it.
 */
export interface OutboxMutation {
  seq: number;
  collection: CollectionName;
  op: 'put' | 'delete';
  id: string;
  /** For put: the fields this change wrote (all of them for a new record). */
  data: Record<string, unknown>;
  queuedAt: string;
  status: 'pending' | 'rejected';
  rejection?: { code: string; message: string };
}

/** Small facts about this phone: its device id, the next seq, which club it keeps. */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/**
 * Raise this when the registry gains a collection or an index. Dexie diffs the stores
 * itself; only a change that rewrites data needs an upgrade function of its own.
 */
export const DATABASE_VERSION = 1;

function storesFromRegistry(): Record<string, string> {
  const stores: Record<string, string> = {
    outbox: 'seq, status, [collection+id]',
    meta: 'key',
  };
  for (const collection of Object.values(COLLECTIONS)) {
    stores[collection.name] = ['id', ...collection.localIndexes].join(', ');
  }
  return stores;
}

export class ClubBookDatabase extends Dexie {
  outbox!: Table<OutboxMutation, number>;
  meta!: Table<MetaEntry, string>;

  constructor(name = 'so-clb') {
    // 'strict' makes Chrome flush to disk before a write counts as done: a phone that
    // dies a second after "Save" must still have the record.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(DATABASE_VERSION).stores(storesFromRegistry());
  }

  records<R extends SyncedRecord = SyncedRecord>(collection: CollectionName): Table<R, string> {
    return this.table(collection);
  }
}

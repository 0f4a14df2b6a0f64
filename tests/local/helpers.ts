import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, vi } from 'vitest';
import { ClubBookDatabase } from '../../src/local/database';
import { META } from '../../src/local/device';
import { createClub as createClubBook } from '../../src/local/club';
import type { ClubProfile } from '../../src/domain/club';
import { uuidv7 } from '../../src/domain/ids';
import { clubFields } from '../domain/fixtures';

const opened = new Map<string, ClubBookDatabase[]>();
const patches: (() => void)[] = [];

/** A database of its own for each test, deleted after it (closed or not). */
export function freshDatabase(): ClubBookDatabase {
  const db = new ClubBookDatabase(`test-${crypto.randomUUID()}`);
  opened.set(db.name, [db]);
  return db;
}

/** The same database as another connection: what the phone sees after the app is reopened. */
export function reopen(db: ClubBookDatabase): ClubBookDatabase {
  db.close();
  const again = new ClubBookDatabase(db.name);
  opened.get(db.name)?.push(again);
  return again;
}

afterEach(async () => {
  vi.useRealTimers();
  for (const restore of patches.splice(0)) restore();
  for (const [name, connections] of opened) {
    for (const db of connections) db.close();
    await Dexie.delete(name);
  }
  opened.clear();
});

/** The phone's own database deleted (the browser's "clear data"), then the app opened again. */
export async function wipeAndReopen(db: ClubBookDatabase): Promise<ClubBookDatabase> {
  await db.delete();
  const again = new ClubBookDatabase(db.name);
  opened.get(db.name)?.push(again);
  return again;
}

/** Sets the phone's clock (Date only: IndexedDB's own scheduling keeps running). */
export function clockAt(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

/** A phone that joined a club whose records have not arrived yet: only the club id is known. */
export async function joinClub(db: ClubBookDatabase, clubId: string = uuidv7()): Promise<string> {
  await db.meta.put({ key: META.clubId, value: clubId });
  return clubId;
}

/** The chair's phone right after creating the club. */
export async function createClub(db: ClubBookDatabase, name?: string): Promise<ClubProfile> {
  return createClubBook(db, clubFields(name ? { name } : {}));
}

/** Everything a store holds, for "nothing changed" comparisons. */
export async function snapshot(db: ClubBookDatabase) {
  return {
    club: await db.records('club').toArray(),
    members: await db.records('members').toArray(),
    outbox: await db.outbox.toArray(),
    meta: await db.meta.toArray(),
  };
}

type StoreMethod = 'put' | 'add';

/**
 * Makes `method` on the object store `storeName` throw `error` (synchronously, as the
 * IndexedDB API throws DataError / ReadOnlyError) for the next `times` calls. Other stores and
 * later calls are untouched. Returns the calls that failed, so a test can prove the fault hit.
 */
export function failStoreWrites(storeName: string, method: StoreMethod, error: () => Error, times = 1) {
  const proto = IDBObjectStore.prototype;
  const original = proto[method];
  const failed: string[] = [];
  proto[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName && failed.length < times) {
      failed.push(this.name);
      throw error();
    }
    return original.apply(this, args);
  };
  const restore = () => {
    proto[method] = original;
  };
  patches.push(restore);
  return { failed, restore };
}

export function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

/**
 * Makes the next `method` request on `storeName` fail the way a full disk fails in a browser:
 * the request is accepted, then errors asynchronously inside IndexedDB and the transaction
 * aborts with that error. Reaches into fake-indexeddb's raw store (`_rawObjectStore`), so
 * `hits` tells the test whether the fault really fired.
 */
export function failInsideIndexedDb(storeName: string, method: StoreMethod, error: () => DOMException) {
  const proto = IDBObjectStore.prototype;
  const original = proto[method];
  const hits: string[] = [];
  proto[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName && hits.length === 0) {
      hits.push(this.name);
      const raw = (this as unknown as { _rawObjectStore: { storeRecord: (...a: unknown[]) => unknown } })
        ._rawObjectStore;
      const storeRecord = raw.storeRecord;
      raw.storeRecord = () => {
        raw.storeRecord = storeRecord;
        throw error();
      };
    }
    return original.apply(this, args);
  };
  const restore = () => {
    proto[method] = original;
  };
  patches.push(restore);
  return { hits, restore };
}

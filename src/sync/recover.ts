import { canWrite } from '../domain/collection';
import { COLLECTIONS } from '../domain/collections';
import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH, SCHEMA_VERSION, type RecoveredRecord, type RecoverResponse } from '../domain/protocol';
import type { ClubBookDatabase } from '../local/database';
import { META, readMeta } from '../local/device';
import { renumberQueue, type ServerConnection } from './connection';
import { callServer, type HttpOptions } from './http';

/**
 * When the server is restored from a backup, it goes back in time: it lost what the phones
 * sent since, and its count of each phone's changes went back too. Every answer says which
 * database it comes from (its epoch); a phone that sees a new one sends back the records it
 * knows past the restore point and numbers its queue after what the server now has, then
 * syncs on. Every phone does it, so the server ends with each record's latest copy any phone
 * holds, whatever the order they come back in (server/store/recover.ts). Nothing is stuck:
 * without this, each phone's next change would wait forever past a gap.
 */

export class ServerRestoredError extends Error {
  readonly code = 'server_restored';
  constructor(readonly epoch: string) {
    super('The server was restored from a backup');
    this.name = 'ServerRestoredError';
  }
}

/** Checks an answer's epoch against the one this phone knows (the first one it sees, it keeps). */
export async function checkEpoch(db: ClubBookDatabase, epoch: string | undefined): Promise<void> {
  if (epoch === undefined) return; // A server from before epochs.
  const known = await readMeta<string>(db, META.serverEpoch);
  if (known === undefined) await db.meta.put({ key: META.serverEpoch, value: epoch });
  else if (known !== epoch) throw new ServerRestoredError(epoch);
}

const encoder = new TextEncoder();

/** Batches of at most 500 records and about 1 MiB, as a push. */
function batches(records: readonly RecoveredRecord[]): RecoveredRecord[][] {
  const out: RecoveredRecord[][] = [];
  let batch: RecoveredRecord[] = [];
  let bytes = 1024;
  for (const record of records) {
    const size = encoder.encode(JSON.stringify(record)).length + 1;
    if (batch.length > 0 && (batch.length >= MAX_MUTATIONS_PER_PUSH || bytes + size > MAX_BODY_BYTES)) {
      out.push(batch);
      batch = [];
      bytes = 1024;
    }
    batch.push(record);
    bytes += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** Sends back what the restored server lost, and takes up its numbering. Returns the records it took. */
export async function recoverFromRestore(db: ClubBookDatabase, connection: ServerConnection, epoch: string, options: HttpOptions = {}): Promise<number> {
  const ask = (records: RecoveredRecord[]) =>
    callServer<RecoverResponse>(
      { serverUrl: connection.serverUrl, method: 'POST', path: '/sync/recover', token: connection.token, body: { schemaVersion: SCHEMA_VERSION, records } },
      options,
    );
  const start = await ask([]);
  await db.transaction('rw', db.outbox, db.meta, () => renumberQueue(db, start.lastSeq + 1));
  let taken = 0;
  if (start.restoredThrough !== null) {
    // What the server had, as its answers left it on this phone: the copies kept for rebasing.
    const restoredThrough = start.restoredThrough;
    const copies = await db.serverCopies.filter((copy) => typeof copy.record.version === 'number' && copy.record.version > restoredThrough).toArray();
    const lost = copies
      .filter((copy) => canWrite(COLLECTIONS[copy.collection], connection.role))
      .map(({ collection, id, record }): RecoveredRecord => {
        const { version, ...rest } = record;
        return { collection, id, version: version!, record: rest };
      });
    for (const batch of batches(lost)) taken += (await ask(batch)).taken;
  }
  await db.meta.put({ key: META.serverEpoch, value: epoch });
  return taken;
}

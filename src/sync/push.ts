import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH, SCHEMA_VERSION, type Mutation, type PushRequest, type PushResponse } from '../domain/protocol';
import type { ClubBookDatabase, OutboxMutation, ServerCopy } from '../local/database';
import { META } from '../local/device';
import type { ServerConnection } from './connection';
import { callServer, type HttpOptions } from './http';
import { mutationsByRecord, recomputeRecord, recordKey, replay } from './rebase';
import { checkEpoch } from './recover';

/**
 * Sends this phone's pending changes, oldest first, and removes each from the outbox only
 * once the server has acknowledged it. Safe to repeat after any failure or restart: the
 * server skips every seq it already has and still acknowledges it.
 */

/** Room left in a push body for the envelope around the mutations. */
const ENVELOPE_BYTES = 1024;
const encoder = new TextEncoder();

export function toWire(mutation: OutboxMutation): Mutation {
  return { seq: mutation.seq, collection: mutation.collection, op: mutation.op, id: mutation.id, data: mutation.data };
}

/**
 * The longest run from the front of `pending` that fits one push: at most 500 mutations
 * and about 1 MiB of JSON. A mutation bigger than that on its own still goes alone (the
 * server will answer 413, which is better than a queue stuck forever in silence).
 */
export function nextBatch(pending: readonly OutboxMutation[], maxCount = MAX_MUTATIONS_PER_PUSH, maxBytes = MAX_BODY_BYTES): OutboxMutation[] {
  const batch: OutboxMutation[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const mutation of pending) {
    if (batch.length >= maxCount) break;
    const size = encoder.encode(JSON.stringify(toWire(mutation))).length + 1;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(mutation);
    bytes += size;
  }
  return batch;
}

/**
 * Applies a push answer in one transaction: every pending mutation up to `ackedThrough`
 * leaves the outbox, except those refused, which stay marked `rejected` with the server's
 * reason; mutations past `ackedThrough` stay pending. What the server accepted is written
 * into this phone's copies of the server's records too (local = server + pending): a phone
 * whose pulls were cut off since still knows what the server holds of its own changes,
 * so discarding a later refused change goes back to that, not to nothing.
 */
export async function applyAcknowledgement(db: ClubBookDatabase, response: PushResponse, sentAt: string): Promise<{ acknowledged: number; rejected: number }> {
  const refused = new Map(response.rejected.map((rejection) => [rejection.seq, rejection]));
  return db.transaction('rw', db.outbox, db.meta, db.serverCopies, async () => {
    // One read of the acknowledged range (getAll), filtered here: a filter in the query
    // would walk an IndexedDB cursor row by row, a round trip each on a slow phone.
    const processed = (await db.outbox.where(':id').belowOrEqual(response.ackedThrough).toArray()).filter(
      (mutation) => mutation.status === 'pending',
    );
    const done: OutboxMutation[] = [];
    let rejected = 0;
    for (const mutation of processed) {
      const rejection = refused.get(mutation.seq);
      if (!rejection) {
        done.push(mutation);
        continue;
      }
      rejected++;
      const { code, message, messageKey, field, conflictsWith } = rejection;
      await db.outbox.update(mutation.seq, {
        status: 'rejected',
        rejection: {
          code,
          message,
          ...(messageKey === undefined ? {} : { messageKey }),
          ...(field === undefined ? {} : { field }),
          ...(conflictsWith === undefined ? {} : { conflictsWith }),
        },
      });
    }
    await copyAcceptedChanges(db, done, response.version);
    // Acknowledged changes leave in runs of consecutive seqs, one range delete per run
    // (a batch is usually one run) instead of one delete request per change.
    for (const [first, last] of consecutiveRuns(done.map((m) => m.seq))) await db.outbox.where(':id').between(first, last, true, true).delete();
    if (processed.length > 0) await db.meta.put({ key: META.lastSentAt, value: sentAt });
    return { acknowledged: processed.length, rejected };
  });
}

/**
 * The server's copies, with the changes it just accepted replayed over them as the server
 * merged them. A change to a record this phone has no copy of is a creation (its whole
 * record) or an edit of a record the phone never pulled; only the first makes a copy.
 */
async function copyAcceptedChanges(db: ClubBookDatabase, accepted: readonly OutboxMutation[], version: number | undefined): Promise<void> {
  if (accepted.length === 0) return;
  const byRecord = mutationsByRecord(accepted);
  const keys = [...byRecord.values()].map((group) => [group[0]!.collection, group[0]!.id] as [string, string]);
  const copies = await db.serverCopies.bulkGet(keys);
  const updated: ServerCopy[] = [];
  keys.forEach(([collection, id], index) => {
    const copy = copies[index];
    const record = replay(copy?.record, byRecord.get(recordKey(collection, id))!);
    if (!record) return;
    if (version !== undefined) record.version = version;
    updated.push({ ...copy, collection: collection as ServerCopy['collection'], id, record });
  });
  await db.serverCopies.bulkPut(updated);
}

/**
 * A change refused as a conflict is not replayed over the server's copy (rebase.ts): its
 * record goes back to what the server has at once, not only at the next pull that brings it.
 */
async function showServersSideOfConflicts(db: ClubBookDatabase, batch: readonly OutboxMutation[], response: PushResponse): Promise<void> {
  const conflicts = new Set(response.rejected.filter((r) => r.code === 'conflict').map((r) => r.seq));
  const refused = batch.filter((mutation) => conflicts.has(mutation.seq));
  if (refused.length === 0) return;
  const tables = [...new Set(refused.map((m) => m.collection))].map((collection) => db.records(collection));
  await db.transaction('rw', [db.outbox, db.serverCopies, ...tables], async () => {
    for (const mutation of refused) {
      // Without a copy (a phone from before copies were kept at acknowledgement) there is
      // nothing to go back to: the next pull brings it.
      if (await db.serverCopies.get([mutation.collection, mutation.id])) await recomputeRecord(db, mutation.collection, mutation.id);
    }
  });
}

/** [first, last] of each run of consecutive numbers in an ascending list. */
export function consecutiveRuns(sorted: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs;
}

export class PushStalledError extends Error {
  readonly code = 'push_stalled';
  constructor(readonly ackedThrough: number, readonly firstSeq: number) {
    super(`The server acknowledged through ${ackedThrough} but this phone's next change is ${firstSeq}`);
    this.name = 'PushStalledError';
  }
}

export interface PushSummary {
  /** Mutations the server processed (applied, repeats, or refused). */
  acknowledged: number;
  rejected: number;
  batches: number;
  /** The records this push changed (rebase.ts recordKey): their echo in the next pull is not news. */
  sent: Set<string>;
}

/** Pushes until no pending mutation is left. Mutations written meanwhile go in later batches. */
export async function pushPending(db: ClubBookDatabase, connection: ServerConnection, options: HttpOptions & { maxBatch?: number } = {}): Promise<PushSummary> {
  const summary: PushSummary = { acknowledged: 0, rejected: 0, batches: 0, sent: new Set() };
  for (;;) {
    // Rejected mutations are never sent again: they wait for a person.
    const pending = await db.outbox
      .where('status')
      .equals('pending')
      .limit(options.maxBatch ?? MAX_MUTATIONS_PER_PUSH)
      .sortBy('seq');
    if (pending.length === 0) return summary;
    const batch = nextBatch(pending, options.maxBatch);
    const body: PushRequest = { schemaVersion: SCHEMA_VERSION, mutations: batch.map(toWire) };
    const response = await callServer<PushResponse>(
      { serverUrl: connection.serverUrl, method: 'POST', path: '/sync/push', token: connection.token, body },
      options,
    );
    const applied = await applyAcknowledgement(db, response, response.serverTime ?? new Date().toISOString());
    await showServersSideOfConflicts(db, batch, response);
    // A server restored from a backup says so by a new epoch: what it lost is sent back first.
    await checkEpoch(db, response.epoch);
    summary.batches++;
    const refused = new Set(response.rejected.map((rejection) => rejection.seq));
    for (const mutation of batch) {
      if (mutation.seq <= response.ackedThrough && !refused.has(mutation.seq)) summary.sent.add(recordKey(mutation.collection, mutation.id));
    }
    summary.acknowledged += applied.acknowledged;
    summary.rejected += applied.rejected;
    // The server applies nothing past a gap; if it took none of this batch, sending the same
    // batch again would loop forever. Stop and say so instead.
    if (response.ackedThrough < batch[0]!.seq) throw new PushStalledError(response.ackedThrough, batch[0]!.seq);
  }
}

import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH, SCHEMA_VERSION, type Mutation, type PushRequest, type PushResponse } from '../domain/protocol';
import type { ClubBookDatabase, OutboxMutation } from '../local/database';
import { META } from '../local/device';
import type { ServerConnection } from './connection';
import { callServer, type HttpOptions } from './http';
import { recordKey } from './rebase';

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
 * Applies a push answer to the outbox in one transaction: every pending mutation up to
 * `ackedThrough` leaves, except those refused, which stay marked `rejected` with the
 * server's reason. Mutations past `ackedThrough` stay pending.
 */
export async function applyAcknowledgement(db: ClubBookDatabase, response: PushResponse, sentAt: string): Promise<{ acknowledged: number; rejected: number }> {
  const refused = new Map(response.rejected.map((rejection) => [rejection.seq, rejection]));
  return db.transaction('rw', db.outbox, db.meta, async () => {
    // One read of the acknowledged range (getAll), filtered here: a filter in the query
    // would walk an IndexedDB cursor row by row, a round trip each on a slow phone.
    const processed = (await db.outbox.where(':id').belowOrEqual(response.ackedThrough).toArray()).filter(
      (mutation) => mutation.status === 'pending',
    );
    const done: number[] = [];
    let rejected = 0;
    for (const mutation of processed) {
      const rejection = refused.get(mutation.seq);
      if (!rejection) {
        done.push(mutation.seq);
        continue;
      }
      rejected++;
      const { code, message, messageKey, field } = rejection;
      await db.outbox.update(mutation.seq, {
        status: 'rejected',
        rejection: {
          code,
          message,
          ...(messageKey === undefined ? {} : { messageKey }),
          ...(field === undefined ? {} : { field }),
        },
      });
    }
    // Acknowledged changes leave in runs of consecutive seqs, one range delete per run
    // (a batch is usually one run) instead of one delete request per change.
    for (const [first, last] of consecutiveRuns(done)) await db.outbox.where(':id').between(first, last, true, true).delete();
    if (processed.length > 0) await db.meta.put({ key: META.lastSentAt, value: sentAt });
    return { acknowledged: processed.length, rejected };
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

import type { Kysely } from 'kysely';
import type { CollectionDefinition } from '../../domain/collection';
import type { Mutation, RejectionCode } from '../../domain/protocol';
import type { DeviceRole } from '../../domain/record';
import { decide, type HeldRecord } from '../rules/merge';
import type { MutationLogTable, RecordsTable, ServerDatabase } from './schema';

export interface PushingDevice {
  id: string;
  clubId: string;
  role: DeviceRole;
}

export interface StoredRejection {
  seq: number;
  code: RejectionCode;
  messageKey: string;
  field?: string;
  conflictsWith?: { field: string; value: unknown };
}

export interface PushResult {
  ackedThrough: number;
  rejected: StoredRejection[];
  /** The club's new version when the push changed something; null when it changed nothing. */
  version: number | null;
}

/** Test seams: a fault injected here must roll the whole batch back. */
export interface StoreHooks {
  /**
   * Called before each record row is written in a push, counting from 1; a promise it
   * returns is waited for, with the push's transaction open (a slow push, for tests).
   */
  beforeRecordWrite?: (count: number) => void | Promise<void>;
}

const CHUNK = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;

const DECIDE_BETWEEN_YIELDS = 50;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One push, one transaction (SYNC-PROTOCOL.md, "Push"): everything it decides, the club's
 * new version, the audit log and the phone's lastSeq commit together or not at all, so a
 * retried batch after a lost response or a fault can neither double nor lose a change.
 */
export async function pushMutations(
  db: Kysely<ServerDatabase>,
  device: PushingDevice,
  mutations: readonly Mutation[],
  options: { now: Date; findCollection: (name: string) => CollectionDefinition | undefined; hooks: StoreHooks },
): Promise<PushResult> {
  const at = options.now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Take the club's row lock before reading anything: pushes of one club (and a phone's
    // retry racing its own first try) queue here, so arrival order is commit order and a
    // pull never sees a version before every row stamped with it is committed.
    await trx
      .updateTable('clubs')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('id', '=', device.clubId)
      .execute();
    const { last_seq: lastSeqBefore } = await trx
      .selectFrom('devices')
      .select('last_seq')
      .where('id', '=', device.id)
      .executeTakeFirstOrThrow();

    // Repeats and the gap: what is at or below lastSeq was processed before; a seq past
    // lastSeq + 1 means the phone lost one, and nothing from there on may apply.
    const repeats: number[] = [];
    const fresh: Mutation[] = [];
    let expected = lastSeqBefore + 1;
    for (const m of mutations) {
      if (m.seq < expected) {
        if (m.seq > 0 && m.seq <= lastSeqBefore) repeats.push(m.seq);
        continue;
      }
      if (m.seq > expected) break;
      fresh.push(m);
      expected++;
    }

    const rejected: StoredRejection[] = await earlierRejections(trx, device.id, repeats);

    // Every row the batch names, in any club, read once.
    const held = new Map<string, HeldRecord & { clubId: string }>();
    const takenElsewhere = new Set<string>();
    const ids = [...new Set(fresh.map((m) => m.id))];
    for (const part of chunks(ids, 500)) {
      const rows = await trx.selectFrom('records').select(['club_id', 'collection', 'id', 'data', 'deleted']).where('id', 'in', part).execute();
      for (const row of rows) {
        const k = key(row.collection, row.id);
        if (row.club_id !== device.clubId) takenElsewhere.add(k);
        else held.set(k, { clubId: row.club_id, record: JSON.parse(row.data) as Record<string, unknown>, deleted: row.deleted === 1 });
      }
    }

    const changed = new Map<string, { collection: string; id: string; held: HeldRecord }>();
    const log: Omit<MutationLogTable, 'version'>[] = [];
    for (const [index, m] of fresh.entries()) {
      // Checking 500 records against their schemas is tens of milliseconds of this one
      // thread: let other clubs' requests (pulls, on SQLite from the reader) in between.
      if (index > 0 && index % DECIDE_BETWEEN_YIELDS === 0) await yieldToOthers();
      const k = key(m.collection, m.id);
      const outcome = decide(m, {
        pusher: device,
        collection: options.findCollection(m.collection),
        held: held.get(k),
        heldByAnotherClub: takenElsewhere.has(k),
      });
      const entry = {
        device_id: device.id,
        seq: m.seq,
        club_id: device.clubId,
        collection: m.collection,
        record_id: m.id,
        op: m.op,
        logged_at: at,
        message_key: null as string | null,
        field: null as string | null,
        conflicts_with: null as string | null,
      };
      if (outcome.kind === 'applied') {
        const next = { clubId: device.clubId, record: outcome.record, deleted: outcome.deleted };
        held.set(k, next);
        changed.set(k, { collection: m.collection, id: m.id, held: next });
        log.push({ ...entry, outcome: 'applied' });
      } else if (outcome.kind === 'unchanged') {
        log.push({ ...entry, outcome: 'unchanged' });
      } else {
        const rejection: StoredRejection = { seq: m.seq, code: outcome.code, messageKey: outcome.messageKey };
        if (outcome.field !== undefined) rejection.field = outcome.field;
        if (outcome.conflictsWith !== undefined) rejection.conflictsWith = outcome.conflictsWith;
        rejected.push(rejection);
        log.push({
          ...entry,
          outcome: outcome.code,
          message_key: outcome.messageKey,
          field: outcome.field ?? null,
          conflicts_with: outcome.conflictsWith === undefined ? null : JSON.stringify(outcome.conflictsWith),
        });
      }
    }

    // Once per push that changes anything; never a sequence or a clock (they commit out of
    // order, and a pull would step over rows that commit late).
    let version: number | null = null;
    if (changed.size > 0) {
      const raised = await trx
        .updateTable('clubs')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', device.clubId)
        .returning('version')
        .executeTakeFirstOrThrow();
      version = Number(raised.version);
    }

    for (const part of chunks(log)) {
      await trx
        .insertInto('mutation_log')
        .values(part.map((entry) => ({ ...entry, version: entry.outcome === 'applied' ? version : null })))
        .execute();
    }

    let written = 0;
    const rows: RecordsTable[] = [];
    const beforeRecordWrite = options.hooks.beforeRecordWrite;
    for (const { collection, id, held: row } of changed.values()) {
      if (beforeRecordWrite) await beforeRecordWrite(++written);
      rows.push({
        club_id: device.clubId,
        collection,
        id,
        data: JSON.stringify(row.record),
        deleted: row.deleted ? 1 : 0,
        version: version!,
        changed_at: at,
      });
    }
    for (const part of chunks(rows)) {
      await trx
        .insertInto('records')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['club_id', 'collection', 'id']).doUpdateSet((eb) => ({
            data: eb.ref('excluded.data'),
            deleted: eb.ref('excluded.deleted'),
            version: eb.ref('excluded.version'),
            changed_at: eb.ref('excluded.changed_at'),
            // Written by a phone's push now: no longer a row sent back after a restore.
            recovered_from: null,
          })),
        )
        .execute();
    }

    const ackedThrough = expected - 1;
    if (ackedThrough !== lastSeqBefore) {
      await trx.updateTable('devices').set({ last_seq: ackedThrough }).where('id', '=', device.id).execute();
    }
    rejected.sort((a, b) => a.seq - b.seq);
    return { ackedThrough, rejected, version };
  });
}

/**
 * A repeated batch (its response was lost) must answer as the first time did: a phone that
 * never heard of a refusal would otherwise drop the refused change as if it were saved.
 */
async function earlierRejections(db: Kysely<ServerDatabase>, deviceId: string, seqs: number[]): Promise<StoredRejection[]> {
  const out: StoredRejection[] = [];
  for (const part of chunks(seqs, 500)) {
    const rows = await db
      .selectFrom('mutation_log')
      .select(['seq', 'outcome', 'message_key', 'field', 'conflicts_with'])
      .where('device_id', '=', deviceId)
      .where('seq', 'in', part)
      .where('outcome', 'not in', ['applied', 'unchanged'])
      .execute();
    for (const row of rows) {
      const rejection: StoredRejection = {
        seq: Number(row.seq),
        code: row.outcome as RejectionCode,
        messageKey: row.message_key ?? 'validation.invalidValue',
      };
      if (row.field !== null) rejection.field = row.field;
      if (row.conflicts_with !== null) rejection.conflictsWith = JSON.parse(row.conflicts_with) as StoredRejection['conflictsWith'];
      out.push(rejection);
    }
  }
  return out;
}

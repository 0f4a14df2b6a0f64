import { canWrite, withAddedFields, type CollectionDefinition } from '../../domain/collection';
import type { Mutation, RejectionCode } from '../../domain/protocol';
import type { DeviceRole } from '../../domain/record';
import { validate } from '../../domain/validation';

/**
 * What one pushed mutation does to one record (SYNC-PROTOCOL.md, "Push"). Pure: the store
 * looks the record up, asks here, and writes what comes back, so every rule of the protocol
 * is in this one function and none of it in SQL.
 */

/** A record as the server holds it, without its `version` (the store keeps that apart). */
export interface HeldRecord {
  record: Record<string, unknown>;
  deleted: boolean;
}

export interface Pusher {
  clubId: string;
  role: DeviceRole;
  /** The member whose phone it is (a volunteer's, from its invite). */
  memberId?: string | null;
}

export type Outcome =
  | { kind: 'applied'; record: Record<string, unknown>; deleted: boolean }
  /** Nothing to do, and nothing wrong: deleting what is already gone, or was never here. */
  | { kind: 'unchanged' }
  | { kind: 'rejected'; code: RejectionCode; messageKey: string; field?: string; conflictsWith?: { field: string; value: unknown } };

export interface MutationContext {
  pusher: Pusher;
  collection: CollectionDefinition | undefined;
  /** This club's row for the id, as earlier mutations of the same push left it. */
  held: HeldRecord | undefined;
  /** The id is taken in another club: refuse without saying anything about it. */
  heldByAnotherClub: boolean;
}

/** Fields the server owns: a phone never sets them through `data`. */
const SERVER_OWNED = ['id', 'version'] as const;

function reject(code: RejectionCode, messageKey: string, field?: string): Outcome {
  return field === undefined ? { kind: 'rejected', code, messageKey } : { kind: 'rejected', code, messageKey, field };
}

export function decide(mutation: Mutation, context: MutationContext): Outcome {
  const { pusher, collection, held } = context;
  if (!collection) return reject('unknown_collection', 'sync.unknownCollection');
  if (!canWrite(collection, pusher.role)) return reject('forbidden', 'sync.roleCannotWrite');
  if (context.heldByAnotherClub) return reject('forbidden', 'sync.otherClub');

  const data = mutation.data ?? {};
  if (Object.hasOwn(data, 'clubId') && data.clubId !== pusher.clubId) return reject('forbidden', 'sync.otherClub');
  const signedBy = collection.signedBy;
  if (signedBy && pusher.role === 'volunteer' && pusher.memberId && Object.hasOwn(data, signedBy) && data[signedBy] !== pusher.memberId) {
    return reject('forbidden', 'sync.notInOwnName', signedBy);
  }
  const refusal = collection.writeRule?.({ ...(context.held?.record ?? {}), ...data }, pusher.role);
  if (refusal) return reject('forbidden', refusal);
  // The club's own record is the club: its id is the club id, and it cannot be deleted.
  if (collection.name === 'club') {
    if (mutation.id !== pusher.clubId) return reject('forbidden', 'sync.otherClub');
    if (mutation.op === 'delete') return reject('forbidden', 'sync.clubCannotBeDeleted');
  }
  for (const field of SERVER_OWNED) {
    if (Object.hasOwn(data, field)) return reject('invalid', 'validation.unknownField', field);
  }

  // Deletes win: a tombstone stays one, whatever arrives after it.
  if (held?.deleted) {
    return mutation.op === 'delete' ? { kind: 'unchanged' } : reject('conflict', 'sync.recordDeleted');
  }
  // An append-only record, once written, is what happened: a correction is a new record.
  if (held && collection.kind === 'appendOnly') return reject('conflict', 'sync.recordCannotChange');

  if (mutation.op === 'delete') {
    if (!held) return { kind: 'unchanged' };
    // Only the phone's clock of the deletion travels with it; the fields stay as they were.
    const updatedAt = Object.hasOwn(data, 'updatedAt') ? { updatedAt: data.updatedAt } : {};
    return checked(collection, withAddedFields(collection, { ...held.record, ...updatedAt, deleted: true }));
  }

  // A new record must be whole; a known one takes only the fields named, in arrival order.
  // A field added after the pushing app (or the stored row) was made takes its default.
  const merged = held ? { ...held.record, ...data } : { ...data };
  return checked(collection, withAddedFields(collection, { ...merged, id: mutation.id }), held ? data : undefined);
}

/**
 * `written`: the fields this change names, when it changes a record the server holds. A
 * rule across fields that breaks only because of fields it did not write was broken by
 * the two phones' edits together — each valid on its own phone: a conflict, named with the
 * other field and the value the server holds, not an "invalid" about a field this phone
 * never touched.
 */
function checked(collection: CollectionDefinition, candidate: Record<string, unknown>, written?: Record<string, unknown>): Outcome {
  const result = validate(collection.recordSchema, candidate);
  if (!result.ok) {
    if (written) {
      for (const problem of result.problems) {
        const rule = problem.fields ?? [];
        const mine = rule.filter((field) => Object.hasOwn(written, field));
        const other = rule.find((field) => !Object.hasOwn(written, field));
        if (mine.length > 0 && other !== undefined) {
          return {
            kind: 'rejected',
            code: 'conflict',
            messageKey: problem.messageKey,
            field: mine[0]!,
            conflictsWith: { field: other, value: candidate[other] ?? null },
          };
        }
      }
    }
    const first = result.problems[0];
    return reject('invalid', first?.messageKey ?? 'validation.invalidValue', first?.field || undefined);
  }
  // The validated value: trimmed and normalised as every phone would store it.
  const record = { ...(result.value as Record<string, unknown>) };
  delete record.version;
  return { kind: 'applied', record, deleted: record.deleted === true };
}

import * as z from 'zod/mini';
import { recordShape, type DeviceRole, type SyncedRecord } from './record';

/**
 * How two phones' changes to one record combine on the server (SYNC-PROTOCOL.md §3):
 * - fieldMerge: only the fields a change names are written, in server arrival order;
 * - appendOnly: a record never changes once written; a correction is a new record.
 */
export type CollectionKind = 'fieldMerge' | 'appendOnly';

/**
 * A field a collection gained after it first shipped: the schema version that brought it,
 * and the value a record gets when it comes from (or goes to) an app older than that.
 */
export interface AddedField {
  since: number;
  default: unknown;
}

export interface CollectionDefinition<Fields extends object = object> {
  name: string;
  kind: CollectionKind;
  /** Fields added after the collection first shipped, by name (see AddedField). */
  added: Readonly<Record<string, AddedField>>;
  /** The fields people edit: the form validates with exactly this schema. */
  fieldsSchema: z.ZodMiniType<Fields, Fields>;
  /** A whole stored record: the common fields plus the fields. */
  recordSchema: z.ZodMiniType<Fields & SyncedRecord>;
  read: readonly DeviceRole[];
  write: readonly DeviceRole[];
  /** IndexedDB indexes on the phone beyond the primary key `id`. */
  localIndexes: readonly string[];
  /**
   * The field naming the member who did it (a visit's volunteer): a phone tied to a member
   * with the volunteer role writes such records only in that member's name.
   */
  signedBy?: string;
  /**
   * A rule about who may write this particular record, beyond `write` (a write-off is the
   * chair's): the message key of the refusal, or null. The phone and the server both ask it.
   */
  writeRule?: (fields: Record<string, unknown>, role: DeviceRole) => string | null;
}

type Check<T> = (value: T, ctx: z.core.$RefinementCtx<T>) => void;

/**
 * One place that turns a field list into the two schemas, so the record schema can never
 * drift from the form's. Both are strict: an unknown key is refused, not dropped.
 */
export function defineCollection<Shape extends z.core.$ZodLooseShape>(spec: {
  name: string;
  kind: CollectionKind;
  /**
   * The fields, made when first needed: building every book's schemas (hundreds of zod
   * objects) as the app loads was a good part of a cheap phone's cold start, and the first
   * screen only reads records.
   */
  shape: () => Shape;
  check?: Check<z.output<z.ZodMiniObject<Shape>>>;
  read: readonly DeviceRole[];
  write: readonly DeviceRole[];
  localIndexes?: readonly string[];
  signedBy?: keyof Shape & string;
  writeRule?: (fields: Record<string, unknown>, role: DeviceRole) => string | null;
  /**
   * Fields added later, each with the schema version that added it and its default: a
   * record from an app older than that gets the default, never a refusal (upgrades keep
   * everything, and the server accepts the previous app version's records).
   */
  added?: { [K in keyof Shape]?: AddedField };
}) {
  type Fields = z.output<z.ZodMiniObject<Shape>>;
  const check = spec.check ?? (() => {});
  let schemas: { fields: z.ZodMiniType<Fields, Fields>; record: z.ZodMiniType<Fields & SyncedRecord> } | undefined;
  const built = () => {
    if (schemas) return schemas;
    const shape = spec.shape();
    // Checks across fields run even when a field failed its own check, so that a form shows
    // every problem at once; each check must therefore compare only values that are valid.
    const acrossFields = z.superRefine((v: unknown, ctx) => check(v as Fields, ctx as never));
    schemas = {
      fields: z.strictObject(shape).check(acrossFields) as unknown as z.ZodMiniType<Fields, Fields>,
      record: z.strictObject({ ...recordShape, ...shape }).check(acrossFields) as unknown as z.ZodMiniType<Fields & SyncedRecord>,
    };
    return schemas;
  };
  return {
    name: spec.name,
    kind: spec.kind,
    added: (spec.added ?? {}) as Readonly<Record<string, AddedField>>,
    get fieldsSchema() {
      return built().fields;
    },
    get recordSchema() {
      return built().record;
    },
    read: spec.read,
    write: spec.write,
    localIndexes: spec.localIndexes ?? [],
    ...(spec.signedBy ? { signedBy: spec.signedBy } : {}),
    ...(spec.writeRule ? { writeRule: spec.writeRule } : {}),
  } satisfies CollectionDefinition<Fields>;
}

/** A record with every later-added field it lacks given its default (an older app's record). */
export function withAddedFields<R extends Record<string, unknown>>(collection: CollectionDefinition, record: R): R {
  let filled: Record<string, unknown> | undefined;
  for (const [field, added] of Object.entries(collection.added)) {
    if (Object.hasOwn(record, field)) continue;
    filled ??= { ...record };
    filled[field] = added.default;
  }
  return (filled ?? record) as R;
}

/** A record as an app of `schemaVersion` knows it: without the fields added after that version. */
export function asOfSchemaVersion<R extends Record<string, unknown>>(collection: CollectionDefinition, record: R, schemaVersion: number): R {
  let trimmed: Record<string, unknown> | undefined;
  for (const [field, added] of Object.entries(collection.added)) {
    if (added.since <= schemaVersion || !Object.hasOwn(record, field)) continue;
    trimmed ??= { ...record };
    delete trimmed[field];
  }
  return (trimmed ?? record) as R;
}

export function canRead(collection: CollectionDefinition, role: DeviceRole): boolean {
  return collection.read.includes(role);
}

export function canWrite(collection: CollectionDefinition, role: DeviceRole): boolean {
  return collection.write.includes(role);
}

/** Why this role may not write this record (the message key), or null when it may. */
export function writeRefusal(collection: CollectionDefinition, fields: Record<string, unknown>, role: DeviceRole): string | null {
  if (!canWrite(collection, role)) return 'sync.roleCannotWrite';
  return collection.writeRule?.(fields, role) ?? null;
}

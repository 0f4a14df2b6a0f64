import * as z from 'zod/mini';
import { recordShape, type DeviceRole, type SyncedRecord } from './record';

/**
 * How two phones' changes to one record combine on the server (SYNC-PROTOCOL.md §3):
 * - fieldMerge: only the fields a change names are written, in server arrival order;
 * - appendOnly: a record never changes once written; a correction is a new record.
 */
export type CollectionKind = 'fieldMerge' | 'appendOnly';

export interface CollectionDefinition<Fields extends object = object> {
  name: string;
  kind: CollectionKind;
  /** The fields people edit: the form validates with exactly this schema. */
  fieldsSchema: z.ZodMiniType<Fields, Fields>;
  /** A whole stored record: the common fields plus the fields. */
  recordSchema: z.ZodMiniType<Fields & SyncedRecord>;
  read: readonly DeviceRole[];
  write: readonly DeviceRole[];
  /** IndexedDB indexes on the phone beyond the primary key `id`. */
  localIndexes: readonly string[];
}

type Check<T> = (value: T, ctx: z.core.$RefinementCtx<T>) => void;

/**
 * One place that turns a field list into the two schemas, so the record schema can never
 * drift from the form's. Both are strict: an unknown key is refused, not dropped.
 */
export function defineCollection<Shape extends z.core.$ZodLooseShape>(spec: {
  name: string;
  kind: CollectionKind;
  shape: Shape;
  check?: Check<z.output<z.ZodMiniObject<Shape>>>;
  read: readonly DeviceRole[];
  write: readonly DeviceRole[];
  localIndexes?: readonly string[];
}) {
  type Fields = z.output<z.ZodMiniObject<Shape>>;
  const check = spec.check ?? (() => {});
  // Checks across fields run even when a field failed its own check, so that a form shows
  // every problem at once; each check must therefore compare only values that are valid.
  const acrossFields = z.superRefine((v: unknown, ctx) => check(v as Fields, ctx as never));
  const fieldsSchema = z.strictObject(spec.shape).check(acrossFields);
  const recordSchema = z.strictObject({ ...recordShape, ...spec.shape }).check(acrossFields);
  return {
    name: spec.name,
    kind: spec.kind,
    fieldsSchema: fieldsSchema as unknown as z.ZodMiniType<Fields, Fields>,
    recordSchema: recordSchema as unknown as z.ZodMiniType<Fields & SyncedRecord>,
    read: spec.read,
    write: spec.write,
    localIndexes: spec.localIndexes ?? [],
  } satisfies CollectionDefinition<Fields>;
}

export function canRead(collection: CollectionDefinition, role: DeviceRole): boolean {
  return collection.read.includes(role);
}

export function canWrite(collection: CollectionDefinition, role: DeviceRole): boolean {
  return collection.write.includes(role);
}

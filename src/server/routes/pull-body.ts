import { asOfSchemaVersion, withAddedFields, type CollectionDefinition } from '../../domain/collection';
import type { PullResponse } from '../../domain/protocol';
import type { PulledRow } from '../store/pull';

/**
 * A pull's answer written as JSON text straight from the stored rows. Each row's record is
 * the JSON a push stored (JSON.stringify of the validated record); parsing it only to write
 * it out again was most of a pull's work. The text sent is the one JSON.stringify of the
 * PullResponse would give, key for key: `{"collection", "id", "record": {...stored, version}}`.
 */
export function pullBody(rows: readonly PulledRow[], rest: Omit<PullResponse, 'changes'>, findCollection: (name: string) => CollectionDefinition | undefined, schemaVersion: number): string {
  const changes = rows.map((row) => changeJson(row, findCollection(row.collection), schemaVersion));
  const tail = JSON.stringify(rest);
  return `{"changes":[${changes.join(',')}]${tail === '{}' ? '' : `,${tail.slice(1, -1)}`}}`;
}

/**
 * One change. A record as the asking app knows its collection: a row stored before a field
 * was added gets the field's default; an app older than a field does not get it (its strict
 * schema would refuse the record on its next edit). Only then is the record parsed and
 * written anew; otherwise its stored text goes out with the version added at its end.
 */
export function changeJson(row: PulledRow, collection: CollectionDefinition | undefined, schemaVersion: number): string {
  const head = `{"collection":${JSON.stringify(row.collection)},"id":${JSON.stringify(row.id)},"record":`;
  const data = row.data;
  const added = collection ? Object.keys(collection.added) : [];
  // As stored: an object with fields, none of them (nor any nested one) named "version".
  const spliceable = data.length > 2 && data.charCodeAt(0) === 0x7b && data.charCodeAt(data.length - 1) === 0x7d && !data.includes('"version"');
  if (spliceable && added.length === 0) return `${head}${data.slice(0, -1)},"version":${row.version}}}`;

  const stored = JSON.parse(data) as Record<string, unknown>;
  const record = { ...stored, version: row.version };
  const known = collection ? asOfSchemaVersion(collection, withAddedFields(collection, record), schemaVersion) : record;
  if (spliceable && known === record) return `${head}${data.slice(0, -1)},"version":${row.version}}}`;
  return `${head}${JSON.stringify(known)}}`;
}

import type { FieldValues } from 'react-hook-form';

function touched(mark: unknown): boolean {
  if (mark === true) return true;
  if (Array.isArray(mark)) return mark.some(touched);
  if (mark && typeof mark === 'object') return Object.values(mark).some(touched);
  return false;
}

/**
 * Only the fields the person changed in an edit form. The form holds the values it opened
 * with; a sync may have brought another phone's edit of some other field since, and
 * sending the untouched fields too would quietly undo it (the server merges field by field).
 */
export function editedFields<T extends FieldValues>(values: T, dirtyFields: Partial<Record<keyof T, unknown>>): Partial<T> {
  const edited: Partial<T> = {};
  for (const key of Object.keys(dirtyFields) as (keyof T)[]) {
    if (touched(dirtyFields[key])) edited[key] = values[key];
  }
  return edited;
}

import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { LocalWriteError, RecordInvalidError } from '../../local/errors';

/**
 * Shows why a save was refused: a field's problem next to that field, anything else
 * (a full phone, a storage failure) as one message for the whole form. Returns the
 * message key for the form, or null when every problem went to a field.
 */
export function showWriteError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>): string {
  if (error instanceof RecordInvalidError) {
    for (const problem of error.problems) {
      if (problem.field) setError(problem.field as Path<T>, { type: 'domain', message: problem.messageKey });
    }
    return 'storage.invalid';
  }
  if (error instanceof LocalWriteError) return error.messageKey;
  return 'storage.failed';
}

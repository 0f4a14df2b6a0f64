import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type * as z from 'zod/mini';
import { validate, type ValidationProblem } from '../../domain/validation';

/**
 * A react-hook-form resolver that checks a form with the collection's own domain schema —
 * the one the phone's write path and the server use — plus checks that only make sense
 * while a person types (a birth year after this year, by the phone's own calendar). Each
 * problem lands on the field it names ("roles.1" on "roles"); a problem with no field is
 * the form's own.
 */
export function domainResolver<T extends FieldValues>(
  schema: z.ZodMiniType<T>,
  extraChecks?: (values: T) => ValidationProblem[],
): Resolver<T> {
  return async (values) => {
    const result = validate(schema, values);
    // The typing checks first: about the value itself ("after this year"), they say more than
    // a comparison with another field does.
    const problems = [...(extraChecks?.(values) ?? []), ...(result.ok ? [] : result.problems)];
    if (problems.length === 0 && result.ok) return { values: result.value, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const problem of problems) {
      const field = problem.field.split('.')[0] || 'root';
      // The first problem of a field is the one to fix first; later ones follow from it.
      errors[field] ??= { type: 'domain', message: problem.messageKey };
    }
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}

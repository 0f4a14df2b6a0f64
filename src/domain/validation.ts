// zod/mini: the same schemas in functional form, about a fifth of the size in the first
// screen's JavaScript (the phone reads the registry at start).
import * as z from 'zod/mini';
import { isCalendarDate } from './dates';

/**
 * Schemas carry message *keys* ("validation.phone"), never sentences: the phone shows them
 * in the person's language through i18next, and the server answers with the same keys
 * translated by validation-messages.ts. Checks without a key of their own fall back to
 * the generic keys below.
 */
export const domainErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'validation.required' : 'validation.invalidValue';
    case 'unrecognized_keys':
      return 'validation.unknownField';
    case 'too_big':
      return issue.origin === 'string' ? 'validation.textTooLong' : 'validation.invalidValue';
    default:
      return 'validation.invalidValue';
  }
};

export interface ValidationProblem {
  /** Dotted path of the field ("fullName"); "" for the record as a whole. */
  field: string;
  /** i18n key of the message, e.g. "validation.phone". */
  messageKey: string;
  /** A rule across fields: every field it compares (`field` among them). */
  fields?: string[];
}

/**
 * A problem of a rule across fields, for a collection's `check`: on `field`, comparing it
 * with `others`. The server tells two phones' edits that break it together from one bad edit.
 */
export function acrossFields(field: string, messageKey: string, others: readonly string[]) {
  return { code: 'custom' as const, path: [field], message: messageKey, params: { fields: [field, ...others] } };
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

export function validate<T>(schema: z.ZodMiniType<T>, input: unknown): Validated<T> {
  const result = schema.safeParse(input, { error: domainErrorMap });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const fields = (issue as { params?: { fields?: unknown } }).params?.fields;
      return {
        field: issue.path.join('.'),
        messageKey: issue.message,
        ...(Array.isArray(fields) ? { fields: fields as string[] } : {}),
      };
    }),
  };
}

/** Text a person types: trimmed, optional ones stored as null when left empty. */
export function text(max: number, requiredKey?: string) {
  // NFC: some Vietnamese keyboards type "Nguyễn" decomposed (e + two combining marks).
  // Stored as typed, the same name would be two different strings on two phones and
  // would count up to three times its length against `max`.
  const base = z.string({ error: requiredKey ?? 'validation.invalidValue' }).check(z.trim(), z.normalize('NFC'));
  return requiredKey
    ? base.check(z.minLength(1, { error: requiredKey }), z.maxLength(max, { error: 'validation.textTooLong' }))
    : base.check(z.maxLength(max, { error: 'validation.textTooLong' }));
}

export function optionalText(max: number) {
  // As promised above: a field left empty is stored as null, never as '' — otherwise
  // "no household cluster" would be two different values in lists and reports.
  return z.pipe(
    z.nullable(text(max)),
    z.transform((value: string | null) => (value === '' ? null : value)),
  );
}

export function wholeNumber(min: number, max: number, key: string) {
  return z.int({ error: key }).check(z.gte(min, { error: key }), z.lte(max, { error: key }));
}

export const calendarDate = z.string({ error: 'validation.date' }).check(z.refine(isCalendarDate, { error: 'validation.date' }));

/** The id of another record, or none. */
export const optionalId = z.nullable(z.uuid({ error: 'validation.invalidValue' }));

/** Several of a fixed list of choices (the areas a meeting covered, the help a visit gave): each at most once. */
export function choiceList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .array(z.enum(values, { error: 'validation.invalidValue' }))
    .check(
      z.maxLength(values.length, { error: 'validation.invalidValue' }),
      z.refine((list) => new Set(list).size === list.length, { error: 'validation.invalidValue' }),
    );
}

/** Ids of other records (a care plan's volunteers): each at most once, at most `max`. */
export function idList(max: number, key = 'validation.invalidValue') {
  return z
    .array(z.uuid({ error: key }))
    .check(
      z.maxLength(max, { error: key }),
      z.refine((list) => new Set(list).size === list.length, { error: key }),
    );
}

/**
 * A measured number with at most `decimals` places (52.5 kg, 36.8 °C), between `min` and
 * `max`. Out of range is `key`: a reading of 5 kg is refused, not stored.
 */
export function measure(min: number, max: number, decimals: number, key: string) {
  const scale = 10 ** decimals;
  return z
    .number({ error: key })
    .check(
      z.gte(min, { error: key }),
      z.lte(max, { error: key }),
      z.refine((v) => Math.abs(Math.round(v * scale) - v * scale) < 1e-6, { error: key }),
    );
}

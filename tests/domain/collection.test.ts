import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { defineCollection } from '../../src/domain/collection';
import { uuidv7 } from '../../src/domain/ids';
import { DEVICE_ROLES } from '../../src/domain/record';
import { validate } from '../../src/domain/validation';

describe('a collection’s schemas', () => {
  it('are made when first asked for, once, and both check the same fields', () => {
    let made = 0;
    const notes = defineCollection({
      name: 'notes',
      kind: 'fieldMerge',
      shape: () => {
        made++;
        return { text: z.string().check(z.minLength(1, { error: 'validation.required' })) };
      },
      read: DEVICE_ROLES,
      write: DEVICE_ROLES,
    });
    // Loading the app defines every book's collections; none of them builds its schemas yet.
    expect(made).toBe(0);
    expect(validate(notes.fieldsSchema, { text: '' })).toMatchObject({ ok: false, problems: [{ field: 'text', messageKey: 'validation.required' }] });
    const record = { id: uuidv7(), clubId: uuidv7(), createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', deleted: false, text: 'Thăm bà Lan' };
    expect(validate(notes.recordSchema, record)).toMatchObject({ ok: true });
    // Strict, as before: an unknown field is refused, not dropped.
    expect(validate(notes.recordSchema, { ...record, extra: 1 }).ok).toBe(false);
    expect(notes.fieldsSchema).toBe(notes.fieldsSchema);
    expect(made).toBe(1);
  });
});

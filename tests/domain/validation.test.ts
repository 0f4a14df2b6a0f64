import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { calendarDate, optionalText, text, validate, wholeNumber } from '../../src/domain/validation';

describe('validate', () => {
  it('gives the parsed value when the input is right', () => {
    expect(validate(z.strictObject({ name: text(10, 'validation.fullNameRequired') }), { name: ' Lan ' })).toEqual({
      ok: true,
      value: { name: 'Lan' },
    });
  });

  it('gives each problem as a dotted field path and a message key, never a sentence', () => {
    const schema = z.strictObject({ people: z.array(z.strictObject({ name: text(10, 'validation.fullNameRequired') })) });
    expect(validate(schema, { people: [{ name: 'Lan' }, { name: '' }] })).toEqual({
      ok: false,
      problems: [{ field: 'people.1.name', messageKey: 'validation.fullNameRequired' }],
    });
  });

  it('maps checks without a key of their own to the generic keys', () => {
    const schema = z.strictObject({ alone: z.boolean(), note: z.string().max(3) });
    expect(validate(schema, { note: 'dài quá', extra: 1 })).toEqual({
      ok: false,
      problems: expect.arrayContaining([
        { field: 'alone', messageKey: 'validation.required' },
        { field: 'note', messageKey: 'validation.textTooLong' },
        { field: '', messageKey: 'validation.unknownField' },
      ]),
    });
    expect(validate(schema, { alone: 'có', note: '' })).toEqual({
      ok: false,
      problems: [{ field: 'alone', messageKey: 'validation.invalidValue' }],
    });
  });
});

describe('text helpers', () => {
  it('text trims, then requires and limits with the given keys', () => {
    const name = text(5, 'validation.fullNameRequired');
    expect(name.parse('  Lan  ')).toBe('Lan');
    expect(validate(name, '   ')).toEqual({ ok: false, problems: [{ field: '', messageKey: 'validation.fullNameRequired' }] });
    expect(validate(name, 'Phượng')).toEqual({ ok: false, problems: [{ field: '', messageKey: 'validation.textTooLong' }] });
  });

  it('optionalText keeps null, and stores blank as null', () => {
    const note = optionalText(5);
    expect(note.parse(null)).toBeNull();
    expect(note.parse('')).toBeNull();
    expect(note.parse('  ')).toBeNull();
    expect(note.parse(' Ơn ')).toBe('Ơn');
  });

  it('wholeNumber refuses fractions and out-of-range values with one key', () => {
    const year = wholeNumber(1900, 2100, 'validation.birthYear');
    expect(year.parse(1952)).toBe(1952);
    for (const bad of [1899, 2101, 1952.5, '1952', Number.NaN]) {
      expect(validate(year, bad)).toEqual({ ok: false, problems: [{ field: '', messageKey: 'validation.birthYear' }] });
    }
  });

  it('calendarDate accepts real ISO dates only', () => {
    expect(calendarDate.parse('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '29/02/2024', 20240229]) {
      expect(validate(calendarDate, bad)).toEqual({ ok: false, problems: [{ field: '', messageKey: 'validation.date' }] });
    }
  });
});

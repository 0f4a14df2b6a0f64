import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/domain/collections';
import { validate } from '../../src/domain/validation';
import { validationMessage, validationMessages } from '../../src/domain/validation-messages';
import { clubFields, memberFields, memberRecord } from './fixtures';

const LANGUAGES = ['vi', 'en'] as const;

function hasSentence(key: string, language: 'vi' | 'en'): boolean {
  const short = key.replace(/^validation\./, '');
  const sentence = (validationMessages[language] as Record<string, string>)[short];
  return key.startsWith('validation.') && typeof sentence === 'string' && sentence.trim().length > 0;
}

/** Every message key written in the domain's source, e.g. 'validation.phone'. */
function keysInSource(): string[] {
  const dir = join(import.meta.dirname, '../../src/domain');
  const keys = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/['"`](validation\.[A-Za-z]+)['"`]/g)) {
      keys.add(match[1]!);
    }
  }
  return [...keys];
}

/** Inputs that break each kind of check in both collections, as a form or another phone could send them. */
function badInputs(): [keyof typeof COLLECTIONS, 'fieldsSchema' | 'recordSchema', unknown][] {
  const member = memberFields();
  const clubInput = clubFields();
  const out: [keyof typeof COLLECTIONS, 'fieldsSchema' | 'recordSchema', unknown][] = [];
  const wrongValues: unknown[] = [undefined, null, '', '   ', 'x'.repeat(1001), -1, 1.5, 1e12, 'abc', true, [], {}, ['boss']];
  for (const field of Object.keys(member)) {
    for (const value of wrongValues) out.push(['members', 'fieldsSchema', { ...member, [field]: value }]);
  }
  for (const field of Object.keys(clubInput)) {
    for (const value of wrongValues) out.push(['club', 'fieldsSchema', { ...clubInput, [field]: value }]);
  }
  out.push(['members', 'fieldsSchema', { ...member, extra: 1 }]);
  out.push(['members', 'fieldsSchema', memberFields({ birthDate: '1950-01-01' })]);
  out.push(['members', 'fieldsSchema', memberFields({ poverty: 'poor', povertyYear: null })]);
  out.push(['members', 'fieldsSchema', memberFields({ leftOn: '2000-01-01' })]);
  out.push(['members', 'fieldsSchema', memberFields({ birthYear: 2030 })]);
  out.push(['members', 'fieldsSchema', memberFields({ roles: ['chair', 'chair'] })]);
  for (const field of ['id', 'clubId', 'createdAt', 'updatedAt', 'deleted']) {
    for (const value of [undefined, 'abc', 1]) {
      out.push(['members', 'recordSchema', { ...memberRecord(), [field]: value }]);
    }
  }
  out.push(['members', 'fieldsSchema', 'not an object']);
  out.push(['club', 'recordSchema', null]);
  return out;
}

describe('validation messages', () => {
  it('has the same keys in Vietnamese and English, each a real sentence', () => {
    expect(Object.keys(validationMessages.en).sort()).toEqual(Object.keys(validationMessages.vi).sort());
    for (const language of LANGUAGES) {
      for (const [key, sentence] of Object.entries(validationMessages[language])) {
        expect(sentence.trim().length, `${language}.${key}`).toBeGreaterThan(3);
      }
    }
  });

  it('has a sentence in both languages for every key written in the domain schemas', () => {
    const keys = keysInSource();
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      for (const language of LANGUAGES) expect(hasSentence(key, language), `${language}: ${key}`).toBe(true);
    }
  });

  it('has a sentence in both languages for every key the schemas actually produce, generic ones included', () => {
    const produced = new Set<string>();
    let refused = 0;
    for (const [collection, schema, input] of badInputs()) {
      const result = validate<unknown>(COLLECTIONS[collection][schema], input);
      if (result.ok) continue; // some "wrong" values are fine for some fields ('abc' is a name)
      refused++;
      for (const problem of result.problems) produced.add(problem.messageKey);
    }
    expect(refused).toBeGreaterThan(300);
    // The generic keys come from the error map, not from the schemas' text: they must be there too.
    expect([...produced]).toEqual(
      expect.arrayContaining(['validation.required', 'validation.invalidValue', 'validation.unknownField', 'validation.textTooLong']),
    );
    for (const key of produced) {
      for (const language of LANGUAGES) expect(hasSentence(key, language), `${language}: ${key}`).toBe(true);
    }
  });

  it('gives the sentence for a key in the asked language', () => {
    expect(validationMessage('validation.phone', 'vi')).toBe(validationMessages.vi.phone);
    expect(validationMessage('validation.phone', 'en')).toBe(validationMessages.en.phone);
    expect(validationMessage('validation.phone', 'vi')).not.toBe(validationMessage('validation.phone', 'en'));
  });

  it('falls back to the generic sentence for a key it does not know, never to the raw key', () => {
    expect(validationMessage('validation.somethingNew', 'vi')).toBe(validationMessages.vi.invalidValue);
    expect(validationMessage('validation.somethingNew', 'en')).toBe(validationMessages.en.invalidValue);
    expect(validationMessage('validation.toString', 'en')).toBe(validationMessages.en.invalidValue);
  });
});

import { describe, expect, it } from 'vitest';
import { languageOf, message } from '../../src/server/messages';
import { formatCursor, nextCursor, parseCursor, planPull } from '../../src/server/rules/cursor';

describe('the language of an answer', () => {
  it('follows Accept-Language between vi and en, Vietnamese when neither or none', () => {
    expect(languageOf(undefined)).toBe('vi');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('fr-FR, en;q=0.5, vi;q=0.8')).toBe('vi');
    expect(languageOf('de, fr')).toBe('vi');
    expect(languageOf('en;q=0, vi;q=0.1')).toBe('vi');
    expect(message('validation.phone', 'en')).toBe('A phone number has 10 digits and starts with 0.');
    expect(message('no.such.key', 'vi')).toBe(message('error.invalid', 'vi'));
  });
});

describe('the pull cursor', () => {
  it('reads back what it writes, and refuses anything else', () => {
    for (const cursor of [{ version: 0, copying: false }, { version: 42, copying: false }, { version: 7, copying: true }]) {
      expect(parseCursor(formatCursor(cursor))).toEqual(cursor);
    }
    expect(parseCursor(undefined)).toEqual({ version: 0, copying: false });
    for (const bad of ['-1', '1.5', 'abc', '12:reset', ' 3']) expect(parseCursor(bad)).toBeNull();
  });

  it('resets only a cursor below the purge line, and keeps a copy going until it passes it', () => {
    const club = { version: 20, purgedThrough: 10 };
    expect(planPull({ version: 5, copying: false }, club)).toEqual({ from: 0, reset: true, fullCopy: true });
    expect(planPull({ version: 10, copying: false }, club)).toEqual({ from: 10, reset: false, fullCopy: false });
    expect(planPull({ version: 0, copying: false }, club)).toEqual({ from: 0, reset: false, fullCopy: true });
    expect(planPull({ version: 5, copying: true }, club)).toEqual({ from: 5, reset: false, fullCopy: true });
    expect(nextCursor(5, true, 10)).toBe('5:copy');
    // Ahead of the club (the server was restored from an older backup): start over.
    expect(planPull({ version: 20, copying: false }, club)).toEqual({ from: 20, reset: false, fullCopy: false });
    expect(planPull({ version: 21, copying: false }, club)).toEqual({ from: 0, reset: true, fullCopy: true });
    expect(planPull({ version: 999_999_999_999, copying: true }, club)).toEqual({ from: 0, reset: true, fullCopy: true });
    expect(nextCursor(12, true, 10)).toBe('12');
    expect(nextCursor(5, false, 10)).toBe('5');
  });
});

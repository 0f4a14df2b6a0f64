import { describe, expect, it } from 'vitest';
import { dongSchema, formatDong, formatDongDigits, isDong, parseDong } from '../../src/domain/money';

describe('formatDong', () => {
  it('writes đồng the vi-VN way: dot groups, a no-break space, then ₫', () => {
    expect(formatDong(8_000_000)).toBe('8.000.000\u00a0₫');
    expect(formatDong(100_000_000)).toBe('100.000.000\u00a0₫');
    expect(formatDong(0)).toBe('0\u00a0₫');
  });

  it('never shows a decimal part', () => {
    expect(formatDong(2_500_000_000)).toBe('2.500.000.000\u00a0₫');
  });
});

describe('formatDongDigits', () => {
  it('groups the digits of an amount being typed, without the sign', () => {
    expect(formatDongDigits(8_000_000)).toBe('8.000.000');
    expect(formatDongDigits(500)).toBe('500');
  });
});

describe('parseDong', () => {
  it.each([
    ['8.000.000', 8_000_000],
    ['8000000', 8_000_000],
    ['8 000 000 đ', 8_000_000],
    ['8.000.000 ₫', 8_000_000],
    ['8.000.000\u00a0₫', 8_000_000],
    ['100.000.000 VND', 100_000_000],
    ['  500.000  ', 500_000],
    ['8.000.000Đ', 8_000_000],
    ['₫ 8.000.000', 8_000_000],
    ['0', 0],
  ])('reads %j as %i đồng', (typed, amount) => {
    expect(parseDong(typed)).toBe(amount);
  });

  it('reads back everything formatDong writes', () => {
    for (const amount of [0, 1, 999, 1_000, 8_000_000, 2_500_000_000]) {
      expect(parseDong(formatDong(amount))).toBe(amount);
      expect(parseDong(formatDongDigits(amount))).toBe(amount);
    }
  });

  it.each(['8,5', '8.000.000,50', '-5', '-8.000.000', 'abc', '8 triệu', '1e6', '', '   ', '₫'])(
    'refuses %j rather than guessing',
    (typed) => {
      expect(parseDong(typed)).toBeNull();
    },
  );

  it.each(['1.5', '8.5', '8.000.00', '80.00', '8..000', '.500', '500.', '8 000 000 000 0'])(
    'refuses %j: dots and spaces only separate groups of three digits',
    (typed) => {
      expect(parseDong(typed)).toBeNull();
    },
  );

  it('refuses amounts too large to count exactly', () => {
    expect(parseDong('9.007.199.254.740.991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseDong('9.999.999.999.999.999')).toBeNull();
    expect(parseDong('99999999999999999')).toBeNull();
  });
});

describe('isDong and dongSchema', () => {
  it('accept whole, non-negative đồng', () => {
    expect(isDong(8_000_000)).toBe(true);
    expect(dongSchema.safeParse(0).success).toBe(true);
    expect(dongSchema.safeParse(8_000_000).success).toBe(true);
  });

  it('refuse fractions, negatives, strings and non-numbers with the money message', () => {
    expect(isDong(1.5)).toBe(false);
    expect(isDong('8000000')).toBe(false);
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '8000000', null]) {
      const result = dongSchema.safeParse(bad);
      expect(result.success, `accepted ${String(bad)}`).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual(['validation.money']);
    }
  });
});

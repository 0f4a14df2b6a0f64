import * as z from 'zod/mini';

/** Money is a whole number of đồng. Never a float with decimals, never negative in a record. */
export type Dong = number;

export function isDong(value: unknown): value is Dong {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export const dongSchema = z
  .number({ error: 'validation.money' })
  .check(z.refine((n) => Number.isSafeInteger(n) && n >= 0, { error: 'validation.money' }));

const vndFormat = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const groupedFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** "8.000.000 ₫" — vi-VN puts a no-break space before the sign. */
export function formatDong(amount: Dong): string {
  return vndFormat.format(amount);
}

/** "8.000.000" for an input that is being typed in. */
export function formatDongDigits(amount: Dong): string {
  return groupedFormat.format(amount);
}

/**
 * Reads what a person typed: "8.000.000", "8 000 000 đ", "8000000". Returns null for
 * anything that is not a whole, non-negative number of đồng (a comma or a decimal part
 * is refused rather than guessed at: "8,5" could mean many things).
 */
export function parseDong(text: string): Dong | null {
  const number = text.trim().replace(/^(?:₫|đ|vnd)\s*|\s*(?:₫|đ|vnd)$/giu, '');
  // Dots and spaces count only as thousands separators, between groups of three digits.
  // Stripping them anywhere read "1.5" (one and a half million?) as 15 đồng: a guess.
  if (!/^\d+$/.test(number) && !/^\d{1,3}(?:[.\s]\d{3})+$/.test(number)) return null;
  const digits = number.replace(/[.\s]/g, '');
  if (digits.length > 16) return null;
  const amount = Number(digits);
  return Number.isSafeInteger(amount) ? amount : null;
}

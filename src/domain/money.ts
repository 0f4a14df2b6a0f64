import * as z from 'zod';

/** Money is a whole number of đồng. Never a float with decimals, never negative in a record. */
export type Dong = number;

export function isDong(value: unknown): value is Dong {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export const dongSchema = z
  .number({ error: 'validation.money' })
  .refine((n) => Number.isSafeInteger(n) && n >= 0, { error: 'validation.money' });

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
  const cleaned = text.replace(/[\s.\u00a0₫đ]|vnd|VND/g, '');
  if (!/^\d{1,16}$/.test(cleaned)) return null;
  const amount = Number(cleaned);
  return Number.isSafeInteger(amount) ? amount : null;
}

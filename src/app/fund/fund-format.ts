import { cashMoved, entryAmount, type Entry } from '../../domain/entries';
import { formatDong } from '../../domain/money';

/**
 * How the fund's figures read on screen and in shared texts. A module of its own: the home
 * tile and the receipts use it without loading the fund book's screen.
 */

export function formatPermille(value: number | null): string {
  return value === null ? '—' : `${(value / 10).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
}

/** "+ 746.667 ₫" in, "− 8.000.000 ₫" out; an entry that moves no cash, its amount. */
export function entryMoney(entry: Entry): string {
  const cash = cashMoved(entry);
  if (cash > 0) return `+ ${formatDong(cash)}`;
  if (cash < 0) return `− ${formatDong(-cash)}`;
  return formatDong(entryAmount(entry));
}

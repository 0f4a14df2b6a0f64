/**
 * Calendar dates are 'YYYY-MM-DD' strings (no time zone, no clock). People read and type
 * them as dd/MM/yyyy. Instants (createdAt, updatedAt) are ISO strings.
 */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** '1950-03-05' → '05/03/1950'. */
export function formatDate(date: CalendarDate): string {
  const m = ISO_DATE.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/**
 * Reads dd/MM/yyyy as people type it: "5/3/1950", "05-03-1950", "05.03.1950" or the
 * eight digits "05031950". Returns null when it is not a real date.
 */
export function parseDisplayDate(text: string): CalendarDate | null {
  const trimmed = text.trim();
  let m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(trimmed);
  if (!m) m = /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/** Today's date on this phone's own calendar (not UTC: a meeting at 6 a.m. is that day). */
export function todayOn(now: Date = new Date()): CalendarDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** '2026-11-23T08:05:00.000Z' → '23/11/2026 15:05' in the phone's time zone. */
export function formatDateTime(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const hh = String(at.getHours()).padStart(2, '0');
  const mm = String(at.getMinutes()).padStart(2, '0');
  return `${formatDate(todayOn(at))} ${hh}:${mm}`;
}

/**
 * A recent moment as short as it can be said: "15:05" today, "23/11 15:05" this year,
 * "23/11/2025 15:05" before. For the badge, which must fit on a small screen.
 */
export function formatRecent(instant: string, now: Date = new Date()): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const full = formatDateTime(instant);
  const [date = '', time = ''] = full.split(' ');
  if (todayOn(at) === todayOn(now)) return time;
  if (at.getFullYear() === now.getFullYear()) return `${date.slice(0, 5)} ${time}`;
  return full;
}

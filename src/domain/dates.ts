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

// Dates as whole days since 1970-01-01, by Howard Hinnant's civil-calendar arithmetic:
// `new Date(…).toISOString()` for each of 60,000 dates was most of a stress club's time.
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
export function toDay(date: CalendarDate): number {
  return dayOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}
export function fromDay(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDay(toDay(date) + days);
}

/** Whole days from one date to a later one (0 the same day). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDay(to) - toDay(from);
}

/** The Monday of the week a date is in: the club's week runs Monday to Sunday. */
export function weekStart(date: CalendarDate): CalendarDate {
  const day = toDay(date);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 counts from Monday.
  return fromDay(day - ((((day + 3) % 7) + 7) % 7));
}

/** The last day of a 'YYYY-MM' month. */
export function lastDayOfMonth(month: string): CalendarDate {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return fromDay(dayOf(m === 12 ? year + 1 : year, m === 12 ? 1 : m + 1, 1) - 1);
}

/**
 * The same day `months` later ("due on the 15th of each month"); a month without that day
 * takes its last day (31 January + 1 month is 28 or 29 February).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = Number(lastDayOfMonth(`${year}-${month < 10 ? '0' : ''}${month}`).slice(8, 10));
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

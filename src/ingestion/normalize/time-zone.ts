import { isValidTimeZone, offsetAt, wallClockParts } from '../../infra/time-zone.js';

/**
 * IANA time-zone arithmetic on the platform's `Intl` (ICU tz data that ships with Node): no library needed for the
 * two operations ingestion uses, "this wall-clock time in zone Z as a UTC instant" and "the calendar date of an
 * instant in zone Z".
 */

export { isValidTimeZone };

/**
 * The UTC instant (epoch ms) of a wall-clock time in `timeZone`. A time skipped by a daylight-saving jump resolves
 * to the offset before the jump; a repeated time resolves to its first occurrence.
 * @param month 1..12. @throws RangeError for an unknown zone.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second2 = asUtc - offsetAt(first, timeZone);
  if (first === second2) return first;
  // Around a transition the two guesses differ: take the earlier instant that still shows the asked wall time.
  const candidates = [first, second2].sort((a, b) => a - b);
  for (const c of candidates) if (c + offsetAt(c, timeZone) === asUtc) return c;
  return candidates[1];
}

/** The calendar date ("YYYY-MM-DD") of the instant `ms` in `timeZone`. @throws RangeError for an unknown zone. */
export function calendarDate(ms: number, timeZone: string): string {
  const w = wallClockParts(ms, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** "YYYY-MM-DD" plus `days` (negative to go back), by the proleptic Gregorian calendar. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first day ("YYYY-MM-01") of the month `months` before/after the month of `date`. */
export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

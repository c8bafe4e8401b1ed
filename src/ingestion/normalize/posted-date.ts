import { addDays, addMonths, calendarDate, zonedTimeToUtc } from './time-zone.js';

/** How finely the publication time is known. */
export type PostedPrecision = 'instant' | 'day' | 'month';
/**
 * Where the value came from: `explicit` a date or an instant with its zone (ISO 8601 with "Z"/offset, epoch time,
 * or a calendar date); `relative` text such as "3 days ago" counted from the fetch time; `naive-local` a date-time
 * without a zone, read in the source's time zone (UTC when the source has none).
 */
export type PostedBasis = 'explicit' | 'relative' | 'naive-local';

export interface PostedDate {
  /** The instant, ISO 8601 UTC ("2026-03-07T08:00:00.000Z"), when a time of day is known; else null. */
  postedAt: string | null;
  /** The calendar date "YYYY-MM-DD" when only a date is known (for `month` precision: the month's first day); else null. */
  postedDate: string | null;
  precision: PostedPrecision;
  basis: PostedBasis;
}

export interface PostedDateContext {
  /** When the record was fetched (ISO 8601 or Date); relative text counts from it. Without it relative text gives null. */
  fetchedAt?: string | Date | null;
  /** IANA zone of the source ("America/New_York") for naive date-times and for the day of relative text; default UTC. */
  sourceTimeZone?: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const UNIT_MS = { second: 1_000, minute: 60_000, hour: 3_600_000 } as const;

/**
 * Normalises a posting's publication date as the source gave it.
 *
 * - Epoch seconds or milliseconds (number or numeric text; above 1e11 = ms), ISO 8601 with "Z" or an offset, or a
 *   Date → `instant`, `explicit`.
 * - ISO date-time without a zone ("2026-03-07 09:00", "2026-03-07T09:00:00") → `instant`, `naive-local`, read in
 *   `sourceTimeZone` (UTC when absent).
 * - A date alone ("2026-03-07", "March 7, 2026", "7 Mar 2026") → `day`, `explicit`, postedDate only: a calendar date
 *   stays a calendar date, never shifted by a zone. "2026-03" → `month`.
 * - Relative text, counted from `fetchedAt` → `relative`: "just posted", "just now", "today", "yesterday", "N days
 *   ago", "30+ days ago" (the bound: 30 days before), "N weeks ago" → `day` (the date in the source's zone);
 *   "an hour ago", "N minutes/hours ago" → `instant`; "N months ago" → `month`.
 *
 * @returns null when the value is empty or not understood, or relative without `fetchedAt`.
 * @throws RangeError when `sourceTimeZone` is not an IANA zone name.
 */
export function postedDate(raw: unknown, context: PostedDateContext = {}): PostedDate | null {
  const zone = context.sourceTimeZone || 'UTC';
  if (raw instanceof Date) return Number.isFinite(raw.getTime()) ? instant(raw.getTime(), 'explicit') : null;
  if (typeof raw === 'number') return epoch(raw);
  if (typeof raw !== 'string') return null;
  const s = raw.replace(/\s+/g, ' ').trim();
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return epoch(Number(s));

  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, offset] = iso;
    if (!validDate(+y, +mo, +d)) return null;
    if (h === undefined) return day(`${y}-${mo}-${d}`, 'explicit');
    if (offset) {
      const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
      return Number.isFinite(ms) ? instant(ms, 'explicit') : null;
    }
    return instant(zonedTimeToUtc(+y, +mo, +d, +h, +mi, +(sec ?? 0), zone), 'naive-local');
  }
  const month = /^(\d{4})-(\d{2})$/.exec(s);
  if (month && +month[2] >= 1 && +month[2] <= 12) return { postedAt: null, postedDate: `${month[1]}-${month[2]}-01`, precision: 'month', basis: 'explicit' };
  const written = writtenDate(s);
  if (written) return day(written, 'explicit');
  return relative(s.toLowerCase(), context.fetchedAt, zone);
}

/**
 * The legacy `posted_at`/`posted_precision` pair of a normalised date: the instant, or the calendar date at 00:00 UTC
 * (how `posted_at` has always stored a date without a time), with precision "day" or "month".
 */
export function legacyPostedAt(d: PostedDate | null): { postedAt: string | null; postedPrecision: 'day' | 'month' | null } {
  if (!d) return { postedAt: null, postedPrecision: null };
  const postedAt = d.postedAt ?? (d.postedDate ? `${d.postedDate}T00:00:00.000Z` : null);
  return { postedAt, postedPrecision: postedAt ? (d.precision === 'month' ? 'month' : 'day') : null };
}

function epoch(n: number): PostedDate | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  return instant(n > 1e11 ? n : n * 1000, 'explicit');
}

function instant(ms: number, basis: PostedBasis): PostedDate | null {
  if (!Number.isFinite(ms)) return null;
  return { postedAt: new Date(ms).toISOString(), postedDate: null, precision: 'instant', basis };
}

function day(date: string, basis: PostedBasis): PostedDate {
  return { postedAt: null, postedDate: date, precision: 'day', basis };
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** "March 7, 2026", "Mar 7 2026", "7 March 2026", "7 Mar, 2026" → "2026-03-07"; null otherwise. */
function writtenDate(s: string): string | null {
  const m = /^([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i.exec(s) ?? null;
  const n = m ? null : /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]{3,9})\.?,? (\d{4})$/i.exec(s);
  const parts = m ? { name: m[1], d: m[2], y: m[3] } : n ? { name: n[2], d: n[1], y: n[3] } : null;
  if (!parts) return null;
  const mo = MONTHS.indexOf(parts.name.slice(0, 3).toLowerCase()) + 1;
  if (mo === 0 || !validDate(+parts.y, mo, +parts.d)) return null;
  return `${parts.y}-${String(mo).padStart(2, '0')}-${parts.d.padStart(2, '0')}`;
}

function relative(s: string, fetchedAt: string | Date | null | undefined, zone: string): PostedDate | null {
  if (!fetchedAt) return null;
  const now = fetchedAt instanceof Date ? fetchedAt.getTime() : Date.parse(fetchedAt);
  if (!Number.isFinite(now)) return null;
  const text = s.replace(/^(posted|active|reposted)\s+/, '');
  const today = calendarDate(now, zone);
  if (/^(just posted|just now|new|today|few seconds ago|moments? ago)$/.test(text)) return day(today, 'relative');
  if (text === 'yesterday') return day(addDays(today, -1), 'relative');
  const m = /^(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\+? (second|minute|min|hour|hr|day|week|month)s? ago$/.exec(text);
  if (!m) return null;
  const count = NUMBER_WORDS[m[1]] ?? Number(m[1]);
  const unit = m[2] === 'min' ? 'minute' : m[2] === 'hr' ? 'hour' : m[2];
  if (unit === 'second' || unit === 'minute' || unit === 'hour') {
    return instant(now - count * UNIT_MS[unit as keyof typeof UNIT_MS], 'relative');
  }
  if (unit === 'month') return { postedAt: null, postedDate: addMonths(today, -count), precision: 'month', basis: 'relative' };
  return day(addDays(today, -(unit === 'week' ? count * 7 : count)), 'relative');
}

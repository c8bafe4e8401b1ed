/**
 * Calendar arithmetic for trend buckets, in any IANA time zone, with `Intl` only (Node's bundled ICU time-zone data).
 *
 * Dates are ISO calendar dates `YYYY-MM-DD` (local, in the report's time zone); instants are UTC epoch milliseconds.
 * Weeks are ISO 8601 weeks: they start on Monday and are named `YYYY-Www` after the ISO week-numbering year.
 * Months are named `YYYY-MM`.
 */

import { isValidTimeZone, offsetAt, wallClockMs } from '../infra/time-zone.js';

export type Interval = 'week' | 'month';

/** One bucket of a series: its name, local calendar dates (end exclusive) and the UTC instants they begin and end at. */
export interface Bucket {
  /** `2024-W13` (ISO week) or `2024-03`. */
  key: string;
  /** First local date of the bucket (a Monday for weeks, the 1st for months). */
  start: string;
  /** First local date after the bucket (exclusive). */
  end: string;
  /** UTC instant (epoch ms) of the first moment of `start` in the time zone. */
  startUtc: number;
  /** UTC instant (epoch ms) of the first moment of `end` in the time zone. */
  endUtc: number;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export { isValidTimeZone, offsetAt };

/** The local calendar date of `instant` in `timeZone`. */
export function localDate(instant: number, timeZone: string): string {
  return formatDate(wallClockMs(instant, timeZone));
}

/**
 * The UTC instant at which local date `date` begins in `timeZone`: its midnight, or, where midnight is skipped by a
 * daylight-saving change, the transition (the first instant of the day). Where midnight happens twice, the first.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const wall = parseDate(date);
  const candidates = [...new Set([offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)])].map((o) => wall - o);
  const exact = candidates.filter((t) => wallClockMs(t, timeZone) === wall).sort((a, b) => a - b);
  if (exact.length > 0) return exact[0];
  // Midnight does not exist: the day begins when the clocks jump, i.e. midnight read with the offset before the jump.
  return wall - offsetAt(wall - DAY_MS, timeZone);
}

/** Epoch ms of a date at 00:00 UTC; throws `RangeError` for anything but a real `YYYY-MM-DD` date. */
export function parseDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDate(ms) !== date) throw new RangeError(`no such date: ${date}`);
  return ms;
}

export function isValidDate(date: string): boolean {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(parseDate(date));
  return formatDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

/** The Monday on or before `date`. */
export function mondayOf(date: string): string {
  const weekday = (new Date(parseDate(date)).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return addDays(date, -weekday);
}

/** ISO 8601 week name of a date, e.g. `2024-03-31` → `2024-W13`, `2021-01-01` → `2020-W53`. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(mondayOf(date), 3); // the ISO year is the year of the week's Thursday
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((parseDate(thursday) - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** First date of a bucket containing `date`. */
export function bucketStart(date: string, interval: Interval): string {
  return interval === 'week' ? mondayOf(date) : `${date.slice(0, 7)}-01`;
}

function bucketKey(start: string, interval: Interval): string {
  return interval === 'week' ? isoWeekKey(start) : start.slice(0, 7);
}

function nextStart(start: string, interval: Interval): string {
  return interval === 'week' ? addDays(start, 7) : addMonths(start, 1);
}

/** The bucket that holds `instant` in `timeZone` (e.g. 2024-04-01T03:30Z in America/New_York → week `2024-W13`, from 2024-03-25). */
export function bucketOfInstant(instant: number, interval: Interval, timeZone: string): Bucket {
  return makeBucket(bucketStart(localDate(instant, timeZone), interval), interval, timeZone);
}

function makeBucket(start: string, interval: Interval, timeZone: string): Bucket {
  const end = nextStart(start, interval);
  return { key: bucketKey(start, interval), start, end, startUtc: startOfLocalDay(start, timeZone), endUtc: startOfLocalDay(end, timeZone) };
}

/**
 * Every bucket that holds a day of `from`..`to` (local dates, both inclusive), oldest first, whole buckets only:
 * the first week starts on the Monday on or before `from`. Throws `RangeError` when `from` is after `to`.
 */
export function bucketsBetween(from: string, to: string, interval: Interval, timeZone: string): Bucket[] {
  if (parseDate(from) > parseDate(to)) throw new RangeError(`from (${from}) is after to (${to})`);
  const buckets: Bucket[] = [];
  for (let start = bucketStart(from, interval); start <= to; start = nextStart(start, interval)) buckets.push(makeBucket(start, interval, timeZone));
  return buckets;
}

/** Number of buckets `bucketsBetween` would return, without building them (to refuse over-long requests cheaply). */
export function countBuckets(from: string, to: string, interval: Interval): number {
  const a = parseDate(bucketStart(from, interval));
  const b = parseDate(to);
  if (interval === 'week') return Math.max(0, Math.floor((b - a) / (7 * DAY_MS)) + 1);
  const [ay, am] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [by, bm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  return Math.max(0, (by - ay) * 12 + (bm - am) + 1);
}

const PERIOD_RE = /^(\d{4})-(?:W(\d{2})|(\d{2}))$/;

/**
 * A period named `2024-W14` (ISO week) or `2024-03` (month) as a bucket in `timeZone`, with the period before it
 * (the previous ISO week, or the previous calendar month). Returns null for a malformed or impossible name
 * (`2024-W54`, `2024-13`; `2020-W53` exists, `2021-W53` does not).
 */
export function parsePeriod(period: string, timeZone: string): { interval: Interval; current: Bucket; previous: Bucket } | null {
  const m = PERIOD_RE.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  let interval: Interval;
  let start: string;
  if (m[2] !== undefined) {
    interval = 'week';
    const week = Number(m[2]);
    const week1Monday = mondayOf(`${m[1]}-01-04`); // ISO week 1 holds 4 January
    start = addDays(week1Monday, (week - 1) * 7);
    if (week < 1 || isoWeekKey(start) !== period) return null;
  } else {
    interval = 'month';
    const month = Number(m[3]);
    if (month < 1 || month > 12 || year < 1) return null;
    start = `${m[1]}-${m[3]}-01`;
  }
  const previousStart = interval === 'week' ? addDays(start, -7) : addMonths(start, -1);
  return { interval, current: makeBucket(start, interval, timeZone), previous: makeBucket(previousStart, interval, timeZone) };
}

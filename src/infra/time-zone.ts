/**
 * IANA time-zone primitives on the platform's `Intl` (the ICU tz data that ships with Node), shared by trend buckets
 * (src/trends/time-buckets.ts) and posting dates (src/ingestion/normalize/time-zone.ts). Times are epoch milliseconds.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter giving every wall-clock field of an instant in `timeZone`. @throws RangeError for an unknown zone. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA time-zone name (or alias such as `UTC`) known to the runtime. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock fields of the instant `ms` in `timeZone`, to the second. @throws RangeError for an unknown zone. */
export function wallClockParts(ms: number, timeZone: string): WallClock {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** The wall-clock time of the instant `ms` in `timeZone`, read as if it were UTC (epoch ms, to the second). */
export function wallClockMs(ms: number, timeZone: string): number {
  const w = wallClockParts(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of `timeZone` from UTC at the instant `ms`, in milliseconds (New York in summer: -14,400,000). */
export function offsetAt(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - Math.floor(ms / 1000) * 1000;
}

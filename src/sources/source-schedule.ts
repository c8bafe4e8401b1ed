import { CronExpressionParser } from 'cron-parser';
import { isValidTimeZone } from '../infra/time-zone.js';

/**
 * Schedules of configured sources: cron expressions read in an IANA time zone, parsed with `cron-parser` (the parser
 * BullMQ's job schedulers use, so what we validate and show is what BullMQ will run). Pure functions.
 *
 * Cron: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first; `*`, lists, ranges, steps and
 * names (MON, JAN) as cron-parser reads them.
 */

/** Why a time zone is not an IANA zone BullMQ can use (null when it is), e.g. "Mars/Olympus". */
export function timezoneProblem(timezone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timezone)) return 'must be an IANA time zone such as "Europe/Berlin" or "UTC"';
  if (isValidTimeZone(timezone)) return null;
  return `"${timezone}" is not an IANA time zone (e.g. "Europe/Berlin", "America/New_York", "UTC")`;
}

/** Why a cron expression cannot be used (null when it can), e.g. "61 * * * *": "Constraint error, got value 61…". */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return 'must have 5 fields (minute hour day month weekday) or 6 with seconds first';
  try {
    CronExpressionParser.parse(cron, { tz: 'UTC', strict: false }).next();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The first instant after `from` at which `cron` fires in `timezone` (a UTC `Date`). E.g. `0 9 * * *` in
 * Europe/Berlin → 08:00Z in winter (CET) and 07:00Z in summer (CEST). Throws when the cron or zone is invalid.
 */
export function nextRunAt(cron: string, timezone: string, from: Date = new Date()): Date {
  return CronExpressionParser.parse(cron, { tz: timezone, currentDate: from }).next().toDate();
}

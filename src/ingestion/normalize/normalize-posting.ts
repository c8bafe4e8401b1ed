import type { NormalizedPosting } from '../posting.types.js';
import { legacyPostedAt, postedDate, type PostedDate } from './posted-date.js';
import { salary } from './salary.js';
import { workMode } from './work-mode.js';

/**
 * Fills a posting's normalised fields from what it carries, beside the raw values (which stay as they are):
 *
 * - date: `postedText` read with `fetchedAt` and `sourceTimeZone` (see {@link postedDate}) when given, else the
 *   already-normalised date (`postedBasis` set), else `postedAt`/`postedPrecision` (00:00 UTC with precision "day"
 *   is a calendar date, as `posted_at` has always stored one); `postedAt`/`postedPrecision` follow the result.
 * - salary: bounds, currency, period, annual bounds and the implausibility flag (see {@link salary}).
 * - work mode: from the title, location text, workplace-type text and description, and `location.remote` as the
 *   flag (see {@link workMode}); `location.remote` is then set to agree: true only for remote.
 *
 * Pure and idempotent: normalising a normalised posting gives it back unchanged.
 * @throws RangeError when `sourceTimeZone` is not an IANA zone name.
 */
export function normalizePosting(p: NormalizedPosting): NormalizedPosting {
  const date = normalizedDate(p);
  const legacy = legacyPostedAt(date);
  const pay = salary(p.salary);
  const mode = workMode(
    { short: [p.title, p.location.raw, p.workModeText, p.workMode], description: p.descriptionText },
    { remote: p.location.remote },
  );
  return {
    ...p,
    postedAt: legacy.postedAt,
    postedPrecision: legacy.postedPrecision,
    postedDate: date?.postedDate ?? null,
    postedBasis: date?.basis ?? null,
    salary: pay,
    workMode: mode,
    location: { ...p.location, remote: mode === null ? null : mode === 'remote' },
  };
}

function normalizedDate(p: NormalizedPosting): PostedDate | null {
  if (p.postedText) {
    const fromText = postedDate(p.postedText, { fetchedAt: p.fetchedAt, sourceTimeZone: p.sourceTimeZone });
    if (fromText) return fromText;
  }
  if (p.postedBasis && (p.postedAt || p.postedDate)) {
    const dateOnly = p.postedDate ?? null;
    return { postedAt: dateOnly ? null : p.postedAt, postedDate: dateOnly, precision: precisionOf(p, dateOnly), basis: p.postedBasis };
  }
  if (!p.postedAt) return null;
  if (p.postedPrecision === 'month') return { postedAt: null, postedDate: `${p.postedAt.slice(0, 7)}-01`, precision: 'month', basis: 'explicit' };
  if (p.postedAt.endsWith('T00:00:00.000Z')) return { postedAt: null, postedDate: p.postedAt.slice(0, 10), precision: 'day', basis: 'explicit' };
  return { postedAt: p.postedAt, postedDate: null, precision: 'instant', basis: 'explicit' };
}

function precisionOf(p: NormalizedPosting, dateOnly: string | null): PostedDate['precision'] {
  if (!dateOnly) return 'instant';
  return p.postedPrecision === 'month' ? 'month' : 'day';
}

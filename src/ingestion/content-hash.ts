import { hash } from 'node:crypto';
import type { NormalizedPosting } from './posting.types.js';

/**
 * SHA-256 (hex) over the fields that change what a posting says: title, company, location, date, url, text.
 * Two arrivals of the same posting with the same content hash are "unchanged"; extraction reruns when it changes.
 */
export function contentHash(p: NormalizedPosting): string {
  const parts = [p.title, p.company, p.location.raw, p.postedAt, p.url, p.descriptionText, p.employmentType, p.language];
  // One-shot crypto.hash: the same digest as createHash().update().digest(), without a Hash object per posting.
  return hash('sha256', JSON.stringify(parts), 'hex');
}

/**
 * Merges a newly read posting over what is stored for the same (source, external id): a field the new record
 * lacks keeps its stored value, so a title-only copy (e.g. the flattened Greenhouse CSV) never erases the
 * description that a fuller copy of the same job (a board file with `content`) brought.
 */
export function mergePosting(stored: NormalizedPosting | null, incoming: NormalizedPosting): NormalizedPosting {
  if (!stored) return incoming;
  const pick = <T>(a: T | null, b: T | null): T | null => (a === null || a === undefined || a === '' ? b : a);
  const incomingDated = Boolean(incoming.postedAt || incoming.postedText);
  return {
    ...incoming,
    company: pick(incoming.company, stored.company),
    location: incoming.location.raw || incoming.location.countryCode ? incoming.location : stored.location,
    postedAt: pick(incoming.postedAt, stored.postedAt),
    postedPrecision: incoming.postedAt ? incoming.postedPrecision : stored.postedPrecision,
    // The stored normalised date (e.g. from relative text read at an earlier fetch) stays with the stored date.
    postedDate: incomingDated ? incoming.postedDate : stored.postedDate,
    postedBasis: incomingDated ? incoming.postedBasis : stored.postedBasis,
    raw: incoming.raw ?? stored.raw,
    rawFormat: incoming.raw === undefined ? stored.rawFormat : incoming.rawFormat,
    fetchedAt: incoming.fetchedAt ?? stored.fetchedAt,
    url: pick(incoming.url, stored.url),
    descriptionText: pick(incoming.descriptionText, stored.descriptionText),
    language: pick(incoming.language, stored.language),
    employmentType: pick(incoming.employmentType, stored.employmentType),
    salary: incoming.salary ?? stored.salary,
    sourceUpdatedAt: maxIso(incoming.sourceUpdatedAt ?? null, stored.sourceUpdatedAt ?? null),
  };
}

/** The later of two ISO 8601 UTC instants (string order is time order for that format); null when both are. */
function maxIso(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

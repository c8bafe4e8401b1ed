import type { PostedBasis } from './normalize/posted-date.js';
import type { WorkMode } from './normalize/work-mode.js';

/**
 * A job posting as every file format is normalised to it before storage.
 * Field names follow schema.org JobPosting where one exists (title, datePosted, hiringOrganization, jobLocation).
 */
export interface PostingLocation {
  /** The location exactly as the source gave it (free text), or null when the source has none. */
  raw: string | null;
  city: string | null;
  /** Region (state, province, Land) name as written, e.g. "New York". */
  region: string | null;
  /** ISO 3166-2 subdivision code where derivable, e.g. "US-NY", "CA-ON", "DE-BE". */
  regionCode: string | null;
  /** ISO 3166-1 alpha-2 country code, e.g. "US", "DE". */
  countryCode: string | null;
  /**
   * As a format reads it: true when the posting says remote, false when it says on-site, null when unknown. Once
   * normalised (normalizePosting, as stored): true only when `workMode` is "remote" (false for onsite and hybrid).
   */
  remote: boolean | null;
}

export interface PostingSalary {
  min: number | null;
  max: number | null;
  /** ISO 4217 code, e.g. "USD". */
  currency: string | null;
  /** "hour" | "day" | "week" | "month" | "year", or null when unknown. */
  period: string | null;
  /** The salary text as the source gave it, when it was free text. */
  raw: string | null;
  /** min a year (hour × 2,080, day × 260, week × 52, month × 12); null when the period is unknown or the figure flagged. Set by normalizePosting. */
  annualMin?: number | null;
  annualMax?: number | null;
  /** Why the figure is implausible and was not annualised ("implausible: 5000 per hour"), else null. Set by normalizePosting. */
  flagged?: string | null;
}

export interface NormalizedPosting {
  /** Origin system and board, never the file: "greenhouse:airbnb", "remoteok", "hn:whoishiring", "linkedin", ... */
  sourceKey: string;
  /** The origin system alone: "greenhouse", "remoteok", "remotive", "arbeitnow", "usajobs", "linkedin", "hn", "chronicle", "jsonld", "generic". */
  sourceKind: string;
  /** The origin system's own id for the posting (stable across files and re-fetches). */
  externalId: string;
  title: string;
  company: string | null;
  location: PostingLocation;
  /** Publication instant, ISO 8601 in UTC ("2026-03-07T12:00:00.000Z"), or null when unknown. */
  postedAt: string | null;
  /** "day" when the source gives a day or finer; "month" when it gives only the month (2017 HN files). */
  postedPrecision: 'day' | 'month' | null;
  url: string | null;
  /** Clean plain text (HTML converted, entities decoded, mojibake repaired, list items on their own lines), or null for title-only postings. */
  descriptionText: string | null;
  /** ISO 639-1 code of the description (or title when there is no description), null when undetectable. */
  language: string | null;
  /** e.g. "full-time", "part-time", "contract", "internship", "temporary", or null. */
  employmentType: string | null;
  salary: PostingSalary | null;
  /**
   * When the source last changed the posting (ISO 8601 UTC), where it says (Greenhouse `updated_at`). Of two copies
   * of the same posting, the one the source changed later wins; absent on most formats.
   */
  sourceUpdatedAt?: string | null;
  /**
   * The source's record exactly as received (parsed JSON object, or the CSV row as an object, or the HTML/XML item as
   * a string), kept so a better parser can re-derive every field without refetching. Absent for postings built in code.
   */
  raw?: unknown;
  /** When the record was fetched or read (ISO 8601 UTC); relative dates ("3 days ago") count from it. */
  fetchedAt?: string | null;
  /**
   * How `raw` is read again (src/ingestion/normalize/rederive.ts): a posting-file FormatId ("remoteok", "hn-2017"…)
   * or a connector kind. Set by parsePostingFile for files; absent when there is no raw record.
   */
  rawFormat?: string | null;
  /**
   * The publication date as the source wrote it, when it needs reading with context: relative text ("3 days ago",
   * from `fetchedAt`) or a date-time without a zone (in `sourceTimeZone`). When set it decides `postedAt`.
   */
  postedText?: string | null;
  /** IANA time zone of the source ("America/New_York") for naive date-times; UTC when absent. */
  sourceTimeZone?: string | null;
  /** A workplace-type field as the source gave it (Greenhouse "Workplace Type", Lever `workplaceType`): "Hybrid", "Remote". */
  workModeText?: string | null;
  /** Set by normalizePosting: onsite, hybrid or remote, null when nothing says (`location.remote` agrees with it). */
  workMode?: WorkMode | null;
  /** Set by normalizePosting: "YYYY-MM-DD" when only a date (or, with precision "month", a month) is known, else null. */
  postedDate?: string | null;
  /** Set by normalizePosting: how the date was given (explicit, relative to the fetch, naive local time). */
  postedBasis?: PostedBasis | null;
}

/** One record read from a source file: a posting, a record rejected with its reason, or one skipped on purpose. */
export type ParsedRecord =
  | { kind: 'posting'; index: number; posting: NormalizedPosting }
  | { kind: 'rejected'; index: number; reason: string; excerpt: string }
  | { kind: 'skipped'; index: number; reason: string };

import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { parse as parseCsvSync } from 'csv-parse/sync';
import type { NormalizedPosting, ParsedRecord, PostingLocation, PostingSalary } from '../posting.types.js';
import { detectLanguage, normalizeLanguageTag } from '../text/language.js';
import { parseLocation } from '../text/location.js';

/** Fields a format supplies; `buildPosting` fills language and trims. */
export interface PostingInput {
  sourceKey: string;
  sourceKind: string;
  externalId: string;
  title: string;
  company?: string | null;
  location?: PostingLocation;
  postedAt?: string | null;
  postedPrecision?: 'day' | 'month' | null;
  url?: string | null;
  descriptionText?: string | null;
  /** The source's own language tag, used when detection gives nothing. */
  languageHint?: string | null;
  employmentType?: string | null;
  salary?: PostingSalary | null;
  sourceUpdatedAt?: string | null;
  /** The date as written when it needs context to read (relative text, naive date-time); see NormalizedPosting.postedText. */
  postedText?: string | null;
  sourceTimeZone?: string | null;
  /** A workplace-type field as the source gave it ("Hybrid", "Remote", "On-site"). */
  workModeText?: string | null;
}

/** Builds the normalised posting: trims strings, empty → null, language = detected ?? source tag. */
export function buildPosting(input: PostingInput): NormalizedPosting {
  const descriptionText = blankToNull(input.descriptionText);
  const title = input.title.replace(/\s+/g, ' ').trim();
  const postedAt = input.postedAt ?? null;
  return {
    sourceKey: input.sourceKey,
    sourceKind: input.sourceKind,
    externalId: input.externalId,
    title,
    company: blankToNull(input.company?.replace(/\s+/g, ' ')),
    location: input.location ?? parseLocation(null),
    postedAt,
    postedPrecision: postedAt ? (input.postedPrecision ?? 'day') : null,
    url: blankToNull(input.url),
    descriptionText,
    language: detectLanguage(descriptionText ?? title) ?? normalizeLanguageTag(input.languageHint),
    employmentType: input.employmentType ?? null,
    salary: input.salary ?? null,
    sourceUpdatedAt: input.sourceUpdatedAt ?? null,
    ...(input.postedText ? { postedText: input.postedText } : {}),
    ...(input.sourceTimeZone ? { sourceTimeZone: input.sourceTimeZone } : {}),
    ...(input.workModeText ? { workModeText: input.workModeText } : {}),
  };
}

export function blankToNull(s: string | null | undefined): string | null {
  const t = typeof s === 'string' ? s.trim() : '';
  return t === '' ? null : t;
}

/**
 * A posting record carrying `raw` (the source's record exactly as read: object, CSV row object or HTML string) as its
 * raw payload, or a rejection when the id or title is missing (the usual reasons a record cannot be used).
 */
export function postingOrReject(index: number, raw: unknown, input: PostingInput): ParsedRecord {
  if (!input.externalId || !String(input.externalId).trim()) return reject(index, 'missing id', raw);
  if (!input.title || !input.title.trim()) return reject(index, 'missing title', raw);
  const posting = buildPosting(input);
  posting.raw = raw;
  return { kind: 'posting', index, posting };
}

/** A rejection with a short excerpt of the record (first 200 characters of its JSON). */
export function reject(index: number, reason: string, raw: unknown): ParsedRecord {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw);
  return { kind: 'rejected', index, reason, excerpt: text.slice(0, 200) };
}

/**
 * Instant as ISO 8601 UTC ("2026-03-07T12:00:00.000Z").
 * Accepts ISO text with or without zone (no zone = UTC, as Remotive's `publication_date`), "YYYY-MM-DD" (midnight
 * UTC), epoch seconds or milliseconds as number or numeric text (LinkedIn writes "1713397508000.0"; values above
 * 1e11 are taken as milliseconds). Returns null for empty or unparsable input.
 */
export function toIsoUtc(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))) {
    const n = Number(value);
    ms = n > 1e11 ? n : n * 1000;
  } else if (typeof value === 'string') {
    const s = value.trim();
    const zoned = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(s) ? `${s}Z` : /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
    ms = Date.parse(zoned);
  } else {
    return null;
  }
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const EMPLOYMENT_TYPES: Array<[RegExp, string]> = [
  [/intern|praktikum|werkstudent|working student/i, 'internship'],
  [/part[\s_-]?time|teilzeit/i, 'part-time'],
  [/contract|freelance|1099|contractor/i, 'contract'],
  [/temp(orary)?\b|befristet/i, 'temporary'],
  [/full[\s_-]?time|vollzeit|permanent|regular/i, 'full-time'],
  [/volunteer/i, 'volunteer'],
];

/** Maps a source's employment-type wording ("FULL_TIME", "Full-time", "part_time", "Contract") to our vocabulary, or null. */
export function normalizeEmploymentType(value: string | null | undefined): string | null {
  if (!value) return null;
  for (const [pattern, type] of EMPLOYMENT_TYPES) if (pattern.test(value)) return type;
  return null;
}

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };

/**
 * Parses free-text pay such as "$80k - $100k", "$18 - $22/hr", "$45,000 - $50,000", "OTE $25k - $35k".
 * Numbers with "k" are thousands; "/hr", "/hour", "per hour" → period "hour", else "year" when any bound ≥ 1,000.
 * Returns null for empty text; min/max stay null when no number is found (raw is always kept).
 */
export function parseSalaryText(raw: string | null | undefined): PostingSalary | null {
  const text = blankToNull(raw);
  if (!text) return null;
  const numbers = [...text.matchAll(/(\d+(?:[.,]\d+)*)\s*(k)?\b/gi)]
    .map((m) => {
      let n = Number(m[1].replace(/,(\d{3})/g, '$1').replace(',', '.'));
      if (m[2]) n *= 1000;
      return n;
    })
    .filter((n) => Number.isFinite(n) && n > 0);
  const symbol = /[$€£¥₹]/.exec(text)?.[0];
  const currency = symbol ? CURRENCY_SYMBOLS[symbol] : (/\b(USD|EUR|GBP|CAD|AUD)\b/.exec(text)?.[1] ?? null);
  const period = /\/\s*h(ou)?r|per hour|hourly/i.test(text)
    ? 'hour'
    : /per month|\/\s*mo(nth)?|monthly/i.test(text)
      ? 'month'
      : numbers.some((n) => n >= 1000) ? 'year' : null;
  return { min: numbers[0] ?? null, max: numbers[1] ?? numbers[0] ?? null, currency, period, raw: text };
}

/** Salary from numeric bounds; null when both are absent or zero (Remote OK writes 0 for "not given"). */
export function numericSalary(min: unknown, max: unknown, currency: string | null, period: string | null): PostingSalary | null {
  const lo = Number(min) || null;
  const hi = Number(max) || null;
  if (lo === null && hi === null) return null;
  return { min: lo, max: hi, currency, period, raw: null };
}

/** Parses JSON text; throws an Error naming the file when it is not valid JSON. */
export function parseJsonFile(text: string, filePath: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`${basename(filePath)}: invalid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Parses CSV text with a header row into objects keyed by column name; throws an Error naming the file on malformed CSV. */
export function parseCsvFile(text: string, filePath: string, delimiter = ','): Array<Record<string, string>> {
  let rows: string[][];
  try {
    rows = parseCsvSync(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new Error(`${basename(filePath)}: malformed CSV (${(error as Error).message})`, { cause: error });
  }
  // Rows are keyed by the header here rather than by csv-parse's `columns: true` (a third of its time on the 40k-row
  // Greenhouse CSV), with the same result: a short row has only its cells' keys, cells past the header are dropped,
  // and of two columns with one name the later cell wins.
  const header = rows[0] ?? [];
  const records = new Array<Record<string, string>>(Math.max(0, rows.length - 1));
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const record: Record<string, string> = {};
    for (let i = 0, n = Math.min(header.length, row.length); i < n; i++) record[header[i]] = row[i];
    records[r - 1] = record;
  }
  return records;
}

/** Stable short id from content: first 16 hex digits of SHA-256. */
export function contentId(value: unknown): string {
  return createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex').slice(0, 16);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** String value of a field (numbers converted), or null. */
export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

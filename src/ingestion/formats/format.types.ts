import { z } from 'zod';
import type { ParsedRecord } from '../posting.types.js';

/** Every posting-file format the ingestion understands (SOURCES.md §3 names the real files of each). */
export type FormatId =
  | 'remoteok'
  | 'remotive'
  | 'arbeitnow'
  | 'usajobs'
  | 'greenhouse-board'
  | 'greenhouse-csv'
  | 'linkedin-csv'
  | 'hn-2026'
  | 'hn-2017'
  | 'chronicle-csv'
  | 'jsonld'
  | 'generic';

export const FORMAT_IDS: readonly FormatId[] = [
  'remoteok', 'remotive', 'arbeitnow', 'usajobs', 'greenhouse-board', 'greenhouse-csv', 'linkedin-csv',
  'hn-2026', 'hn-2017', 'chronicle-csv', 'jsonld', 'generic',
];

/**
 * Column mapping for generic CSV / JSON / JSONL files (CLI `--mapping FILE`). The mapping file is JSON of this shape:
 *
 * ```json
 * {
 *   "sourceKey": "acme-careers",          // required, fixed for every record of the file
 *   "externalId": "id",                   // required: column (CSV) or field path (JSON, dots for nesting: "job.id")
 *   "title": "job_title",                 // required
 *   "company": "employer.name",           // optional, like every field below
 *   "location": "city",
 *   "postedAt": "created",                // ISO 8601 text, "YYYY-MM-DD", or epoch seconds / milliseconds
 *   "url": "link",
 *   "description": "body_text",           // plain text
 *   "descriptionHtml": "body_html",       // HTML, converted with htmlToText; used when `description` is empty
 *   "recordsPath": "data.items",          // JSON only: path to the array of records (default: the top-level array)
 *   "delimiter": ";"                      // CSV only (default ",")
 * }
 * ```
 */
const field = z.string().trim().min(1);

/** The mapping file's schema: unknown keys are refused so a typo ("descripton") is an error, not a silent null. */
export const COLUMN_MAPPING = z.strictObject({
  sourceKey: z.string().regex(/^[a-z0-9][a-z0-9:._-]*$/, 'lower-case letters, digits and ":._-", e.g. "acme-careers"'),
  externalId: field,
  title: field,
  company: field.optional(),
  location: field.optional(),
  postedAt: field.optional(),
  url: field.optional(),
  description: field.optional(),
  descriptionHtml: field.optional(),
  recordsPath: field.optional(),
  delimiter: z.string().length(1).optional(),
});

/** Validates a parsed mapping file; throws an Error naming every bad key. */
export function parseColumnMapping(value: unknown, source = 'mapping'): ColumnMapping {
  const result = COLUMN_MAPPING.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`${source}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}

export interface ColumnMapping {
  sourceKey: string;
  externalId: string;
  title: string;
  company?: string;
  location?: string;
  postedAt?: string;
  url?: string;
  description?: string;
  descriptionHtml?: string;
  recordsPath?: string;
  delimiter?: string;
}

export interface ParseOptions {
  format?: FormatId;
  mapping?: ColumnMapping;
}

/** What a format module provides: parse the whole file text into records (never throws per record). */
export type FormatParser = (text: string, filePath: string, options: ParseOptions) => Iterable<ParsedRecord>;

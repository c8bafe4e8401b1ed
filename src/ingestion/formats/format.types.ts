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

import { open, readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ParsedRecord } from '../posting.types.js';
import { parseArbeitnow } from './arbeitnow.js';
import { parseChronicleCsv } from './chronicle.js';
import { FORMAT_IDS, type ColumnMapping, type FormatId, type FormatParser, type ParseOptions } from './format.types.js';
import { parseGeneric } from './generic.js';
import { parseGreenhouseBoard, parseGreenhouseCsv } from './greenhouse.js';
import { parseHn2017, parseHn2026 } from './hn.js';
import { parseJsonLd } from './jsonld.js';
import { parseLinkedinCsv } from './linkedin.js';
import { parseRemoteOk } from './remoteok.js';
import { parseRemotive } from './remotive.js';
import { parseUsajobs } from './usajobs.js';

export type { ColumnMapping, FormatId, ParseOptions } from './format.types.js';
export { FORMAT_IDS } from './format.types.js';

const PARSERS: Record<FormatId, FormatParser> = {
  remoteok: parseRemoteOk,
  remotive: parseRemotive,
  arbeitnow: parseArbeitnow,
  usajobs: parseUsajobs,
  'greenhouse-board': parseGreenhouseBoard,
  'greenhouse-csv': parseGreenhouseCsv,
  'linkedin-csv': parseLinkedinCsv,
  'hn-2026': parseHn2026,
  'hn-2017': parseHn2017,
  'chronicle-csv': parseChronicleCsv,
  jsonld: parseJsonLd,
  generic: parseGeneric,
};

/** How many bytes of a file {@link detectFormat} looks at. */
export const HEAD_BYTES = 64 * 1024;
const DATA_EXTENSIONS = new Set(['.json', '.jsonld', '.csv', '.tsv', '.jsonl', '.ndjson']);

/**
 * Recognises a posting file from its name and first bytes (markers listed per format below; SOURCES.md §3).
 * @param filePath used for its extension (.json/.jsonld/.csv…).
 * @param head the first ~64 KiB of the file as UTF-8 text.
 * @returns the format, or null when no format matches ("generic" is never detected: it needs a mapping).
 */
export function detectFormat(filePath: string, head: string): FormatId | null {
  const ext = extname(filePath).toLowerCase();
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (ext === '.csv') {
    const header = text.slice(0, text.search(/\r?\n/) >>> 0).toLowerCase();
    if (/^board_token,company_name,job_id\b/.test(header)) return 'greenhouse-csv';
    if (/^"?job id"?,"?job title"?,"?job url"?/.test(header)) return 'chronicle-csv';
    if (['job_id', 'title', 'description', 'listed_time', 'job_posting_url'].every((c) => header.split(',').includes(c))) return 'linkedin-csv';
    return null;
  }
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  if (/"@context"\s*:\s*"https?:\/\/schema\.org/.test(text) || (ext === '.jsonld' && text.includes('"@type"'))) return 'jsonld';
  if (text.includes('"SearchResult"') && text.includes('"MatchedObjectDescriptor"')) return 'usajobs';
  if (text.includes('"0-legal-notice"') || (text.includes('"candidate_required_location"') && text.includes('"jobs"'))) return 'remotive';
  if (/^\[\s*\{\s*"last_updated"/.test(text) || (text.startsWith('[') && text.includes('"position"') && text.includes('"epoch"'))) return 'remoteok';
  if (text.includes('"who_is_hiring_thread_id"') || (text.includes('"jobs"') && /"source"\s*:\s*"(who_is_hiring|direct)"/.test(text))) return 'hn-2026';
  if (text.startsWith('[') && text.includes('"full_html"') && text.includes('news.ycombinator.com/item?id=')) return 'hn-2017';
  if (/^\{\s*"data"\s*:\s*\[/.test(text) && text.includes('"slug"') && text.includes('"created_at"')) return 'arbeitnow';
  if (text.includes('"jobs"') && text.includes('"absolute_url"') && /"(internal_job_id|requisition_id)"/.test(text)) return 'greenhouse-board';
  return null;
}

async function readHead(filePath: string): Promise<string> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function checkFormat(format: string | undefined): FormatId | undefined {
  if (format === undefined || format === '') return undefined;
  if (!(FORMAT_IDS as readonly string[]).includes(format)) throw new Error(`Unknown format "${format}" (known: ${FORMAT_IDS.join(', ')})`);
  return format as FormatId;
}

/**
 * Reads a posting file (whole, into memory; the largest real file is ~25 MB) and yields its records in file order,
 * each posting with its raw record (`raw`), `rawFormat` (the format id) and `fetchedAt` (the file's mtime).
 * The format is `options.format`, else detected, else "generic" when `options.mapping` is given.
 * @throws Error naming the file when the format is unknown, or the file is not valid JSON/CSV or lacks the
 *   format's top-level structure. Per-record problems never throw: they come out as `rejected` records.
 */
export async function* parsePostingFile(
  filePath: string,
  options: { format?: FormatId; mapping?: ColumnMapping } = {},
): AsyncGenerator<ParsedRecord> {
  const text = await readFile(filePath, 'utf8');
  // A column mapping means the caller knows the file is generic: it wins over detection.
  const format = checkFormat(options.format) ?? (options.mapping ? 'generic' : detectFormat(filePath, text.slice(0, HEAD_BYTES)));
  if (!format) throw new Error(`${filePath}: unrecognised posting file format (pass a format or a column mapping)`);
  const parseOptions: ParseOptions = { format, mapping: options.mapping };
  // A file's fetch time is its modification time (when it was downloaded); relative dates count from it.
  const fetchedAt = (await stat(filePath)).mtime.toISOString();
  for (const record of PARSERS[format](text, filePath, parseOptions)) {
    // Set in place: every parser builds a fresh posting object per record, so no one else holds this one.
    if (record.kind === 'posting') {
      record.posting.rawFormat = format;
      record.posting.fetchedAt = record.posting.fetchedAt ?? fetchedAt;
    }
    yield record;
  }
}

export interface PostingFileList {
  /** Recognised posting files, absolute or as given, sorted by path. */
  files: string[];
  /** Files that will not be ingested, with the reason ("unrecognised format", "not a data file (.md)", "empty file"). */
  ignored: Array<{ path: string; reason: string }>;
}

/**
 * Lists posting files: the file itself, or every file under a directory (recursively, sorted by path). A file is
 * listed when its format is detected, or — with `options.format` or `options.mapping` — when it has a data extension
 * (.json, .jsonld, .csv, .tsv, .jsonl, .ndjson). Everything else is returned in `ignored` with its reason, so the
 * caller can tell the user what was skipped and why.
 * @throws when the path does not exist, or when `options.format` is not a known FormatId.
 */
export async function listPostingFiles(
  pathOrDir: string,
  options: { format?: string; mapping?: ColumnMapping } = {},
): Promise<PostingFileList> {
  const forced = checkFormat(options.format) !== undefined || options.mapping !== undefined;
  const files: string[] = [];
  const ignored: PostingFileList['ignored'] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const entry of entries) await visit(join(path, entry));
      return;
    }
    if (!info.isFile()) return;
    const ext = extname(path).toLowerCase();
    if (!DATA_EXTENSIONS.has(ext)) ignored.push({ path, reason: `not a data file (${ext || 'no extension'})` });
    else if (info.size === 0) ignored.push({ path, reason: 'empty file' });
    else if (forced || detectFormat(path, await readHead(path)) !== null) files.push(path);
    else ignored.push({ path, reason: 'unrecognised format (no known posting-file markers in its first 64 KiB)' });
  };
  await visit(pathOrDir);
  files.sort();
  return { files, ignored };
}

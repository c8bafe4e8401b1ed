import { stringify } from 'csv-stringify/sync';
import { parseArbeitnow } from '../formats/arbeitnow.js';
import { parseChronicleCsv } from '../formats/chronicle.js';
import type { FormatParser } from '../formats/format.types.js';
import { parseGreenhouseBoard, parseGreenhouseCsv } from '../formats/greenhouse.js';
import { parseHn2017, parseHn2026 } from '../formats/hn.js';
import { parseJsonLd } from '../formats/jsonld.js';
import { parseLinkedinCsv } from '../formats/linkedin.js';
import { parseRemoteOk } from '../formats/remoteok.js';
import { parseRemotive } from '../formats/remotive.js';
import { parseUsajobs } from '../formats/usajobs.js';
import type { NormalizedPosting } from '../posting.types.js';

/** What is stored beside a raw record that a format needs to read it again (context its file gave). */
export interface StoredContext {
  sourceKey: string;
  /** Stored `posted_at` (ISO UTC): the 2017 HN files take the month from the file name, not the record. */
  postedAt: string | null;
  fetchedAt: string | null;
}

interface Rewrap {
  parser: FormatParser;
  /** The one-record file text (and a file name where the parser reads one) that the format's parser reads. */
  wrap(raw: unknown, context: StoredContext): { text: string; path: string } | null;
}

const csv = (raw: unknown) => (isObject(raw) ? stringify([raw], { header: true, columns: Object.keys(raw) }) : null);
const json = (value: unknown) => JSON.stringify(value);

/**
 * Per posting-file format: how one stored raw record is put back into a file of one record. Formats read this way
 * run their own parser on it, so a parser fixed or improved later re-derives every field exactly as a fresh import
 * would. "generic" is absent: its column mapping is not stored. Connector kinds (src/sources/connectors) may add
 * theirs with {@link registerRederiver}.
 */
const REWRAPS: Record<string, Rewrap> = {
  remoteok: { parser: parseRemoteOk, wrap: (raw) => ({ text: json([raw]), path: 'remoteok.json' }) },
  remotive: { parser: parseRemotive, wrap: (raw) => ({ text: json({ jobs: [raw] }), path: 'remotive.json' }) },
  arbeitnow: { parser: parseArbeitnow, wrap: (raw) => ({ text: json({ data: [raw] }), path: 'arbeitnow.json' }) },
  usajobs: { parser: parseUsajobs, wrap: (raw) => ({ text: json({ SearchResult: { SearchResultItems: [raw] } }), path: 'usajobs.json' }) },
  'greenhouse-board': {
    parser: parseGreenhouseBoard,
    wrap: (raw, c) => ({ text: json({ company: c.sourceKey.replace(/^greenhouse:/, ''), jobs: [raw] }), path: 'greenhouse.json' }),
  },
  'greenhouse-csv': { parser: parseGreenhouseCsv, wrap: (raw) => textOrNull(csv(raw), 'greenhouse.csv') },
  'linkedin-csv': { parser: parseLinkedinCsv, wrap: (raw) => textOrNull(csv(raw), 'linkedin.csv') },
  'chronicle-csv': { parser: parseChronicleCsv, wrap: (raw) => textOrNull(csv(raw), 'chronicle.csv') },
  'hn-2026': { parser: parseHn2026, wrap: (raw) => ({ text: json({ jobs: [raw] }), path: 'hn.json' }) },
  'hn-2017': {
    parser: parseHn2017,
    wrap: (raw, c) => (c.postedAt ? { text: json([raw]), path: `${c.postedAt.slice(0, 7)}.json` } : null),
  },
  jsonld: { parser: parseJsonLd, wrap: (raw) => ({ text: json(raw), path: 'posting.jsonld' }) },
};

/** A connector's own re-derivation: the posting its raw record gives, or null. */
export type Rederiver = (raw: unknown, context: StoredContext) => NormalizedPosting | null;
const REDERIVERS = new Map<string, Rederiver>();

/** Registers how raw records of `rawFormat` (a connector kind, e.g. "lever") are read again by the backfill. */
export function registerRederiver(rawFormat: string, rederiver: Rederiver): void {
  REDERIVERS.set(rawFormat, rederiver);
}

/** True when raw records of `rawFormat` can be read again. */
export function canRederive(rawFormat: string | null): boolean {
  return rawFormat !== null && (rawFormat in REWRAPS || REDERIVERS.has(rawFormat));
}

/**
 * The posting a stored raw record gives today: the record is read again by its format's current parser (or the
 * connector's registered rederiver), carrying `raw`, `rawFormat` and the stored `fetchedAt`.
 * @returns null when the format cannot be read again (unknown, "generic") or the record no longer gives a posting.
 */
export function rederive(rawFormat: string | null, raw: unknown, context: StoredContext): NormalizedPosting | null {
  if (!rawFormat || raw === null || raw === undefined) return null;
  const own = REDERIVERS.get(rawFormat);
  const posting = own ? own(raw, context) : fromRewrap(REWRAPS[rawFormat], raw, context);
  return posting ? { ...posting, raw, rawFormat, fetchedAt: posting.fetchedAt ?? context.fetchedAt } : null;
}

function fromRewrap(rewrap: Rewrap | undefined, raw: unknown, context: StoredContext): NormalizedPosting | null {
  const file = rewrap?.wrap(raw, context);
  if (!rewrap || !file) return null;
  for (const record of rewrap.parser(file.text, file.path, {})) if (record.kind === 'posting') return record.posting;
  return null;
}

function textOrNull(text: string | null, path: string): { text: string; path: string } | null {
  return text === null ? null : { text, path };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EXTRACTOR_VERSION, extractionVersion, TAXONOMY_STAMP_SQL } from '../extraction/extractor-version.js';
import { contentHash, mergePosting } from './content-hash.js';
import { normalizePosting } from './normalize/normalize-posting.js';
import type { NormalizedPosting } from './posting.types.js';

export interface UpsertResult {
  /**
   * Every upserted posting: its (source, external id) key, id (decimal string) and content hash, last record per key
   * winning. `assignable` is false for a posting this call inserted without a description: such a posting takes no
   * part in deduplication (no key, no signature, never in a block; see CanonicalPostingService), so it need not be
   * passed to `assign`, which would skip it.
   */
  postings: Array<{ sourceKey: string; externalId: string; id: string; contentHash: string; assignable: boolean }>;
  /** Ids (decimal strings) of postings that were inserted, or whose content changed, or that reopened. */
  changedIds: string[];
  /** The same postings as `changedIds`, with the content hash they were stored at (what extraction job ids carry). */
  changed: Array<{ id: string; contentHash: string }>;
  /**
   * The extraction version at the time of the upsert: `<EXTRACTOR_VERSION>/<taxonomy stamp>`, see
   * `extractionVersion` in src/extraction/extractor-version.ts. Pass it with `changed` to `ExtractEnqueuer.add`.
   */
  extractionVersion: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A `posting` row as read back for merging (`posted_date` as text). */
export interface StoredRow {
  id: string;
  source_id: string;
  external_id: string;
  title: string;
  company: string | null;
  location_raw: string | null;
  city: string | null;
  region: string | null;
  region_code: string | null;
  country_code: string | null;
  remote: boolean | null;
  posted_at: Date | null;
  posted_precision: 'day' | 'month' | null;
  url: string | null;
  description: string | null;
  language: string | null;
  employment_type: string | null;
  salary: NormalizedPosting['salary'];
  source_updated_at: Date | null;
  content_hash: string;
  status: 'open' | 'closed';
  work_mode: NormalizedPosting['workMode'];
  posted_date: string | null;
  posted_basis: NormalizedPosting['postedBasis'];
  raw_format: string | null;
  fetched_at: Date | null;
}

/** Every written column with its PostgreSQL type: rows travel as one array per column through `unnest`. */
export const COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['source_id', 'text'], ['external_id', 'text'], ['title', 'text'], ['company', 'text'], ['location_raw', 'text'],
  ['city', 'text'], ['region', 'text'], ['region_code', 'text'], ['country_code', 'text'], ['remote', 'boolean'],
  ['posted_at', 'timestamptz'], ['posted_precision', 'text'], ['url', 'text'], ['description', 'text'],
  ['has_description', 'boolean'], ['language', 'text'], ['employment_type', 'text'], ['salary', 'jsonb'],
  ['source_updated_at', 'timestamptz'], ['content_hash', 'text'], ['work_mode', 'text'], ['posted_date', 'date'],
  ['posted_basis', 'text'], ['salary_min', 'float8'], ['salary_max', 'float8'], ['salary_currency', 'text'],
  ['salary_period', 'text'], ['salary_annual_min', 'float8'], ['salary_annual_max', 'float8'], ['salary_flag', 'text'],
  ['raw_payload', 'jsonb'], ['raw_format', 'text'], ['fetched_at', 'timestamptz'],
];
/** The select list (over alias `p`) of a {@link StoredRow}. */
export const STORED_COLUMNS = `p.id::text AS id, p.source_id, p.external_id, p.title, p.company, p.location_raw, p.city, p.region,
  p.region_code, p.country_code, p.remote, p.posted_at, p.posted_precision, p.url, p.description, p.language, p.employment_type,
  p.salary, p.source_updated_at, p.content_hash, p.status, p.work_mode, p.posted_date::text AS posted_date, p.posted_basis,
  p.raw_format, p.fetched_at`;

/** Columns a copy without them leaves as stored (the raw record of a fuller copy is not erased by a code-built one). */
const KEEP_WHEN_NULL = new Set(['raw_payload', 'raw_format', 'fetched_at']);

/**
 * Postings per call. Rows go as one array parameter per column (`unnest`), so the statement has 35 parameters
 * whatever the batch size and PostgreSQL's 65,535-parameter limit never applies; the cap bounds memory and lock time.
 */
const MAX_ROWS_PER_STATEMENT = 1_000;

export interface UpsertOptions {
  /**
   * Source keys (`source.id`) the caller knows are registered (a previous batch of the same file registered them);
   * the upsert skips registering these and adds the ones it registers. Leave it out when unsure.
   */
  knownSources?: Set<string>;
}

/** Stores postings: one row per (source, external id), merged and content-hashed; never duplicates on a rerun. */
@Injectable()
export class PostingRepository {
  constructor(private readonly db: DataSource) {}

  /** Registers the origin systems/boards of a batch (`source` rows), leaving existing ones alone. */
  async ensureSources(postings: NormalizedPosting[], known?: Set<string>): Promise<void> {
    const sources = new Map<string, string>();
    for (const p of postings) if (!known?.has(p.sourceKey)) sources.set(p.sourceKey, p.sourceKind);
    if (sources.size === 0) return;
    await this.db.query(
      `INSERT INTO source (id, kind, name) SELECT * FROM unnest($1::text[], $2::text[], $1::text[]) ON CONFLICT (id) DO NOTHING`,
      [[...sources.keys()], [...sources.values()]],
    );
    for (const key of sources.keys()) known?.add(key);
  }

  /**
   * Inserts new postings, updates changed ones (and reopens closed ones), and marks every one as seen now.
   * Within one call the last record for a (source, external id) wins. At most 1,000 postings per call.
   * Each posting is merged over the stored copy, then normalised (src/ingestion/normalize: date, salary, work mode)
   * and stored with its raw record (`raw_payload`, kept when a later copy has none).
   */
  async upsert(batch: NormalizedPosting[], options: UpsertOptions = {}): Promise<UpsertResult> {
    if (batch.length > MAX_ROWS_PER_STATEMENT) throw new RangeError(`upsert takes at most ${MAX_ROWS_PER_STATEMENT} postings`);
    const byKey = new Map<string, NormalizedPosting>();
    for (const p of batch) byKey.set(`${p.sourceKey}\u0000${p.externalId}`, p);
    const unique = [...byKey.values()];
    if (unique.length === 0) return { postings: [], changedIds: [], changed: [], extractionVersion: EXTRACTOR_VERSION, inserted: 0, updated: 0, unchanged: 0 };
    await this.ensureSources(unique, options.knownSources);

    // raw_payload is not read back: it is only written (COALESCE keeps the stored one when a copy has none).
    const stored: StoredRow[] = await this.db.query(
      `SELECT ${STORED_COLUMNS} FROM posting p JOIN unnest($1::text[], $2::text[]) AS k(source_id, external_id)
           ON p.source_id = k.source_id AND p.external_id = k.external_id`,
      [unique.map((p) => p.sourceKey), unique.map((p) => p.externalId)],
    );
    const storedByKey = new Map(stored.map((r) => [`${r.source_id}\u0000${r.external_id}`, r]));

    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    const columns: unknown[][] = COLUMNS.map(() => []);
    const titleOnly = new Set<string>();
    for (const incoming of unique) {
      const row = storedByKey.get(`${incoming.sourceKey}\u0000${incoming.externalId}`) ?? null;
      const stored = row ? toPosting(row) : null;
      // A copy the source changed earlier than the stored one only fills gaps; it never rolls newer fields back.
      const stale = Boolean(stored?.sourceUpdatedAt && incoming.sourceUpdatedAt && incoming.sourceUpdatedAt < stored.sourceUpdatedAt);
      // A stale copy's raw record is not stored over the newer copy's (raw_payload NULL → COALESCE keeps the stored one).
      const merged = normalizePosting(stale ? { ...mergePosting(incoming, stored!), raw: undefined } : mergePosting(stored, incoming));
      const hash = contentHash(merged);
      if (!row) inserted += 1;
      else if (row.content_hash !== hash || row.status === 'closed') updated += 1;
      else unchanged += 1;
      const values = rowValues(merged, hash);
      for (let i = 0; i < values.length; i++) columns[i].push(values[i]);
      if (!merged.descriptionText) titleOnly.add(`${merged.sourceKey}\u0000${merged.externalId}`);
    }

    const names = COLUMNS.map(([name]) => name);
    const keys = names.length;
    const updates = names
      .filter((c) => c !== 'source_id' && c !== 'external_id')
      .map((c) => (KEEP_WHEN_NULL.has(c) ? `${c} = COALESCE(excluded.${c}, posting.${c})` : `${c} = excluded.${c}`));
    const rows: Array<{ id: string; source_id: string; external_id: string; content_hash: string; changed: boolean; inserted: boolean; stamp: string }> = await this.db.query(
      `WITH before AS (
         SELECT p.id, p.content_hash, p.status FROM posting p
         JOIN unnest($${keys + 1}::text[], $${keys + 2}::text[]) AS k(source_id, external_id)
           ON p.source_id = k.source_id AND p.external_id = k.external_id
       )
       INSERT INTO posting (${names.join(', ')})
       SELECT ${COLUMNS.map(([name, type]) => (type === 'jsonb' ? `t.${name}::jsonb` : `t.${name}`)).join(', ')}
         FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type === 'jsonb' ? 'text' : type}[]`).join(', ')}) AS t(${names.join(', ')})
       ON CONFLICT ON CONSTRAINT posting_source_external_uq DO UPDATE SET
         ${updates.join(', ')}, status = 'open', closed_at = NULL, last_seen_at = now(),
         updated_at = CASE WHEN posting.content_hash IS DISTINCT FROM excluded.content_hash THEN now() ELSE posting.updated_at END
       RETURNING id::text AS id, source_id, external_id, content_hash, ${TAXONOMY_STAMP_SQL} AS stamp,
         (NOT EXISTS (SELECT 1 FROM before b WHERE b.id = posting.id AND b.content_hash = posting.content_hash AND b.status = 'open')) AS changed,
         (posting.xmax = 0) AS inserted`,
      [...columns, unique.map((p) => p.sourceKey), unique.map((p) => p.externalId)],
    );
    const changed = rows.filter((r) => r.changed).map((r) => ({ id: r.id, contentHash: r.content_hash }));
    return {
      postings: rows.map((r) => ({
        sourceKey: r.source_id,
        externalId: r.external_id,
        id: r.id,
        contentHash: r.content_hash,
        // Inserted by this statement (xmax = 0: not a row the ON CONFLICT branch updated, whatever it held before).
        assignable: !(r.inserted && titleOnly.has(`${r.source_id}\u0000${r.external_id}`)),
      })),
      changedIds: changed.map((c) => c.id),
      changed,
      extractionVersion: extractionVersion(rows[0]?.stamp ?? ''),
      inserted,
      updated,
      unchanged,
    };
  }
}

/** The column values of a normalised posting, in {@link COLUMNS} order (jsonb as JSON text). */
export function rowValues(p: NormalizedPosting, hash: string): unknown[] {
  const pay = p.salary;
  return [
    p.sourceKey, p.externalId, p.title, p.company, p.location.raw, p.location.city, p.location.region, p.location.regionCode,
    p.location.countryCode, p.location.remote, p.postedAt, p.postedPrecision, p.url, p.descriptionText, Boolean(p.descriptionText),
    p.language, p.employmentType, pay ? JSON.stringify(pay) : null, p.sourceUpdatedAt ?? null, hash, p.workMode ?? null,
    p.postedDate ?? null, p.postedBasis ?? null, pay?.min ?? null, pay?.max ?? null, pay?.currency ?? null, pay?.period ?? null,
    pay?.annualMin ?? null, pay?.annualMax ?? null, pay?.flagged ?? null,
    rawJson(p.raw), p.raw === undefined || p.raw === null ? null : (p.rawFormat ?? null),
    p.fetchedAt ?? null,
  ];
}

/** The raw record as JSON text for jsonb, which refuses U+0000 in strings (dropped; nothing else changes). */
function rawJson(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  // JSON.stringify writes U+0000 as the escape "\u0000": without one in the text there is nothing to drop, and the
  // replacer (several times slower) is only needed for the rare record that has one.
  const json = JSON.stringify(raw) as string | undefined;
  if (json === undefined) return null;
  if (!json.includes('\\u0000')) return json;
  return JSON.stringify(raw, (_key, value: unknown) => (typeof value === 'string' && value.includes('\u0000') ? value.replace(/\u0000/g, '') : value));
}

/** The posting a stored row holds (without its raw record). */
export function toPosting(r: StoredRow): NormalizedPosting {
  return {
    sourceKey: r.source_id,
    sourceKind: '',
    externalId: r.external_id,
    title: r.title,
    company: r.company,
    location: { raw: r.location_raw, city: r.city, region: r.region, regionCode: r.region_code, countryCode: r.country_code, remote: r.remote },
    postedAt: r.posted_at ? r.posted_at.toISOString() : null,
    postedPrecision: r.posted_precision,
    url: r.url,
    descriptionText: r.description,
    language: r.language,
    employmentType: r.employment_type,
    salary: r.salary,
    sourceUpdatedAt: r.source_updated_at ? r.source_updated_at.toISOString() : null,
    workMode: r.work_mode,
    postedDate: r.posted_date,
    postedBasis: r.posted_basis,
    rawFormat: r.raw_format,
    fetchedAt: r.fetched_at ? r.fetched_at.toISOString() : null,
  };
}

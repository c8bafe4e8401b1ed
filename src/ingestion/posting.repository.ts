import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { contentHash, mergePosting } from './content-hash.js';
import type { NormalizedPosting } from './posting.types.js';

export interface UpsertResult {
  /** Every upserted posting: its (source, external id) key and id (decimal string), last record per key winning. */
  postings: Array<{ sourceKey: string; externalId: string; id: string }>;
  /** Ids (decimal strings) of postings that were inserted, or whose content changed, or that reopened. */
  changedIds: string[];
  inserted: number;
  updated: number;
  unchanged: number;
}

interface StoredRow {
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
}

const COLUMNS = [
  'source_id', 'external_id', 'title', 'company', 'location_raw', 'city', 'region', 'region_code', 'country_code', 'remote',
  'posted_at', 'posted_precision', 'url', 'description', 'has_description', 'language', 'employment_type', 'salary',
  'source_updated_at', 'content_hash',
] as const;

/** 20 parameters a row: 1,000 rows stay far below PostgreSQL's 65,535-parameter limit. */
const MAX_ROWS_PER_STATEMENT = 1_000;

/** Stores postings: one row per (source, external id), merged and content-hashed; never duplicates on a rerun. */
@Injectable()
export class PostingRepository {
  constructor(private readonly db: DataSource) {}

  /** Registers the origin systems/boards of a batch (`source` rows), leaving existing ones alone. */
  async ensureSources(postings: NormalizedPosting[]): Promise<void> {
    const sources = new Map(postings.map((p) => [p.sourceKey, p.sourceKind]));
    if (sources.size === 0) return;
    await this.db.query(
      `INSERT INTO source (id, kind, name) SELECT * FROM unnest($1::text[], $2::text[], $1::text[]) ON CONFLICT (id) DO NOTHING`,
      [[...sources.keys()], [...sources.values()]],
    );
  }

  /**
   * Inserts new postings, updates changed ones (and reopens closed ones), and marks every one as seen now.
   * Within one call the last record for a (source, external id) wins. At most 1,000 postings per call.
   */
  async upsert(batch: NormalizedPosting[]): Promise<UpsertResult> {
    if (batch.length > MAX_ROWS_PER_STATEMENT) throw new RangeError(`upsert takes at most ${MAX_ROWS_PER_STATEMENT} postings`);
    const byKey = new Map<string, NormalizedPosting>();
    for (const p of batch) byKey.set(`${p.sourceKey}\u0000${p.externalId}`, p);
    const unique = [...byKey.values()];
    if (unique.length === 0) return { postings: [], changedIds: [], inserted: 0, updated: 0, unchanged: 0 };
    await this.ensureSources(unique);

    const stored: StoredRow[] = await this.db.query(
      `SELECT p.* FROM posting p JOIN unnest($1::text[], $2::text[]) AS k(source_id, external_id)
         ON p.source_id = k.source_id AND p.external_id = k.external_id`,
      [unique.map((p) => p.sourceKey), unique.map((p) => p.externalId)],
    );
    const storedByKey = new Map(stored.map((r) => [`${r.source_id}\u0000${r.external_id}`, r]));

    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const incoming of unique) {
      const row = storedByKey.get(`${incoming.sourceKey}\u0000${incoming.externalId}`) ?? null;
      const stored = row ? toPosting(row) : null;
      // A copy the source changed earlier than the stored one only fills gaps; it never rolls newer fields back.
      const stale = Boolean(stored?.sourceUpdatedAt && incoming.sourceUpdatedAt && incoming.sourceUpdatedAt < stored.sourceUpdatedAt);
      const merged = stale ? mergePosting(incoming, stored!) : mergePosting(stored, incoming);
      const hash = contentHash(merged);
      if (!row) inserted += 1;
      else if (row.content_hash !== hash || row.status === 'closed') updated += 1;
      else unchanged += 1;
      const values = [
        merged.sourceKey, merged.externalId, merged.title, merged.company, merged.location.raw, merged.location.city,
        merged.location.region, merged.location.regionCode, merged.location.countryCode, merged.location.remote,
        merged.postedAt, merged.postedPrecision, merged.url, merged.descriptionText, Boolean(merged.descriptionText),
        merged.language, merged.employmentType, merged.salary ? JSON.stringify(merged.salary) : null, merged.sourceUpdatedAt ?? null, hash,
      ];
      const base = params.length;
      params.push(...values);
      tuples.push(`(${values.map((_, i) => `$${base + i + 1}`).join(', ')})`);
    }

    const updates = COLUMNS.filter((c) => c !== 'source_id' && c !== 'external_id').map((c) => `${c} = excluded.${c}`);
    const rows: Array<{ id: string; source_id: string; external_id: string; changed: boolean }> = await this.db.query(
      `WITH before AS (
         SELECT p.id, p.content_hash, p.status FROM posting p
         JOIN unnest($${params.length + 1}::text[], $${params.length + 2}::text[]) AS k(source_id, external_id)
           ON p.source_id = k.source_id AND p.external_id = k.external_id
       )
       INSERT INTO posting (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT ON CONSTRAINT posting_source_external_uq DO UPDATE SET
         ${updates.join(', ')}, status = 'open', closed_at = NULL, last_seen_at = now(),
         updated_at = CASE WHEN posting.content_hash IS DISTINCT FROM excluded.content_hash THEN now() ELSE posting.updated_at END
       RETURNING id::text AS id, source_id, external_id,
         (NOT EXISTS (SELECT 1 FROM before b WHERE b.id = posting.id AND b.content_hash = posting.content_hash AND b.status = 'open')) AS changed`,
      [...params, unique.map((p) => p.sourceKey), unique.map((p) => p.externalId)],
    );
    return {
      postings: rows.map((r) => ({ sourceKey: r.source_id, externalId: r.external_id, id: r.id })),
      changedIds: rows.filter((r) => r.changed).map((r) => r.id),
      inserted,
      updated,
      unchanged,
    };
  }
}

function toPosting(r: StoredRow): NormalizedPosting {
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
  };
}

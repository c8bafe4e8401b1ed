import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Bucket, Interval } from './time-buckets.js';

/** Filters on the aggregates' breakdown columns; every one optional. */
export interface DemandFilter {
  /** ISO 3166-1 alpha-2 (`US`), matched on the country, or ISO 3166-2 (`US-NY`), matched on the region. */
  region?: string;
  /** `occupation.id` of an ESCO occupation (matched on `esco_occupation_id`). */
  escoOccupationId?: string;
  /** O*NET-SOC code (matched on `onet_soc`). */
  onetSoc?: string;
  /** Source id, or source kind (the part before ":", e.g. `greenhouse`). */
  source?: string;
  /** Employer, case-insensitive. */
  employer?: string;
}

export interface BucketTotals {
  /** Postings with description text (the denominator of shares). */
  postings: number;
  /** Postings with a title only (not in shares). */
  titleOnly: number;
}

/**
 * Reads the demand aggregates for contiguous buckets computed in `time-buckets.ts`. A slot falls in a bucket by time
 * kind: instants by the bucket's UTC instants, date-only postings by its local dates, month-only postings by its
 * months (monthly buckets only). Results are keyed by index into the given bucket array.
 */
@Injectable()
export class DemandQueryRepository {
  constructor(private readonly db: DataSource) {}

  /** Totals per bucket index (buckets with no postings are absent). */
  async totals(buckets: Bucket[], interval: Interval, filter: DemandFilter): Promise<Map<number, BucketTotals>> {
    const params: unknown[] = bucketParams(buckets, interval);
    const rows = await this.db.query(
      `SELECT ${BUCKET_INDEX} AS i, sum(d.postings)::int AS postings, sum(d.title_only)::int AS title_only
         FROM demand_total d
        WHERE ${IN_RANGE} AND ${filterSql(filter, params)}
        GROUP BY 1`,
      params,
    );
    return new Map(rows.map((r: { i: number; postings: number; title_only: number }) => [Number(r.i), { postings: r.postings, titleOnly: r.title_only }]));
  }

  /**
   * Postings mentioning each skill per bucket index: `skillId` → bucket index → postings. `skillIds` null means every
   * skill (for rankings).
   */
  async skillCounts(buckets: Bucket[], interval: Interval, filter: DemandFilter, skillIds: string[] | null): Promise<Map<string, Map<number, number>>> {
    const params: unknown[] = bucketParams(buckets, interval);
    let skillClause = 'true';
    if (skillIds) {
      params.push(skillIds);
      skillClause = `d.skill_id = ANY($${params.length}::text[])`;
    }
    const rows = await this.db.query(
      `SELECT ${BUCKET_INDEX} AS i, d.skill_id, sum(d.postings)::int AS postings
         FROM demand_skill d
        WHERE ${IN_RANGE} AND ${skillClause} AND ${filterSql(filter, params)}
        GROUP BY 1, 2`,
      params,
    );
    const out = new Map<string, Map<number, number>>();
    for (const r of rows as Array<{ i: number; skill_id: string; postings: number }>) {
      if (!out.has(r.skill_id)) out.set(r.skill_id, new Map());
      out.get(r.skill_id)!.set(Number(r.i), r.postings);
    }
    return out;
  }

  /** Preferred labels of skills by id. */
  async labels(skillIds: string[]): Promise<Map<string, string>> {
    if (skillIds.length === 0) return new Map();
    const rows = await this.db.query(`SELECT id, preferred_label FROM skill WHERE id = ANY($1::text[])`, [skillIds]);
    return new Map(rows.map((r: { id: string; preferred_label: string }) => [r.id, r.preferred_label]));
  }

  /** An occupation by ESCO id, ESCO concept URI or O*NET-SOC code; null when unknown. */
  async occupation(ref: string): Promise<{ id: string; scheme: 'esco' | 'onet'; onetSoc: string | null; label: string } | null> {
    const [row] = await this.db.query(
      `SELECT id, scheme, onet_soc, preferred_label FROM occupation WHERE id = $1 OR esco_uri = $1 OR onet_soc = $1
        ORDER BY (id = $1) DESC LIMIT 1`,
      [ref.trim()],
    );
    return row ? { id: row.id, scheme: row.scheme, onetSoc: row.onet_soc, label: row.preferred_label } : null;
  }
}

/**
 * Bucket boundaries as two threshold arrays for `width_bucket` (buckets are contiguous): `$1` the UTC instants (for
 * `instant` slots), `$2` the local dates at 00:00 UTC (for `date` slots, and `month` slots in monthly series).
 * `BUCKET_INDEX` is the 0-based bucket of a row; `IN_RANGE` keeps the rows inside the series, using the slot indexes.
 */
function bucketParams(buckets: Bucket[], interval: Interval): unknown[] {
  const instants = [...buckets.map((b) => b.startUtc), buckets[buckets.length - 1].endUtc].map((t) => new Date(t).toISOString());
  const dates = [...buckets.map((b) => b.start), buckets[buckets.length - 1].end].map((d) => `${d}T00:00:00Z`);
  return [instants, dates, interval === 'month'];
}

const BUCKET_INDEX = `(CASE d.time_kind WHEN 'instant' THEN width_bucket(d.slot, $1::timestamptz[]) ELSE width_bucket(d.slot, $2::timestamptz[]) END - 1)`;
const IN_RANGE = `((d.time_kind = 'instant' AND d.slot >= ($1::timestamptz[])[1] AND d.slot < ($1::timestamptz[])[cardinality($1::timestamptz[])])
  OR (d.time_kind = 'date' AND d.slot >= ($2::timestamptz[])[1] AND d.slot < ($2::timestamptz[])[cardinality($2::timestamptz[])])
  OR ($3::boolean AND d.time_kind = 'month' AND d.slot >= ($2::timestamptz[])[1] AND d.slot < ($2::timestamptz[])[cardinality($2::timestamptz[])]))`;

/** SQL conditions on `d` for the filter, appending its values to `params`. */
function filterSql(f: DemandFilter, params: unknown[]): string {
  const clauses: string[] = ['true'];
  const add = (value: unknown, sql: (p: string) => string) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (f.region) {
    const code = f.region.toUpperCase();
    if (code.includes('-')) add(code, (p) => `d.region_code = ${p}`);
    else add(code, (p) => `d.country_code = ${p}`);
  }
  if (f.escoOccupationId) add(f.escoOccupationId, (p) => `d.esco_occupation_id = ${p}`);
  if (f.onetSoc) add(f.onetSoc, (p) => `d.onet_soc = ${p}`);
  if (f.source) add(f.source, (p) => `(d.source_id = ${p} OR split_part(d.source_id, ':', 1) = ${p})`);
  if (f.employer) add(f.employer.trim().toLowerCase(), (p) => `lower(d.employer) = ${p}`);
  return clauses.join(' AND ');
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Writes the demand aggregates (`demand_posting`, `demand_total`, `demand_skill`; see migration 1764600000000) from
 * `posting` and `posting_skill`. A posting counts once it has a publication date and has been through extraction;
 * `posting_skill` holds one row per posting and skill, so a skill named five times in a posting counts once; an opening
 * seen through several sources or reposted counts once (canonical postings only).
 * `demand_skill` counts only postings with description text; `demand_total` counts those (`postings`, the denominator
 * of every share) and title-only postings (`title_only`) apart.
 *
 * Writers take one transaction-scoped advisory lock, so concurrent refreshes (several workers) never interleave their
 * delete and insert of the same slot.
 */
@Injectable()
export class DemandAggregateRepository {
  private readonly logger = new Logger(DemandAggregateRepository.name);

  constructor(private readonly db: DataSource) {}

  /**
   * Recomputes every slot that holds one of `postingIds` now or held it at the last refresh (a posting whose date
   * changed leaves its old slot), by delete and insert in one transaction. Idempotent. Returns the slots recomputed.
   */
  async refresh(postingIds: string[]): Promise<{ slots: number }> {
    if (postingIds.length === 0) return { slots: 0 };
    return this.db.transaction(async (tx) => {
      await lock(tx);
      const affected: Array<{ time_kind: string; slot: string }> = await tx.query(
        `SELECT time_kind, slot::text AS slot FROM demand_posting WHERE posting_id = ANY($1::bigint[])
         UNION
         SELECT ${TIME_KIND}, (${SLOT})::text FROM posting p WHERE p.id = ANY($1::bigint[]) AND ${COUNTED}`,
        [postingIds],
      );
      await tx.query(`DELETE FROM demand_posting WHERE posting_id = ANY($1::bigint[])`, [postingIds]);
      await tx.query(
        `INSERT INTO demand_posting (posting_id, time_kind, slot)
         SELECT p.id, ${TIME_KIND}, ${SLOT} FROM posting p WHERE p.id = ANY($1::bigint[]) AND ${COUNTED}`,
        [postingIds],
      );
      if (affected.length === 0) return { slots: 0 };
      const params = [affected.map((a) => a.time_kind), affected.map((a) => a.slot)];
      const inSlots = `(dp.time_kind, dp.slot) IN (SELECT k, s FROM unnest($1::text[], $2::timestamptz[]) AS a(k, s))`;
      await tx.query(`DELETE FROM demand_total dp WHERE ${inSlots}`, params);
      await tx.query(`DELETE FROM demand_skill dp WHERE ${inSlots}`, params);
      await tx.query(insertTotals(inSlots), params);
      await tx.query(insertSkills(inSlots), params);
      return { slots: affected.length };
    });
  }

  /** Recomputes every aggregate from scratch in one transaction (readers keep seeing the old rows until it commits). */
  async rebuild(): Promise<{ postings: number; totalRows: number; skillRows: number; ms: number }> {
    const started = Date.now();
    const result = await this.db.transaction(async (tx) => {
      await lock(tx);
      await tx.query(`DELETE FROM demand_skill`);
      await tx.query(`DELETE FROM demand_total`);
      await tx.query(`DELETE FROM demand_posting`);
      await tx.query(`INSERT INTO demand_posting (posting_id, time_kind, slot) SELECT p.id, ${TIME_KIND}, ${SLOT} FROM posting p WHERE ${COUNTED}`);
      await tx.query(insertTotals('true'));
      await tx.query(insertSkills('true'));
      const [counts] = await tx.query(
        `SELECT (SELECT count(*) FROM demand_posting)::int AS postings, (SELECT count(*) FROM demand_total)::int AS total_rows,
                (SELECT count(*) FROM demand_skill)::int AS skill_rows`,
      );
      return { postings: counts.postings, totalRows: counts.total_rows, skillRows: counts.skill_rows };
    });
    const ms = Date.now() - started;
    this.logger.log(`Demand aggregates rebuilt: ${result.postings} posting(s), ${result.totalRows} total row(s), ${result.skillRows} skill row(s) in ${ms} ms`);
    return { ...result, ms };
  }

  /** True when nothing has been aggregated yet although extracted postings exist (a database migrated with data in it). */
  async needsRebuild(): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT NOT EXISTS (SELECT 1 FROM demand_posting) AND EXISTS (SELECT 1 FROM posting p WHERE ${COUNTED}) AS needed`,
    );
    return row.needed === true;
  }
}

/**
 * A posting counts once it has a date and has been through extraction (so its skills are known), and only when it is
 * canonical: an alternate copy of an opening (a repost, an aggregator's copy; `canonical_id`, migration 1765100000000)
 * is counted through its canonical posting.
 */
const COUNTED = `p.posted_at IS NOT NULL AND p.extracted_hash IS NOT NULL AND p.canonical_id IS NULL`;

/** Date-only postings are stored at 00:00 UTC by ingestion; a time of day means an instant. */
const TIME_KIND = `CASE WHEN p.posted_precision = 'month' THEN 'month'
  WHEN p.posted_at = date_trunc('day', p.posted_at, 'UTC') THEN 'date' ELSE 'instant' END`;

const SLOT = `CASE WHEN p.posted_precision = 'month' THEN date_trunc('month', p.posted_at, 'UTC')
  WHEN p.posted_at = date_trunc('day', p.posted_at, 'UTC') THEN p.posted_at
  ELSE date_bin('15 minutes', p.posted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') END`;

const DIM_COLUMNS = `source_id, country_code, region_code, esco_occupation_id, onet_soc, employer`;
/** Occupation columns come from migration 1764500000000 (title classification at extraction time). */
const DIM_VALUES = `p.source_id, p.country_code, p.region_code, p.esco_occupation_id, p.onet_soc, NULLIF(btrim(p.company), '')`;

function insertTotals(where: string): string {
  return `INSERT INTO demand_total (time_kind, slot, ${DIM_COLUMNS}, postings, title_only)
    SELECT dp.time_kind, dp.slot, ${DIM_VALUES}, count(*) FILTER (WHERE p.has_description), count(*) FILTER (WHERE NOT p.has_description)
      FROM demand_posting dp JOIN posting p ON p.id = dp.posting_id
     WHERE ${where}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

function insertSkills(where: string): string {
  return `INSERT INTO demand_skill (skill_id, time_kind, slot, ${DIM_COLUMNS}, postings)
    SELECT ps.skill_id, dp.time_kind, dp.slot, ${DIM_VALUES}, count(*)
      FROM demand_posting dp JOIN posting p ON p.id = dp.posting_id JOIN posting_skill ps ON ps.posting_id = p.id
     WHERE p.has_description AND ${where}
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
}

async function lock(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('skillpulse.demand_aggregates'))`);
}

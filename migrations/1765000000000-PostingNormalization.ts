import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Normalised posting fields kept beside the raw values (src/ingestion/normalize), the source's raw record so a
 * better parser can re-derive them without refetching, the taxonomy a posting's skills were extracted with (so a new
 * taxonomy version re-extracts), and the checkpoint of the posting backfill (src/ingestion/backfill.cli.ts).
 *
 * Units: salary bounds in `salary_currency` per `salary_period`; `salary_annual_*` the same bounds a year (hour ×
 * 2,080, day × 260, week × 52, month × 12), null when the period is unknown or the figure is flagged (`salary_flag`).
 * `posted_date` is a calendar date (no zone) for postings that give only a date or month; `posted_at` keeps the
 * instant (or that date at 00:00 UTC, as before).
 */
export class PostingNormalization1765000000000 implements MigrationInterface {
  name = 'PostingNormalization1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE posting
        ADD COLUMN work_mode text,
        ADD COLUMN posted_date date,
        ADD COLUMN posted_basis text,
        ADD COLUMN salary_min double precision,
        ADD COLUMN salary_max double precision,
        ADD COLUMN salary_currency text,
        ADD COLUMN salary_period text,
        ADD COLUMN salary_annual_min double precision,
        ADD COLUMN salary_annual_max double precision,
        ADD COLUMN salary_flag text,
        ADD COLUMN raw_payload jsonb,
        ADD COLUMN raw_format text,
        ADD COLUMN fetched_at timestamptz,
        ADD COLUMN extracted_taxonomy text,
        ADD CONSTRAINT posting_work_mode_ck CHECK (work_mode IN ('onsite', 'hybrid', 'remote')),
        ADD CONSTRAINT posting_posted_basis_ck CHECK (posted_basis IN ('explicit', 'relative', 'naive-local')),
        ADD CONSTRAINT posting_salary_period_ck CHECK (salary_period IN ('hour', 'day', 'week', 'month', 'year')),
        ADD CONSTRAINT posting_salary_currency_ck CHECK (salary_currency ~ '^[A-Z]{3}$'),
        ADD CONSTRAINT posting_remote_work_mode_ck CHECK (work_mode IS NULL OR remote IS NOT DISTINCT FROM (work_mode = 'remote'))`);
    await q.query(`COMMENT ON COLUMN posting.salary_annual_min IS 'salary_min a year (hour x 2080, day x 260, week x 52, month x 12); null when flagged or period unknown'`);
    await q.query(`COMMENT ON COLUMN posting.raw_payload IS 'the source record exactly as received (JSON object, CSV row as object, or HTML/XML item as a JSON string)'`);
    await q.query(`COMMENT ON COLUMN posting.raw_format IS 'how raw_payload is read: a posting-file FormatId or a connector kind'`);
    await q.query(`COMMENT ON COLUMN posting.extracted_taxonomy IS 'taxonomy stamp (taxonomy_release scheme=version list) the skills were extracted with'`);
    await q.query(`CREATE INDEX posting_work_mode_idx ON posting (work_mode) WHERE work_mode IS NOT NULL`);
    await q.query(`
      CREATE TABLE backfill_state (
        name text PRIMARY KEY,
        last_id bigint NOT NULL DEFAULT 0,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT backfill_state_last_id_ck CHECK (last_id >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS backfill_state`);
    await q.query(`DROP INDEX IF EXISTS posting_work_mode_idx`);
    await q.query(`
      ALTER TABLE posting
        DROP CONSTRAINT IF EXISTS posting_remote_work_mode_ck,
        DROP CONSTRAINT IF EXISTS posting_salary_currency_ck,
        DROP CONSTRAINT IF EXISTS posting_salary_period_ck,
        DROP CONSTRAINT IF EXISTS posting_posted_basis_ck,
        DROP CONSTRAINT IF EXISTS posting_work_mode_ck,
        DROP COLUMN IF EXISTS extracted_taxonomy,
        DROP COLUMN IF EXISTS fetched_at,
        DROP COLUMN IF EXISTS raw_format,
        DROP COLUMN IF EXISTS raw_payload,
        DROP COLUMN IF EXISTS salary_flag,
        DROP COLUMN IF EXISTS salary_annual_max,
        DROP COLUMN IF EXISTS salary_annual_min,
        DROP COLUMN IF EXISTS salary_period,
        DROP COLUMN IF EXISTS salary_currency,
        DROP COLUMN IF EXISTS salary_max,
        DROP COLUMN IF EXISTS salary_min,
        DROP COLUMN IF EXISTS posted_basis,
        DROP COLUMN IF EXISTS posted_date,
        DROP COLUMN IF EXISTS work_mode`);
  }
}

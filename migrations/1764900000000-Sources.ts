import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Configured job sources (a Greenhouse board, a Lever site, a feed, a file…) with their schedules, their runs, and
 * which postings each currently lists (so a complete run can close the ones that disappeared).
 * `posting.source_id` stays the origin board key (`ingest_source.source_key`), so a board read from a file and from
 * its API is one posting.
 */
export class Sources1764900000000 implements MigrationInterface {
  name = 'Sources1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingest_source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL,
        config jsonb NOT NULL DEFAULT '{}'::jsonb,
        schedule_cron text NOT NULL,
        schedule_timezone text NOT NULL DEFAULT 'UTC',
        enabled boolean NOT NULL DEFAULT true,
        source_key text NOT NULL,
        validators jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ingest_source_name_uq UNIQUE (name),
        CONSTRAINT ingest_source_kind_ck CHECK (kind IN ('greenhouse', 'lever', 'ashby', 'jsonld', 'rss', 'usajobs', 'remoteok', 'file'))
      )`);
    await q.query(`CREATE INDEX ingest_source_source_key_idx ON ingest_source (source_key)`);
    await q.query(`
      CREATE TABLE ingest_source_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL,
        job_id text NOT NULL,
        trigger text NOT NULL,
        status text NOT NULL DEFAULT 'running',
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        CONSTRAINT ingest_source_run_source_fk FOREIGN KEY (source_id) REFERENCES ingest_source (id) ON DELETE CASCADE,
        CONSTRAINT ingest_source_run_job_uq UNIQUE (job_id),
        CONSTRAINT ingest_source_run_status_ck CHECK (status IN ('running', 'complete', 'partial', 'failed')),
        CONSTRAINT ingest_source_run_trigger_ck CHECK (trigger IN ('schedule', 'manual'))
      )`);
    await q.query(`CREATE INDEX ingest_source_run_source_started_idx ON ingest_source_run (source_id, started_at DESC)`);
    // page_url: the page a posting was last read from, so a page answering 304 Not Modified keeps its postings listed.
    await q.query(`
      CREATE TABLE ingest_source_listing (
        ingest_source_id uuid NOT NULL,
        posting_id bigint NOT NULL,
        page_url text,
        last_seen_run_id uuid NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ingest_source_listing_pk PRIMARY KEY (ingest_source_id, posting_id),
        CONSTRAINT ingest_source_listing_source_fk FOREIGN KEY (ingest_source_id) REFERENCES ingest_source (id) ON DELETE CASCADE,
        CONSTRAINT ingest_source_listing_posting_fk FOREIGN KEY (posting_id) REFERENCES posting (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ingest_source_listing_posting_idx ON ingest_source_listing (posting_id)`);
    await q.query(`ALTER TABLE rejected_record ADD COLUMN source_run_id uuid`);
    await q.query(`
      ALTER TABLE rejected_record ADD CONSTRAINT rejected_record_source_run_fk
        FOREIGN KEY (source_run_id) REFERENCES ingest_source_run (id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_record DROP CONSTRAINT IF EXISTS rejected_record_source_run_fk`);
    await q.query(`ALTER TABLE rejected_record DROP COLUMN IF EXISTS source_run_id`);
    await q.query(`DROP TABLE IF EXISTS ingest_source_listing`);
    await q.query(`DROP TABLE IF EXISTS ingest_source_run`);
    await q.query(`DROP TABLE IF EXISTS ingest_source`);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../infra/database/query-rows.js';
import {
  EMPTY_SOURCE_RUN_COUNTS, type SourceRun, type SourceRunCounts, type SourceRunError, type SourceRunStatus, type SourceRunTrigger,
} from './source.types.js';

interface RunRow {
  id: string;
  source_id: string;
  job_id: string;
  trigger: SourceRunTrigger;
  status: SourceRunStatus;
  started_at: Date;
  finished_at: Date | null;
  counts: Partial<SourceRunCounts>;
  errors: SourceRunError[];
}

/** A record of a source page that could not become a posting, with the reason. */
export interface SourceRejectedRecord {
  url: string;
  index: number;
  reason: string;
  excerpt: string;
}

/**
 * Runs of configured sources (`ingest_source_run`), which postings each source currently lists
 * (`ingest_source_listing`), and closing the postings a complete run no longer saw.
 */
@Injectable()
export class SourceRunRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Creates the run row of a job, or, when the job is retried, resets the same row to `running` with empty counts
   * and errors (the retry reads every page again). `restartClock`: the attempt is the job's first, so `started_at`
   * becomes now (a manual run's row was created when it was queued).
   */
  async begin(run: { id: string; sourceId: string; jobId: string; trigger: SourceRunTrigger }, restartClock: boolean): Promise<SourceRun> {
    const [row] = await this.db.query(
      `INSERT INTO ingest_source_run (id, source_id, job_id, trigger) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT ingest_source_run_job_uq DO UPDATE SET
         status = 'running', finished_at = NULL, counts = '{}'::jsonb, errors = '[]'::jsonb,
         started_at = CASE WHEN $5::boolean THEN now() ELSE ingest_source_run.started_at END
       RETURNING *`,
      [run.id, run.sourceId, run.jobId, run.trigger, restartClock],
    );
    return toRun(row);
  }

  /** Records the outcome of a run. */
  async finish(runId: string, status: Exclude<SourceRunStatus, 'running'>, counts: SourceRunCounts, errors: SourceRunError[]): Promise<void> {
    await this.db.query(
      `UPDATE ingest_source_run SET status = $2, counts = $3::jsonb, errors = $4::jsonb, finished_at = now() WHERE id = $1`,
      [runId, status, JSON.stringify(counts), JSON.stringify(errors)],
    );
  }

  /** Marks the run of a job failed when it is still running (the job gave up), adding the reason to its errors. */
  async failByJob(jobId: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE ingest_source_run SET status = 'failed', finished_at = now(),
         errors = errors || jsonb_build_array(jsonb_build_object('url', '', 'status', NULL, 'error', $2::text))
       WHERE job_id = $1 AND status = 'running'`,
      [jobId, reason],
    );
  }

  async find(runId: string): Promise<SourceRun | null> {
    const [row] = await this.db.query(`SELECT * FROM ingest_source_run WHERE id = $1`, [runId]);
    return row ? toRun(row) : null;
  }

  /** A source's runs, newest first (at most `limit`). */
  async list(sourceId: string, limit = 50): Promise<SourceRun[]> {
    const rows: RunRow[] = await this.db.query(
      `SELECT * FROM ingest_source_run WHERE source_id = $1 ORDER BY started_at DESC, id LIMIT $2`,
      [sourceId, limit],
    );
    return rows.map(toRun);
  }

  /** Stores rejected records of a run in `rejected_record` (keyed by page URL and index; the latest run wins). */
  async recordRejected(runId: string, rejected: SourceRejectedRecord[]): Promise<void> {
    if (rejected.length === 0) return;
    await this.db.query(
      `INSERT INTO rejected_record (source_run_id, source_file, record_index, reason, excerpt)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[])
       ON CONFLICT ON CONSTRAINT rejected_record_file_index_uq DO UPDATE SET
         run_id = NULL, source_run_id = excluded.source_run_id, reason = excluded.reason, excerpt = excluded.excerpt`,
      [runId, rejected.map((r) => r.url), rejected.map((r) => r.index), rejected.map((r) => r.reason), rejected.map((r) => r.excerpt.slice(0, 500))],
    );
  }

  /** Marks postings (ids as decimal strings) as listed by the source in this run, read from `pageUrl`. */
  async markListed(sourceId: string, runId: string, pageUrl: string, postingIds: string[]): Promise<void> {
    if (postingIds.length === 0) return;
    await this.db.query(
      `INSERT INTO ingest_source_listing (ingest_source_id, posting_id, page_url, last_seen_run_id, last_seen_at)
       SELECT $1, p, $3, $4, now() FROM unnest($2::bigint[]) AS t(p)
       ON CONFLICT ON CONSTRAINT ingest_source_listing_pk DO UPDATE SET
         page_url = excluded.page_url, last_seen_run_id = excluded.last_seen_run_id, last_seen_at = excluded.last_seen_at`,
      [sourceId, postingIds, pageUrl, runId],
    );
  }

  /** A page answered 304 Not Modified: the postings last read from it are still listed. Returns how many. */
  async markPageUnchanged(sourceId: string, runId: string, pageUrl: string): Promise<number> {
    const rows = await this.db.query(
      `UPDATE ingest_source_listing SET last_seen_run_id = $3, last_seen_at = now()
       WHERE ingest_source_id = $1 AND page_url = $2 RETURNING posting_id`,
      [sourceId, pageUrl, runId],
    );
    return rowsOf(rows).length;
  }

  /**
   * After a COMPLETE run: the postings the source listed before but not in this run stop being listed, and those
   * stored under the source's key (`posting.source_id`) that no other enabled source lists are closed
   * (`status = 'closed'`, `closed_at = now()`). A listing seen since the run started (by a concurrent run of the
   * same source) is left alone. One transaction. Returns the number of postings closed.
   */
  async closeUnlisted(source: { id: string; sourceKey: string }, run: { id: string; startedAt: Date }): Promise<number> {
    return this.db.transaction(async (tx) => {
      const gone: Array<{ posting_id: string }> = rowsOf(await tx.query(
        `DELETE FROM ingest_source_listing
         WHERE ingest_source_id = $1 AND last_seen_run_id <> $2 AND last_seen_at < $3
         RETURNING posting_id::text AS posting_id`,
        [source.id, run.id, run.startedAt],
      ));
      if (gone.length === 0) return 0;
      const closed: Array<{ id: string }> = rowsOf(await tx.query(
        `UPDATE posting p SET status = 'closed', closed_at = now()
         WHERE p.id = ANY($1::bigint[]) AND p.status = 'open' AND p.source_id = $2
           AND NOT EXISTS (
             SELECT 1 FROM ingest_source_listing o JOIN ingest_source s ON s.id = o.ingest_source_id
             WHERE o.posting_id = p.id AND o.ingest_source_id <> $3 AND s.enabled)
         RETURNING p.id::text AS id`,
        [gone.map((g) => g.posting_id), source.sourceKey, source.id],
      ));
      return closed.length;
    });
  }
}

function toRun(r: RunRow): SourceRun {
  return {
    id: r.id,
    sourceId: r.source_id,
    jobId: r.job_id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    counts: { ...EMPTY_SOURCE_RUN_COUNTS, ...r.counts },
    errors: r.errors ?? [],
  };
}

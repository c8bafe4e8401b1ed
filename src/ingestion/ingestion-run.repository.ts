import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What one file of a run produced. */
export interface FileCounts {
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
}

export interface FileResult {
  counts: FileCounts;
  /** Why the file could not be read at all, when it could not. */
  error?: string;
  format?: string;
}

export interface IngestionRun {
  id: string;
  input: string;
  status: 'running' | 'complete' | 'partial' | 'failed';
  filesTotal: number;
  files: Record<string, FileResult>;
  counts: FileCounts;
  startedAt: Date;
  finishedAt: Date | null;
}

export const EMPTY_COUNTS: FileCounts = { fetched: 0, new: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0 };

/** Ingestion runs: one per `ingest` request, with per-file results so a retried file job never counts twice. */
@Injectable()
export class IngestionRunRepository {
  constructor(private readonly db: DataSource) {}

  async create(input: string, filesTotal: number): Promise<string> {
    const [row] = await this.db.query(`INSERT INTO ingestion_run (input, files_total) VALUES ($1, $2) RETURNING id`, [input, filesTotal]);
    return row.id;
  }

  /**
   * Records one file's result (replacing an earlier attempt's) and closes the run when every file has reported:
   * `complete` when all were read, `partial` when some failed, `failed` when none could be read.
   */
  async recordFile(runId: string, path: string, result: FileResult): Promise<void> {
    await this.db.query(
      `UPDATE ingestion_run r SET files = r.files || jsonb_build_object($2::text, $3::jsonb) WHERE r.id = $1`,
      [runId, path, JSON.stringify(result)],
    );
    await this.db.query(
      `UPDATE ingestion_run r SET
         status = CASE
           WHEN NOT EXISTS (SELECT 1 FROM jsonb_each(r.files) f WHERE f.value ? 'error') THEN 'complete'
           WHEN EXISTS (SELECT 1 FROM jsonb_each(r.files) f WHERE NOT f.value ? 'error') THEN 'partial'
           ELSE 'failed' END,
         finished_at = now()
       WHERE r.id = $1 AND r.status = 'running' AND (SELECT count(*) FROM jsonb_object_keys(r.files)) >= r.files_total`,
      [runId],
    );
  }

  async recordRejected(runId: string, file: string, rejected: Array<{ index: number; reason: string; excerpt: string }>): Promise<void> {
    if (rejected.length === 0) return;
    await this.db.query(
      `INSERT INTO rejected_record (run_id, source_file, record_index, reason, excerpt)
       SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[])
       ON CONFLICT ON CONSTRAINT rejected_record_file_index_uq DO UPDATE SET run_id = excluded.run_id, reason = excluded.reason, excerpt = excluded.excerpt`,
      [runId, file, rejected.map((r) => r.index), rejected.map((r) => r.reason), rejected.map((r) => r.excerpt.slice(0, 500))],
    );
  }

  async find(runId: string): Promise<IngestionRun | null> {
    const [row] = await this.db.query(`SELECT * FROM ingestion_run WHERE id = $1`, [runId]);
    if (!row) return null;
    const files = row.files as Record<string, FileResult>;
    const counts = { ...EMPTY_COUNTS };
    for (const f of Object.values(files)) for (const k of Object.keys(counts) as Array<keyof FileCounts>) counts[k] += f.counts?.[k] ?? 0;
    return {
      id: row.id,
      input: row.input,
      status: row.status,
      filesTotal: row.files_total,
      files,
      counts,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    };
  }
}

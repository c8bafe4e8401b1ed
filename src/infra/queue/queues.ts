import type { JobsOptions } from 'bullmq';
import { createHash } from 'node:crypto';
import type { ColumnMapping } from '../../ingestion/formats/format.types.js';

/**
 * Every queue, job name, payload type and job option of Skillpulse, in one place.
 * Job ids are deterministic (and contain no ":"), so enqueueing the same work twice is a no-op while the first
 * job is still known to Redis; the database's unique constraints make a rerun after that harmless too.
 */
export const QUEUE = {
  ingest: 'ingest',
  extract: 'extract',
  analytics: 'analytics',
  /** Runs of configured job sources (src/sources): network-bound, so apart from file ingestion. */
  sources: 'sources',
} as const;

export const INGEST_JOB = {
  /** Parse one posting file and upsert its postings. */
  file: 'ingest-file',
} as const;

export const EXTRACT_JOB = {
  /** Extract skills for the given postings (those whose text changed since their last extraction). */
  postings: 'extract-postings',
  /** Find every posting awaiting extraction and enqueue it in batches (recovery after Redis loss, taxonomy change). */
  sweep: 'extract-sweep',
} as const;

export interface IngestFilePayload {
  runId: string;
  path: string;
  /** Force a format instead of detecting it. */
  format?: string;
  /** Column mapping for generic CSV/JSON/JSONL files (the parsed `--mapping` file). */
  mapping?: ColumnMapping;
}

export interface ExtractPostingsPayload {
  /** Posting ids as decimal strings. */
  postingIds: string[];
  /**
   * The content hash each posting had when the job was enqueued (same order as `postingIds`), for the record: the
   * processor re-reads the postings and extracts only those PostgreSQL says are awaiting extraction.
   */
  contentHashes?: string[];
  /** The extraction version the job was enqueued for (see `extractionVersion`, src/extraction/extractor-version.ts). */
  extractionVersion?: string;
}

/** A posting to extract: its id (decimal string) and the content hash it is stored at ('' when unknown). */
export interface ExtractTarget {
  id: string;
  contentHash: string;
}

export type ExtractSweepPayload = Record<string, never>;

export const SOURCE_JOB = {
  /**
   * Read every page of one configured source and upsert its postings (src/sources/source-run.processor.ts).
   * Enqueued by the source's job scheduler (one per enabled source, id `sourceSchedulerId(sourceId)`) on each cron
   * tick, or by `POST /v1/sources/{id}/run` with job id `source-run-<runId>`.
   */
  run: 'source-run',
} as const;

export interface SourceRunPayload {
  /** `ingest_source.id` (uuid). */
  sourceId: string;
  /** Set for manual runs (the run row exists already); scheduled ticks create theirs keyed by the job id. */
  runId?: string;
}

/** Job options of a source run: a retry continues the same run row (keyed by the job id) from the first page. */
export const SOURCE_RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** The BullMQ job scheduler id of a configured source: one per source, so upserting it again replaces it. */
export function sourceSchedulerId(sourceId: string): string {
  return jobId('source', sourceId);
}

export const ANALYTICS_JOB = {
  /** Recompute the demand aggregates of the slots (15-minute UTC slots, dates, months) that hold the given postings. */
  refresh: 'analytics-refresh',
  /** Recompute every demand aggregate from `posting` and `posting_skill`. */
  rebuild: 'analytics-rebuild',
} as const;

export interface AnalyticsRefreshPayload {
  /** Posting ids as decimal strings (those of one extraction job). */
  postingIds: string[];
}

export type AnalyticsRebuildPayload = Record<string, never>;

/** Postings per extraction job: big enough to amortise a transaction, small enough to retry cheaply. */
export const EXTRACT_BATCH_SIZE = 250;

/** Transient faults (database restart, Redis blip) are retried with exponential backoff; bad input is not. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 4,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** A BullMQ job id from parts: ":" is reserved by BullMQ, so every other character outside [A-Za-z0-9_.-] becomes "_". */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_')).join('-');
}

/**
 * The id of an `extract-postings` job: "extract-<version>-<24 hex digits>", the digits from SHA-256 over the batch's
 * sorted (posting id, content hash) pairs. Chosen over one job per posting (`extract-<id>-<hash8>-<version>`) because
 * a batch of 250 amortises a transaction and the occupation classification; the id still carries all three, so the
 * same postings at the same text and version make the same job (a no-op while Redis remembers it), while a changed
 * text or a new extractor/taxonomy version makes a new one. Whether a posting is extracted is decided in PostgreSQL
 * when the job runs, never by the queue's memory.
 */
export function extractJobId(targets: readonly ExtractTarget[], version: string): string {
  const pairs = targets.map((t) => `${t.id}=${t.contentHash}`).sort();
  return jobId('extract', version, createHash('sha256').update(pairs.join('\n')).digest('hex').slice(0, 24));
}

/** `extract-postings` jobs for the targets, in batches of {@link EXTRACT_BATCH_SIZE}; `suffix` parts end every id. */
export function extractJobs(
  targets: readonly ExtractTarget[],
  version: string,
  ...suffix: Array<string | number>
): Array<{ name: typeof EXTRACT_JOB.postings; data: ExtractPostingsPayload; opts: JobsOptions }> {
  const jobs = [];
  for (let i = 0; i < targets.length; i += EXTRACT_BATCH_SIZE) {
    const batch = targets.slice(i, i + EXTRACT_BATCH_SIZE);
    const id = extractJobId(batch, version);
    jobs.push({
      name: EXTRACT_JOB.postings,
      data: { postingIds: batch.map((t) => t.id), contentHashes: batch.map((t) => t.contentHash), extractionVersion: version },
      opts: { ...DEFAULT_JOB_OPTIONS, jobId: suffix.length > 0 ? jobId(id, ...suffix) : id },
    });
  }
  return jobs;
}

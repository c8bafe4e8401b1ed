import type { JobsOptions } from 'bullmq';
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
}

export type ExtractSweepPayload = Record<string, never>;

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
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** A BullMQ job id from parts: ":" is reserved by BullMQ, so every other character outside [A-Za-z0-9_.-] becomes "_". */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_')).join('-');
}

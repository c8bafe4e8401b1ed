import type { SourceConfig, SourceKind } from './connectors/connector.types.js';

export { SOURCE_KINDS } from './connectors/index.js';

/** The fields a `config` may have (connector.types.ts `SourceConfig`); any other key is refused with a 400. */
export const SOURCE_CONFIG_KEYS: ReadonlyArray<keyof SourceConfig> = [
  'boardToken', 'site', 'jobBoardName', 'urls', 'sitemapUrl', 'feedUrl', 'path', 'baseUrl', 'pageSize', 'query',
];

/** When a source runs: a cron expression (5 fields, or 6 with seconds first) read in an IANA time zone. */
export interface SourceSchedule {
  cron: string;
  timezone: string;
}

/** ETag / Last-Modified per page URL from the last run that read the page. */
export type SourceValidators = Record<string, { etag: string | null; lastModified: string | null }>;

/** A configured job source (`ingest_source` row). */
export interface IngestSource {
  id: string;
  name: string;
  kind: SourceKind;
  config: SourceConfig;
  schedule: SourceSchedule;
  enabled: boolean;
  /** `posting.source_id` of its postings, e.g. "greenhouse:acme" (the connector's `sourceKey(config)`). */
  sourceKey: string;
  validators: SourceValidators;
  createdAt: Date;
  updatedAt: Date;
}

/** What one run read and wrote: postings fetched, new / updated (incl. reopened) / unchanged, closed, records rejected. */
export interface SourceRunCounts {
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  closed: number;
  rejected: number;
}

export const EMPTY_SOURCE_RUN_COUNTS: SourceRunCounts = { fetched: 0, new: 0, updated: 0, unchanged: 0, closed: 0, rejected: 0 };

/** A page that was lost after the HTTP client's retries: its URL, the last HTTP status (null for network errors), why. */
export interface SourceRunError {
  url: string;
  status: number | null;
  error: string;
}

export type SourceRunStatus = 'running' | 'complete' | 'partial' | 'failed';
export type SourceRunTrigger = 'schedule' | 'manual';

/** One run of a source (`ingest_source_run` row). */
export interface SourceRun {
  id: string;
  sourceId: string;
  /** The BullMQ job that runs it (a retry of the job continues this row). */
  jobId: string;
  trigger: SourceRunTrigger;
  status: SourceRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  counts: SourceRunCounts;
  errors: SourceRunError[];
}

/**
 * A run's outcome from its pages: `failed` when pages were attempted and none could be read, `partial` when some
 * were lost, else `complete` (only a complete run may close postings).
 */
export function runStatus(pagesRead: number, pagesLost: number): Exclude<SourceRunStatus, 'running'> {
  if (pagesLost === 0) return 'complete';
  return pagesRead === 0 ? 'failed' : 'partial';
}

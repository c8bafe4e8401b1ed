import type { Queue } from 'bullmq';
import { EXTRACTOR_VERSION } from '../../extraction/extractor-version.js';
import { EXTRACT_BATCH_SIZE, type ExtractPostingsPayload, type ExtractTarget, extractJobs } from './queues.js';

/**
 * Collects new or changed postings during an ingestion job and enqueues `extract-postings` jobs of
 * `EXTRACT_BATCH_SIZE` postings. Job ids come from the batch's (posting id, content hash) pairs and the extraction
 * version (see `extractJobId`), so a retried ingestion job, or the same unchanged postings sent again, makes the
 * same jobs, and a changed text or a new taxonomy makes new ones. Used by file ingestion and source runs.
 *
 * Pass `UpsertResult.changed` with `UpsertResult.extractionVersion`: `add(result.changed, result.extractionVersion)`.
 * Bare posting ids are still taken (their job ids then carry no content hash, and the version defaults to
 * EXTRACTOR_VERSION without the taxonomy stamp); extraction itself is decided in PostgreSQL either way.
 */
export class ExtractEnqueuer {
  private pending: ExtractTarget[] = [];
  private version = EXTRACTOR_VERSION;

  constructor(private readonly queue: Queue<ExtractPostingsPayload>) {}

  /** Adds postings (with their content hashes, or bare ids) and enqueues every full batch. */
  async add(postings: ReadonlyArray<string | ExtractTarget>, extractionVersion?: string): Promise<void> {
    for (const p of postings) this.pending.push(typeof p === 'string' ? { id: p, contentHash: '' } : p);
    if (extractionVersion) this.version = extractionVersion;
    await this.enqueue(false);
  }

  /** Enqueues what is left, a last partial batch included. */
  async flush(): Promise<void> {
    await this.enqueue(true);
  }

  private async enqueue(force: boolean): Promise<void> {
    const take = force ? this.pending.length : this.pending.length - (this.pending.length % EXTRACT_BATCH_SIZE);
    if (take === 0) return;
    const targets = this.pending.splice(0, take);
    await this.queue.addBulk(extractJobs(targets, this.version));
  }
}

import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { ExtractEnqueuer } from '../infra/queue/extract-enqueuer.js';
import { type ExtractPostingsPayload, INGEST_JOB, type IngestFilePayload, QUEUE } from '../infra/queue/queues.js';
import type { FormatId } from './formats/format.types.js';
import { CanonicalPostingService } from './dedup/canonical-posting.service.js';
import { parsePostingFile } from './formats/index.js';
import { EMPTY_COUNTS, type FileCounts, IngestionRunRepository } from './ingestion-run.repository.js';
import { PostingRepository } from './posting.repository.js';
import type { NormalizedPosting } from './posting.types.js';

const UPSERT_BATCH = 500;

/**
 * Consumes the `ingest` queue: parses one file, upserts its postings in batches, assigns their canonical postings
 * (src/ingestion/dedup), stores rejected records with their reason, and enqueues extraction for the postings that
 * are new or changed. A bad record never stops the file; a file that cannot be read at all is recorded on the run
 * and not retried.
 */
@Processor(QUEUE.ingest, { concurrency: 1 })
export class IngestProcessor extends WorkerHost {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(
    private readonly postings: PostingRepository,
    private readonly canonical: CanonicalPostingService,
    private readonly runs: IngestionRunRepository,
    @InjectQueue(QUEUE.extract) private readonly extractQueue: Queue<ExtractPostingsPayload>,
  ) {
    super();
  }

  async process(job: Job<IngestFilePayload>): Promise<FileCounts> {
    if (job.name !== INGEST_JOB.file) throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${QUEUE.ingest}`);
    const { runId, path } = job.data;
    const counts: FileCounts = { ...EMPTY_COUNTS };
    let batch: NormalizedPosting[] = [];
    let rejected: Array<{ index: number; reason: string; excerpt: string }> = [];
    // Extraction job ids come from (posting id, content hash) pairs and the extraction version (see extractJobId).
    const extraction = new ExtractEnqueuer(this.extractQueue);
    const flush = async () => {
      if (batch.length > 0) {
        const result = await this.postings.upsert(batch);
        counts.new += result.inserted;
        counts.updated += result.updated;
        counts.unchanged += result.unchanged;
        // One canonical posting per opening; a posting whose canonical changed goes through extraction's demand refresh too.
        const dedup = await this.canonical.assign(result.postings.map((p) => p.id));
        const changed = new Set(result.changedIds);
        const hashOf = new Map(result.postings.map((p) => [p.id, p.contentHash]));
        const reassigned = dedup.reassigned.filter((id) => !changed.has(id)).map((id) => ({ id, contentHash: hashOf.get(id) ?? '' }));
        batch = [];
        await extraction.add([...result.changed, ...reassigned], result.extractionVersion);
      }
      if (rejected.length > 0) {
        await this.runs.recordRejected(runId, path, rejected);
        rejected = [];
      }
    };

    try {
      for await (const record of parsePostingFile(path, { format: job.data.format as FormatId | undefined, mapping: job.data.mapping })) {
        if (record.kind === 'posting') {
          counts.fetched += 1;
          batch.push(record.posting);
        } else if (record.kind === 'rejected') {
          counts.rejected += 1;
          rejected.push(record);
        } else {
          counts.skipped += 1;
        }
        if (batch.length >= UPSERT_BATCH || rejected.length >= UPSERT_BATCH) await flush();
      }
      await flush();
      await extraction.flush();
    } catch (error) {
      if (isDatabaseOrNetworkError(error)) throw error; // transient: BullMQ retries the whole file idempotently
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Run ${runId}: cannot read ${path}: ${message}`);
      await this.runs.recordFile(runId, path, { counts, error: message });
      throw new UnrecoverableError(message);
    }
    await this.runs.recordFile(runId, path, { counts });
    this.logger.log(`Run ${runId}: ${path}: ${JSON.stringify(counts)}`);
    return counts;
  }
}

function isDatabaseOrNetworkError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return /^(08|53|57P|40)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code);
}

import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { ExtractEnqueuer } from '../infra/queue/extract-enqueuer.js';
import { type ExtractPostingsPayload, INGEST_JOB, type IngestFilePayload, QUEUE } from '../infra/queue/queues.js';
import { isTransientFault } from '../infra/transient-fault.js';
import type { FormatId } from './formats/format.types.js';
import { CanonicalPostingService } from './dedup/canonical-posting.service.js';
import { parsePostingFile } from './formats/index.js';
import { EMPTY_COUNTS, type FileCounts, IngestionRunRepository } from './ingestion-run.repository.js';
import { PostingRepository } from './posting.repository.js';
import type { NormalizedPosting } from './posting.types.js';

/** Postings per upsert: PostingRepository.upsert's most, so a 40k-row file costs as few round trips as it can. */
const UPSERT_BATCH = 1_000;
/** Records parsed between two turns of the event loop while a batch is being written. */
const YIELD_EVERY = 50;

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
    const knownSources = new Set<string>();
    const write = async (postings: NormalizedPosting[], rejects: typeof rejected) => {
      if (postings.length > 0) {
        const result = await this.postings.upsert(postings, { knownSources });
        counts.new += result.inserted;
        counts.updated += result.updated;
        counts.unchanged += result.unchanged;
        // One canonical posting per opening; a posting whose canonical changed goes through extraction's demand refresh too.
        await extraction.add(await this.canonical.assignUpserted(result), result.extractionVersion);
      }
      if (rejects.length > 0) await this.runs.recordRejected(runId, path, rejects);
    };
    // Batches are written one after another, in file order, while the next one is parsed: the database works on
    // batch n while this process reads batch n + 1. `writing` is the write in flight; its failure surfaces at the
    // next flush or at the end (the rejection is observed at once so it never counts as unhandled).
    let writing: Promise<void> = Promise.resolve();
    writing.catch(() => undefined);
    const flush = async () => {
      await writing;
      if (batch.length === 0 && rejected.length === 0) return;
      writing = write(batch, rejected);
      writing.catch(() => undefined);
      batch = [];
      rejected = [];
    };

    try {
      let sinceYield = 0;
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
        // Parsing never waits on I/O by itself: give the write in flight a turn of the event loop now and then.
        else if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      await flush();
      await writing;
      await extraction.flush();
    } catch (parseOrWriteError) {
      // A write that failed before the parse error happened comes first, as it would have without the overlap.
      const error = (await writing.then(() => null, (writeError: unknown) => writeError)) ?? parseOrWriteError;
      if (isTransientFault(error)) throw error; // transient: BullMQ retries the whole file idempotently
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

import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { QUEUE, SOURCE_JOB, type SourceRunPayload } from '../infra/queue/queues.js';
import { SourceRunService } from './source-run.service.js';
import type { SourceRun } from './source.types.js';

/**
 * Consumes the `sources` queue: one `source-run` job per scheduled tick or manual run. Two runs at once per worker
 * process (the HTTP client limits requests per host). A job whose last attempt fails marks its run `failed`, also when
 * BullMQ fails it without calling `process` (a job stalled more than `maxStalledCount` times, i.e. its worker died
 * again and again mid-run: the next worker fails it on pick-up), so no run stays `running` for ever.
 */
@Processor(QUEUE.sources, { concurrency: 2 })
export class SourceRunProcessor extends WorkerHost {
  private readonly logger = new Logger(SourceRunProcessor.name);

  constructor(private readonly runner: SourceRunService) {
    super();
  }

  async process(job: Job<SourceRunPayload>): Promise<Pick<SourceRun, 'id' | 'status' | 'counts'> | null> {
    if (job.name !== SOURCE_JOB.run) throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${QUEUE.sources}`);
    const runJob = { id: String(job.id), attemptsMade: job.attemptsMade };
    try {
      const run = await this.runner.execute(job.data, runJob);
      if (!run) this.logger.log(`Job ${job.id}: source ${job.data.sourceId} is gone or disabled; nothing to run`);
      return run ? { id: run.id, status: run.status, counts: run.counts } : null;
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) await this.runner.abandon(runJob, error instanceof Error ? error.message : String(error)).catch(() => undefined);
      throw error;
    }
  }

  /**
   * A job failed for good (`finishedOn` set; a failure that BullMQ retries has none): its run, if still `running`,
   * becomes `failed` with the reason. Covers failures decided outside `process` (deferred stall failures).
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<SourceRunPayload> | undefined, error: Error): Promise<void> {
    if (!job?.id || job.name !== SOURCE_JOB.run || !job.finishedOn) return;
    try {
      await this.runner.abandon({ id: String(job.id), attemptsMade: job.attemptsMade }, error?.message ?? 'job failed');
    } catch (failure) {
      this.logger.error(`Job ${job.id}: could not mark its run failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }
}

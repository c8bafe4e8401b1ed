import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { QUEUE, SOURCE_JOB, type SourceRunPayload } from '../infra/queue/queues.js';
import { SourceRunService } from './source-run.service.js';
import type { SourceRun } from './source.types.js';

/**
 * Consumes the `sources` queue: one `source-run` job per scheduled tick or manual run. Two runs at once per worker
 * process (the HTTP client limits requests per host). A job whose last attempt fails marks its run `failed`.
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
}

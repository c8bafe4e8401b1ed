import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import {
  ANALYTICS_JOB, type AnalyticsRebuildPayload, type AnalyticsRefreshPayload, DEFAULT_JOB_OPTIONS, jobId, QUEUE,
} from '../infra/queue/queues.js';
import { DemandAggregateRepository } from './demand-aggregate.repository.js';

type AnalyticsPayload = AnalyticsRefreshPayload | AnalyticsRebuildPayload;

/**
 * Enqueues the demand refresh for the postings of one extraction job (called by the extract processor once its
 * `posting_skill` rows are committed). The job id derives from the extraction job's, so a retried extraction job
 * enqueues no second refresh while the first is known to Redis.
 */
export async function enqueueDemandRefresh(queue: Queue, extractJobId: string | undefined, postingIds: string[]): Promise<void> {
  if (postingIds.length === 0) return;
  await queue.add(ANALYTICS_JOB.refresh, { postingIds } satisfies AnalyticsRefreshPayload, {
    ...DEFAULT_JOB_OPTIONS,
    ...(extractJobId ? { jobId: jobId('analytics', extractJobId) } : {}),
  });
}

/**
 * Consumes the `analytics` queue: refreshes demand aggregates after extraction, or rebuilds them all. On start-up
 * (worker role) it enqueues one rebuild when a database that already holds extracted postings has no aggregates yet.
 */
@Processor(QUEUE.analytics, { concurrency: 1 })
export class AnalyticsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsProcessor.name);

  constructor(
    private readonly aggregates: DemandAggregateRepository,
    @InjectQueue(QUEUE.analytics) private readonly queue: Queue<AnalyticsPayload>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (await this.aggregates.needsRebuild()) {
      this.logger.log('Demand aggregates are empty: enqueueing a full rebuild');
      await this.queue.add(ANALYTICS_JOB.rebuild, {}, { ...DEFAULT_JOB_OPTIONS, jobId: jobId('analytics', 'initial-rebuild') });
    }
  }

  async process(job: Job<AnalyticsPayload>): Promise<object> {
    switch (job.name) {
      case ANALYTICS_JOB.refresh: {
        const ids = (job.data as AnalyticsRefreshPayload).postingIds;
        if (!Array.isArray(ids) || ids.some((id) => !/^\d+$/.test(String(id)))) throw new UnrecoverableError('postingIds must be decimal strings');
        return this.aggregates.refresh(ids.map(String));
      }
      case ANALYTICS_JOB.rebuild:
        return this.aggregates.rebuild();
      default:
        throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${QUEUE.analytics}`);
    }
  }
}

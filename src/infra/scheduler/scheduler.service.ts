import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { EXTRACTOR_VERSION } from '../../extraction/extractor-version.js';
import { SourceScheduleService } from '../../sources/source-schedule.service.js';
import { DEFAULT_JOB_OPTIONS, EXTRACT_JOB, type ExtractSweepPayload, jobId, QUEUE } from '../queue/queues.js';

/** Every 15 minutes: re-enqueue postings still awaiting extraction (recovers work lost with Redis). */
export const EXTRACT_SWEEP_SCHEDULE = { id: 'extract-sweep', every: 15 * 60 * 1000 };

/**
 * Registers Skillpulse's schedules with BullMQ job schedulers. `upsertJobScheduler` is idempotent, so every
 * replica may run this: one scheduler per id exists in Redis and each tick produces exactly one job.
 * Configured job sources: one scheduler per enabled source on the `sources` queue, reconciled with the database at
 * start-up (src/sources/source-schedule.service.ts); the API keeps them in step on every change.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulerService.name);

  constructor(
    @InjectQueue(QUEUE.extract) private readonly extractQueue: Queue<ExtractSweepPayload>,
    private readonly sourceSchedules: SourceScheduleService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.extractQueue.upsertJobScheduler(
      EXTRACT_SWEEP_SCHEDULE.id,
      { every: EXTRACT_SWEEP_SCHEDULE.every },
      { name: EXTRACT_JOB.sweep, data: {}, opts: { removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete, removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail } },
    );
    this.logger.log(`Schedule "${EXTRACT_SWEEP_SCHEDULE.id}" registered (every ${EXTRACT_SWEEP_SCHEDULE.every / 60000} min)`);
    // One sweep per extractor version, right away: postings a previous version extracted are re-extracted after an upgrade.
    await this.extractQueue.add(EXTRACT_JOB.sweep, {}, { ...DEFAULT_JOB_OPTIONS, jobId: jobId('extract-sweep-version', EXTRACTOR_VERSION) });
    await this.sourceSchedules.reconcile();
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUE, SOURCE_JOB, SOURCE_RUN_JOB_OPTIONS, type SourceRunPayload, sourceSchedulerId } from '../infra/queue/queues.js';
import { SourceRepository } from './source.repository.js';
import { nextRunAt } from './source-schedule.js';
import type { IngestSource } from './source.types.js';

/**
 * One BullMQ job scheduler per enabled source on the `sources` queue, id `source-<source id>`, pattern = the source's
 * cron in its time zone; each tick enqueues one `source-run` job. `upsertJobScheduler` is idempotent (same id →
 * replaced, never duplicated), so the API (on POST/PATCH) and every scheduler replica (on start-up) may call it.
 */
@Injectable()
export class SourceScheduleService {
  private readonly logger = new Logger(SourceScheduleService.name);

  constructor(
    @InjectQueue(QUEUE.sources) private readonly queue: Queue<SourceRunPayload>,
    private readonly sources: SourceRepository,
  ) {}

  /** Registers (enabled) or removes (disabled) the source's job scheduler. */
  async apply(source: IngestSource): Promise<void> {
    if (!source.enabled) {
      await this.remove(source.id);
      return;
    }
    const { removeOnComplete, removeOnFail, attempts, backoff } = SOURCE_RUN_JOB_OPTIONS;
    await this.queue.upsertJobScheduler(
      sourceSchedulerId(source.id),
      { pattern: source.schedule.cron, tz: source.schedule.timezone },
      { name: SOURCE_JOB.run, data: { sourceId: source.id }, opts: { removeOnComplete, removeOnFail, attempts, backoff } },
    );
  }

  /** Removes the source's job scheduler (and its pending delayed job), if any. */
  async remove(sourceId: string): Promise<void> {
    await this.queue.removeJobScheduler(sourceSchedulerId(sourceId));
  }

  /**
   * When the source runs next (UTC): the job scheduler's `next` when it is registered, else computed from the cron in
   * the source's time zone; null for a disabled source.
   */
  async nextRunAt(source: IngestSource, now: Date = new Date()): Promise<Date | null> {
    if (!source.enabled) return null;
    const scheduler = await this.queue.getJobScheduler(sourceSchedulerId(source.id));
    if (scheduler?.next && scheduler.pattern === source.schedule.cron && scheduler.tz === source.schedule.timezone) return new Date(scheduler.next);
    return nextRunAt(source.schedule.cron, source.schedule.timezone, now);
  }

  /**
   * Makes Redis match the database (scheduler role, at start-up): upserts the scheduler of every enabled source and
   * removes the schedulers of sources that are disabled or gone. Returns what it did.
   */
  async reconcile(): Promise<{ upserted: number; removed: number }> {
    const sources = await this.sources.list();
    const wanted = new Set<string>();
    for (const source of sources.filter((s) => s.enabled)) {
      await this.apply(source);
      wanted.add(sourceSchedulerId(source.id));
    }
    let removed = 0;
    for (const scheduler of await this.queue.getJobSchedulers(0, -1)) {
      const id = scheduler.id ?? scheduler.key;
      if (wanted.has(id)) continue;
      // Read again before removing: a source created or enabled through the API since the list above keeps its scheduler.
      const current = id.startsWith('source-') ? await this.sources.find(id.slice('source-'.length)) : null;
      if (!current?.enabled) {
        await this.queue.removeJobScheduler(id);
        removed += 1;
      }
    }
    this.logger.log(`Source schedules reconciled: ${wanted.size} registered, ${removed} removed`);
    return { upserted: wanted.size, removed };
  }
}

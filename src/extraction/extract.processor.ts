import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { config } from '../config/config.js';
import {
  DEFAULT_JOB_OPTIONS, EXTRACT_BATCH_SIZE, EXTRACT_JOB, type ExtractPostingsPayload, type ExtractSweepPayload, jobId, QUEUE,
} from '../infra/queue/queues.js';
import { enqueueDemandRefresh } from '../trends/analytics.processor.js';
import { OccupationClassificationService } from '../occupations/occupation-classification.service.js';
import { ExtractionService } from './extraction.service.js';
import { extractPosting } from './posting-extraction.js';
import { PostingSkillRepository } from './posting-skill.repository.js';

/** Consumes the `extract` queue: writes `posting_skill` rows for postings whose text changed. */
@Processor(QUEUE.extract, { concurrency: 1 })
export class ExtractProcessor extends WorkerHost {
  private readonly logger = new Logger(ExtractProcessor.name);

  constructor(
    private readonly extraction: ExtractionService,
    private readonly postingSkills: PostingSkillRepository,
    private readonly occupations: OccupationClassificationService,
    @InjectQueue(QUEUE.extract) private readonly extractQueue: Queue<ExtractPostingsPayload | ExtractSweepPayload>,
    @InjectQueue(QUEUE.analytics) private readonly analyticsQueue: Queue,
  ) {
    super();
  }

  async process(job: Job<ExtractPostingsPayload | ExtractSweepPayload>): Promise<{ postings: number; skills: number }> {
    switch (job.name) {
      case EXTRACT_JOB.postings: {
        const ids = (job.data as ExtractPostingsPayload).postingIds;
        const result = await this.extractPostings(ids);
        // Demand aggregates follow the committed posting_skill rows (also on a retry that found nothing left to extract).
        await enqueueDemandRefresh(this.analyticsQueue, job.id, ids);
        return result;
      }
      case EXTRACT_JOB.sweep:
        return this.sweep(String(job.id));
      default:
        throw new UnrecoverableError(`No handler for job "${job.name}" on queue ${QUEUE.extract}`);
    }
  }

  private async extractPostings(ids: string[]): Promise<{ postings: number; skills: number }> {
    await this.occupations.classifyPostings(ids);
    const postings = await this.postingSkills.awaiting(ids);
    if (postings.length === 0) return { postings: 0, skills: 0 };
    const extractor = await this.extraction.extractor();
    const minConfidence = config().EXTRACT_MIN_CONFIDENCE;
    const results = postings.map((p) => extractPosting(extractor, p, minConfidence));
    const skills = await this.postingSkills.replace(results);
    return { postings: postings.length, skills };
  }

  private async sweep(sweepId: string): Promise<{ postings: number; skills: number }> {
    const ids = await this.postingSkills.allAwaitingIds();
    const jobs = [];
    for (let i = 0; i < ids.length; i += EXTRACT_BATCH_SIZE) {
      jobs.push({
        name: EXTRACT_JOB.postings,
        data: { postingIds: ids.slice(i, i + EXTRACT_BATCH_SIZE) },
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: jobId('extract', sweepId, i / EXTRACT_BATCH_SIZE) },
      });
    }
    await this.extractQueue.addBulk(jobs);
    this.logger.log(`Sweep ${sweepId}: ${ids.length} posting(s) awaiting extraction, ${jobs.length} job(s) queued`);
    await this.occupations.classifyStale();
    return { postings: ids.length, skills: 0 };
  }
}

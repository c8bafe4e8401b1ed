import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { config } from '../config/config.js';
import { EXTRACT_JOB, type ExtractPostingsPayload, type ExtractSweepPayload, extractJobs, QUEUE } from '../infra/queue/queues.js';
import { enqueueDemandRefresh } from '../trends/analytics.processor.js';
import { OccupationClassificationService } from '../occupations/occupation-classification.service.js';
import { ExtractionService } from './extraction.service.js';
import { extractionVersion } from './extractor-version.js';
import { extractPosting } from './posting-extraction.js';
import { PostingSkillRepository } from './posting-skill.repository.js';

/**
 * Consumes the `extract` queue: writes `posting_skill` rows for the postings of a job that PostgreSQL says await
 * extraction (text changed, or another extractor version or taxonomy extracted them); the others are skipped, so a job
 * run twice, or retried after a crash, leaves one set of rows.
 */
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
    const { extractor, taxonomyStamp } = await this.extraction.current({ fresh: true });
    const minConfidence = config().EXTRACT_MIN_CONFIDENCE;
    const results = postings.map((p) => extractPosting(extractor, p, minConfidence));
    const skills = await this.postingSkills.replace(results, taxonomyStamp);
    return { postings: postings.length, skills };
  }

  /**
   * Enqueues every posting awaiting extraction in batches. Job ids are the content-derived ones plus the sweep's id,
   * so a sweep is never held back by a job Redis still remembers (e.g. a failed one); duplicates are skipped in SQL.
   */
  private async sweep(sweepId: string): Promise<{ postings: number; skills: number }> {
    const { postings, taxonomyStamp } = await this.postingSkills.allAwaiting();
    const jobs = extractJobs(postings, extractionVersion(taxonomyStamp), 'sweep', sweepId);
    await this.extractQueue.addBulk(jobs);
    this.logger.log(`Sweep ${sweepId}: ${postings.length} posting(s) awaiting extraction, ${jobs.length} job(s) queued`);
    await this.occupations.classifyStale();
    return { postings: postings.length, skills: 0 };
  }
}

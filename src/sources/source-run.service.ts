import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { config } from '../config/config.js';
import { HTTP_CLIENT } from '../infra/http/http-client.js';
import type { HttpClientPort } from '../infra/http/http-client.types.js';
import { ExtractEnqueuer } from '../infra/queue/extract-enqueuer.js';
import { type ExtractPostingsPayload, QUEUE, type SourceRunPayload } from '../infra/queue/queues.js';
import { isTransientFault } from '../infra/transient-fault.js';
import { CanonicalPostingService } from '../ingestion/dedup/canonical-posting.service.js';
import { PostingRepository } from '../ingestion/posting.repository.js';
import type { NormalizedPosting } from '../ingestion/posting.types.js';
import type { ConnectorContext, ConnectorPage } from './connectors/connector.types.js';
import { defaultFileRoot } from './connectors/file.connector.js';
import { type SourceRejectedRecord, SourceRunRepository } from './source-run.repository.js';
import { SourceRepository } from './source.repository.js';
import {
  EMPTY_SOURCE_RUN_COUNTS, type IngestSource, runStatus, type SourceRun, type SourceRunCounts, type SourceRunError, type SourceValidators,
} from './source.types.js';
import { CONNECTOR_REGISTRY, type ConnectorRegistry } from './sources.tokens.js';

/** Postings per `PostingRepository.upsert` call (its limit is 1,000). */
const UPSERT_BATCH = 1_000;

/** The BullMQ job running a source: its id (a retry keeps it) and the attempts it made before this one. */
export interface SourceRunJob {
  id: string;
  attemptsMade: number;
}

/**
 * Runs one configured source: reads every page through its connector, upserts the postings (≤1,000 per call),
 * records rejected records, marks what the source lists now, enqueues extraction of new/changed postings, stores the
 * pages' validators, and — only when every page was read — closes the postings the source no longer lists.
 * A lost page (after the HTTP client's retries) makes the run `partial`; no page read at all makes it `failed`.
 * Database and Redis faults propagate, so BullMQ retries the job, which continues the same run row.
 */
@Injectable()
export class SourceRunService {
  private readonly logger = new Logger(SourceRunService.name);

  constructor(
    private readonly sources: SourceRepository,
    private readonly runs: SourceRunRepository,
    private readonly postings: PostingRepository,
    private readonly canonical: CanonicalPostingService,
    @InjectQueue(QUEUE.extract) private readonly extractQueue: Queue<ExtractPostingsPayload>,
    @Inject(CONNECTOR_REGISTRY) private readonly connectorFor: ConnectorRegistry,
    @Inject(HTTP_CLIENT) private readonly http: HttpClientPort,
  ) {}

  /**
   * Runs the source of a `source-run` job. Returns the finished run, or null when there is nothing to run (the source
   * was deleted, or a scheduled tick found it disabled).
   */
  async execute(payload: SourceRunPayload, job: SourceRunJob): Promise<SourceRun | null> {
    const source = await this.sources.find(payload.sourceId);
    if (!source || (!payload.runId && !source.enabled)) return null;
    const run = await this.runs.begin(
      { id: payload.runId ?? randomUUID(), sourceId: source.id, jobId: job.id, trigger: payload.runId ? 'manual' : 'schedule' },
      job.attemptsMade === 0,
    );
    const counts: SourceRunCounts = { ...EMPTY_SOURCE_RUN_COUNTS };
    const errors: SourceRunError[] = [];
    const validators: SourceValidators = {};
    const extraction = new ExtractEnqueuer(this.extractQueue);
    let pagesRead = 0;

    const context: ConnectorContext = {
      http: this.http,
      validators: new Map(Object.entries(source.validators)),
      fetchedAt: run.startedAt,
      secrets: { USAJOBS_API_KEY: config().USAJOBS_API_KEY, USAJOBS_USER_AGENT: config().USAJOBS_USER_AGENT },
      fileRoot: defaultFileRoot(),
    };
    try {
      for await (const page of this.connectorFor(source.kind).pages(source.config, context)) {
        if (!page.ok) {
          errors.push({ url: page.url, status: page.status, error: page.error });
          continue;
        }
        pagesRead += 1;
        if (page.notModified) {
          const previous = source.validators[page.url];
          if (previous) validators[page.url] = previous;
          await this.runs.markPageUnchanged(source.id, run.id, page.url);
          continue;
        }
        if (page.etag || page.lastModified) validators[page.url] = { etag: page.etag, lastModified: page.lastModified };
        await this.storePage(source, run, page, counts, extraction);
      }
    } catch (error) {
      if (isTransientFault(error)) throw error;
      // A connector that throws (instead of yielding a lost page) loses the rest of the source: never a complete run.
      errors.push({ url: '', status: null, error: error instanceof Error ? error.message : String(error) });
    }
    await extraction.flush();

    const status = runStatus(pagesRead, errors.length);
    if (status === 'complete') counts.closed = await this.runs.closeUnlisted(source, run);
    if (status !== 'failed') await this.sources.saveValidators(source.id, validators);
    await this.runs.finish(run.id, status, counts, errors);
    this.logger.log(`Source "${source.name}" run ${run.id}: ${status} ${JSON.stringify(counts)}${errors.length ? `, ${errors.length} page(s) lost` : ''}`);
    return this.runs.find(run.id);
  }

  /** Marks the run of a job failed for good (its last attempt failed on a database or Redis fault). */
  async abandon(job: SourceRunJob, reason: string): Promise<void> {
    await this.runs.failByJob(job.id, reason);
  }

  private async storePage(
    source: IngestSource,
    run: SourceRun,
    page: Extract<ConnectorPage, { ok: true }>,
    counts: SourceRunCounts,
    extraction: ExtractEnqueuer,
  ): Promise<void> {
    const postings: NormalizedPosting[] = [];
    const rejected: SourceRejectedRecord[] = [];
    const fetchedAt = run.startedAt.toISOString();
    for (const record of page.records) {
      if (record.kind === 'posting') {
        counts.fetched += 1;
        postings.push({ ...record.posting, fetchedAt: record.posting.fetchedAt ?? fetchedAt });
      } else if (record.kind === 'rejected') {
        counts.rejected += 1;
        rejected.push({ url: page.url, index: record.index, reason: record.reason, excerpt: record.excerpt });
      }
    }
    for (let start = 0; start < postings.length; start += UPSERT_BATCH) {
      const result = await this.postings.upsert(postings.slice(start, start + UPSERT_BATCH));
      counts.new += result.inserted;
      counts.updated += result.updated;
      counts.unchanged += result.unchanged;
      await this.runs.markListed(source.id, run.id, page.url, result.postings.map((p) => p.id));
      // As file ingestion does (ingest.processor.ts): one canonical posting per opening, and a posting whose
      // canonical changed goes through extraction (and so the demand refresh) too.
      await extraction.add(await this.canonical.assignUpserted(result), result.extractionVersion);
    }
    await this.runs.recordRejected(run.id, rejected);
  }
}

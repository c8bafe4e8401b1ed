import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { DEFAULT_JOB_OPTIONS, INGEST_JOB, type IngestFilePayload, jobId, QUEUE } from '../infra/queue/queues.js';
import type { ColumnMapping } from './formats/format.types.js';
import { listPostingFiles } from './formats/index.js';
import { IngestionRunRepository } from './ingestion-run.repository.js';

export interface StartedRun {
  runId: string;
  files: string[];
  /** Files under the input that no format recognises, with the reason. */
  ignored: Array<{ path: string; reason: string }>;
}

/** Starts ingestion runs: lists the files of an input and enqueues one `ingest-file` job per file. */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);

  constructor(
    private readonly runs: IngestionRunRepository,
    @InjectQueue(QUEUE.ingest) private readonly ingestQueue: Queue<IngestFilePayload>,
  ) {}

  /**
   * Ingests a posting file, or every recognised posting file under a directory, through the `ingest` queue.
   * Throws when the path does not exist or holds no recognisable file.
   */
  async ingestPath(input: string, options: { format?: string; mapping?: ColumnMapping } = {}): Promise<StartedRun> {
    const absolute = resolve(input);
    const { files, ignored } = await listPostingFiles(absolute, { format: options.format, mapping: options.mapping });
    if (files.length === 0) throw new Error(`No posting files found at ${absolute}`);
    const runId = await this.runs.create(absolute, files.length);
    await this.ingestQueue.addBulk(
      files.map((path) => ({
        name: INGEST_JOB.file,
        data: { runId, path, format: options.format, mapping: options.mapping },
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: jobId('ingest', runId, createHash('sha1').update(path).digest('hex').slice(0, 16)) },
      })),
    );
    this.logger.log(`Run ${runId}: ${files.length} file(s) queued from ${absolute}`);
    return { runId, files, ignored };
  }
}

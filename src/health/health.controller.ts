import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ProblemException } from '../infra/http/problem.filter.js';
import { QUEUE } from '../infra/queue/queues.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @InjectQueue(QUEUE.ingest) private readonly queue: Queue,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when PostgreSQL answers a query and Redis a queue count within 2 s each; otherwise a 503 problem naming what failed. */
  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Redis are reachable' })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, 'up'> }> {
    const failures: string[] = [];
    await Promise.all([
      withTimeout(this.db.query('SELECT 1'), 2_000).catch((e: Error) => failures.push(`postgres: ${e.message}`)),
      withTimeout(this.queue.getJobCounts('waiting'), 2_000).catch((e: Error) => failures.push(`redis: ${e.message}`)),
    ]);
    if (failures.length) throw new ProblemException(503, 'not-ready', 'Service Unavailable', failures.join('; '));
    return { status: 'ok', checks: { postgres: 'up', redis: 'up' } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}

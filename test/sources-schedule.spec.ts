import { Logger } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HttpClient } from '../src/infra/http/http-client.js';
import { QUEUE, SOURCE_JOB, type SourceRunPayload, sourceSchedulerId } from '../src/infra/queue/queues.js';
import { redisConnection } from '../src/infra/queue/redis-connection.js';
import { CanonicalPostingService } from '../src/ingestion/dedup/canonical-posting.service.js';
import { PostingRepository } from '../src/ingestion/posting.repository.js';
import { SourceRunRepository } from '../src/sources/source-run.repository.js';
import { SourceRunService } from '../src/sources/source-run.service.js';
import { SourceScheduleService } from '../src/sources/source-schedule.service.js';
import { SourceRepository } from '../src/sources/source.repository.js';
import type { IngestSource } from '../src/sources/source.types.js';
import { RecordedServer } from './support/recorded-server.js';
import { pagedJsonConnector } from './support/source-connectors.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * Source schedules on real Redis: replicas of the scheduler (each its own Queue connection, same prefix) restarted
 * several times never duplicate a source's job scheduler or its pending run, a changed cron replaces it, and each
 * cron tick produces exactly one run.
 */
const db = new TestDatabase('sources_schedule');
const PREFIX = `skillpulse-test-sources-schedule-${process.pid}`;
const connection = redisConnection('redis://127.0.0.1:6379');
let ds: DataSource;
let sources: SourceRepository;
let observer: Queue<SourceRunPayload>;

/** A scheduler replica "process": its own Queue connection; `restart` reconciles like SchedulerService at start-up. */
async function restartReplica(): Promise<void> {
  const queue = new Queue<SourceRunPayload>(QUEUE.sources, { connection, prefix: PREFIX });
  try {
    await new SourceScheduleService(queue, sources).reconcile();
  } finally {
    await queue.close();
  }
}

function newSource(name: string, cron: string, enabled = true): Promise<IngestSource> {
  return sources.create({
    name, kind: 'lever', config: { site: 'tick', baseUrl: 'http://127.0.0.1:9', pageSize: 2 }, schedule: { cron, timezone: 'Europe/Berlin' }, enabled,
    sourceKey: 'lever:tick',
  });
}

async function pendingRunsOf(sourceId: string): Promise<Job<SourceRunPayload>[]> {
  return (await observer.getJobs(['delayed', 'waiting', 'prioritized'])).filter((j) => j.data.sourceId === sourceId);
}

beforeAll(async () => {
  Logger.overrideLogger(['error']);
  ds = await db.open();
  sources = new SourceRepository(ds);
  observer = new Queue<SourceRunPayload>(QUEUE.sources, { connection, prefix: PREFIX });
  await observer.obliterate({ force: true });
}, 60_000);

afterAll(async () => {
  await observer?.obliterate({ force: true });
  await observer?.close();
  await db.close();
});

describe('two scheduler replicas, each restarted three times', () => {
  it('leave one job scheduler and one pending run per source; a changed cron replaces both', async () => {
    const hourly = await newSource('hourly board', '0 * * * *');
    for (let restart = 0; restart < 3; restart += 1) await Promise.all([restartReplica(), restartReplica()]);

    let schedulers = await observer.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => [s.id ?? s.key, s.pattern, s.tz])).toEqual([[sourceSchedulerId(hourly.id), '0 * * * *', 'Europe/Berlin']]);
    expect(await pendingRunsOf(hourly.id)).toHaveLength(1);

    // PATCH path: the API updates the row and upserts the scheduler under the same id; then both replicas restart again.
    const everyTwoHours = await sources.update({ ...hourly, schedule: { cron: '0 */2 * * *', timezone: 'Europe/Berlin' } });
    const queue = new Queue<SourceRunPayload>(QUEUE.sources, { connection, prefix: PREFIX });
    await new SourceScheduleService(queue, sources).apply(everyTwoHours);
    await queue.close();
    for (let restart = 0; restart < 3; restart += 1) await Promise.all([restartReplica(), restartReplica()]);

    expect(await observer.getJobSchedulersCount()).toBe(1);
    schedulers = await observer.getJobSchedulers(0, -1);
    expect(schedulers[0].pattern).toBe('0 */2 * * *');
    const pending = await pendingRunsOf(hourly.id);
    expect(pending).toHaveLength(1);
    expect(pending[0].name).toBe(SOURCE_JOB.run);
    // The pending run is at the next even hour in Berlin.
    const at = new Date(pending[0].timestamp + (pending[0].opts.delay ?? 0));
    const berlinHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(at));
    expect(berlinHour % 2).toBe(0);
    expect(at.getUTCMinutes()).toBe(0);
  });

  it('remove the schedulers of disabled and deleted sources at start-up', async () => {
    const disabled = await newSource('soon disabled', '0 3 * * *');
    const deleted = await newSource('soon deleted', '0 4 * * *');
    await restartReplica();
    expect(await observer.getJobSchedulersCount()).toBe(3);
    await sources.update({ ...disabled, enabled: false });
    await sources.delete(deleted.id);
    await Promise.all([restartReplica(), restartReplica()]);
    const ids = (await observer.getJobSchedulers(0, -1)).map((s) => s.id ?? s.key);
    expect(ids).toHaveLength(1);
    expect(ids).not.toContain(sourceSchedulerId(disabled.id));
    expect(ids).not.toContain(sourceSchedulerId(deleted.id));
    expect(await pendingRunsOf(disabled.id)).toHaveLength(0);
    expect(await pendingRunsOf(deleted.id)).toHaveLength(0);
    for (const source of await sources.list()) await sources.delete(source.id);
    await restartReplica();
    expect(await observer.getJobSchedulersCount()).toBe(0);
  });
});

describe('an every-second cron with two replicas and a worker', () => {
  let server: RecordedServer;
  let worker: Worker<SourceRunPayload> | undefined;
  let extractQueue: Queue | undefined;
  let http: HttpClient | undefined;
  afterAll(async () => {
    await worker?.close();
    await extractQueue?.close();
    await http?.onModuleDestroy();
    await server?.close();
  });

  it('makes exactly one run per tick', async () => {
    server = await RecordedServer.start();
    server.on(/^\/v0\/postings\/tick\?/, (request) => {
      const skip = Number(new URL(request.url, server.origin).searchParams.get('skip'));
      return { json: skip === 0 ? [{ id: 't1', text: 'Tick engineer' }] : [] };
    });
    extractQueue = new Queue(QUEUE.extract, { connection, prefix: PREFIX });
    http = new HttpClient({ allowHosts: [server.host], hostMinIntervalMs: 0 });
    const runner = new SourceRunService(
      sources, new SourceRunRepository(ds), new PostingRepository(ds), new CanonicalPostingService(ds), extractQueue,
      () => pagedJsonConnector('lever'), http,
    );
    const source = await sources.create({
      name: 'every second', kind: 'lever', config: { site: 'tick', baseUrl: server.origin, pageSize: 2 },
      schedule: { cron: '* * * * * *', timezone: 'UTC' }, enabled: true, sourceKey: 'lever:tick',
    });
    worker = new Worker<SourceRunPayload>(QUEUE.sources, (job) => runner.execute(job.data, { id: String(job.id), attemptsMade: job.attemptsMade }), {
      connection, prefix: PREFIX, concurrency: 4,
    });
    await Promise.all([restartReplica(), restartReplica()]);
    await new Promise((r) => setTimeout(r, 2_500));
    await Promise.all([restartReplica(), restartReplica()]); // a restart mid-stream must not double a tick either
    await new Promise((r) => setTimeout(r, 1_000));
    const queue = new Queue<SourceRunPayload>(QUEUE.sources, { connection, prefix: PREFIX });
    await new SourceScheduleService(queue, sources).remove(source.id);
    await queue.close();
    await waitUntil('the last runs to finish', async () => (await observer.getActiveCount()) === 0 && (await observer.getWaitingCount()) === 0, 10_000);

    const runs: Array<{ job_id: string; status: string }> = await ds.query(`SELECT job_id, status FROM ingest_source_run WHERE source_id = $1`, [source.id]);
    const ticks = runs.map((r) => Number(/^repeat:source-[0-9a-f-]+:(\d+)$/.exec(r.job_id)?.[1]));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(runs.map((r) => r.job_id)).size).toBe(runs.length);
    expect(new Set(ticks).size).toBe(runs.length); // no tick doubled
    for (const tick of ticks) expect(tick % 1_000).toBe(0); // each on a whole second, as the cron says
    expect(runs.every((r) => r.status === 'complete')).toBe(true);
  }, 30_000);
});

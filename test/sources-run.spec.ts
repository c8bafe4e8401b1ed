import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HttpClient } from '../src/infra/http/http-client.js';
import { QUEUE, SOURCE_JOB, type SourceRunPayload } from '../src/infra/queue/queues.js';
import { redisConnection } from '../src/infra/queue/redis-connection.js';
import { CanonicalPostingService } from '../src/ingestion/dedup/canonical-posting.service.js';
import { PostingRepository } from '../src/ingestion/posting.repository.js';
import type { SourceConnector, SourceKind } from '../src/sources/connectors/connector.types.js';
import { SourceRunProcessor } from '../src/sources/source-run.processor.js';
import { SourceRunRepository } from '../src/sources/source-run.repository.js';
import { SourceRunService } from '../src/sources/source-run.service.js';
import { SourceRepository } from '../src/sources/source.repository.js';
import type { IngestSource } from '../src/sources/source.types.js';
import { RecordedServer } from './support/recorded-server.js';
import { pagedJsonConnector } from './support/source-connectors.js';
import { TestDatabase } from './support/test-database.js';

/**
 * The run logic of configured sources on real parts: PostgreSQL, BullMQ on Redis (extraction jobs), the guarded
 * HttpClient against a local HTTP server, and a small Lever-style connector (test/support/source-connectors.ts).
 */
const db = new TestDatabase('sources_run');
const PREFIX = `skillpulse-test-sources-run-${process.pid}`;
let ds: DataSource;
let server: RecordedServer;
let extractQueue: Queue;
let sources: SourceRepository;
let runner: SourceRunService;
let connectors: Record<string, SourceConnector>;
let http: HttpClient;
let jobNo = 0;

type Item = { id: string; text?: string; descriptionPlain?: string };
const item = (id: string): Item => ({ id, text: `Engineer ${id}`, descriptionPlain: `Build things with Python (${id}).` });

/** The board the server shows: all items, paged by skip/limit. `fail(skip, call)` may answer instead. */
let board: Item[] = [];
let fail: ((skip: number, call: number) => { status: number; headers?: Record<string, string> } | null) | null = null;
const callsBySkip = new Map<number, number>();

async function run(source: IngestSource, attemptsMade = 0, id = `job-${++jobNo}`) {
  const done = await runner.execute({ sourceId: source.id }, { id, attemptsMade });
  if (!done) throw new Error('nothing ran');
  return done;
}

async function postingStatus(sourceKey: string): Promise<Record<string, string>> {
  const rows: Array<{ external_id: string; status: string }> = await ds.query(
    `SELECT external_id, status FROM posting WHERE source_id = $1 ORDER BY external_id`,
    [sourceKey],
  );
  return Object.fromEntries(rows.map((r) => [r.external_id, r.status]));
}

async function newSource(name: string, site: string, kind: SourceKind = 'lever'): Promise<IngestSource> {
  return sources.create({
    name, kind, config: { site, baseUrl: server.origin, pageSize: 2 }, schedule: { cron: '0 * * * *', timezone: 'UTC' }, enabled: true,
    sourceKey: `${kind}:${site}`,
  });
}

beforeAll(async () => {
  Logger.overrideLogger(['error']);
  ds = await db.open();
  server = await RecordedServer.start();
  server.on(/^\/v0\/postings\/acme\?/, (request) => {
    const url = new URL(request.url, server.origin);
    const skip = Number(url.searchParams.get('skip'));
    const limit = Number(url.searchParams.get('limit'));
    const call = callsBySkip.get(skip) ?? 0;
    callsBySkip.set(skip, call + 1);
    const failure = fail?.(skip, call);
    if (failure) return { status: failure.status, headers: failure.headers, body: 'fault' };
    return { json: board.slice(skip, skip + limit) };
  });
  extractQueue = new Queue(QUEUE.extract, { connection: redisConnection('redis://127.0.0.1:6379'), prefix: PREFIX });
  http = new HttpClient({ allowHosts: [server.host], attempts: 3, backoffMs: 20, maxRetryDelayMs: 5_000, hostMinIntervalMs: 0, timeoutMs: 5_000 });
  connectors = { lever: pagedJsonConnector('lever'), greenhouse: pagedJsonConnector('greenhouse') };
  sources = new SourceRepository(ds);
  runner = new SourceRunService(
    sources, new SourceRunRepository(ds), new PostingRepository(ds), new CanonicalPostingService(ds), extractQueue,
    (kind) => connectors[kind], http,
  );
}, 60_000);

afterAll(async () => {
  await extractQueue?.obliterate({ force: true });
  await extractQueue?.close();
  await http?.onModuleDestroy();
  await server?.close();
  await db.close();
});

beforeEach(() => {
  server.reset();
  callsBySkip.clear();
  fail = null;
});

describe('a Lever-style source read in pages of 2', () => {
  let source: IngestSource;
  beforeAll(async () => {
    source = await newSource('acme lever', 'acme');
    board = ['a', 'b', 'c', 'd'].map(item);
  });

  it('run 1: four postings from three requests, all new, extraction enqueued for the four', async () => {
    const result = await run(source);
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual({ fetched: 4, new: 4, updated: 0, unchanged: 0, closed: 0, rejected: 0 });
    expect(server.requests.map((r) => new URL(r.url, server.origin).searchParams.get('skip'))).toEqual(['0', '2', '4']);
    expect(await postingStatus('lever:acme')).toEqual({ a: 'open', b: 'open', c: 'open', d: 'open' });
    const jobs = await extractQueue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.flatMap((j) => j.data.postingIds).length).toBe(4);
    const listed = await ds.query(`SELECT count(*)::int AS n FROM ingest_source_listing WHERE ingest_source_id = $1 AND last_seen_run_id = $2`, [source.id, result.id]);
    expect(listed[0].n).toBe(4);
  });

  it('run 2: a 429 with Retry-After: 1 on the second page is retried once, a second or more later; still four postings', async () => {
    fail = (skip, call) => (skip === 2 && call === 0 ? { status: 429, headers: { 'retry-after': '1' } } : null);
    const result = await run(source);
    const second = server.requestsTo('/v0/postings/acme?mode=json&skip=2&limit=2');
    expect(second).toHaveLength(2);
    expect(second[1].receivedAt - second[0].receivedAt).toBeGreaterThanOrEqual(1_000);
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual({ fetched: 4, new: 0, updated: 0, unchanged: 4, closed: 0, rejected: 0 });
  });

  it('run 3: the second page answers 500 every time: partial, the error recorded, nothing closed', async () => {
    board = ['a', 'b', 'c'].map(item); // even with d gone from the board, a partial run must not close it
    fail = (skip) => (skip === 2 ? { status: 500 } : null);
    const result = await run(source);
    expect(result.status).toBe('partial');
    expect(result.errors).toEqual([{ url: `${server.origin}/v0/postings/acme?mode=json&skip=2&limit=2`, status: 500, error: expect.any(String) }]);
    expect(server.requestsTo('/v0/postings/acme?mode=json&skip=2&limit=2')).toHaveLength(3); // the client's 3 attempts
    expect(result.counts).toEqual({ fetched: 2, new: 0, updated: 0, unchanged: 2, closed: 0, rejected: 0 });
    expect(await postingStatus('lever:acme')).toEqual({ a: 'open', b: 'open', c: 'open', d: 'open' });
  });

  it('run 4: complete without d: only d is closed', async () => {
    const result = await run(source);
    expect(result.status).toBe('complete');
    expect(result.counts).toEqual({ fetched: 3, new: 0, updated: 0, unchanged: 3, closed: 1, rejected: 0 });
    expect(await postingStatus('lever:acme')).toEqual({ a: 'open', b: 'open', c: 'open', d: 'closed' });
    const [d] = await ds.query(`SELECT closed_at FROM posting WHERE source_id = 'lever:acme' AND external_id = 'd'`);
    expect(d.closed_at).toBeInstanceOf(Date);
  });

  it('run 5: d reappears and is reopened (counted as updated)', async () => {
    board = ['a', 'b', 'c', 'd'].map(item);
    const result = await run(source);
    expect(result.counts).toEqual({ fetched: 4, new: 0, updated: 1, unchanged: 3, closed: 0, rejected: 0 });
    expect(await postingStatus('lever:acme')).toEqual({ a: 'open', b: 'open', c: 'open', d: 'open' });
    const [d] = await ds.query(`SELECT closed_at FROM posting WHERE source_id = 'lever:acme' AND external_id = 'd'`);
    expect(d.closed_at).toBeNull();
  });

  it('a retried job continues the same run row and counts once', async () => {
    const first = await run(source, 0, 'job-retried');
    const second = await run(source, 1, 'job-retried');
    expect(second.id).toBe(first.id);
    expect(second.counts).toEqual({ fetched: 4, new: 0, updated: 0, unchanged: 4, closed: 0, rejected: 0 });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ingest_source_run WHERE job_id = 'job-retried'`);
    expect(n).toBe(1);
  });

  it('every page lost: failed, the error recorded, nothing closed', async () => {
    fail = () => ({ status: 503 });
    const result = await run(source);
    expect(result.status).toBe('failed');
    expect(result.errors.map((e) => e.status)).toEqual([503]);
    expect(result.counts.closed).toBe(0);
    expect(await postingStatus('lever:acme')).toEqual({ a: 'open', b: 'open', c: 'open', d: 'open' });
  });

  it('records a rejected record with its run and reason', async () => {
    board = [...['a', 'b', 'c', 'd'].map(item), { id: 'e' }];
    const result = await run(source);
    expect(result.counts).toEqual({ fetched: 4, new: 0, updated: 0, unchanged: 4, closed: 0, rejected: 1 });
    const rows = await ds.query(`SELECT source_file, record_index, reason FROM rejected_record WHERE source_run_id = $1`, [result.id]);
    expect(rows).toEqual([{ source_file: `${server.origin}/v0/postings/acme?mode=json&skip=4&limit=2`, record_index: 0, reason: 'no title' }]);
    board = ['a', 'b', 'c', 'd'].map(item);
  });
});

describe('closing with more than one source', () => {
  it('a posting another enabled source still lists stays open; once that source stops listing it, its run closes it', async () => {
    const first = await newSource('shared board, API', 'shared');
    const second = await newSource('shared board, mirror', 'shared');
    boards.shared = ['x', 'y'].map(item);
    await run(first);
    await run(second);
    boards.shared = ['x'].map(item);
    const firstRun = await run(first);
    expect(firstRun.counts.closed).toBe(0);
    expect(await postingStatus('lever:shared')).toEqual({ x: 'open', y: 'open' });
    const secondRun = await run(second);
    expect(secondRun.counts.closed).toBe(1);
    expect(await postingStatus('lever:shared')).toEqual({ x: 'open', y: 'closed' });
  });

  it('a disabled source listing the posting does not keep it open', async () => {
    const first = await newSource('other board, API', 'other');
    const second = await newSource('other board, mirror', 'other');
    boards.other = ['x', 'y'].map(item);
    await run(first);
    await run(second);
    await sources.update({ ...second, enabled: false });
    boards.other = ['x'].map(item);
    expect((await run(first)).counts.closed).toBe(1);
    expect(await postingStatus('lever:other')).toEqual({ x: 'open', y: 'closed' });
  });

  it('postings stored under another source key are never closed by this source', async () => {
    const source = await newSource('mixed board', 'mixed');
    boards.mixed = ['m'].map(item);
    await run(source);
    // A posting of another board that this source's listing holds (e.g. a JSON-LD page that moved to another site).
    await ds.query(`UPDATE posting SET source_id = 'lever:acme' WHERE source_id = 'lever:mixed' AND external_id = 'm'`);
    boards.mixed = [];
    const result = await run(source);
    expect(result.counts.closed).toBe(0);
    const [m] = await ds.query(`SELECT status FROM posting WHERE source_id = 'lever:acme' AND external_id = 'm'`);
    expect(m.status).toBe('open');
  });
});

describe('conditional requests', () => {
  it('a 304 page keeps its postings listed: nothing closed, nothing fetched', async () => {
    const source = await newSource('etag board', 'etag');
    const first = await run(source);
    expect(first.counts).toEqual({ fetched: 2, new: 2, updated: 0, unchanged: 0, closed: 0, rejected: 0 });
    const stored = await sources.find(source.id);
    expect(stored!.validators[`${server.origin}/v0/postings/etag?mode=json&skip=0&limit=2`]).toEqual({ etag: '"v1"', lastModified: null });
    const second = await run(stored!);
    expect(server.requestsTo('/v0/postings/etag?mode=json&skip=0&limit=2').at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(second.status).toBe('complete');
    expect(second.counts).toEqual({ fetched: 0, new: 0, updated: 0, unchanged: 0, closed: 0, rejected: 0 });
    expect(await postingStatus('lever:etag')).toEqual({ p: 'open', q: 'open' });
  });
});

const boards: Record<string, Item[]> = {};

beforeAll(() => {
  server.on(/^\/v0\/postings\/(shared|other|mixed)\?/, (request) => {
    const url = new URL(request.url, server.origin);
    const skip = Number(url.searchParams.get('skip'));
    return { json: (boards[url.pathname.split('/')[3]] ?? []).slice(skip, skip + 2) };
  });
  const etagBoard = ['p', 'q'].map(item);
  server.on(/^\/v0\/postings\/etag\?/, (request) => {
    const url = new URL(request.url, server.origin);
    const skip = Number(url.searchParams.get('skip'));
    if (skip > 0) return { json: [] };
    if (request.headers['if-none-match'] === '"v1"') return { status: 304 };
    return { json: etagBoard, headers: { etag: '"v1"' } };
  });
});

describe('the source-run processor', () => {
  it('marks the run failed when the last attempt fails on a transient fault, and lets BullMQ see the error', async () => {
    const source = await newSource('unreachable database board', 'flaky');
    connectors.flaky = {
      ...pagedJsonConnector('lever'),
      async *pages() {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
    };
    const flakyRunner = new SourceRunService(
      sources, new SourceRunRepository(ds), new PostingRepository(ds), new CanonicalPostingService(ds), extractQueue,
      () => connectors.flaky, http,
    );
    const queue = new Queue<SourceRunPayload>(QUEUE.sources, { connection: redisConnection('redis://127.0.0.1:6379'), prefix: PREFIX });
    try {
      const job = await queue.add(SOURCE_JOB.run, { sourceId: source.id }, { attempts: 2, jobId: 'flaky-run' });
      const processor = new SourceRunProcessor(flakyRunner);
      await expect(processor.process(job)).rejects.toThrow('ECONNREFUSED');
      const [first] = await ds.query(`SELECT status FROM ingest_source_run WHERE job_id = 'flaky-run'`);
      expect(first.status).toBe('running'); // BullMQ will retry: the run stays open
      job.attemptsMade = 1;
      await expect(processor.process(job)).rejects.toThrow('ECONNREFUSED');
      const rows = await ds.query(`SELECT status, errors FROM ingest_source_run WHERE job_id = 'flaky-run'`);
      expect(rows).toEqual([{ status: 'failed', errors: [{ url: '', status: null, error: 'connect ECONNREFUSED 127.0.0.1:5432' }] }]);
      await expect(processor.process({ ...job, name: 'other' } as typeof job)).rejects.toThrow('No handler for job "other"');
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { isAllowedHost } from '../src/infra/http/address-guard.js';
import { HttpClient } from '../src/infra/http/http-client.js';
import { HttpError } from '../src/infra/http/http-client.types.js';
import { QUEUE, SOURCE_JOB, SOURCE_RUN_JOB_OPTIONS } from '../src/infra/queue/queues.js';
import { configureHttp } from '../src/main.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from '../src/sources/connectors/connector.types.js';
import { JsonLdConnector } from '../src/sources/connectors/jsonld.connector.js';
import { LeverConnector } from '../src/sources/connectors/lever.connector.js';
import { UsajobsConnector } from '../src/sources/connectors/usajobs.connector.js';
import { runStatus } from '../src/sources/source.types.js';
import { RecordedServer } from './support/recorded-server.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * Review of configured sources (issue 5) from a data team's side: defects found by running the service against a
 * local server in the APIs' shapes, each pinned by a test. The HTTP client and connectors run on their own; the last
 * block boots the Nest app (role `all`) on a throwaway database and its own queue prefix.
 */
let server: RecordedServer;
const clients: HttpClient[] = [];
const db = new TestDatabase('sources_review');

function client(options: ConstructorParameters<typeof HttpClient>[0] = {}): HttpClient {
  const http = new HttpClient({ allowHosts: [server.host], attempts: 3, backoffMs: 1, maxRetryDelayMs: 1_000, hostMinIntervalMs: 0, timeoutMs: 5_000, ...options });
  clients.push(http);
  return http;
}

function context(http: HttpClient): ConnectorContext {
  return { http, validators: new Map(), fetchedAt: new Date('2026-11-29T12:00:00Z'), secrets: { USAJOBS_API_KEY: 'review-key' }, fileRoot: '/nonexistent' };
}

async function readAll(connector: SourceConnector, config: SourceConfig, http: HttpClient): Promise<ConnectorPage[]> {
  const pages: ConnectorPage[] = [];
  for await (const page of connector.pages(config, context(http))) pages.push(page);
  return pages;
}

const postingsOf = (pages: ConnectorPage[]) => pages.flatMap((p) => (p.ok ? p.records.filter((r) => r.kind === 'posting') : []));

beforeAll(async () => {
  Logger.overrideLogger(['error']);
  server = await RecordedServer.start();
  // Before anything reads the configuration (it is read once per process).
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-sources-review-${process.pid}`;
  process.env.FETCH_ALLOW_HOSTS = server.host;
  process.env.FETCH_HOST_MIN_INTERVAL_MS = '0';
});

afterAll(async () => {
  for (const http of clients) await http.close();
  await server?.close();
});

beforeEach(() => server.reset());

describe('per-host politeness', () => {
  it('keeps hostMinIntervalMs between the starts of the retries of one request (an idle host queue is not forgotten too early)', async () => {
    server.on('/always-500', { status: 500, body: 'down' });
    server.on('/warm', { json: {} });
    const http = client({ attempts: 8, backoffMs: 1, maxRetryDelayMs: 20, hostMinIntervalMs: 200, hostConcurrency: 1 });
    // Warm the connection and the code paths first: the gaps are measured on arrival at the server.
    for (let i = 0; i < 2; i++) await http.request(`${server.origin}/warm`);
    await expect(http.request(`${server.origin}/always-500`)).rejects.toBeInstanceOf(HttpError);
    const times = server.requests.filter((r) => r.url === '/always-500').map((r) => r.receivedAt);
    expect(times).toHaveLength(8);
    // Arrival times at the server (in this same process) lag the starts by however long the event loop was busy, so
    // one gap can look short on a loaded machine; the span of the seven gaps cannot: with the interval kept it is at
    // least 7 × 200 ms, without it (retry delays of at most 20 ms) it stays far below 1,000 ms.
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(7 * 200 - 100);
  });
});

describe('SSRF refusals say how to allow the host', () => {
  it('an IPv6 loopback target names the bracketed host:port entry FETCH_ALLOW_HOSTS understands', async () => {
    const http = client({ allowHosts: [] });
    const refused = await http.request('http://[::ffff:127.0.0.1]:4010/feed.rss').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).code).toBe('blocked-address');
    expect((refused as HttpError).message).toContain('list "::ffff:7f00:1" or "[::ffff:7f00:1]:4010" in FETCH_ALLOW_HOSTS');
    expect(isAllowedHost(['[::ffff:7f00:1]:4010'], '::ffff:7f00:1', 4010)).toBe(true);
  });
});

describe('runaway page guards never pass for a complete read', () => {
  const lever = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `lv-${i}`, text: `Engineer ${i}`, descriptionPlain: `Python and SQL (${i}).` }));

  it('lever: a site still returning full pages at the page cap ends with a lost page (partial run), not a silent stop', async () => {
    const board = lever(10);
    server.on(/^\/v0\/postings\/big\?/, (req) => {
      const url = new URL(req.url, server.origin);
      const skip = Number(url.searchParams.get('skip'));
      return { json: board.slice(skip, skip + Number(url.searchParams.get('limit'))) };
    });
    const pages = await readAll(new LeverConnector({ maxPages: 3 }), { site: 'big', pageSize: 2, baseUrl: server.origin }, client());
    expect(server.requests).toHaveLength(3);
    expect(postingsOf(pages)).toHaveLength(6);
    const lost = pages.filter((p) => !p.ok);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ ok: false, status: null });
    expect((lost[0] as { error: string }).error).toMatch(/3 pages/);
    expect(runStatus(pages.length - lost.length, lost.length)).toBe('partial');
  });

  it('lever: a last page shorter than the page size at the cap is a complete read', async () => {
    const board = lever(5);
    server.on(/^\/v0\/postings\/small\?/, (req) => {
      const url = new URL(req.url, server.origin);
      const skip = Number(url.searchParams.get('skip'));
      return { json: board.slice(skip, skip + Number(url.searchParams.get('limit'))) };
    });
    const pages = await readAll(new LeverConnector({ maxPages: 3 }), { site: 'small', pageSize: 2, baseUrl: server.origin }, client());
    expect(pages.every((p) => p.ok)).toBe(true);
    expect(postingsOf(pages)).toHaveLength(5);
  });

  it('usajobs: more pages announced than the cap reads ends with a lost page', async () => {
    server.on('/api/search', (req) => {
      const page = Number(new URL(req.url, server.origin).searchParams.get('Page'));
      return {
        json: {
          LanguageCode: 'EN',
          SearchParameters: {},
          SearchResult: {
            SearchResultCount: 1,
            SearchResultCountAll: 5,
            SearchResultItems: [{
              MatchedObjectId: `9000${page}`,
              MatchedObjectDescriptor: {
                PositionID: `P-${page}`, PositionTitle: `Statistician ${page}`, PositionURI: `https://www.usajobs.gov/job/9000${page}`,
                OrganizationName: 'Census Bureau', PositionLocationDisplay: 'Suitland, Maryland',
                PositionLocation: [{ LocationName: 'Suitland, Maryland', CountryCode: 'United States', CityName: 'Suitland, Maryland' }],
                PublicationStartDate: '2026-11-20', UserArea: { Details: { JobSummary: 'Survey statistics with R.' } },
              },
            }],
            UserArea: { NumberOfPages: '5', IsRadialSearch: false },
          },
        },
      };
    });
    const connector = new UsajobsConnector(() => ({ USAJOBS_API_KEY: 'review-key' }), { maxPages: 3 });
    const pages = await readAll(connector, { pageSize: 1, baseUrl: server.origin }, client());
    expect(server.requests).toHaveLength(3);
    expect(postingsOf(pages)).toHaveLength(3);
    const lost = pages.filter((p) => !p.ok);
    expect(lost).toHaveLength(1);
    expect((lost[0] as { error: string }).error).toMatch(/5 pages.*3/);
  });

  it('jsonld: a sitemap listing more pages than the cap ends with a lost page', async () => {
    const locs = [1, 2, 3, 4].map((i) => `<url><loc>${server.origin}/job/${i}.html</loc></url>`).join('');
    server.on('/sitemap.xml', { headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>` });
    server.on(/^\/job\/\d\.html$/, (req) => ({
      headers: { 'content-type': 'text/html' },
      body: `<html><script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org', '@type': 'JobPosting', title: `Analyst ${req.url}`, description: 'SQL and Tableau.',
        datePosted: '2026-11-01', hiringOrganization: { '@type': 'Organization', name: 'Initech' }, identifier: req.url, url: `${server.origin}${req.url}`,
      })}</script></html>`,
    }));
    const pages = await readAll(new JsonLdConnector({ maxPages: 2 }), { sitemapUrl: `${server.origin}/sitemap.xml` }, client());
    expect(server.requests.map((r) => r.url)).toEqual(['/sitemap.xml', '/job/1.html', '/job/2.html']);
    const lost = pages.filter((p) => !p.ok);
    expect(lost).toHaveLength(1);
    expect((lost[0] as { error: string }).error).toMatch(/4 pages.*2/);
  });
});

describe('a source-run job that BullMQ fails without running it (stalled more than allowed: the worker was killed twice)', () => {
  let app: INestApplication;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    await db.open();
    app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
    configureHttp(app);
    await app.init();
    http = request(app.getHttpServer());
  }, 120_000);

  afterAll(async () => {
    const queue = app?.get<Queue>(getQueueToken(QUEUE.sources));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await app?.close();
    await db.close();
  });

  it.each([
    ['a usajobs query parameter that is not a string', { kind: 'usajobs', config: { query: { site: 5 } } }, '/config/query/site'],
    ['a sitemapUrl whose text mentions urls', { kind: 'jsonld', config: { sitemapUrl: 'see urls' } }, '/config/sitemapUrl'],
    ['a pageSize given as the word "path"', { kind: 'lever', config: { site: 'acme', pageSize: 'path' } }, '/config/pageSize'],
    ['the second of the urls', { kind: 'jsonld', config: { urls: ['https://example.org/a', 'ftp://example.org/b'] } }, '/config/urls/1'],
  ])('a 400 names the field the connector refused, not a field its message happens to mention: %s', async (_what, body, pointer) => {
    const refused = await http.post('/v1/sources').send({ name: `bad ${pointer}`, schedule: { cron: '0 * * * *' }, ...body }).expect(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([pointer]);
  });

  it('ends its run row as failed, naming the reason', async () => {
    const created = await http.post('/v1/sources').send({
      name: 'Stalled (Lever)', kind: 'lever', config: { site: 'stalled', baseUrl: server.origin }, schedule: { cron: '0 * * * *' }, enabled: false,
    }).expect(201);
    const sourceId: string = created.body.id;
    const runId = randomUUID();
    const jobId = `source-run-${runId}`;
    await db.dataSource.query(`INSERT INTO ingest_source_run (id, source_id, job_id, trigger) VALUES ($1, $2, $3, 'manual')`, [runId, sourceId, jobId]);
    const queue = app.get<Queue>(getQueueToken(QUEUE.sources));
    // What BullMQ's stalled check leaves behind for a job stalled more than maxStalledCount: a deferred failure that
    // the next worker applies when it takes the job, without calling the processor.
    await queue.add(SOURCE_JOB.run, { sourceId, runId }, { ...SOURCE_RUN_JOB_OPTIONS, jobId, delay: 3_600_000 });
    const redis = new Redis({ host: '127.0.0.1', port: 6379 });
    try {
      await redis.hset(queue.toKey(jobId), 'defa', 'job stalled more than allowable limit');
    } finally {
      redis.disconnect();
    }
    await (await queue.getJob(jobId))!.promote();
    await waitUntil(`job ${jobId} to fail`, async () => (await queue.getJobState(jobId)) === 'failed', 30_000);

    let run: { status: string; finishedAt: string | null; errors: Array<{ error: string }> } | undefined;
    await waitUntil(`run ${runId} to leave "running"`, async () => {
      const runs = await http.get(`/v1/sources/${sourceId}/runs`).expect(200);
      run = runs.body.results.find((r: { id: string }) => r.id === runId);
      return run?.status !== 'running';
    }, 10_000);
    expect(run).toMatchObject({ status: 'failed' });
    expect(run!.finishedAt).not.toBeNull();
    expect(run!.errors.map((e) => e.error).join(' ')).toMatch(/stalled more than allowable limit/);
  }, 60_000);
});

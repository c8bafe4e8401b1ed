import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { QUEUE, sourceSchedulerId } from '../src/infra/queue/queues.js';
import { configureHttp } from '../src/main.js';
import { RecordedServer } from './support/recorded-server.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * The sources API end to end: the Nest app in role `all` (API, worker, scheduler) on a throwaway PostgreSQL database
 * and its own Redis prefix, the real Lever and USAJOBS connectors and HTTP client against a local HTTP server.
 */
const db = new TestDatabase('sources_e2e');
const USAJOBS_KEY = 'usajobs-secret-9f8e7d6c5b4a';
let app: INestApplication;
let server: RecordedServer;
let http: ReturnType<typeof request>;

/** A Lever Postings API v0 posting (mode=json), as documented at https://github.com/lever/postings-api. */
function leverPosting(id: string, title: string) {
  return {
    id: `7d1a2c3e-0000-4000-8000-00000000000${id}`,
    text: title,
    categories: { commitment: 'Full-time', department: 'Engineering', location: 'Berlin, Germany', team: 'Data', allLocations: ['Berlin, Germany'] },
    createdAt: 1764000000000,
    description: `<div>We are hiring a ${title}.</div>`,
    descriptionPlain: `We are hiring a ${title}.`,
    lists: [{ text: 'Requirements', content: '<li>Python and SQL</li><li>Docker</li>' }],
    additional: '',
    additionalPlain: '',
    hostedUrl: `https://jobs.lever.co/acme/7d1a2c3e-0000-4000-8000-00000000000${id}`,
    applyUrl: `https://jobs.lever.co/acme/7d1a2c3e-0000-4000-8000-00000000000${id}/apply`,
    workplaceType: 'hybrid',
  };
}
const A = leverPosting('1', 'Data Engineer');
const B = leverPosting('2', 'Analytics Engineer');
const C = leverPosting('3', 'Backend Engineer');
const D = leverPosting('4', 'Platform Engineer');

let board = [A, B, C, D];
let leverFault: ((skip: number, call: number) => { status: number; headers?: Record<string, string> } | null) | null = null;
const leverCalls = new Map<number, number>();

type RunView = { id: string; status: string; counts: Record<string, number>; errors: Array<{ url: string; status: number | null; error: string }> };

async function runAndWait(sourceId: string): Promise<RunView> {
  const started = await http.post(`/v1/sources/${sourceId}/run`).expect(202);
  const runId: string = started.body.runId;
  let run: RunView | undefined;
  await waitUntil(`run ${runId} to finish`, async () => {
    const runs = await http.get(`/v1/sources/${sourceId}/runs`).expect(200);
    run = runs.body.results.find((r: RunView) => r.id === runId);
    return Boolean(run && run.status !== 'running');
  }, 30_000);
  return run!;
}

async function leverStatuses(): Promise<Record<string, string>> {
  const rows: Array<{ title: string; status: string }> = await db.dataSource.query(`SELECT title, status FROM posting WHERE source_id = 'lever:acme' ORDER BY title`);
  return Object.fromEntries(rows.map((r) => [r.title, r.status]));
}

beforeAll(async () => {
  server = await RecordedServer.start();
  server.on(/^\/v0\/postings\/acme\?/, (req) => {
    const url = new URL(req.url, server.origin);
    const skip = Number(url.searchParams.get('skip'));
    const limit = Number(url.searchParams.get('limit'));
    const call = leverCalls.get(skip) ?? 0;
    leverCalls.set(skip, call + 1);
    const fault = leverFault?.(skip, call);
    if (fault) return { status: fault.status, headers: fault.headers, body: 'fault' };
    return { json: board.slice(skip, skip + limit) };
  });
  server.on('/api/search', {
    json: {
      LanguageCode: 'EN',
      SearchParameters: {},
      SearchResult: {
        SearchResultCount: 1,
        SearchResultCountAll: 1,
        SearchResultItems: [
          {
            MatchedObjectId: '812345600',
            MatchedObjectDescriptor: {
              PositionID: 'DS-26-001', PositionTitle: 'Data Scientist', PositionURI: 'https://www.usajobs.gov:443/GetJob/ViewDetails/812345600',
              OrganizationName: 'Bureau of Labor Statistics', DepartmentName: 'Department of Labor', PositionLocationDisplay: 'Washington, District of Columbia',
              PositionLocation: [{ LocationName: 'Washington, District of Columbia', CountryCode: 'United States', CityName: 'Washington, District of Columbia' }],
              PublicationStartDate: '2026-11-20', UserArea: { Details: { JobSummary: 'Analyse labor data with Python, R and SQL.' } },
            },
          },
        ],
        UserArea: { NumberOfPages: '1', IsRadialSearch: false },
      },
    },
  });
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-sources-e2e-${process.pid}`;
  process.env.FETCH_ALLOW_HOSTS = server.host;
  process.env.FETCH_ATTEMPTS = '3';
  process.env.FETCH_BACKOFF_MS = '20';
  process.env.FETCH_HOST_MIN_INTERVAL_MS = '0';
  process.env.USAJOBS_API_KEY = USAJOBS_KEY;
  process.env.USAJOBS_USER_AGENT = 'skillpulse-tests@example.org';
  await db.open();
  app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
  http = request(app.getHttpServer());
}, 120_000);

afterAll(async () => {
  const queue = app?.get<Queue>(getQueueToken(QUEUE.sources));
  for (const scheduler of (await queue?.getJobSchedulers(0, -1)) ?? []) await queue!.removeJobScheduler(scheduler.id ?? scheduler.key);
  await app?.close();
  await server?.close();
  await db.close();
});

describe('a Lever source through the API (real connector, local server, pages of 2)', () => {
  let id: string;
  beforeAll(async () => {
    const created = await http.post('/v1/sources').send({
      name: 'Acme (Lever)', kind: 'lever', config: { site: 'acme', baseUrl: server.origin, pageSize: 2 },
      schedule: { cron: '0 * * * *', timezone: 'UTC' },
    }).expect(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ kind: 'lever', sourceKey: 'lever:acme', enabled: true, schedule: { cron: '0 * * * *', timezone: 'UTC' } });
  });
  beforeEach(() => {
    server.reset();
    leverCalls.clear();
    leverFault = null;
  });

  it('run 1: four postings from three requests', async () => {
    const run = await runAndWait(id);
    expect(run.status).toBe('complete');
    expect(run.counts).toEqual({ fetched: 4, new: 4, updated: 0, unchanged: 0, closed: 0, rejected: 0 });
    expect(server.requestsTo('/v0/postings/acme')).toHaveLength(3);
    expect(await leverStatuses()).toEqual({ 'Analytics Engineer': 'open', 'Backend Engineer': 'open', 'Data Engineer': 'open', 'Platform Engineer': 'open' });
  });

  it('run 2: one 429 with Retry-After: 1 on the second page, retried once at least a second later; still four postings', async () => {
    leverFault = (skip, call) => (skip === 2 && call === 0 ? { status: 429, headers: { 'retry-after': '1' } } : null);
    const run = await runAndWait(id);
    const second = server.requestsTo('/v0/postings/acme?mode=json&skip=2&limit=2');
    expect(second).toHaveLength(2);
    expect(second[1].receivedAt - second[0].receivedAt).toBeGreaterThanOrEqual(1_000);
    expect(run.status).toBe('complete');
    expect(run.counts).toEqual({ fetched: 4, new: 0, updated: 0, unchanged: 4, closed: 0, rejected: 0 });
  });

  it('run 3: the second page answers 500 every time: partial, nothing closed', async () => {
    board = [A, B, C];
    leverFault = (skip) => (skip === 2 ? { status: 500 } : null);
    const run = await runAndWait(id);
    expect(run.status).toBe('partial');
    expect(run.counts.closed).toBe(0);
    expect(run.errors).toEqual([{ url: `${server.origin}/v0/postings/acme?mode=json&skip=2&limit=2`, status: 500, error: expect.stringContaining('500') }]);
    expect(Object.values(await leverStatuses())).toEqual(['open', 'open', 'open', 'open']);
  });

  it('run 4: complete without d: only d is closed', async () => {
    const run = await runAndWait(id);
    expect(run.status).toBe('complete');
    expect(run.counts).toEqual({ fetched: 3, new: 0, updated: 0, unchanged: 3, closed: 1, rejected: 0 });
    expect(await leverStatuses()).toEqual({ 'Analytics Engineer': 'open', 'Backend Engineer': 'open', 'Data Engineer': 'open', 'Platform Engineer': 'closed' });
  });

  it('then d reappears and is reopened', async () => {
    board = [A, B, C, D];
    const run = await runAndWait(id);
    expect(run.counts).toEqual({ fetched: 4, new: 0, updated: 1, unchanged: 3, closed: 0, rejected: 0 });
    expect((await leverStatuses())['Platform Engineer']).toBe('open');
    const runs = await http.get(`/v1/sources/${id}/runs`).expect(200);
    expect(runs.body.results.map((r: RunView) => r.status)).toEqual(['complete', 'complete', 'partial', 'complete', 'complete']);
    expect(runs.body.results[0]).toMatchObject({ trigger: 'manual', startedAt: expect.any(String), finishedAt: expect.any(String) });
  });
});

describe('schedules through the API', () => {
  it('GET shows nextRunAt: 09:00 Europe/Berlin as UTC (08:00Z in winter, 07:00Z in summer)', async () => {
    const created = await http.post('/v1/sources').send({
      name: 'Berlin mornings', kind: 'greenhouse', config: { boardToken: 'berlin' }, schedule: { cron: '0 9 * * *', timezone: 'Europe/Berlin' },
    }).expect(201);
    const now = Date.now();
    const got = await http.get(`/v1/sources/${created.body.id}`).expect(200);
    // The oracle: the first whole UTC hour after now whose Berlin wall-clock time is 09:00.
    const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    let expected = Math.ceil(now / 3_600_000) * 3_600_000;
    while (berlin.format(new Date(expected)) !== '09:00') expected += 3_600_000;
    expect(got.body.nextRunAt).toBe(new Date(expected).toISOString());
    expect([7, 8]).toContain(new Date(got.body.nextRunAt).getUTCHours());
  });

  it('PATCH replaces the schedule (same scheduler id); disabling and DELETE remove it', async () => {
    const queue = app.get<Queue>(getQueueToken(QUEUE.sources));
    const created = await http.post('/v1/sources').send({
      name: 'Patched', kind: 'greenhouse', config: { boardToken: 'patched' }, schedule: { cron: '0 * * * *' },
    }).expect(201);
    const schedulerId = sourceSchedulerId(created.body.id);
    expect((await queue.getJobScheduler(schedulerId))?.pattern).toBe('0 * * * *');
    const patched = await http.patch(`/v1/sources/${created.body.id}`).send({ schedule: { cron: '0 */2 * * *' } }).expect(200);
    expect(patched.body.schedule).toEqual({ cron: '0 */2 * * *', timezone: 'UTC' });
    expect((await queue.getJobScheduler(schedulerId))?.pattern).toBe('0 */2 * * *');
    expect(new Date(patched.body.nextRunAt).getUTCHours() % 2).toBe(0);
    await http.patch(`/v1/sources/${created.body.id}`).send({ enabled: false }).expect(200);
    expect(await queue.getJobScheduler(schedulerId)).toBeUndefined();
    await http.patch(`/v1/sources/${created.body.id}`).send({ enabled: true }).expect(200);
    expect((await queue.getJobScheduler(schedulerId))?.pattern).toBe('0 */2 * * *');
    await http.delete(`/v1/sources/${created.body.id}`).expect(204);
    expect(await queue.getJobScheduler(schedulerId)).toBeUndefined();
    await http.get(`/v1/sources/${created.body.id}`).expect(404);
  });
});

describe('400 problems naming the field', () => {
  const valid = { name: 'x', kind: 'greenhouse', config: { boardToken: 'acme' }, schedule: { cron: '0 * * * *', timezone: 'UTC' } };
  it.each([
    ['unknown kind', { ...valid, name: 'k', kind: 'monster' }, '/kind'],
    ['bad cron', { ...valid, name: 'c', schedule: { cron: '61 * * * *', timezone: 'UTC' } }, '/schedule/cron'],
    ['cron with too few fields', { ...valid, name: 'c2', schedule: { cron: '0 * *', timezone: 'UTC' } }, '/schedule/cron'],
    ['bad timezone', { ...valid, name: 't', schedule: { cron: '0 * * * *', timezone: 'Mars/Olympus' } }, '/schedule/timezone'],
    ['a file path outside the root', { ...valid, name: 'f', kind: 'file', config: { path: '/etc/passwd' } }, '/config/path'],
    ['a file path climbing out of the root', { ...valid, name: 'f2', kind: 'file', config: { path: '../../../etc/passwd' } }, '/config/path'],
    ['greenhouse without boardToken', { ...valid, name: 'g', config: {} }, '/config/boardToken'],
    ['an unknown config field', { ...valid, name: 'u', config: { boardToken: 'acme', apiKey: 'x' } }, '/config/apiKey'],
  ])('%s', async (_case, body, pointer) => {
    const res = await http.post('/v1/sources').send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it('404 for an unknown source, 409 for a name in use', async () => {
    await http.get('/v1/sources/00000000-0000-4000-8000-000000000000').expect(404);
    await http.post('/v1/sources/not-a-uuid/run').expect(404);
    await http.post('/v1/sources').send({ ...valid, name: 'taken' }).expect(201);
    const res = await http.post('/v1/sources').send({ ...valid, name: 'taken' }).expect(409);
    expect(res.body.errors).toEqual([{ pointer: '/name', detail: 'name is taken' }]);
    const other = await http.post('/v1/sources').send({ ...valid, name: 'other name' }).expect(201);
    await http.patch(`/v1/sources/${other.body.id}`).send({ name: 'taken' }).expect(409);
    await http.patch(`/v1/sources/${other.body.id}`).send({ kind: 'lever' }).expect(400);
    const badPatch = await http.patch(`/v1/sources/${other.body.id}`).send({ schedule: { timezone: 'Nowhere/Land' } }).expect(400);
    expect(badPatch.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/schedule/timezone']);
  });
});

describe('the USAJOBS key', () => {
  it('is sent to the API but never appears in a /v1/sources response', async () => {
    const bodies: string[] = [];
    const created = await http.post('/v1/sources').send({
      name: 'USAJOBS data jobs', kind: 'usajobs', config: { baseUrl: server.origin, query: { Keyword: 'data scientist' } }, schedule: { cron: '0 6 * * 1' },
    }).expect(201);
    bodies.push(created.text);
    const id = created.body.id;
    const run = await runAndWait(id);
    expect(run.status).toBe('complete');
    expect(run.counts.fetched).toBe(1);
    expect(server.requestsTo('/api/search').at(-1)!.headers['authorization-key']).toBe(USAJOBS_KEY);
    bodies.push((await http.get('/v1/sources').expect(200)).text);
    bodies.push((await http.get(`/v1/sources/${id}`).expect(200)).text);
    bodies.push((await http.patch(`/v1/sources/${id}`).send({ name: 'USAJOBS data science' }).expect(200)).text);
    bodies.push((await http.get(`/v1/sources/${id}/runs`).expect(200)).text);
    const refused = await http.post('/v1/sources').send({
      name: 'key in config', kind: 'usajobs', config: { query: { Keyword: 'x', AuthorizationKey: USAJOBS_KEY } }, schedule: { cron: '0 6 * * 1' },
    }).expect(400);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/config/query/AuthorizationKey');
    bodies.push(refused.text);
    for (const body of bodies) expect(body).not.toContain(USAJOBS_KEY);
  });
});

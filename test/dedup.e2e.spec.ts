import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { QUEUE } from '../src/infra/queue/queues.js';
import { IngestionRunRepository } from '../src/ingestion/ingestion-run.repository.js';
import { IngestionService } from '../src/ingestion/ingestion.service.js';
import { configureHttp } from '../src/main.js';
import { MetaService } from '../src/meta/meta.service.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * One canonical posting per opening through the whole ingest path: files → ingest queue → upsert → dedup → extract
 * queue → demand aggregates, on PostgreSQL and Redis, then `GET /v1/postings/{id}` over HTTP.
 * The case: Greenhouse job 7001 "Data Engineer" at Acme in Berlin; the same text on an aggregator (Arbeitnow format)
 * under "ACME GmbH" with other dashes, spacing and URL; Greenhouse job 7002 with the same title and city but another
 * requisition → two canonical postings, 7001 with the aggregator copy as an alternate.
 */
const db = new TestDatabase('dedup_e2e');
let app: INestApplication;
let fixtureDir: string;

const esc = (html: string) => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const GREENHOUSE_BOARD = {
  jobs: [
    {
      id: 7001, internal_job_id: 9001, requisition_id: 'R-7001', metadata: null, title: 'Data Engineer',
      updated_at: '2026-08-20T10:00:00+02:00', first_published: '2026-08-01T09:00:00+02:00',
      absolute_url: 'https://boards.greenhouse.io/acme/jobs/7001', location: { name: 'Berlin, Germany' }, company_name: 'Acme',
      content: esc('<p>Acme builds logistics software. As a Data Engineer you will design batch and streaming pipelines in Python and SQL, ' +
        'own our dbt models and keep data quality high.</p><ul><li>3+ years of data engineering</li><li>Airflow in production</li></ul>' +
        '<p>Full-time, hybrid - two days a week in Berlin. Apply: https://boards.greenhouse.io/acme/jobs/7001</p>'),
    },
    {
      id: 7002, internal_job_id: 9002, requisition_id: 'R-7002', metadata: null, title: 'Data Engineer',
      updated_at: '2026-08-21T10:00:00+02:00', first_published: '2026-08-02T09:00:00+02:00',
      absolute_url: 'https://boards.greenhouse.io/acme/jobs/7002', location: { name: 'Berlin, Germany' }, company_name: 'Acme',
      content: esc('<p>Acme builds logistics software. Our Data Engineer in the pricing team builds real-time features on Kafka and Flink, ' +
        'models demand with Spark and works with our data scientists.</p><p>On-site in Berlin, full-time.</p>'),
    },
  ],
  meta: { total: 2 },
};
const AGGREGATOR = {
  data: [
    {
      slug: 'data-engineer-acme-berlin-5512', company_name: 'ACME GmbH', title: 'Data Engineer', remote: false,
      url: 'https://www.arbeitnow.com/jobs/companies/acme/data-engineer-acme-berlin-5512?utm_source=feed', job_types: ['full time'],
      location: 'Berlin', created_at: 1_785_751_200, // 2026-08-03T10:00Z
      description: '<p>Acme builds logistics software.  As a Data Engineer you will design batch and streaming pipelines in Python and SQL, ' +
        'own our dbt models and keep data quality high.</p><ul><li>3+ years of data engineering</li><li>Airflow in production</li></ul>' +
        '<p>Full–time, hybrid — two days a week in Berlin.   Apply: https://jobs.aggregator.example/r/5512?utm_source=arbeitnow&amp;gclid=x1</p>',
    },
  ],
};

async function ingest(path: string): Promise<void> {
  const { runId } = await app.get(IngestionService).ingestPath(path);
  const runs = app.get(IngestionRunRepository);
  await waitUntil('the ingestion run to finish', async () => (await runs.find(runId))?.status !== 'running');
  expect((await runs.find(runId))?.status).toBe('complete');
  await waitUntil('extraction to finish', async () => (await app.get(MetaService).meta()).awaitingExtraction === 0);
}

beforeAll(async () => {
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-dedup-test-${process.pid}`;
  await db.open();
  fixtureDir = await mkdtemp(join(tmpdir(), 'skillpulse-dedup-'));
  await mkdir(join(fixtureDir, 'ats'));
  await mkdir(join(fixtureDir, 'aggregator'));
  await writeFile(join(fixtureDir, 'ats', 'acme.json'), JSON.stringify(GREENHOUSE_BOARD));
  await writeFile(join(fixtureDir, 'aggregator', 'arbeitnow.json'), JSON.stringify(AGGREGATOR));
  app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
  await ingest(join(fixtureDir, 'ats'));
  await ingest(join(fixtureDir, 'aggregator'));
}, 120_000);

afterAll(async () => {
  for (const name of Object.values(QUEUE)) await app?.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  await app?.close();
  await db.close();
  await rm(fixtureDir, { recursive: true, force: true });
});

const http = () => request(app.getHttpServer());
const idOf = async (source: string, externalId: string): Promise<string> =>
  (await db.dataSource.query(`SELECT id::text AS id FROM posting WHERE source_id = $1 AND external_id = $2`, [source, externalId]))[0].id;

describe('one canonical posting per opening, through the ingest queue', () => {
  it('keeps 7001 and 7002 canonical and points the aggregator copy at 7001', async () => {
    const rows = await db.dataSource.query(
      `SELECT p.source_id, p.external_id, c.external_id AS canonical FROM posting p LEFT JOIN posting c ON c.id = p.canonical_id ORDER BY p.id`,
    );
    expect(rows).toEqual([
      { source_id: 'greenhouse:acme', external_id: '7001', canonical: null },
      { source_id: 'greenhouse:acme', external_id: '7002', canonical: null },
      { source_id: 'arbeitnow', external_id: 'data-engineer-acme-berlin-5512', canonical: '7001' },
    ]);
  });

  it('shows the alternates on GET /v1/postings/{id}', async () => {
    const id7001 = await idOf('greenhouse:acme', '7001');
    const copy = await idOf('arbeitnow', 'data-engineer-acme-berlin-5512');
    const res = await http().get(`/v1/postings/${id7001}`).expect(200);
    expect(res.body).toMatchObject({ id: id7001, sourceId: 'greenhouse:acme', externalId: '7001', title: 'Data Engineer', company: 'Acme', canonicalId: null });
    expect(res.body.alternates.map((a: { id: string; sourceId: string; url: string }) => [a.id, a.sourceId, a.url])).toEqual([
      [copy, 'arbeitnow', 'https://www.arbeitnow.com/jobs/companies/acme/data-engineer-acme-berlin-5512?utm_source=feed'],
    ]);
    const alt = await http().get(`/v1/postings/${copy}`).expect(200);
    expect([alt.body.canonicalId, alt.body.alternates]).toEqual([id7001, []]);
  });

  it('answers 404 problem+json for an unknown posting', async () => {
    const res = await http().get('/v1/postings/987654321').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(404);
    await http().get('/v1/postings/not-a-number').expect(404);
  });

  it('counts the opening once in the demand aggregates', async () => {
    await waitUntil('the demand refresh', async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM demand_posting`))[0].n === 2);
    const counted = await db.dataSource.query(`SELECT p.external_id FROM demand_posting dp JOIN posting p ON p.id = dp.posting_id ORDER BY 1`);
    expect(counted.map((r: { external_id: string }) => r.external_id)).toEqual(['7001', '7002']);
  });
});

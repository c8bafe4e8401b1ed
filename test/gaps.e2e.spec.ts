import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { QUEUE } from '../src/infra/queue/queues.js';
import { IngestionRunRepository } from '../src/ingestion/ingestion-run.repository.js';
import { IngestionService } from '../src/ingestion/ingestion.service.js';
import { configureHttp } from '../src/main.js';
import { MetaService } from '../src/meta/meta.service.js';
import { importTaxonomy } from '../src/taxonomy/import/taxonomy-importer.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * Gaps, cohort gaps and recommendations on real parts: a throwaway database, BullMQ under this run's own prefix, the
 * app in role `all`. Taxonomy: the starter layer plus two hand-made occupations (rows as an import writes them);
 * credentials: our catalogue in data/credentials, imported at start-up.
 */
const db = new TestDatabase('gaps');
let app: INestApplication;
let dir: string;

const CLOUD = 'a0000000-0000-4000-8000-00000000c10d';
const JAVASCRIPT = '3cd569a2-4f88-4c1e-9995-8dce8c5e51a7';
const POSTGRESQL = 'a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996';
const BADGE = {
  badge_template: { name: 'Cloud web developer', description: 'Sample', skills: ['JS', 'k8s', 'Postgres'] },
  issued_at: '2026-01-10T00:00:00Z',
  expires_at: null,
};
const job = (id: number, title: string, html: string | null) => ({
  id, internal_job_id: id + 1000, requisition_id: `R-${id}`, metadata: null, data_compliance: [], title,
  updated_at: '2026-09-01T10:00:00Z', first_published: `2026-09-${String((id % 27) + 1).padStart(2, '0')}T10:00:00Z`,
  absolute_url: `https://boards.greenhouse.io/gapstest/jobs/${id}`, location: { name: 'New York, NY' }, company_name: 'Gaps Test Co',
  ...(html ? { content: html.replace(/</g, '&lt;').replace(/>/g, '&gt;') } : {}),
});
const BOARD = {
  jobs: [
    job(1, 'Cloud Engineer', '<p>JavaScript services on Kubernetes with PostgreSQL; infrastructure in Terraform.</p>'),
    job(2, 'Cloud Engineer', '<p>Terraform and Kubernetes; some JavaScript.</p>'),
    job(3, 'Cloud Engineer', '<p>Terraform, AWS and Kubernetes.</p>'),
    job(4, 'Office Assistant', '<p>Greet visitors and answer the phone.</p>'),
  ],
  meta: { total: 4 },
};

const http = () => request(app.getHttpServer());

beforeAll(async () => {
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-gaps-${process.pid}`;
  const ds = await db.open();
  await importTaxonomy(ds, {});
  const skill = async (alias: string) => (await ds.query(`SELECT skill_id FROM skill_alias WHERE surface = $1 LIMIT 1`, [alias]))[0].skill_id as string;
  const needs = await Promise.all(['JavaScript', 'Kubernetes', 'PostgreSQL', 'Terraform'].map(skill));
  for (const [id, scheme, label, uri] of [
    [CLOUD, 'esco', 'cloud engineer', `http://data.europa.eu/esco/occupation/${CLOUD}`],
    ['15-1299.09', 'onet', 'Cloud Engineer Specialists', null],
  ] as const) {
    await ds.query(`INSERT INTO occupation (id, scheme, preferred_label, esco_uri, onet_soc) VALUES ($1, $2, $3, $4, $5)`, [id, scheme, label, uri, scheme === 'onet' ? id : null]);
    await ds.query(`INSERT INTO occupation_alias (occupation_id, label, kind) VALUES ($1, $2, 'preferred'), ($1, 'cloud specialist', 'alt') ON CONFLICT DO NOTHING`, [id, label]);
  }
  for (const [i, s] of needs.entries()) {
    await ds.query(`INSERT INTO occupation_skill (occupation_id, skill_id, relation) VALUES ($1, $2, $3)`, [CLOUD, s, i < 2 ? 'essential' : 'optional']);
  }
  dir = await mkdtemp(join(tmpdir(), 'skillpulse-gaps-'));
  await writeFile(join(dir, 'gapstest.json'), JSON.stringify(BOARD));
  app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
  const { runId } = await app.get(IngestionService).ingestPath(dir);
  await waitUntil('ingestion', async () => (await app.get(IngestionRunRepository).find(runId))?.status !== 'running');
  await waitUntil('extraction', async () => (await app.get(MetaService).meta()).awaitingExtraction === 0);
}, 120_000);

afterAll(async () => {
  for (const name of Object.values(QUEUE)) await app?.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  await app?.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('POST /v1/gaps', () => {
  it('JS, k8s and Postgres against an occupation needing JavaScript, Kubernetes, PostgreSQL and Terraform: gap Terraform, coverage 3 × 0.8 / 4', async () => {
    const res = await http().post('/v1/gaps').send({ badges: [BADGE], target: { occupation: `http://data.europa.eu/esco/occupation/${CLOUD}` } }).expect(200);
    expect(res.body.status).toBe('ok');
    // An unsigned Credly badge is an unverified badge: each held skill counts EVIDENCE_WEIGHT['unverified-badge'] = 0.8.
    expect(res.body.coverage).toBe(0.6);
    for (const h of res.body.held) expect([h.tier, h.weight]).toEqual(['unverified-badge', 0.8]);
    expect(res.body.verifiedShare).toBe(0);
    expect(res.body.missing.map((m: { label: string }) => m.label)).toEqual(['Terraform']);
    expect(res.body.held.map((h: { skillId: string }) => h.skillId).sort()).toEqual([JAVASCRIPT, 'onet-kubernetes', POSTGRESQL].sort());
    for (const h of res.body.held) expect(h.from).toEqual([{ badge: 0 }]);
    const terraform = res.body.missing[0];
    expect(terraform.relation).toBe('optional');
    expect(terraform.demandShare).toBeCloseTo(3 / 4, 4); // three of the four postings with text ask for it
    expect(terraform.postings).toHaveLength(3);
    expect(terraform.trend).toBeNull(); // every test posting falls in one month: no two months to compare
  });

  it('lists the candidates of an ambiguous occupation label in a 422', async () => {
    const res = await http().post('/v1/gaps').send({ skills: ['SQL'], target: { occupation: 'Cloud Specialist' } }).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toMatch(/\/ambiguous-occupation$/);
    expect(res.body.candidates.map((c: { id: string }) => c.id).sort()).toEqual(['15-1299.09', CLOUD].sort());
  });

  it('answers insufficient_data for a posting whose extraction found nothing', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id::text AS id FROM posting WHERE external_id = '4'`);
    const res = await http().post('/v1/gaps').send({ skills: ['SQL'], target: { postingId: id } }).expect(200);
    expect(res.body).toMatchObject({ status: 'insufficient_data', coverage: null, held: [], missing: [] });
    expect(res.body.reason).toBe(`posting ${id} has no extracted skill`);
  });

  it('measures a title against the open postings classified to its occupation, ranked by share', async () => {
    const res = await http().post('/v1/gaps').send({ skills: ['Kubernetes'], target: { title: 'Senior Cloud Engineer', region: 'US-NY' } }).expect(200);
    expect(res.body.target).toMatchObject({ type: 'title', region: 'US-NY', postings: 3 });
    expect(res.body.missing[0]).toMatchObject({ label: 'Terraform', share: 1 });
    expect(res.body.held).toEqual([expect.objectContaining({ skillId: 'onet-kubernetes', relation: 'asked' })]);
  });

  it('rejects a target naming none or two kinds', async () => {
    const none = await http().post('/v1/gaps').send({ skills: ['SQL'], target: {} }).expect(400);
    expect(none.body.errors[0].pointer).toBe('/target');
    await http().post('/v1/gaps').send({ skills: ['SQL'], target: { title: 'x', postingId: '1' } }).expect(400);
  });
});

describe('POST /v1/gaps/cohort', () => {
  const body = {
    learners: [
      { id: 'ana', badges: [BADGE] },
      { id: 'ben', skills: ['Terraform', 'JavaScript'] },
      { id: 'cy', skills: ['Excel'] },
    ],
    target: { occupation: CLOUD },
  };

  it('counts how many learners lack each skill and gives each learner\'s coverage', async () => {
    const res = await http().post('/v1/gaps/cohort').send(body).expect(200);
    // ana: 3 of 4 from an unverified badge (0.8 each); ben: 2 of 4 self-declared (0.7 each).
    expect(res.body.learners.map((l: { id: string; coverage: number }) => [l.id, l.coverage])).toEqual([['ana', 0.6], ['ben', 0.35], ['cy', 0]]);
    const lacking = Object.fromEntries(res.body.missing.map((m: { label: string; learnersLacking: number }) => [m.label, m.learnersLacking]));
    expect(lacking).toEqual({ Terraform: 2, Kubernetes: 2, PostgreSQL: 2, JavaScript: 1 });
  });

  it('answers CSV with Accept: text/csv', async () => {
    const res = await http().post('/v1/gaps/cohort').set('accept', 'text/csv').send(body).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('row_type,skill_id,label,relation,learners_lacking,learners,demand_share,learner_id,coverage,held,missing,to_renew');
    expect(lines.filter((l) => l.startsWith('learner,'))).toHaveLength(3);
    expect(lines).toContain('learner,,,,,,,ana,0.6000,3,1,0');
  });
});

describe('POST /v1/recommendations', () => {
  it('with a target needing Terraform, first recommends a credential that teaches Terraform', async () => {
    const res = await http().post('/v1/recommendations').send({ badges: [BADGE], target: { occupation: CLOUD } }).expect(200);
    const first = res.body.credentials[0];
    expect(first.closesGaps.map((s: { label: string }) => s.label)).toEqual(['Terraform']);
    expect(first.newSkills.map((s: { label: string }) => s.label)).toContain('Terraform');
    expect(first.after - first.before).toBe(first.gain);
    expect(res.body.skills[0]).toMatchObject({ label: 'Terraform', closesGap: true });
  });

  it('counts postings unlocked by a credential: before, after and examples', async () => {
    // Kubernetes alone: the three cloud postings also ask for Terraform, so a Terraform credential unlocks some of them.
    const res = await http().post('/v1/recommendations').send({ skills: ['Kubernetes'], minScore: 0.5 }).expect(200);
    expect(res.body.postings).toBe(4);
    const terraform = res.body.credentials.find((c: { newSkills: Array<{ label: string }> }) => c.newSkills.some((s) => s.label === 'Terraform'));
    expect(terraform).toBeDefined();
    expect(terraform.gain).toBeGreaterThan(0);
    expect(terraform.examples.length).toBe(Math.min(3, terraform.gain));
    for (const e of terraform.examples) expect(e.title).toBe('Cloud Engineer');
    const gains = res.body.credentials.map((c: { gain: number }) => c.gain);
    expect(gains).toEqual([...gains].sort((a: number, b: number) => b - a));
  });

  it('rejects an out-of-range minScore', async () => {
    const res = await http().post('/v1/recommendations').send({ skills: ['SQL'], minScore: 2 }).expect(400);
    expect(res.body.errors[0].pointer).toBe('/minScore');
  });
});

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
import { BadgeServer, LEARNER, ob3Credential, pgAlignment, POSTGRESQL } from './support/badge-fixtures.js';
import { ed25519Issuer, vcJwt } from './support/badge-signing.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * Verified badges in matches, gaps and recommendations: evidence tiers, weights, expired and revoked badges, and the
 * recipient check, on real parts (throwaway database, BullMQ under this run's prefix, the app in role `all`, the real
 * verifier against a local server hosting our own badges).
 */
const db = new TestDatabase('badges_weighting');
const server = new BadgeServer();
let app: INestApplication;
let dir: string;
const http = () => request(app.getHttpServer());

const DB_ROLE = 'a0000000-0000-4000-8000-0000000db0a1';
const JAVASCRIPT = '3cd569a2-4f88-4c1e-9995-8dce8c5e51a7';
const job = (id: number, title: string, html: string) => ({
  id, internal_job_id: id + 1000, requisition_id: `R-${id}`, metadata: null, data_compliance: [], title,
  updated_at: '2026-09-01T10:00:00Z', first_published: `2026-09-0${id}T10:00:00Z`,
  absolute_url: `https://boards.greenhouse.io/badgetest/jobs/${id}`, location: { name: 'Boston, MA' }, company_name: 'Badge Test Co',
  content: html.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
});
const BOARD = {
  jobs: [
    job(1, 'Database Developer', '<p>Requirements: PostgreSQL and JavaScript. Terraform is a plus.</p>'),
    job(2, 'Office Assistant', '<p>Greet visitors and answer the phone.</p>'),
  ],
  meta: { total: 2 },
};
const ASOF = '2024-05-10T00:00:00Z';

beforeAll(async () => {
  await server.start();
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-badges-weighting-${process.pid}`;
  process.env.FETCH_ALLOW_HOSTS = server.host;
  process.env.FETCH_ATTEMPTS = '1';
  process.env.FETCH_TIMEOUT_MS = '2000';
  const ds = await db.open();
  await importTaxonomy(ds, {});
  await ds.query(`INSERT INTO occupation (id, scheme, preferred_label, esco_uri) VALUES ($1, 'esco', 'database role', $2)`, [DB_ROLE, `http://data.europa.eu/esco/occupation/${DB_ROLE}`]);
  await ds.query(`INSERT INTO occupation_skill (occupation_id, skill_id, relation) VALUES ($1, $2, 'essential'), ($1, $3, 'essential')`, [DB_ROLE, POSTGRESQL, JAVASCRIPT]);
  dir = await mkdtemp(join(tmpdir(), 'skillpulse-badges-'));
  await writeFile(join(dir, 'badgetest.json'), JSON.stringify(BOARD));
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
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const pgBadge = (slug: string, extra: Record<string, unknown> = {}, options: { revoked?: boolean } = {}) =>
  server.assertion(slug, server.badgeClass(slug, { alignment: [pgAlignment(false)] }), extra, options);
type Matched = { skillId: string; tier: string; weight: number; from: unknown };
const developer = (body: { results: Array<{ posting: { title: string }; score: number; matched: Matched[] }> }) =>
  body.results.find((r) => r.posting.title === 'Database Developer')!;

describe('POST /v1/matches with verified badges', () => {
  it('a hosted-verified PostgreSQL outranks the same skill self-declared: tier and weight in the explanation, a higher score', async () => {
    const verified = await http().post('/v1/matches').send({ badges: [pgBadge('match-pg')], skills: ['PostgreSQL', 'JavaScript'] }).expect(200);
    const claimed = await http().post('/v1/matches').send({ skills: ['PostgreSQL', 'JavaScript'] }).expect(200);
    const v = developer(verified.body);
    const c = developer(claimed.body);
    const pg = (r: { matched: Matched[] }) => r.matched.find((m) => m.skillId === POSTGRESQL)!;
    expect(pg(v)).toMatchObject({ tier: 'hosted-verified', weight: 0.95, from: { badge: 0 } });
    expect(pg(c)).toMatchObject({ tier: 'self-declared', weight: 0.7, from: { input: 'PostgreSQL' } });
    expect(v.matched.find((m) => m.skillId === JAVASCRIPT)).toMatchObject({ tier: 'self-declared', weight: 0.7 });
    expect(v.score).toBeGreaterThan(c.score);
    expect(verified.body.verifiedShare).toBe(0.5); // PostgreSQL verified, JavaScript claimed
    expect(claimed.body.verifiedShare).toBe(0);
    const held = verified.body.profile.skills.find((s: { skillId: string }) => s.skillId === POSTGRESQL);
    expect(held.sources).toEqual([{ badge: 0 }, { input: 'PostgreSQL' }]);
  });

  it('the strongest tier wins: a signed VC-JWT beats a hosted assertion for the same skill', async () => {
    const issuer = ed25519Issuer();
    const token = await vcJwt(ob3Credential(issuer.didKey, { validFrom: '2024-01-15T00:00:00Z' }), issuer.didKey, issuer.didKeyMethod, issuer.privateKey);
    const res = await http().post('/v1/matches').send({ badges: [pgBadge('match-both'), token] }).expect(200);
    expect(res.body.profile.badges.map((b: { tier: string }) => b.tier)).toEqual(['hosted-verified', 'signature-verified']);
    const pg = developer(res.body).matched.find((m) => m.skillId === POSTGRESQL);
    expect(pg).toMatchObject({ tier: 'signature-verified', weight: 1, from: { badge: 1 } });
    expect(res.body.profile.skills).toEqual([expect.objectContaining({ skillId: POSTGRESQL, tier: 'signature-verified', sources: [{ badge: 0 }, { badge: 1 }] })]);
  });

  it('accepts a badge given as the URL of its hosted assertion', async () => {
    pgBadge('by-url');
    const res = await http().post('/v1/matches').send({ badges: [`${server.base}/assertions/by-url`] }).expect(200);
    expect(res.body.profile.badges[0]).toMatchObject({ status: 'valid', tier: 'hosted-verified' });
    expect(developer(res.body).matched).toEqual([expect.objectContaining({ skillId: POSTGRESQL, tier: 'hosted-verified' })]);
    expect(res.body.verifiedShare).toBe(1);
  });
});

describe('POST /v1/gaps with verified badges', () => {
  const target = { occupation: DB_ROLE };

  it('an assertion expired on 2023-01-01, checked as of 2024-05-10: PostgreSQL to renew, not held', async () => {
    const res = await http().post('/v1/gaps').send({ badges: [pgBadge('gap-expired', { expires: '2023-01-01T00:00:00Z' })], skills: ['JavaScript'], asOf: ASOF, target }).expect(200);
    expect(res.body.profile.badges[0].status).toBe('expired');
    expect(res.body.held.map((h: { skillId: string; tier: string }) => [h.skillId, h.tier])).toEqual([[JAVASCRIPT, 'self-declared']]);
    expect(res.body.toRenew).toEqual([expect.objectContaining({ skillId: POSTGRESQL, badge: 0, relation: 'essential' })]);
    expect(res.body.missing.map((m: { skillId: string }) => m.skillId)).toEqual([POSTGRESQL]);
    expect(res.body.coverage).toBe(0.35); // JavaScript self-declared 0.7 of 2 skills
  });

  it('a revoked assertion gives no skill: not held, not to renew', async () => {
    const res = await http().post('/v1/gaps').send({ badges: [pgBadge('gap-revoked', {}, { revoked: true })], target }).expect(200);
    expect(res.body.profile.badges[0].status).toBe('revoked');
    expect(res.body.held).toEqual([]);
    expect(res.body.toRenew).toEqual([]);
    expect(res.body.coverage).toBe(0);
  });

  it('a valid hosted assertion is held at its tier and weight, with the verified share', async () => {
    const res = await http().post('/v1/gaps').send({ badges: [pgBadge('gap-valid')], recipient: { email: LEARNER }, target }).expect(200);
    expect(res.body.held).toEqual([expect.objectContaining({ skillId: POSTGRESQL, tier: 'hosted-verified', weight: 0.95, from: [{ badge: 0 }] })]);
    expect(res.body.coverage).toBe(0.475);
    expect(res.body.verifiedShare).toBe(1);
  });

  it('a recipient mismatch is a 422 naming the badge; in a cohort, the learner too', async () => {
    const badge = pgBadge('gap-mismatch');
    const one = await http().post('/v1/gaps').send({ badges: [badge], recipient: { email: 'other@example.org' }, target }).expect(422);
    expect(one.body.type).toMatch(/\/recipient-mismatch$/);
    expect(one.body.errors[0].pointer).toBe('/badges/0');
    const cohort = await http().post('/v1/gaps/cohort').send({
      learners: [{ id: 'ana', skills: ['SQL'] }, { id: 'ben', badges: [badge], recipient: { email: 'other@example.org' } }], target,
    }).expect(422);
    expect(cohort.body.errors[0].pointer).toBe('/learners/1/badges/0');
  });
});

describe('POST /v1/recommendations with verified badges', () => {
  it('states the verified share of the person\'s skills', async () => {
    const res = await http().post('/v1/recommendations').send({ badges: [pgBadge('rec-valid')], skills: ['JavaScript'] }).expect(200);
    expect(res.body.verifiedShare).toBe(0.5);
  });
});

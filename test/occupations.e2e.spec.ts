import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { DATA_DIR } from '../src/config/paths.js';
import { IngestionRunRepository } from '../src/ingestion/ingestion-run.repository.js';
import { IngestionService } from '../src/ingestion/ingestion.service.js';
import { EXTRACT_JOB, QUEUE } from '../src/infra/queue/queues.js';
import { configureHttp } from '../src/main.js';
import { MetaService } from '../src/meta/meta.service.js';
import { OccupationsService } from '../src/occupations/occupations.service.js';
import { SkillsService } from '../src/taxonomy/skills.service.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * Occupations on real parts: a throwaway PostgreSQL database, BullMQ under a key prefix of this run's own, the app in
 * role `all`. Taxonomy: the starter layer (imported at start-up) plus a hand-written slice of ESCO and O*NET occupations.
 */
const db = new TestDatabase('occupations');
let app: INestApplication;

const DATA_ANALYST = 'd3edb8f8-3a06-47a0-8fb9-9b212c006aa2';
const DATA_ANALYST_URI = `http://data.europa.eu/esco/occupation/${DATA_ANALYST}`;
const NURSING_LECTURER = '1bbaf82c-67ae-4beb-9a55-7298acf5b2af';
const OCCUPATIONS: Array<{ id: string; scheme: 'esco' | 'onet'; label: string; isco?: string; aliases: Array<[string, string]> }> = [
  { id: DATA_ANALYST, scheme: 'esco', label: 'data analyst', isco: '2511', aliases: [['data analysis specialist', 'alt']] },
  { id: NURSING_LECTURER, scheme: 'esco', label: 'nursing lecturer', isco: '2310', aliases: [['nursing professor', 'alt']] },
  { id: 'f2b15a0e-e65a-438a-affb-29b9d50b77d1', scheme: 'esco', label: 'software developer', isco: '2512', aliases: [['software engineer', 'alt']] },
  { id: '15-2051.01', scheme: 'onet', label: 'Business Intelligence Analysts', aliases: [['Data Analyst', 'alternate_title'], ['BI Analyst', 'short_title']] },
  { id: '15-2051.00', scheme: 'onet', label: 'Data Scientists', aliases: [['Data Analyst', 'alternate_title']] },
  { id: '25-1072.00', scheme: 'onet', label: 'Nursing Instructors and Teachers, Postsecondary', aliases: [['Assistant Professor of Nursing', 'alternate_title']] },
  { id: '15-1252.00', scheme: 'onet', label: 'Software Developers', aliases: [['Backend Engineer', 'alternate_title'], ['Software Engineer', 'alternate_title']] },
];

async function seedOccupations(): Promise<void> {
  const skills = app.get(SkillsService);
  const [sql, python, tableau] = await Promise.all(['SQL', 'Python', 'Tableau'].map((s) => skills.resolve(s)));
  for (const o of OCCUPATIONS) {
    await db.dataSource.query(
      `INSERT INTO occupation (id, scheme, preferred_label, description, esco_uri, isco_code, code, onet_soc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [o.id, o.scheme, o.label, `${o.label} (test)`, o.scheme === 'esco' ? `http://data.europa.eu/esco/occupation/${o.id}` : null,
        o.isco ?? null, o.scheme === 'onet' ? o.id : `${o.isco}.1`, o.scheme === 'onet' ? o.id : null],
    );
    await db.dataSource.query(`INSERT INTO occupation_alias (occupation_id, label, kind) VALUES ($1, $2, 'preferred')`, [o.id, o.label]);
    for (const [label, kind] of o.aliases) await db.dataSource.query(`INSERT INTO occupation_alias (occupation_id, label, kind) VALUES ($1, $2, $3)`, [o.id, label, kind]);
  }
  await db.dataSource.query(
    `INSERT INTO occupation_skill (occupation_id, skill_id, relation, hot_technology, in_demand) VALUES
       ($1, $2, 'essential', false, false), ($1, $3, 'optional', false, false), ('15-2051.01', $4, 'technology', true, true)`,
    [DATA_ANALYST, sql!.id, python!.id, tableau!.id],
  );
  // What an import records: the classification depends on the taxonomy import stamp.
  await db.dataSource.query(`INSERT INTO taxonomy_release (scheme, version) VALUES ('esco', 'test-slice')`);
}

const stale = async () =>
  Number((await db.dataSource.query(`SELECT count(*) AS n FROM posting WHERE occupation_classified_hash IS NULL`))[0].n);

beforeAll(async () => {
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-occ-${process.pid}`;
  await db.open();
  app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
  await seedOccupations();
  const { runId } = await app.get(IngestionService).ingestPath(join(DATA_DIR, 'postings'));
  await waitUntil('the ingestion run', async () => (await app.get(IngestionRunRepository).find(runId))?.status !== 'running');
  await waitUntil('extraction', async () => (await app.get(MetaService).meta()).awaitingExtraction === 0);
}, 120_000);

afterAll(async () => {
  for (const name of Object.values(QUEUE)) await app?.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  await app?.close();
  await db.close();
});

const http = () => request(app.getHttpServer());
const classified = async (title: string) =>
  (await db.dataSource.query(`SELECT esco_occupation_id, onet_soc, occupation_confidence FROM posting WHERE title = $1`, [title]))[0];

describe('classification of ingested postings', () => {
  it('classifies every ingested posting as part of extraction', async () => {
    expect(await stale()).toBe(0);
    // Two O*NET occupations share the alternate title: the one whose own title shares a word with it ("Data") wins.
    expect(await classified('Data Analyst')).toMatchObject({ esco_occupation_id: DATA_ANALYST, onet_soc: '15-2051.00', occupation_confidence: 1 });
    expect(await classified('Assistant Professor of Nursing')).toMatchObject({ esco_occupation_id: NURSING_LECTURER, onet_soc: '25-1072.00' });
    expect(await classified('Backend Engineer (Python)')).toMatchObject({ onet_soc: '15-1252.00' });
    expect(await classified('Product Designer')).toMatchObject({ esco_occupation_id: null, onet_soc: null, occupation_confidence: null });
  });

  it('backfills postings whose classification is missing or stale on the extract sweep, and a rerun changes nothing', async () => {
    await db.dataSource.query(`UPDATE posting SET esco_occupation_id = NULL, onet_soc = NULL, occupation_classified_hash = NULL`);
    const before = await stale();
    expect(before).toBeGreaterThan(10);
    const queue = app.get<Queue>(getQueueToken(QUEUE.extract));
    await queue.add(EXTRACT_JOB.sweep, {}, { jobId: 'occupations-test-sweep-1' });
    await waitUntil('the sweep to classify', async () => (await stale()) === 0);
    expect(await classified('Data Analyst')).toMatchObject({ esco_occupation_id: DATA_ANALYST });
    const stamps = await db.dataSource.query(`SELECT occupation_classified_at FROM posting ORDER BY id`);
    const second = await queue.add(EXTRACT_JOB.sweep, {}, { jobId: 'occupations-test-sweep-2' });
    await waitUntil('the second sweep', () => second.isCompleted());
    expect(await db.dataSource.query(`SELECT occupation_classified_at FROM posting ORDER BY id`)).toEqual(stamps);
  });
});

describe('GET /v1/occupations', () => {
  it('searches labels and aliases of both schemes with open postings', async () => {
    const res = await http().get('/v1/occupations').query({ q: 'data analyst' }).expect(200);
    // Postings classified to each: the ESCO data analyst and the O*NET Data Scientists ("Data Analyst" posting).
    const ids = res.body.results.map((r: { id: string }) => r.id);
    expect(ids.slice(0, 3).sort()).toEqual([DATA_ANALYST, '15-2051.00', '15-2051.01'].sort());
    const esco = res.body.results.find((r: { id: string }) => r.id === DATA_ANALYST);
    expect(esco).toEqual({
      id: DATA_ANALYST, scheme: 'esco', label: 'data analyst', escoUri: DATA_ANALYST_URI, iscoCode: '2511', onetSoc: null, openPostings: 1, matchedLabel: 'data analyst',
    });
  });

  it('refuses a missing q and a bad limit as 400 problems', async () => {
    const res = await http().get('/v1/occupations').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/q');
    const bad = await http().get('/v1/occupations').query({ q: 'x', limit: 0 }).expect(400);
    expect(bad.body.errors[0].pointer).toBe('/limit');
  });

  it('reads one occupation by id, URL-encoded ESCO URI or SOC code, with its skills', async () => {
    const byUri = await http().get(`/v1/occupations/${encodeURIComponent(DATA_ANALYST_URI)}`).expect(200);
    expect(byUri.body).toMatchObject({ id: DATA_ANALYST, scheme: 'esco', description: 'data analyst (test)', openPostings: 1, technologySkills: [] });
    expect(byUri.body.essentialSkills.map((s: { label: string }) => s.label)).toEqual(['SQL']);
    expect(byUri.body.optionalSkills).toHaveLength(1);
    const bySoc = await http().get('/v1/occupations/15-2051.01').expect(200);
    expect(bySoc.body.technologySkills).toEqual([expect.objectContaining({ label: 'Tableau', hotTechnology: true, inDemand: true })]);
    expect(bySoc.body.openPostings).toBe(1); // "Business Intelligence Analyst"
    await http().get('/v1/occupations/15-1252').expect(200);
    const missing = await http().get('/v1/occupations/no-such-occupation').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('OccupationsService.resolveTarget', () => {
  const ids = async (ref: string, scheme?: 'esco' | 'onet') => (await app.get(OccupationsService).resolveTarget(ref, scheme)).map((o) => o.id);

  it.each([
    [DATA_ANALYST_URI, undefined, [DATA_ANALYST]],
    ['15-2051.01', undefined, ['15-2051.01']],
    ['Data Analyst', undefined, [DATA_ANALYST]],
    ['data analyst', 'onet', ['15-2051.01', '15-2051.00']],
    ['software engineer', undefined, ['f2b15a0e-e65a-438a-affb-29b9d50b77d1', '15-1252.00']],
    ['astronaut', undefined, []],
  ] as Array<[string, 'esco' | 'onet' | undefined, string[]]>)('%s (%s) → %j', async (ref, scheme, expected) => {
    expect((await ids(ref, scheme)).sort()).toEqual([...expected].sort());
  });
});

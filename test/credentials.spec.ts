import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { CATALOGUE_FILE, loadCatalogue } from '../src/credentials/catalogue.js';
import { importCredentials } from '../src/credentials/credential-import.js';
import { CredentialsService } from '../src/credentials/credentials.service.js';
import { QUEUE } from '../src/infra/queue/queues.js';
import { configureHttp } from '../src/main.js';
import { TestDatabase } from './support/test-database.js';

/**
 * The credential catalogue on real PostgreSQL: the app (role api) imports the starter taxonomy and then our catalogue
 * by itself at start-up; a Coursera-format file is imported on top; reruns change nothing; the HTTP endpoints.
 */
const db = new TestDatabase('credentials');
let app: INestApplication;
let dir: string;
let courseraFile: string;

const COURSERA_ROWS = [
  'partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility',
  'Google,Google Data Analytics,"SQL, Python Programming, Leadership and Management, Tableau Software",4.8,133400.0,Beginner , Professional Certificate , 3 - 6 Months,True',
  'Google,Google Data Analytics,,,,,None,None,False',
  'Yale University,The Science of Well-Being,(36.9k reviews),4.9,36900.0,Mixed , Course , 1 - 3 Months,False',
].join('\n');

const http = () => request(app.getHttpServer());

beforeAll(async () => {
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-credentials-${process.pid}`;
  await db.open();
  dir = await mkdtemp(join(tmpdir(), 'skillpulse-credentials-'));
  courseraFile = join(dir, 'coursera.csv');
  await writeFile(courseraFile, COURSERA_ROWS);
  app = await NestFactory.create(AppModule.forRole('api'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
}, 120_000);

afterAll(async () => {
  for (const name of Object.values(QUEUE)) await app?.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  await app?.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('credential import', () => {
  it('imports the whole catalogue at start-up, every skill ref resolving in the starter-only taxonomy', async () => {
    const { entries } = await loadCatalogue();
    expect(entries.length).toBeGreaterThanOrEqual(60);
    const [row] = await db.dataSource.query(
      `SELECT count(*)::int AS credentials, count(*) FILTER (WHERE cardinality(unmapped_skills) > 0)::int AS with_unmapped,
              (SELECT count(*)::int FROM credential_skill) AS links
         FROM credential WHERE source = 'skillpulse'`,
    );
    expect(row).toEqual({ credentials: entries.length, with_unmapped: 0, links: entries.reduce((n, e) => n + e.skills.length, 0) });
  });

  it('imports a Coursera file: exact names, names through our map, unmapped names kept; one row per course', async () => {
    const report = await importCredentials(db.dataSource, { courseraFile });
    expect(report.warnings).toEqual([]);
    expect(report.credentials).toMatchObject({ inserted: 2, updated: 0, deleted: 0 });
    expect(report.coursera).toMatchObject({
      read: { rows: 3, courses: 2, duplicateRows: 1, junkSkillCells: 1 },
      skillNames: { distinct: 4, exact: 1, curated: 2, unmapped: 1, mappedShare: 0.75 },
      unmappedNames: [{ name: 'Leadership and Management', courses: 1 }],
    });
    const credential = await app.get(CredentialsService).detail('coursera-google-google-data-analytics');
    expect(credential).toMatchObject({
      source: 'coursera-file', platform: 'coursera', provider: 'Google', kind: 'professional-certificate', level: 'beginner', hours: null,
      duration: { min: 3, max: 6, unit: 'months', text: '3 - 6 Months' }, unmappedSkills: ['Leadership and Management'],
    });
    expect(credential!.skills.map((s) => s.label).sort()).toEqual(['Python (computer programming)', 'SQL', 'Tableau']);
  });

  it('changes nothing when run again', async () => {
    const report = await importCredentials(db.dataSource, { courseraFile });
    expect(report.credentials).toEqual({ inserted: 0, updated: 0, unchanged: (await loadCatalogue()).entries.length + 2, deleted: 0 });
    expect(report.credentialSkills).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  });

  it('deletes a credential dropped from our catalogue, and keeps imported files', async () => {
    const catalogue = JSON.parse(await readFile(CATALOGUE_FILE, 'utf8')) as { credentials: Array<{ id: string }> };
    const smaller = join(dir, 'catalogue.json');
    await writeFile(smaller, JSON.stringify({ credentials: catalogue.credentials.filter((c) => c.id !== 'comptia-a-plus') }));
    expect((await importCredentials(db.dataSource, { catalogueFile: smaller })).credentials).toMatchObject({ inserted: 0, updated: 0, deleted: 1 });
    expect(await app.get(CredentialsService).detail('comptia-a-plus')).toBeNull();
    expect(await app.get(CredentialsService).detail('coursera-google-google-data-analytics')).not.toBeNull();
    expect((await importCredentials(db.dataSource)).credentials).toMatchObject({ inserted: 1, updated: 0, deleted: 0 });
  });

  it('gives every credential with its skill id set', async () => {
    const all = await app.get(CredentialsService).allWithSkillIds(['skillpulse']);
    const terraform = all.filter((c) => c.skillIds.has('sp-terraform')).map((c) => c.id);
    expect(terraform).toEqual(['hashicorp-terraform-associate']);
    expect(all.every((c) => c.source === 'skillpulse' && c.skillIds.size > 0)).toBe(true);
  });
});

describe('GET /v1/credentials', () => {
  it('finds the credentials teaching a skill named by alias', async () => {
    const res = await http().get('/v1/credentials').query({ skill: 'HashiCorp Terraform' }).expect(200);
    expect(res.body.results.map((c: { id: string }) => c.id)).toEqual(['hashicorp-terraform-associate']);
    expect(res.body.results[0]).toMatchObject({
      name: 'HashiCorp Certified: Terraform Associate (003)', provider: 'HashiCorp', platform: 'credly', kind: 'certification',
      cost: { amount: 70.5, currency: 'USD' }, source: 'skillpulse',
    });
    expect(res.body.results[0].skills).toContainEqual({ skillId: 'sp-terraform', label: 'Terraform' });
  });

  it('searches name and provider word by word, names starting with the query first', async () => {
    const res = await http().get('/v1/credentials').query({ q: 'google data', limit: 5 }).expect(200);
    const ids = res.body.results.map((c: { id: string }) => c.id);
    expect(ids[0]).toBe('google-data-analytics');
    expect(ids).toContain('coursera-google-google-data-analytics');
    expect(ids).toContain('google-cloud-professional-data-engineer');
  });

  it('combines q and skill', async () => {
    const res = await http().get('/v1/credentials').query({ q: 'aws', skill: 'machine learning' }).expect(200);
    expect(res.body.results.map((c: { id: string }) => c.id)).toEqual(['aws-certified-machine-learning-engineer-associate']);
  });

  it('answers 422 for a skill that is not in the taxonomy and 400 for a bad limit', async () => {
    const unknown = await http().get('/v1/credentials').query({ skill: 'Underwater basket weaving' }).expect(422);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.body.errors).toEqual([{ pointer: '/skill', detail: 'names no skill' }]);
    await http().get('/v1/credentials').query({ limit: 0 }).expect(400);
  });

  it('returns one credential by id, and 404 for an unknown id', async () => {
    const res = await http().get('/v1/credentials/google-data-analytics').expect(200);
    expect(res.body).toMatchObject({ id: 'google-data-analytics', platform: 'coursera', kind: 'professional-certificate', hours: null, cost: null });
    expect(res.body.skills.map((s: { label: string }) => s.label)).toContain('SQL');
    const missing = await http().get('/v1/credentials/no-such-credential').expect(404);
    expect(missing.body.type).toMatch(/not-found$/);
  });
});

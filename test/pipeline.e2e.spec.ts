import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { DATA_DIR } from '../src/config/paths.js';
import { type ColumnMapping, parseColumnMapping } from '../src/ingestion/formats/format.types.js';
import { IngestionRunRepository } from '../src/ingestion/ingestion-run.repository.js';
import { IngestionService } from '../src/ingestion/ingestion.service.js';
import { EXTRACTOR_VERSION } from '../src/extraction/extractor-version.js';
import { EXTRACT_JOB, QUEUE } from '../src/infra/queue/queues.js';
import { configureHttp } from '../src/main.js';
import { MetaService } from '../src/meta/meta.service.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * The whole backbone on real parts: PostgreSQL (a throwaway database), BullMQ on Redis (a key prefix of this run's
 * own), the Nest app in role `all`, HTTP through supertest. Taxonomy: the starter and curated layer in data/, which
 * the app imports by itself at start-up on an empty database.
 */
const db = new TestDatabase('e2e');
let app: INestApplication;
let fixtureDir: string;

const GREENHOUSE_BOARD = {
  jobs: [
    {
      id: 4242001,
      internal_job_id: 3900001,
      requisition_id: 'R-1001',
      metadata: null,
      data_compliance: [],
      title: 'Data Engineer',
      updated_at: '2026-08-20T10:00:00-04:00',
      first_published: '2026-08-01T09:00:00-04:00',
      absolute_url: 'https://boards.greenhouse.io/skillpulsetest/jobs/4242001',
      location: { name: 'New York, NY' },
      company_name: 'Skillpulse Test Co',
      content: '&lt;p&gt;Python &amp;amp; SQL&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Terraform&lt;/li&gt;&lt;/ul&gt;',
    },
    {
      id: 4242002,
      internal_job_id: 3900002,
      requisition_id: 'R-1002',
      metadata: null,
      data_compliance: [],
      title: 'Full-Stack Engineer',
      updated_at: '2026-08-21T10:00:00-04:00',
      first_published: '2026-08-02T09:00:00-04:00',
      absolute_url: 'https://boards.greenhouse.io/skillpulsetest/jobs/4242002',
      location: { name: 'Remote' },
      company_name: 'Skillpulse Test Co',
      content: '&lt;p&gt;You will build services in JavaScript, deployed on Kubernetes, with data in PostgreSQL.&lt;/p&gt;',
    },
    {
      id: 4242004,
      internal_job_id: 3900004,
      requisition_id: 'R-1002',
      metadata: null,
      data_compliance: [],
      title: 'Full-Stack Engineer',
      updated_at: '2026-08-25T10:00:00-04:00',
      first_published: '2026-08-25T09:00:00-04:00',
      absolute_url: 'https://boards.greenhouse.io/skillpulsetest/jobs/4242004',
      location: { name: 'Remote' },
      company_name: 'Skillpulse Test Co',
      content: '&lt;p&gt;Reposted: services in JavaScript on Kubernetes, data in PostgreSQL.&lt;/p&gt;',
    },
    {
      id: 4242003,
      internal_job_id: 3900003,
      requisition_id: 'R-1003',
      metadata: null,
      data_compliance: [],
      title: 'Senior Python Developer',
      updated_at: '2026-08-22T10:00:00-04:00',
      first_published: '2026-08-03T09:00:00-04:00',
      absolute_url: 'https://boards.greenhouse.io/skillpulsetest/jobs/4242003',
      location: { name: 'Austin, TX' },
      company_name: 'Skillpulse Test Co',
    },
  ],
  meta: { total: 4 },
};

const CREDLY_BADGE = {
  id: 'e2e-badge-1',
  issued_at: '2026-01-10T00:00:00Z',
  expires_at: null,
  state: 'accepted',
  badge_template: { name: 'Web Services Builder', description: 'Sample', skills: ['JS', 'k8s', 'Postgres'] },
};

async function ingest(path: string, mapping?: ColumnMapping): Promise<void> {
  const { runId } = await app.get(IngestionService).ingestPath(path, { mapping });
  const runs = app.get(IngestionRunRepository);
  await waitUntil('the ingestion run to finish', async () => (await runs.find(runId))?.status !== 'running');
  const meta = app.get(MetaService);
  await waitUntil('extraction to finish', async () => (await meta.meta()).awaitingExtraction === 0);
}

beforeAll(async () => {
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-${process.pid}`;
  await db.open();
  fixtureDir = await mkdtemp(join(tmpdir(), 'skillpulse-e2e-'));
  await writeFile(join(fixtureDir, 'skillpulsetest.json'), JSON.stringify(GREENHOUSE_BOARD));
  app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
  await ingest(fixtureDir);
  await ingest(join(DATA_DIR, 'postings'));
}, 120_000);

const ACME_MAPPING = () => readFile(join(DATA_DIR, 'examples', 'acme-careers.mapping.json'), 'utf8').then((t) => parseColumnMapping(JSON.parse(t)));

afterAll(async () => {
  // Leave nothing behind in Redis: this run's queues live under its own prefix.
  for (const name of Object.values(QUEUE)) await app?.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  await app?.close();
  await db.close();
  await rm(fixtureDir, { recursive: true, force: true });
});

const http = () => request(app.getHttpServer());

describe('ingestion and extraction through the queues', () => {
  it('stores Greenhouse HTML-escaped content as clean text with list items on their own lines', async () => {
    const [row] = await db.dataSource.query(
      `SELECT id, description, source_id, external_id FROM posting WHERE source_id = 'greenhouse:skillpulsetest' AND external_id = '4242001'`,
    );
    expect(row.description.split('\n').filter(Boolean)).toEqual(['Python & SQL', 'Terraform']);
    const skills = await db.dataSource.query(
      `SELECT s.preferred_label FROM posting_skill ps JOIN skill s ON s.id = ps.skill_id WHERE ps.posting_id = $1 ORDER BY 1`,
      [row.id],
    );
    expect(skills.map((s: { preferred_label: string }) => s.preferred_label.toLowerCase())).toEqual(['python (computer programming)', 'sql', 'terraform']);
  });

  it('stores evidence spans that index the stored text', async () => {
    const rows = await db.dataSource.query(
      `SELECT p.description, p.title, ps.spans FROM posting_skill ps JOIN posting p ON p.id = ps.posting_id LIMIT 200`,
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      for (const span of r.spans) {
        const text = span.field === 'title' ? r.title : r.description;
        expect(text.slice(span.start, span.end)).toBe(span.text);
      }
    }
  });

  it('re-extracts postings that another extractor version extracted, through the extract sweep', async () => {
    const before = await app.get(MetaService).meta();
    await db.dataSource.query(`UPDATE posting SET extractor_version = 'older' WHERE source_id = 'greenhouse:skillpulsetest'`);
    expect((await app.get(MetaService).meta()).awaitingExtraction).toBe(4);
    await app.get<Queue>(getQueueToken(QUEUE.extract)).add(EXTRACT_JOB.sweep, {}, { jobId: 'test-sweep-version' });
    await waitUntil('the sweep to re-extract', async () => (await app.get(MetaService).meta()).awaitingExtraction === 0);
    const [{ versions }] = await db.dataSource.query(`SELECT array_agg(DISTINCT extractor_version) AS versions FROM posting`);
    expect(versions).toEqual([EXTRACTOR_VERSION]);
    expect(await app.get(MetaService).meta()).toEqual(before);
  });

  it('ingests a generic CSV through a column mapping', async () => {
    await ingest(join(DATA_DIR, 'examples', 'acme-careers.csv'), await ACME_MAPPING());
    const rows = await db.dataSource.query(
      `SELECT external_id, title, city, region_code, country_code, posted_at FROM posting WHERE source_id = 'acme-careers' ORDER BY external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'ACME-101', title: 'Analytics Engineer', city: 'Denver', region_code: 'US-CO', country_code: 'US', posted_at: new Date('2026-10-01T00:00:00Z') },
      { external_id: 'ACME-102', title: 'Support Specialist', city: null, region_code: null, country_code: 'US', posted_at: new Date('2026-10-03T00:00:00Z') },
      { external_id: 'ACME-103', title: 'Site Reliability Engineer', city: 'Austin', region_code: 'US-TX', country_code: 'US', posted_at: new Date('2026-10-07T00:00:00Z') },
    ]);
  });

  it('adds no posting or posting-skill row when the same files are ingested again', async () => {
    const before = await app.get(MetaService).meta();
    await ingest(fixtureDir);
    await ingest(join(DATA_DIR, 'postings'));
    await ingest(join(DATA_DIR, 'examples', 'acme-careers.csv'), await ACME_MAPPING());
    const after = await app.get(MetaService).meta();
    expect(after).toEqual(before);
  });
});

describe('POST /v1/extract', () => {
  const extract = async (text: string) => {
    const res = await http().post('/v1/extract').send({ text }).expect(200);
    return res.body.skills.map((s: { label: string }) => s.label).sort();
  };

  it('keeps symbol-bearing names and never reads a bare C out of them', async () => {
    const labels = await extract('Needs C++. Strong C# on .NET 8; tooling in Node.js; some Objective-C; hosting on AWS; iOS apps.');
    expect(labels).toEqual(['Amazon Web Services (AWS)', 'C#', 'C++', 'Microsoft .NET Framework', 'Node.js', 'Objective-C', 'iOS'].sort());
  });

  it('finds Go, R and C used as languages', async () => {
    // "statistics" is a skill too; no other language is read out of the sentence.
    expect(await extract('Services in Go, statistics in R, firmware in C.')).toEqual(['C', 'Go', 'R', 'statistics']);
  });

  it('finds none of Go, R, C in ordinary English', async () => {
    expect(await extract('Going forward you will own go-to-market reporting; there are no red flags.')).toEqual([]);
  });

  it('returns offsets into the given text', async () => {
    const text = 'We want Kubernetes and PostgreSQL.';
    const res = await http().post('/v1/extract').send({ text }).expect(200);
    for (const s of res.body.skills) for (const span of s.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('rejects a missing text as a 400 problem', async () => {
    const res = await http().post('/v1/extract').send({ minConfidence: 2 }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/minConfidence', '/text']);
  });
});

describe('POST /v1/matches', () => {
  it('matches a badge with JS, k8s and Postgres to a posting asking for JavaScript, Kubernetes and PostgreSQL', async () => {
    const res = await http().post('/v1/matches').send({ badges: [CREDLY_BADGE], limit: 50 }).expect(200);
    const hit = res.body.results.find((r: { posting: { title: string } }) => r.posting.title === 'Full-Stack Engineer');
    expect(hit).toBeDefined();
    // The repost of the same opening is shown once.
    expect(res.body.results.filter((r: { posting: { title: string } }) => r.posting.title === 'Full-Stack Engineer')).toHaveLength(1);
    expect(hit.matched.map((m: { label: string }) => m.label).sort()).toEqual(['JavaScript', 'Kubernetes', 'PostgreSQL']);
    for (const m of hit.matched) expect(m.from).toEqual({ badge: 0 });
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.score).toBeLessThanOrEqual(1);
    // Postings sharing two or more of the badge's skills first, each group by score.
    const order = res.body.results.map((r: { score: number; matched: unknown[] }) => [r.matched.length >= 2 ? 0 : 1, -r.score]);
    expect(order).toEqual([...order].sort((a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1]));
  });

  it('reports free-text skills that map to nothing', async () => {
    const res = await http().post('/v1/matches').send({ skills: ['SQL', 'underwater basket weaving'] }).expect(200);
    expect(res.body.unmatchedInput).toEqual(['underwater basket weaving']);
    expect(res.body.results.length).toBeGreaterThan(0);
  });

  it('leaves out title-only postings unless asked', async () => {
    const without = await http().post('/v1/matches').send({ skills: ['Python'], limit: 100 }).expect(200);
    const withTitleOnly = await http().post('/v1/matches').send({ skills: ['Python'], limit: 100, includeTitleOnly: true }).expect(200);
    const titles = (b: { results: Array<{ posting: { title: string } }> }) => b.results.map((r) => r.posting.title);
    expect(titles(without.body)).not.toContain('Senior Python Developer');
    expect(titles(withTitleOnly.body)).toContain('Senior Python Developer');
    const hit = withTitleOnly.body.results.find((r: { posting: { title: string } }) => r.posting.title === 'Senior Python Developer');
    expect(hit.matched[0].evidence).toEqual({ start: 7, end: 13, text: 'Python', field: 'title' });
  });

  it('says why a hosted assertion whose BadgeClass is only a URL gives no skills', async () => {
    const assertion = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'https://example.org/assertions/123',
      badge: 'https://example.org/badgeclasses/5',
      recipient: { type: 'email', hashed: false, identity: 'learner@example.org' },
      issuedOn: '2026-01-01T00:00:00Z',
      verification: { type: 'hosted' },
    };
    const res = await http().post('/v1/matches').send({ badges: [assertion], skills: ['SQL'] }).expect(200);
    expect(res.body.profile.badges[0].skills).toEqual([]);
    expect(res.body.profile.badges[0].warnings).toEqual([expect.stringMatching(/only links its BadgeClass by URL, which could not be fetched or read/)]);
  });

  it('names an unreadable badge by its pointer in a 400 problem', async () => {
    const res = await http().post('/v1/matches').send({ badges: [CREDLY_BADGE, { hello: 'world' }] }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ pointer: '/badges/1', detail: expect.stringMatching(/not an Open Badges/) }]);
  });

  it('names unknown fields and wrong types once each', async () => {
    const res = await http().post('/v1/matches').send({ skills: 'SQL', limit: '5', foo: 1 }).expect(400);
    const byPointer = (a: { pointer: string }, b: { pointer: string }) => a.pointer.localeCompare(b.pointer);
    expect([...res.body.errors].sort(byPointer)).toEqual([
      { pointer: '/foo', detail: 'property foo should not exist' },
      { pointer: '/limit', detail: 'limit must be an integer number' },
      { pointer: '/skills', detail: 'skills must be an array' },
    ]);
  });

  it('rejects an empty profile and an out-of-range limit', async () => {
    await http().post('/v1/matches').send({}).expect(422);
    const res = await http().post('/v1/matches').send({ skills: ['SQL'], limit: 1000 }).expect(400);
    expect(res.body.errors[0].pointer).toBe('/limit');
  });
});

describe('skills, meta and health', () => {
  it('searches skills by alias and reads one by URL-encoded ESCO URI', async () => {
    const search = await http().get('/v1/skills').query({ q: 'k8s' }).expect(200);
    expect(search.body.results[0].label).toBe('Kubernetes');
    const python = await http().get('/v1/skills').query({ q: 'python' }).expect(200);
    const uri = python.body.results.find((r: { escoUri: string | null }) => r.escoUri)?.escoUri;
    expect(uri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
    const one = await http().get(`/v1/skills/${encodeURIComponent(uri)}`).expect(200);
    expect(one.body.escoUri).toBe(uri);
    const byId = await http().get(`/v1/skills/${encodeURIComponent(one.body.id)}`).expect(200);
    expect(byId.body.id).toBe(one.body.id);
    await http().get('/v1/skills/no-such-skill').expect(404);
  });

  it('counts what is loaded', async () => {
    const res = await http().get('/v1/meta').expect(200);
    expect(res.body.postings).toEqual({ open: 20, closed: 0, titleOnly: 2, alternates: 0 });
    expect(res.body.awaitingExtraction).toBe(0);
    expect(res.body.postingSkills).toBeGreaterThan(50);
    expect(res.body.skills).toBeGreaterThan(100);
    expect(res.body.taxonomy).toEqual({ esco: null, onet: null });
  });

  it('is live and ready', async () => {
    await http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({ postgres: 'up', redis: 'up' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await http().get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/matches', '/v1/extract', '/v1/skills', '/v1/skills/{id}', '/v1/meta']));
  });
});

import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { EXTRACT_BATCH_SIZE, EXTRACT_JOB, jobId, QUEUE } from '../src/infra/queue/queues.js';
import { configureHttp } from '../src/main.js';
import { SkillsService } from '../src/taxonomy/skills.service.js';
import { DemandAggregateRepository } from '../src/trends/demand-aggregate.repository.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * Trends on real parts: hand-made postings go through the real extract queue, whose jobs enqueue the analytics
 * refresh that writes the demand aggregates; the endpoints read those. Taxonomy: the starter layer in data/.
 */
const db = new TestDatabase('trends');
let app: INestApplication;
let python: string, rust: string, excel: string;
let batch = 0;

interface P { ext: string; at: string; text: string | null; precision?: 'day' | 'month'; country?: string; region?: string; company?: string; title?: string }

async function insertPostings(postings: P[]): Promise<string[]> {
  const rows = await db.dataSource.query(
    `INSERT INTO posting (source_id, external_id, title, description, has_description, posted_at, posted_precision, content_hash, company, country_code, region_code)
     SELECT 'trends-test', e, coalesce(ti, 'Engineer'), d, d IS NOT NULL, a::timestamptz, pr, md5(e || coalesce(d, '')), co, cc, rc
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(e, a, d, pr, co, cc, rc, ti)
     RETURNING id::text AS id`,
    [postings.map((p) => p.ext), postings.map((p) => p.at), postings.map((p) => p.text), postings.map((p) => p.precision ?? 'day'),
      postings.map((p) => p.company ?? 'Acme'), postings.map((p) => p.country ?? 'US'), postings.map((p) => p.region ?? 'US-NY'), postings.map((p) => p.title ?? null)],
  );
  return rows.map((r: { id: string }) => r.id);
}

/** Extracts the postings through the extract queue and waits until the analytics refreshes have counted them. */
async function extract(ids: string[]): Promise<void> {
  const queue = app.get<Queue>(getQueueToken(QUEUE.extract));
  for (let i = 0; i < ids.length; i += EXTRACT_BATCH_SIZE) {
    await queue.add(EXTRACT_JOB.postings, { postingIds: ids.slice(i, i + EXTRACT_BATCH_SIZE) }, { jobId: jobId('extract', 'trends', batch++) });
  }
  await waitUntil('demand aggregates to count the postings', async () => {
    const [r] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM demand_posting dp JOIN posting p ON p.id = dp.posting_id AND p.extracted_hash = p.content_hash WHERE dp.posting_id = ANY($1::bigint[])`, [ids]);
    return r.n === ids.length;
  });
  await waitUntil('the analytics queue to drain', async () => {
    const counts = await app.get<Queue>(getQueueToken(QUEUE.analytics)).getJobCounts('waiting', 'active', 'delayed');
    return counts.waiting + counts.active + counts.delayed === 0;
  });
}

/** `n` postings in the UTC week starting `monday`, at noon on weekdays, the first `k` mentioning `skill`, `j` more mentioning `other`. */
function week(prefix: string, monday: string, n: number, mentions: Array<[string, number]>): P[] {
  const out: P[] = [];
  let next = 0;
  const texts: string[] = [];
  for (const [text, k] of mentions) for (let i = 0; i < k; i++) texts[next++] = text;
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.parse(`${monday}T12:00:00Z`) + (i % 5) * 86_400_000 + Math.floor(i / 5) * 60_000);
    out.push({ ext: `${prefix}-${i}`, at: day.toISOString(), text: texts[i] ?? 'We are hiring a friendly colleague to join our team.' });
  }
  return out;
}

beforeAll(async () => {
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-trends-${process.pid}`;
  await db.open();
  app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
  await waitUntil('the starter taxonomy', async () => (await app.get(SkillsService).resolve('Python')) !== null);
  const skills = app.get(SkillsService);
  [python, rust, excel] = await Promise.all(['Python', 'Rust', 'MS Excel'].map(async (s) => (await skills.resolve(s))!.id));
  await db.dataSource.query(`INSERT INTO source (id, kind, name) VALUES ('trends-test', 'test', 'Trends test') ON CONFLICT DO NOTHING`);
  const ids = await insertPostings([
    // 400 postings in each of two UTC weeks: Python 40 then 44, Rust 0 then 2.
    ...week('w10', '2024-03-04', 400, [['Strong Python required.', 40]]),
    ...week('w11', '2024-03-11', 400, [['Strong Python required.', 44], ['Systems work in Rust.', 2]]),
    // Sunday 23:30 in New York = Monday 03:30 UTC.
    { ext: 'ny-sunday', at: '2024-03-31T23:30:00-04:00', text: 'Python developer for our data team.' },
    { ext: 'excel', at: '2024-03-27T15:00:00Z', text: 'Excel skills are a must; advanced Excel skill preferred; MS Excel certification welcome.' },
    { ext: 'title-only', at: '2024-03-27T16:00:00Z', text: null, title: 'Python Engineer' },
    // Dated to the month only (like the 2017 Hacker News files): months yes, weeks never.
    { ext: 'month-only', at: '2024-03-01T00:00:00Z', precision: 'month', text: 'Python and Rust.', company: 'Month Co', country: 'DE', region: 'DE-BE' },
  ]);
  await extract(ids);
}, 180_000);

afterAll(async () => {
  for (const name of Object.values(QUEUE)) await app?.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  await app?.close();
  await db.close();
});

const http = () => request(app.getHttpServer());
const points = (body: { series: Array<{ skill: { id: string }; points: unknown[] }> }, id: string) => body.series.find((s) => s.skill.id === id)!.points;

describe('GET /v1/trends/skills', () => {
  it('puts a Sunday-evening New York posting in the week of Monday 2024-03-25 for tz=America/New_York', async () => {
    const res = await http().get('/v1/trends/skills').query({ skills: 'Python', interval: 'week', from: '2024-03-25', to: '2024-04-07', tz: 'America/New_York' }).expect(200);
    expect(points(res.body, python)).toMatchObject([
      { bucket: '2024-W13', start: '2024-03-25', postings: 1, total: 2 }, // the Excel posting is the other one; the title-only one is not counted
      { bucket: '2024-W14', start: '2024-04-01', postings: 0, total: 0, share: null },
    ]);
    expect(res.body.buckets[0]).toEqual({ bucket: '2024-W13', start: '2024-03-25', end: '2024-04-01', total: 2, titleOnly: 1 });
    const utc = await http().get('/v1/trends/skills').query({ skills: 'Python', from: '2024-03-25', to: '2024-04-07' }).expect(200);
    expect(points(utc.body, python)).toMatchObject([{ bucket: '2024-W13', postings: 0, total: 1 }, { bucket: '2024-W14', postings: 1, total: 1, share: 1 }]);
  });

  it('zero-fills a week with no postings and gives totals beside shares', async () => {
    const res = await http().get('/v1/trends/skills').query({ skills: `Python,${rust}`, interval: 'week', from: '2024-03-04', to: '2024-03-24' }).expect(200);
    expect(points(res.body, python)).toEqual([
      expect.objectContaining({ bucket: '2024-W10', postings: 40, total: 400, share: 0.1 }),
      expect.objectContaining({ bucket: '2024-W11', postings: 44, total: 400, share: 0.11 }),
      { bucket: '2024-W12', start: '2024-03-18', end: '2024-03-25', postings: 0, total: 0, share: null, shareLow: null, shareHigh: null },
    ]);
    expect(points(res.body, rust)).toMatchObject([{ postings: 0, total: 400, share: 0 }, { postings: 2, total: 400, share: 0.005 }, { postings: 0, total: 0 }]);
  });

  it('counts a posting that names Excel three ways once', async () => {
    const [ps] = await db.dataSource.query(
      `SELECT ps.mention_count FROM posting_skill ps JOIN posting p ON p.id = ps.posting_id WHERE p.external_id = 'excel' AND ps.skill_id = $1`, [excel]);
    expect(ps.mention_count).toBe(3);
    const res = await http().get('/v1/trends/skills').query({ skills: excel, from: '2024-03-25', to: '2024-03-31' }).expect(200);
    expect(points(res.body, excel)).toMatchObject([{ bucket: '2024-W13', postings: 1, total: 1, share: 1 }]);
  });

  it('counts month-only postings in months, never in weeks; filters by region', async () => {
    const month = await http().get('/v1/trends/skills').query({ skills: 'Python,Rust', interval: 'month', from: '2024-03-01', to: '2024-03-31' }).expect(200);
    // In UTC the New York Sunday-evening posting is in April; the month-only posting is in March.
    expect(points(month.body, python)).toMatchObject([{ bucket: '2024-03', postings: 40 + 44 + 1, total: 400 + 400 + 1 + 1 }]);
    expect(points(month.body, rust)).toMatchObject([{ bucket: '2024-03', postings: 3 }]);
    const berlin = await http().get('/v1/trends/skills').query({ skills: 'Rust', interval: 'month', from: '2024-03-01', to: '2024-03-31', region: 'DE-BE' }).expect(200);
    expect(points(berlin.body, rust)).toMatchObject([{ postings: 1, total: 1 }]);
    const weeks = await http().get('/v1/trends/skills').query({ skills: 'Rust', region: 'DE', from: '2024-02-26', to: '2024-03-31' }).expect(200);
    expect(weeks.body.buckets.map((b: { total: number }) => b.total)).toEqual([0, 0, 0, 0, 0]);
  });

  it('answers CSV with one row per skill and bucket', async () => {
    const res = await http().get('/v1/trends/skills').set('Accept', 'text/csv')
      .query({ skills: 'Python,Rust', from: '2024-03-04', to: '2024-03-17' }).expect(200).expect('Content-Type', /text\/csv/);
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(['skill_id', 'skill_label', 'bucket', 'bucket_start', 'bucket_end', 'postings', 'total', 'share', 'share_low', 'share_high']);
    expect(rows.map((r) => [r.skill_id, r.bucket, r.postings, r.total, r.share])).toEqual([
      [python, '2024-W10', '40', '400', '0.1'], [python, '2024-W11', '44', '400', '0.11'],
      [rust, '2024-W10', '0', '400', '0'], [rust, '2024-W11', '2', '400', '0.005'],
    ]);
  });

  it.each([
    [{ skills: 'Python', interval: 'day' }, '/interval'],
    [{ skills: 'Python', tz: 'Mars/Olympus' }, '/tz'],
    [{ skills: 'Python', from: '2024-04-01', to: '2024-03-01' }, '/from'],
    [{ skills: 'Python', from: '2024-02-30', to: '2024-03-01' }, '/from'],
    [{ skills: 'Python', region: 'United States' }, '/region'],
    [{ skills: 'Python', occupation: 'no-such-occupation' }, '/occupation'],
    [{ skills: 'Python,Klingon poetry' }, '/skills'],
    [{}, '/skills'],
  ])('400 problem naming the parameter for %j', async (query, pointer) => {
    const res = await http().get('/v1/trends/skills').query(query).expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });
});

describe('GET /v1/trends/top', () => {
  it('growth: Python +0.10 on shares with a 95 % interval; Rust 0 → 2 flagged new, not ranked', async () => {
    const res = await http().get('/v1/trends/top').query({ by: 'growth', period: '2024-W11', minSupport: 5 }).expect(200);
    expect(res.body.totals).toEqual({ current: 400, previous: 400, currentTitleOnly: 0, previousTitleOnly: 0 });
    expect(res.body.results).toHaveLength(1);
    const [py] = res.body.results;
    expect(py).toMatchObject({ rank: 1, skill: { id: python }, status: 'ok', postings: 44, total: 400, previousPostings: 40, previousTotal: 400 });
    expect(py.growth).toBeCloseTo(0.1, 10);
    expect(py.growthLow).toBeCloseTo(-0.26643, 5);
    expect(py.growthHigh).toBeCloseTo(0.64946, 5);
    expect(res.body.flagged).toEqual([expect.objectContaining({ rank: null, skill: { id: rust, label: 'Rust' }, status: 'new', growth: null, postings: 2, previousPostings: 0 })]);
  });

  it('demand and emerging, in JSON and CSV', async () => {
    const demand = await http().get('/v1/trends/top').query({ by: 'demand', period: '2024-W11' }).expect(200);
    expect(demand.body.results.map((r: { skill: { id: string }; share: number }) => [r.skill.id, r.share])).toEqual([[python, 0.11]]);
    const emerging = await http().get('/v1/trends/top').query({ by: 'emerging', period: '2024-W11', minSupport: 2 }).expect(200);
    expect(emerging.body.results.map((r: { skill: { id: string } }) => r.skill.id)).toEqual([rust]);
    const csv = await http().get('/v1/trends/top').set('Accept', 'text/csv').query({ by: 'growth', period: '2024-W11' }).expect(200).expect('Content-Type', /text\/csv/);
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.rank, r.skill_id, r.status, r.period, r.previous_period, r.growth === '' ? '' : Number(r.growth).toFixed(2)])).toEqual([
      ['1', python, 'ok', '2024-W11', '2024-W10', '0.10'], ['', rust, 'new', '2024-W11', '2024-W10', ''],
    ]);
  });

  it.each([
    [{ period: '2024-W54' }, '/period'], [{ period: 'March' }, '/period'], [{ period: '2024-W11', by: 'hype' }, '/by'],
    [{ period: '2024-W11', minSupport: 'x' }, '/minSupport'], [{ period: '2024-W11', tz: 'Nowhere/City' }, '/tz'],
  ])('400 problem naming the parameter for %j', async (query, pointer) => {
    const res = await http().get('/v1/trends/top').query(query).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });
});

describe('demand aggregates', () => {
  const snapshot = () => db.dataSource.query(
    `SELECT skill_id, time_kind, slot, source_id, country_code, region_code, employer, postings FROM demand_skill ORDER BY 1, 2, 3, 4, 5, 6, 7`);

  it('a full rebuild gives the same rows as the incremental refreshes', async () => {
    const before = await snapshot();
    const result = await app.get(DemandAggregateRepository).rebuild();
    expect(result.postings).toBe(804);
    expect(await snapshot()).toEqual(before);
  });

  it('moves a posting whose date changed out of its old week (idempotent refresh)', async () => {
    const [{ id }] = await db.dataSource.query(`SELECT id::text AS id FROM posting WHERE external_id = 'w11-0'`);
    await db.dataSource.query(`UPDATE posting SET posted_at = '2024-03-19T12:00:00Z' WHERE id = $1`, [id]);
    const repo = app.get(DemandAggregateRepository);
    await repo.refresh([id]);
    await repo.refresh([id]);
    const res = await http().get('/v1/trends/skills').query({ skills: 'Python', from: '2024-03-11', to: '2024-03-24' }).expect(200);
    expect(points(res.body, python)).toMatchObject([{ bucket: '2024-W11', postings: 43, total: 399 }, { bucket: '2024-W12', postings: 1, total: 1 }]);
  });
});

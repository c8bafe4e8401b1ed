import { CanonicalPostingService } from '../src/ingestion/dedup/canonical-posting.service.js';
import { shingleHashes } from '../src/ingestion/dedup/text-fingerprint.js';
import { PostingRepository } from '../src/ingestion/posting.repository.js';
import type { NormalizedPosting } from '../src/ingestion/posting.types.js';
import { DemandAggregateRepository } from '../src/trends/demand-aggregate.repository.js';
import { TestDatabase } from './support/test-database.js';

/** CanonicalPostingService on a real PostgreSQL (a throwaway database), fed by PostingRepository.upsert as ingestion does. */
const db = new TestDatabase('canonical');
let repo: PostingRepository;
let canonical: CanonicalPostingService;

const TEXT_7001 =
  'Acme builds logistics software. As a Data Engineer you will design batch and streaming pipelines in Python and SQL, ' +
  'own our dbt models and keep data quality high. You have 3+ years of data engineering and know Airflow. ' +
  'Full-time, hybrid - two days a week in Berlin. Apply: https://boards.greenhouse.io/acme/jobs/7001';
const TEXT_AGGREGATOR =
  'Acme builds logistics software.\n\nAs a Data Engineer you will design batch and streaming pipelines in Python and SQL, ' +
  'own our dbt models and keep data quality high.   You have 3+ years of data engineering and know Airflow.\n' +
  'Full – time, hybrid — two days a week in Berlin. Apply: https://jobs.aggregator.example/r/5512?utm_source=feed&gclid=x1';
const TEXT_7002 =
  'Acme builds logistics software. Our Data Engineer in the pricing team builds real-time features on Kafka and Flink, ' +
  'models demand with Spark and works with our data scientists. On-site in Berlin, full-time.';

const berlin = { raw: 'Berlin, Germany', city: 'Berlin', region: 'Berlin', regionCode: 'DE-BE', countryCode: 'DE', remote: false };
const posting = (over: Partial<NormalizedPosting>): NormalizedPosting => ({
  sourceKey: 'greenhouse:acme',
  sourceKind: 'greenhouse',
  externalId: '7001',
  title: 'Data Engineer',
  company: 'Acme',
  location: berlin,
  postedAt: '2026-08-01T00:00:00.000Z',
  postedPrecision: 'day',
  url: 'https://boards.greenhouse.io/acme/jobs/7001',
  descriptionText: TEXT_7001,
  language: 'en',
  employmentType: 'full-time',
  salary: null,
  ...over,
});
const gh7001 = posting({});
const gh7002 = posting({ externalId: '7002', url: 'https://boards.greenhouse.io/acme/jobs/7002', descriptionText: TEXT_7002, postedAt: '2026-08-02T00:00:00.000Z' });
const aggregator = posting({
  sourceKey: 'arbeitnow', sourceKind: 'arbeitnow', externalId: 'data-engineer-berlin-5512', company: 'ACME GmbH',
  location: { ...berlin, raw: 'Berlin' }, url: 'https://jobs.aggregator.example/r/5512', descriptionText: TEXT_AGGREGATOR, postedAt: '2026-08-03T00:00:00.000Z',
});

/** Upserts and assigns as the ingest processor does; returns the ids by external id. */
async function ingest(batch: NormalizedPosting[]): Promise<Record<string, string>> {
  const result = await repo.upsert(batch);
  await canonical.assign(result.postings.map((p) => p.id));
  return Object.fromEntries(result.postings.map((p) => [p.externalId, p.id]));
}

async function canonicalIds(): Promise<Record<string, string | null>> {
  const rows: Array<{ external_id: string; canonical: string | null }> = await db.dataSource.query(
    `SELECT p.external_id, c.external_id AS canonical FROM posting p LEFT JOIN posting c ON c.id = p.canonical_id ORDER BY p.id`,
  );
  return Object.fromEntries(rows.map((r) => [r.external_id, r.canonical]));
}

beforeAll(async () => {
  const ds = await db.open();
  repo = new PostingRepository(ds);
  canonical = new CanonicalPostingService(ds);
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.dataSource.query(`TRUNCATE posting, demand_posting, demand_total, demand_skill RESTART IDENTITY CASCADE`);
});

describe('CanonicalPostingService.assign', () => {
  it('gives Greenhouse 7001 and 7002 two canonical postings, with the aggregator copy of 7001 as its alternate', async () => {
    const ids = await ingest([gh7001, gh7002]);
    const agg = await ingest([aggregator]);
    expect(await canonicalIds()).toEqual({ '7001': null, '7002': null, 'data-engineer-berlin-5512': '7001' });
    const detail = await canonical.detail(ids['7001']);
    expect(detail?.canonicalId).toBeNull();
    expect(detail?.alternates.map((a) => [a.id, a.sourceId, a.url])).toEqual([[agg['data-engineer-berlin-5512'], 'arbeitnow', 'https://jobs.aggregator.example/r/5512']]);
    expect(detail?.alternates[0].similarity).toBeGreaterThan(0.9);
    expect((await canonical.detail(agg['data-engineer-berlin-5512']))?.canonicalId).toBe(ids['7001']);
    expect(await canonical.detail('999999')).toBeNull();
  });

  it('is idempotent: assigning again, or ingesting the same files again, changes nothing', async () => {
    await ingest([gh7001, gh7002]);
    const agg = await ingest([aggregator]);
    const before = await db.dataSource.query(`SELECT id, canonical_id, canonical_score, dedup_key, text_signature FROM posting ORDER BY id`);
    expect(await canonical.assign(Object.values(agg))).toEqual({ reassigned: [], compared: 3 });
    await ingest([gh7001, gh7002, aggregator]);
    expect(await db.dataSource.query(`SELECT id, canonical_id, canonical_score, dedup_key, text_signature FROM posting ORDER BY id`)).toEqual(before);
  });

  it('makes the earliest-seen copy canonical: the aggregator copy when it came first', async () => {
    await ingest([aggregator]);
    await ingest([gh7002, gh7001]);
    expect(await canonicalIds()).toEqual({ 'data-engineer-berlin-5512': null, '7002': null, '7001': 'data-engineer-berlin-5512' });
  });

  it('stores the blocking key and the text signature; title-only postings get neither and stay canonical', async () => {
    await ingest([gh7001, posting({ externalId: '7003', descriptionText: null })]);
    const rows = await db.dataSource.query(`SELECT external_id, dedup_key, octet_length(text_signature) AS bytes, canonical_id FROM posting ORDER BY id`);
    expect(rows).toEqual([
      // 4 bytes per shingle hash: TEXT_7001 has fewer than 128 distinct word 3-shingles, so all of them.
      { external_id: '7001', dedup_key: 'acme|data engineer', bytes: 4 * shingleHashes(TEXT_7001).length, canonical_id: null },
      { external_id: '7003', dedup_key: null, bytes: null, canonical_id: null },
    ]);
  });

  it('detaches an alternate whose text changes into another opening, and reports it as reassigned', async () => {
    await ingest([gh7001]);
    const agg = await ingest([aggregator]);
    expect((await canonicalIds())['data-engineer-berlin-5512']).toBe('7001');
    const result = await repo.upsert([{ ...aggregator, descriptionText: TEXT_7002.replace('pricing', 'routing') }]);
    const assigned = await canonical.assign(result.postings.map((p) => p.id));
    expect(assigned.reassigned).toEqual([agg['data-engineer-berlin-5512']]);
    expect((await canonicalIds())['data-engineer-berlin-5512']).toBeNull();
  });

  it('re-points the alternates of a posting whose company is removed', async () => {
    const ids = await ingest([gh7001]);
    await ingest([aggregator, posting({ sourceKey: 'remotive', sourceKind: 'remotive', externalId: 'r1', location: { ...berlin, city: null, raw: null } })]);
    expect(await canonicalIds()).toEqual({ '7001': null, 'data-engineer-berlin-5512': '7001', r1: '7001' });
    const result = await repo.upsert([{ ...gh7001, company: null }]);
    // mergePosting keeps a stored company when the new record has none: clear it as a source correction would.
    await db.dataSource.query(`UPDATE posting SET company = NULL, content_hash = 'changed' WHERE id = $1`, [ids['7001']]);
    await canonical.assign(result.postings.map((p) => p.id));
    expect(await canonicalIds()).toEqual({ '7001': null, 'data-engineer-berlin-5512': null, r1: 'data-engineer-berlin-5512' });
  });

  it('assigns postings stored before deduplication existed (assignStale), once', async () => {
    await repo.upsert([gh7001, gh7002, posting({ externalId: '7003', descriptionText: null })]);
    await repo.upsert([aggregator]);
    expect(await canonicalIds()).toEqual({ '7001': null, '7002': null, '7003': null, 'data-engineer-berlin-5512': null });
    const first = await canonical.assignStale(2);
    expect(first.reassigned.length).toBe(1);
    expect(await canonicalIds()).toEqual({ '7001': null, '7002': null, '7003': null, 'data-engineer-berlin-5512': '7001' });
    expect(await canonical.assignStale(2)).toEqual({ reassigned: [], compared: 0 });
  });

  it('counts canonical postings only in the demand aggregates', async () => {
    await ingest([gh7001, gh7002]);
    await ingest([aggregator]);
    await db.dataSource.query(`UPDATE posting SET extracted_hash = content_hash`);
    await new DemandAggregateRepository(db.dataSource).rebuild();
    const counted = await db.dataSource.query(`SELECT p.external_id FROM demand_posting dp JOIN posting p ON p.id = dp.posting_id ORDER BY 1`);
    expect(counted.map((r: { external_id: string }) => r.external_id)).toEqual(['7001', '7002']);
    const [{ postings }] = await db.dataSource.query(`SELECT sum(postings)::int AS postings FROM demand_total`);
    expect(postings).toBe(2);
  });
});

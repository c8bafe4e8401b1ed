import { PostingRepository } from '../src/ingestion/posting.repository.js';
import type { NormalizedPosting } from '../src/ingestion/posting.types.js';
import { TestDatabase } from './support/test-database.js';

const db = new TestDatabase('posting_repo');
let repo: PostingRepository;

const posting = (over: Partial<NormalizedPosting> = {}): NormalizedPosting => ({
  sourceKey: 'greenhouse:acme',
  sourceKind: 'greenhouse',
  externalId: '101',
  title: 'Data Analyst',
  company: 'Acme',
  location: { raw: 'New York, NY', city: 'New York', region: 'New York', regionCode: 'US-NY', countryCode: 'US', remote: false },
  postedAt: '2026-08-01T00:00:00.000Z',
  postedPrecision: 'day',
  url: 'https://boards.greenhouse.io/acme/jobs/101',
  descriptionText: null,
  language: 'en',
  employmentType: null,
  salary: null,
  ...over,
});

beforeAll(async () => {
  repo = new PostingRepository(await db.open());
});
afterAll(() => db.close());

describe('PostingRepository.upsert', () => {
  it('inserts once, then reports the same posting as unchanged', async () => {
    const first = await repo.upsert([posting()]);
    expect([first.inserted, first.updated, first.unchanged, first.changedIds.length]).toEqual([1, 0, 0, 1]);
    const again = await repo.upsert([posting()]);
    expect([again.inserted, again.updated, again.unchanged, again.changedIds]).toEqual([0, 0, 1, []]);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM posting`);
    expect(count).toBe(1);
  });

  it('keeps one row for a key repeated within a batch (the last one wins)', async () => {
    const r = await repo.upsert([posting({ externalId: '202', title: 'A' }), posting({ externalId: '202', title: 'B' })]);
    expect(r.inserted).toBe(1);
    const [row] = await db.dataSource.query(`SELECT title FROM posting WHERE external_id = '202'`);
    expect(row.title).toBe('B');
  });

  it('adds a description from a fuller copy and never erases it with a title-only copy', async () => {
    const withText = await repo.upsert([posting({ descriptionText: 'Python & SQL\nTerraform' })]);
    expect([withText.updated, withText.changedIds.length]).toEqual([1, 1]);
    const titleOnly = await repo.upsert([posting({ descriptionText: null })]);
    expect([titleOnly.updated, titleOnly.unchanged]).toEqual([0, 1]);
    const [row] = await db.dataSource.query(`SELECT description, has_description FROM posting WHERE external_id = '101'`);
    expect(row).toEqual({ description: 'Python & SQL\nTerraform', has_description: true });
  });

  it('reopens a closed posting that appears again', async () => {
    await db.dataSource.query(`UPDATE posting SET status = 'closed', closed_at = now() WHERE external_id = '101'`);
    const r = await repo.upsert([posting({ descriptionText: null })]);
    expect([r.updated, r.changedIds.length]).toEqual([1, 1]);
    const [row] = await db.dataSource.query(`SELECT status, closed_at FROM posting WHERE external_id = '101'`);
    expect(row).toEqual({ status: 'open', closed_at: null });
  });

  it('keeps the copy the source changed last, whatever order the copies arrive in', async () => {
    const newer = posting({ externalId: '303', title: 'Senior Jewellery Expert', sourceUpdatedAt: '2026-08-20T10:00:00.000Z' });
    const older = posting({ externalId: '303', title: 'Jewellery Expert', descriptionText: 'Appraise rings.', sourceUpdatedAt: '2025-10-24T10:00:00.000Z' });
    await repo.upsert([newer]);
    const first = await repo.upsert([older]);
    expect(first.updated).toBe(1); // the older copy brings the description the newer one lacks
    const [row] = await db.dataSource.query(`SELECT title, description, source_updated_at FROM posting WHERE external_id = '303'`);
    expect(row).toEqual({ title: 'Senior Jewellery Expert', description: 'Appraise rings.', source_updated_at: new Date('2026-08-20T10:00:00.000Z') });
    // Both copies again, in either order: nothing changes any more.
    expect((await repo.upsert([newer])).unchanged).toBe(1);
    expect((await repo.upsert([older])).unchanged).toBe(1);
  });

  it('writes 1,000 postings in one call (one array parameter per column, far from the 65,535-parameter limit)', async () => {
    const many = Array.from({ length: 1_000 }, (_, i) => posting({ externalId: `bulk-${i}`, raw: { id: `bulk-${i}`, note: 'a\u0000b' }, rawFormat: 'test' }));
    const r = await repo.upsert(many);
    expect([r.inserted, r.postings.length, r.changed.length]).toEqual([1_000, 1_000, 1_000]);
    const [{ n, raw }] = await db.dataSource.query(
      `SELECT count(*)::int AS n, min(raw_payload->>'note') AS raw FROM posting WHERE external_id LIKE 'bulk-%'`,
    );
    expect([n, raw]).toEqual([1_000, 'ab']); // U+0000, which jsonb refuses, is dropped from the raw record
  });

  it('stores the normalised fields beside the raw values, and keeps the raw record when a later copy has none', async () => {
    const withRaw = posting({
      externalId: '404', location: { ...posting().location, raw: 'New York, NY (Hybrid)', remote: true }, raw: { id: 404, pay: '$45/hr' },
      rawFormat: 'test', fetchedAt: '2026-08-02T00:00:00.000Z', salary: { min: null, max: null, currency: null, period: null, raw: '$45/hr' },
    });
    await repo.upsert([withRaw]);
    await repo.upsert([posting({ externalId: '404', location: withRaw.location, salary: withRaw.salary })]);
    const [row] = await db.dataSource.query(
      `SELECT work_mode, remote, posted_date::text, posted_basis, salary_min, salary_period, salary_currency, salary_annual_min,
              salary_flag, raw_payload, raw_format, fetched_at FROM posting WHERE external_id = '404'`,
    );
    expect(row).toEqual({
      work_mode: 'hybrid', remote: false, posted_date: '2026-08-01', posted_basis: 'explicit', salary_min: 45, salary_period: 'hour',
      salary_currency: 'USD', salary_annual_min: 93600, salary_flag: null, raw_payload: { id: 404, pay: '$45/hr' }, raw_format: 'test',
      fetched_at: new Date('2026-08-02T00:00:00.000Z'),
    });
  });

  it('registers the origin board as a source', async () => {
    const sources = await db.dataSource.query(`SELECT id, kind FROM source ORDER BY id`);
    expect(sources).toEqual([{ id: 'greenhouse:acme', kind: 'greenhouse' }]);
  });
});

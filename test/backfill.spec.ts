import { EXTRACTOR_VERSION, TAXONOMY_STAMP_SQL } from '../src/extraction/extractor-version.js';
import { backfillPostings } from '../src/ingestion/backfill.service.js';
import { parseRemoteOk } from '../src/ingestion/formats/remoteok.js';
import { PostingRepository } from '../src/ingestion/posting.repository.js';
import type { NormalizedPosting } from '../src/ingestion/posting.types.js';
import { parseLocation } from '../src/ingestion/text/location.js';
import { TestDatabase } from './support/test-database.js';

/** The posting backfill on a real PostgreSQL: re-derives from raw records, changes only what differs, resumes. */
const db = new TestDatabase('backfill');
let repo: PostingRepository;
const ids: Record<string, string> = {};

const REMOTE_OK = JSON.stringify([
  { legal: 'notice' },
  { id: '501', epoch: 1772874000, position: 'Data Engineer', company: 'Acme', location: 'Worldwide', description: '<p>Python and SQL</p>', salary_min: 120000, salary_max: 150000, url: 'https://remoteok.com/remote-jobs/501' },
  { id: '502', epoch: 1772874000, position: 'Analyst', company: 'Beta', location: 'Remote', description: '<p>Excel</p>', salary_min: 0, salary_max: 0, url: 'https://remoteok.com/remote-jobs/502' },
]);

const fromFile = (): NormalizedPosting[] =>
  [...parseRemoteOk(REMOTE_OK, 'remoteok.json')].flatMap((r) => (r.kind === 'posting' ? [{ ...r.posting, rawFormat: 'remoteok', fetchedAt: '2026-03-10T00:00:00.000Z' }] : []));

const codeBuilt: NormalizedPosting = {
  sourceKey: 'test:code', sourceKind: 'test', externalId: 'c1', title: 'Nurse', company: 'Clinic', location: parseLocation('Hybrid - Hamburg'),
  postedAt: '2026-03-01T00:00:00.000Z', postedPrecision: 'day', url: null, descriptionText: 'Care.', language: 'en', employmentType: null,
  salary: { min: null, max: null, currency: null, period: null, raw: '€4.500 monthly' },
};

const row = async (id: string) =>
  (await db.dataSource.query(
    `SELECT description, work_mode, remote, salary_annual_min, salary_flag, posted_date::text, content_hash, extracted_hash FROM posting WHERE id = $1`,
    [id],
  ))[0];

beforeAll(async () => {
  repo = new PostingRepository(await db.open());
  const result = await repo.upsert([...fromFile(), codeBuilt]);
  for (const p of result.postings) ids[p.externalId] = p.id;
  // As if extraction had run at the stored hashes.
  await db.dataSource.query(`UPDATE posting SET extracted_hash = content_hash, extractor_version = $1, extracted_taxonomy = ${TAXONOMY_STAMP_SQL}`, [EXTRACTOR_VERSION]);
}, 60_000);
afterAll(() => db.close());

describe('backfillPostings', () => {
  it('stores the normalised fields and the raw record on upsert', async () => {
    expect(await row(ids['501'])).toMatchObject({ work_mode: 'remote', remote: true, salary_annual_min: 120000, posted_date: null });
    expect(await row(ids.c1)).toMatchObject({ work_mode: 'hybrid', remote: false, salary_annual_min: 54000, posted_date: '2026-03-01' });
    const [{ raw_payload, raw_format }] = await db.dataSource.query(`SELECT raw_payload, raw_format FROM posting WHERE id = $1`, [ids['501']]);
    expect([raw_payload.id, raw_payload.salary_min, raw_format]).toEqual(['501', 120000, 'remoteok']);
  });

  it('re-derives from the raw record what an older parser stored differently, and a second run changes nothing', async () => {
    // An older parser: it had missed the salary and dropped the last word of the description of 501.
    await db.dataSource.query(
      `UPDATE posting SET salary = NULL, salary_min = NULL, salary_max = NULL, salary_annual_min = NULL, salary_annual_max = NULL,
              salary_currency = NULL, salary_period = NULL, description = 'Python and', content_hash = 'older', extracted_hash = 'older'
        WHERE id = $1`,
      [ids['501']],
    );
    // A record whose raw payload now says hybrid (e.g. the source's field read by a fixed parser).
    await db.dataSource.query(`UPDATE posting SET raw_payload = jsonb_set(raw_payload, '{location}', '"Hybrid - Berlin"') WHERE id = $1`, [ids['502']]);
    const progress: string[] = [];
    const first = await backfillPostings(db.dataSource, { batchSize: 2, onProgress: (p) => progress.push(p.lastId) });
    expect(first.counts).toEqual({ scanned: 3, rederived: 2, renormalized: 1, unreadable: 0, changed: 2, contentChanged: 2 });
    expect(progress).toEqual([ids['502'], ids.c1]);
    expect(await row(ids['501'])).toMatchObject({ description: 'Python and SQL', salary_annual_min: 120000, work_mode: 'remote' });
    expect(await row(ids['502'])).toMatchObject({ work_mode: 'hybrid', remote: false });
    // Both changed texts await extraction now (content hash moved); the code-built posting does not.
    expect(first.awaitingExtraction).toBe(2);
    const again = await backfillPostings(db.dataSource, { batchSize: 2 });
    expect(again.counts).toEqual({ scanned: 3, rederived: 2, renormalized: 1, unreadable: 0, changed: 0, contentChanged: 0 });
    expect(again.resumed).toBe(false);
  });

  it('resumes after the last committed batch of an unfinished run', async () => {
    // A crash after the first batch: the checkpoint says 501 is done, the run is not finished.
    await db.dataSource.query(`UPDATE backfill_state SET last_id = $1, finished_at = NULL, counts = '{"scanned": 1}'::jsonb WHERE name = 'postings'`, [ids['501']]);
    const resumed = await backfillPostings(db.dataSource, { batchSize: 1 });
    expect([resumed.resumed, resumed.startedAfterId, resumed.counts.scanned]).toEqual([true, ids['501'], 3]);
    const [{ finished }] = await db.dataSource.query(`SELECT finished_at IS NOT NULL AS finished, last_id::text FROM backfill_state WHERE name = 'postings'`);
    expect(finished).toBe(true);
  });

  it('starts where --from-id says', async () => {
    const r = await backfillPostings(db.dataSource, { batchSize: 500, fromId: ids.c1 });
    expect([r.resumed, r.counts.scanned, r.counts.changed]).toEqual([false, 1, 0]);
  });
});

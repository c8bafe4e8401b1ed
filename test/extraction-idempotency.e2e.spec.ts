import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { AppModule } from '../src/app.module.js';
import { ExtractProcessor } from '../src/extraction/extract.processor.js';
import { awaitingExtraction, EXTRACTOR_VERSION } from '../src/extraction/extractor-version.js';
import { ExtractEnqueuer } from '../src/infra/queue/extract-enqueuer.js';
import { DEFAULT_JOB_OPTIONS, extractJobId, type ExtractPostingsPayload, QUEUE } from '../src/infra/queue/queues.js';
import { PostingRepository, type UpsertResult } from '../src/ingestion/posting.repository.js';
import type { NormalizedPosting } from '../src/ingestion/posting.types.js';
import { parseLocation } from '../src/ingestion/text/location.js';
import { TestDatabase } from './support/test-database.js';
import { waitUntil } from './support/wait.js';

/**
 * Extraction is idempotent on real PostgreSQL and BullMQ/Redis (the Nest app in role `all`, so a worker consumes
 * the `extract` queue): whether a posting is extracted is decided in SQL from (posting, content hash, extractor and
 * taxonomy version), and job ids carry all three.
 */
const db = new TestDatabase('extract_idem');
let app: INestApplication;
let queue: Queue<ExtractPostingsPayload>;
let repo: PostingRepository;

const posting = (descriptionText: string): NormalizedPosting => ({
  sourceKey: 'test:idempotency',
  sourceKind: 'test',
  externalId: '42',
  title: 'Data Engineer',
  company: 'Acme',
  location: parseLocation('Berlin, Germany'),
  postedAt: '2026-08-01T00:00:00.000Z',
  postedPrecision: 'day',
  url: null,
  descriptionText,
  language: 'en',
  employmentType: null,
  salary: null,
});

async function enqueue(targets: UpsertResult['changed'], version: string): Promise<void> {
  const enqueuer = new ExtractEnqueuer(queue);
  await enqueuer.add(targets, version);
  await enqueuer.flush();
}

async function state(id: string): Promise<{ extracted_at: string | null; extracted_hash: string | null; content_hash: string; skills: string[] }> {
  const [row] = await db.dataSource.query(
    `SELECT extracted_at::text, extracted_hash, content_hash,
            coalesce((SELECT array_agg(lower(s.preferred_label) ORDER BY lower(s.preferred_label))
                        FROM posting_skill ps JOIN skill s ON s.id = ps.skill_id WHERE ps.posting_id = p.id), '{}') AS skills
       FROM posting p WHERE p.id = $1`,
    [id],
  );
  return row;
}

const extracted = (id: string) => waitUntil('the posting to be extracted', async () => {
  const s = await state(id);
  return s.extracted_hash === s.content_hash;
});

beforeAll(async () => {
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-idem-${process.pid}`;
  await db.open();
  app = await NestFactory.create(AppModule.forRole('all'), { logger: ['error'] });
  await app.init();
  queue = app.get<Queue<ExtractPostingsPayload>>(getQueueToken(QUEUE.extract));
  repo = app.get(PostingRepository);
}, 120_000);

afterAll(async () => {
  for (const name of Object.values(QUEUE)) await app?.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  await app?.close();
  await db.close();
}, 60_000);

describe('idempotent extraction (posting "42")', () => {
  let id: string;
  let firstJobId: string;
  let extractedAt: string | null;

  it('extracts a new posting through a job whose id carries the content hash and the version', async () => {
    const result = await repo.upsert([posting('Must have: Python and SQL.')]);
    expect(result.changed).toHaveLength(1);
    id = result.changed[0].id;
    expect(result.extractionVersion).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+\.t[0-9a-f]{8}$/);
    await enqueue(result.changed, result.extractionVersion);
    firstJobId = extractJobId(result.changed, result.extractionVersion);
    expect(firstJobId).toMatch(/^extract-\d{4}-\d{2}-\d{2}\.\d+\.t[0-9a-f]{8}-[0-9a-f]{24}$/);
    await extracted(id);
    const s = await state(id);
    expect(s.skills).toEqual(['python (computer programming)', 'sql']);
    extractedAt = s.extracted_at;
    const job = await queue.getJob(firstJobId);
    expect(job?.data).toEqual({ postingIds: [id], contentHashes: [s.content_hash], extractionVersion: result.extractionVersion });
    // Bounded retention on every extraction job.
    expect(job?.opts.removeOnComplete).toEqual(DEFAULT_JOB_OPTIONS.removeOnComplete);
    expect(job?.opts.removeOnFail).toEqual({ age: 7 * 24 * 3600, count: 10_000 });
  });

  it('re-extracts when the text changes and is queued again', async () => {
    const result = await repo.upsert([posting('Must have: Python and Terraform.')]);
    expect(result.changed.map((c) => c.id)).toEqual([id]);
    expect(extractJobId(result.changed, result.extractionVersion)).not.toBe(firstJobId);
    await enqueue(result.changed, result.extractionVersion);
    await extracted(id);
    const s = await state(id);
    expect(s.skills).toEqual(['python (computer programming)', 'terraform']);
    expect(s.extracted_at! > extractedAt!).toBe(true);
    extractedAt = s.extracted_at;
  });

  it('does not re-extract the same unchanged text queued again, even after Redis forgot the job', async () => {
    const result = await repo.upsert([posting('Must have: Python and Terraform.')]);
    expect(result.changed).toEqual([]);
    const target = result.postings.map((p) => ({ id: p.id, contentHash: p.contentHash }));
    const jobId = extractJobId(target, result.extractionVersion);
    await waitUntil('the second job to complete', async () => (await queue.getJob(jobId))?.finishedOn !== undefined);
    const finishedOn = (await queue.getJob(jobId))!.finishedOn;
    // Queued again while Redis remembers the job: the same id, nothing new runs.
    await enqueue(target, result.extractionVersion);
    expect((await queue.getJob(jobId))!.finishedOn).toBe(finishedOn);
    // Queued again after the job was removed (retention): it runs, and PostgreSQL says there is nothing to extract.
    await (await queue.getJob(jobId))!.remove();
    await enqueue(target, result.extractionVersion);
    await waitUntil('the job to run again', async () => (await queue.getJob(jobId))?.finishedOn !== undefined);
    expect((await queue.getJob(jobId))!.returnvalue).toEqual({ postings: 0, skills: 0 });
    const s = await state(id);
    expect([s.extracted_at, s.skills]).toEqual([extractedAt, ['python (computer programming)', 'terraform']]);
  });

  it('leaves one set of posting-skill rows when the same job runs twice at once', async () => {
    const [{ content_hash }] = await db.dataSource.query(`SELECT content_hash FROM posting WHERE id = $1`, [id]);
    const jobId = extractJobId([{ id, contentHash: content_hash }], (await repo.upsert([posting('Must have: Python and Terraform.')])).extractionVersion);
    const job = (await queue.getJob(jobId)) as Job<ExtractPostingsPayload>;
    // As if a crash lost the mark after the job had written its rows: the posting awaits extraction again.
    await db.dataSource.query(`UPDATE posting SET extracted_hash = NULL WHERE id = $1`, [id]);
    const processor = app.get(ExtractProcessor);
    const runs = await Promise.all([processor.process(job), processor.process(job)]);
    const [{ rows }] = await db.dataSource.query(`SELECT count(*)::int AS rows FROM posting_skill WHERE posting_id = $1`, [id]);
    expect(rows).toBe(2);
    // One run wrote the rows; the other found them written at this (hash, version) under the row lock, or nothing awaiting.
    expect(runs.map((r) => r.skills).sort()).toEqual([0, 2]);
    const again = await processor.process(job);
    expect(again).toEqual({ postings: 0, skills: 0 });
    expect((await state(id)).skills).toEqual(['python (computer programming)', 'terraform']);
  });

  it('re-extracts after a new taxonomy version, and not after a re-import of the same one', async () => {
    const awaiting = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM posting p WHERE ${awaitingExtraction('$1')}`, [EXTRACTOR_VERSION]))[0].n;
    expect(await awaiting()).toBe(0);
    const same = await repo.upsert([posting('Must have: Python and Terraform.')]);
    await db.dataSource.query(`UPDATE taxonomy_release SET imported_at = now() WHERE scheme = 'skillpulse'`);
    expect(await awaiting()).toBe(0);
    // What an import of a new version does: version and imported_at change.
    await db.dataSource.query(`UPDATE taxonomy_release SET version = version || '-next', imported_at = now() WHERE scheme = 'skillpulse'`);
    expect(await awaiting()).toBe(1);
    const next = await repo.upsert([posting('Must have: Python and Terraform.')]);
    expect(next.changed).toEqual([]);
    expect(next.extractionVersion).not.toBe(same.extractionVersion);
    expect(extractJobId(next.postings, next.extractionVersion)).not.toBe(extractJobId(same.postings, same.extractionVersion));
    const before = (await state(id)).extracted_at;
    await enqueue(next.postings, next.extractionVersion);
    await waitUntil('re-extraction with the new taxonomy', async () => (await awaiting()) === 0);
    expect((await state(id)).extracted_at).not.toBe(before);
    const [{ taxonomy }] = await db.dataSource.query(`SELECT extracted_taxonomy AS taxonomy FROM posting WHERE id = $1`, [id]);
    expect(taxonomy).toMatch(/skillpulse=.*-next$/);
  }, 60_000);
});

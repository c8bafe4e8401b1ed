import { EXTRACT_BATCH_SIZE, extractJobId, extractJobs } from './queues.js';

const V = '2026-11-29.3.t0123abcd';

describe('extractJobId', () => {
  const a = { id: '42', contentHash: 'aaa' };
  const b = { id: '43', contentHash: 'bbb' };

  it('is the same for the same postings at the same text and version, in any order', () => {
    expect(extractJobId([a, b], V)).toBe(extractJobId([b, a], V));
    expect(extractJobId([a, b], V)).toMatch(/^extract-2026-11-29\.3\.t0123abcd-[0-9a-f]{24}$/);
  });

  it.each([
    ['a changed text', [{ ...a, contentHash: 'changed' }, b], V],
    ['another extractor or taxonomy version', [a, b], '2026-11-29.3.tffffffff'],
    ['other postings', [a], V],
  ])('changes with %s', (_label, targets, version) => {
    expect(extractJobId(targets, version)).not.toBe(extractJobId([a, b], V));
  });
});

describe('extractJobs', () => {
  it('batches postings with their hashes and version, bounded retention on every job, suffix last', () => {
    const targets = Array.from({ length: EXTRACT_BATCH_SIZE + 1 }, (_, i) => ({ id: String(i + 1), contentHash: `h${i}` }));
    const jobs = extractJobs(targets, V, 'sweep', 'repeat:x:1');
    expect(jobs.map((j) => j.data.postingIds.length)).toEqual([EXTRACT_BATCH_SIZE, 1]);
    expect(jobs[1].data).toEqual({ postingIds: [String(EXTRACT_BATCH_SIZE + 1)], contentHashes: [`h${EXTRACT_BATCH_SIZE}`], extractionVersion: V });
    expect(jobs[1].opts.jobId).toBe(`${extractJobId(targets.slice(EXTRACT_BATCH_SIZE), V)}-sweep-repeat_x_1`);
    for (const job of jobs) {
      expect(job.opts.removeOnComplete).toEqual({ age: 24 * 3600, count: 5_000 });
      expect(job.opts.removeOnFail).toEqual({ age: 7 * 24 * 3600, count: 10_000 });
    }
  });
});

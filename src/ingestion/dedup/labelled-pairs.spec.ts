import type { NormalizedPosting } from '../posting.types.js';
import { score, tuneThreshold } from './dedup-eval.js';
import { buildLabelledPairs, lcsRatio, requisitionNumbers, seededRandom } from './labelled-pairs.js';

describe('labelling helpers', () => {
  it.each([
    ['Job No: 522196\nWork Type:', ['522196']],
    ['Requisition ID: R-1002. Apply by May.', ['R-1002']],
    ['Req #4411 and Posting Number: FAC123', ['4411', 'FAC123']],
    ['We have no job number here; position open now.', []],
  ])('reads requisition numbers from %j', (text, expected) => {
    expect([...requisitionNumbers(text)].sort()).toEqual(expected.sort());
  });

  it('gives the LCS ratio of token sequences', () => {
    expect(lcsRatio(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toBe(1);
    expect(lcsRatio(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'y'])).toBe(0.5);
    expect(lcsRatio(['a'], ['b'])).toBe(0);
  });

  it('draws the same numbers for the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

const text = (topic: string, n: number) => Array.from({ length: n }, (_, i) => `${topic} sentence ${i} about the role and the team.`).join(' ');
const posting = (over: Partial<NormalizedPosting>): NormalizedPosting => ({
  sourceKey: 'hn:whoishiring', sourceKind: 'hn', externalId: '1', title: 'Data Engineer', company: 'Acme',
  location: { raw: null, city: null, region: null, regionCode: null, countryCode: null, remote: null },
  postedAt: '2026-01-01T00:00:00.000Z', postedPrecision: 'day', url: null, descriptionText: text('pipelines', 12),
  language: 'en', employmentType: null, salary: null, ...over,
});

const SMALL = { perPerturbation: 5, sameCompanyPairs: 3, retitledPairs: 2 };

describe('buildLabelledPairs', () => {
  const postings = [
    posting({ externalId: '1' }),
    posting({ externalId: '2', postedAt: '2026-02-01T00:00:00.000Z' }), // a repost a month later
    posting({ externalId: '3', postedAt: '2026-02-03T00:00:00.000Z', descriptionText: text('billing', 12).replace(/about the role and the team/g, 'with Kafka on call') }),
    posting({ externalId: '4', company: 'Acme', title: 'Designer', descriptionText: text('figma', 12) }),
    posting({ externalId: '5', company: 'Globex', title: 'Designer', descriptionText: text('sketch', 12) }),
  ];

  it('labels a repost, a near-miss and perturbed copies, deterministically', () => {
    const first = buildLabelledPairs(postings, 1, SMALL);
    const again = buildLabelledPairs(postings, 1, SMALL);
    expect(again.pairs.map((p) => [p.kind, p.a.id, p.b.id, p.split])).toEqual(first.pairs.map((p) => [p.kind, p.a.id, p.b.id, p.split]));
    const kinds = (k: string) => first.pairs.filter((p) => p.kind === k);
    expect(kinds('repost').map((p) => [p.a.externalId, p.b.externalId, p.same])).toEqual([['1', '2', true]]);
    expect(kinds('near-miss').map((p) => [p.a.externalId, p.b.externalId, p.same])).toEqual([['1', '3', false], ['2', '3', false]]);
    expect(kinds('perturbed-suffix').length).toBeGreaterThan(0);
    for (const p of kinds('perturbed-suffix')) expect(p.b.key).toBe(p.a.key);
  });

  it('scores and tunes on the labelled pairs', () => {
    const { pairs } = buildLabelledPairs(postings, 1, SMALL);
    const s = score(pairs, 0.4);
    expect(s.pairs).toBe(pairs.length);
    expect(s.truePositives + s.falseNegatives).toBe(pairs.filter((p) => p.same).length);
    expect(tuneThreshold(pairs, [0.3, 0.4]).threshold).toBe(0.4); // equal F1 → the higher threshold
  });
});

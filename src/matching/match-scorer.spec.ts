import { EVIDENCE_WEIGHT, type EvidenceTier } from '../badges/verification/badge-verification.types.js';
import { compareMatches, COVERAGE_PRIOR, idf, type PostingSkillInput, postingScore, type ProfileSkill, RELATED_CREDIT, scorePosting } from './match-scorer.js';

const skill = (skillId: string, requirement: PostingSkillInput['requirement'] = null): PostingSkillInput => ({
  skillId, label: skillId.toUpperCase(), requirement, evidence: null,
});
const profileOf = (...ids: string[]) =>
  new Map<string, ProfileSkill>(ids.map((id) => [id, { skillId: id, label: id.toUpperCase(), from: { input: id } }]));
const one = () => 1;

describe('idf', () => {
  it.each([
    [0, 99, Math.log(100) + 1],
    [99, 99, 1],
    [9, 99, Math.log(10) + 1],
  ])('df=%i of n=%i gives %f', (df, n, expected) => {
    expect(idf(df, n)).toBeCloseTo(expected, 10);
  });
});

describe('scorePosting', () => {
  it('scores a full match of equally weighted skills', () => {
    // coverage = 3 skills / (3 + 1.5 prior skills); use = 1
    const r = scorePosting([skill('a'), skill('b'), skill('c')], profileOf('a', 'b', 'c'), new Map(), one);
    const coverage = 3 / (3 + COVERAGE_PRIOR);
    expect(r.score).toBeCloseTo(Math.sqrt(coverage * 1), 4);
    expect(r.matched.map((m) => m.skillId)).toEqual(['a', 'b', 'c']);
    expect(r.missing).toEqual([]);
  });

  it('scores zero without any matched skill', () => {
    const r = scorePosting([skill('a'), skill('b')], profileOf('x'), new Map(), one);
    expect(r.score).toBe(0);
    expect(r.missing.map((m) => m.skillId)).toEqual(['a', 'b']);
  });

  it('weighs required above preferred and lists required missing skills first', () => {
    const posting = [skill('a', 'required'), skill('b', 'preferred'), skill('c', 'required')];
    const withRequired = scorePosting(posting, profileOf('a'), new Map(), one);
    const withPreferred = scorePosting(posting, profileOf('b'), new Map(), one);
    expect(withRequired.score).toBeGreaterThan(withPreferred.score);
    // a: total weight 2.5 over 3 skills; coverage 1 / (2.5 + 1.5 × 2.5/3) = 0.2667, use 1
    expect(withRequired.score).toBeCloseTo(Math.sqrt(1 / (2.5 + 1.5 * (2.5 / 3))), 4);
    expect(withPreferred.missing.map((m) => [m.skillId, m.required])).toEqual([['a', true], ['c', true]]);
  });

  it('gives partial credit through a related skill and names the profile skill it came from', () => {
    const related = new Map([['sql', { skillId: 'sql', viaSkillId: 'postgresql' }]]);
    const r = scorePosting([skill('sql', 'required')], profileOf('postgresql'), related, one);
    expect(r.matched).toEqual([{ skillId: 'sql', label: 'SQL', required: true, evidence: null, from: { input: 'postgresql' }, via: 'postgresql' }]);
    // coverage 0.5 / (1 + 1.5) = 0.2, use 0.5
    expect(r.score).toBeCloseTo(Math.sqrt((RELATED_CREDIT / 2.5) * RELATED_CREDIT), 4);
  });

  it('ranks a rare matched skill above a ubiquitous one', () => {
    const weights: Record<string, number> = { rare: idf(2, 1000), common: idf(600, 1000) };
    const w = (id: string) => weights[id] ?? 1;
    const rareMatch = scorePosting([skill('rare'), skill('common')], profileOf('rare'), new Map(), w);
    const commonMatch = scorePosting([skill('rare'), skill('common')], profileOf('common'), new Map(), w);
    expect(rareMatch.score).toBeGreaterThan(commonMatch.score);
  });

  it('ranks a posting asking for most of the profile above one asking for a single profile skill and nothing else', () => {
    const profile = profileOf('sql', 'excel', 'tableau', 'r');
    const single = scorePosting([skill('excel')], profile, new Map(), one);
    const broad = scorePosting([skill('sql'), skill('tableau'), skill('r'), skill('looker'), skill('dbt')], profile, new Map(), one);
    expect(single.score).toBeCloseTo(Math.sqrt(0.4 * 0.25), 4);
    expect(broad.score).toBeCloseTo(Math.sqrt((3 / 6.5) * 0.75), 4);
    expect(broad.score).toBeGreaterThan(single.score);
  });

  it('stays within [0, 1]', () => {
    const r = scorePosting([skill('a', 'required')], profileOf('a'), new Map(), () => 50);
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThanOrEqual(1);
  });
});

describe('scorePosting trust weighting', () => {
  const weighed = (tiers: Record<string, EvidenceTier>) =>
    new Map<string, ProfileSkill>(Object.entries(tiers).map(([id, tier]) => [id, { skillId: id, label: id.toUpperCase(), from: { badge: 0 }, tier, weight: EVIDENCE_WEIGHT[tier] }]));

  // Posting a, b, c (unstated, idf 1): total 2.4, prior 1.5 × 0.8 = 1.2; coverage = 0.8 × Σ weight / 3.6; use = 2/2 when
  // the profile is a and b (the use side is not weighted by trust).
  it.each<[EvidenceTier, number]>([
    ['signature-verified', Math.sqrt((0.8 * 2 * 1) / 3.6)],
    ['hosted-verified', Math.sqrt((0.8 * 2 * 0.95) / 3.6)],
    ['unverified-badge', Math.sqrt((0.8 * 2 * 0.8) / 3.6)],
    ['self-declared', Math.sqrt((0.8 * 2 * 0.7) / 3.6)],
  ])('two %s skills of three asked', (tier, expected) => {
    const r = scorePosting([skill('a'), skill('b'), skill('c')], weighed({ a: tier, b: tier }), new Map(), one);
    expect(r.score).toBeCloseTo(expected, 4);
    expect(r.matched.map((m) => [m.skillId, m.tier, m.weight])).toEqual([['a', tier, EVIDENCE_WEIGHT[tier]], ['b', tier, EVIDENCE_WEIGHT[tier]]]);
  });

  it('a verified skill outranks the same skill self-declared', () => {
    const posting = [skill('sql', 'required'), skill('python')];
    const verified = scorePosting(posting, weighed({ sql: 'signature-verified' }), new Map(), one);
    const claimed = scorePosting(posting, weighed({ sql: 'self-declared' }), new Map(), one);
    // total 1.8, prior 1.5 × 0.9; use 1
    expect(verified.score).toBeCloseTo(Math.sqrt(1 / (1.8 + 1.35)), 4);
    expect(claimed.score).toBeCloseTo(Math.sqrt(0.7 / (1.8 + 1.35)), 4);
  });

  it('multiplies a related skill\'s partial credit by its weight, and leaves the use side at the link credit', () => {
    const related = new Map([['sql', { skillId: 'sql', viaSkillId: 'postgresql' }]]);
    const r = scorePosting([skill('sql', 'required')], weighed({ postgresql: 'unverified-badge' }), related, one);
    // coverage 0.5 × 0.8 / 2.5 = 0.16; use 0.5
    expect(r.score).toBeCloseTo(Math.sqrt(0.16 * 0.5), 4);
    expect(r.matched[0]).toMatchObject({ via: 'postgresql', tier: 'unverified-badge', weight: 0.8 });
  });
});

describe('postingScore', () => {
  it.each([
    [[skill('a', 'required'), skill('b', 'preferred'), skill('c')], ['a', 'c']],
    [[skill('a'), skill('b')], ['x']],
    [[skill('sql', 'required')], ['postgresql']],
  ])('equals scorePosting(...).score for %j', (posting, held) => {
    const related = new Map([['sql', { skillId: 'sql', viaSkillId: 'postgresql' }]]);
    const w = (id: string) => (id === 'a' ? 2.5 : 1);
    expect(postingScore(posting, profileOf(...held), related, w)).toBe(scorePosting(posting, profileOf(...held), related, w).score);
  });
});

describe('compareMatches', () => {
  const r = (postingId: string, score: number, matched: number) => ({ postingId, score, matched: Array(matched).fill(0) });

  it.each<[number, ReturnType<typeof r>[], string[]]>([
    // Four-skill profile: two shared skills beat one, whatever the score.
    [4, [r('1', 0.57, 1), r('2', 0.36, 2), r('3', 0.34, 3), r('4', 0.32, 1)], ['2', '3', '1', '4']],
    // One-skill profile: every result shares its one skill; by score.
    [1, [r('1', 0.3, 1), r('2', 0.6, 1)], ['2', '1']],
    // Ties on score: newest id first.
    [2, [r('7', 0.5, 2), r('9', 0.5, 2)], ['9', '7']],
  ])('profile of %i skills', (size, rows, expected) => {
    expect([...rows].sort(compareMatches(size)).map((x) => x.postingId)).toEqual(expected);
  });
});

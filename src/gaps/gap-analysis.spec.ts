import { EVIDENCE_WEIGHT, type EvidenceTier } from '../badges/verification/badge-verification.types.js';
import { analyzeGap, type MissingSkill, rankMissing, type TargetSkill } from './gap-analysis.js';

const t = (skillId: string, relation: TargetSkill['relation'] = 'essential', extra: Partial<TargetSkill> = {}): TargetSkill => ({
  skillId, label: skillId, relation, ...extra,
});
const person = (...ids: string[]) => ids.map((id) => ({ skillId: id, label: id, sources: [{ badge: 0 }] }));
const noDemand = () => 0;

describe('analyzeGap', () => {
  it('badge skills JS, k8s, Postgres (resolved) against JavaScript, Kubernetes, PostgreSQL, Terraform: gap Terraform, coverage 3/4', () => {
    const r = analyzeGap('esco-occupation', [t('javascript'), t('kubernetes'), t('postgresql'), t('terraform')],
      person('javascript', 'kubernetes', 'postgresql'), [], new Map(), noDemand);
    expect(r.status).toBe('ok');
    expect(r.coverage).toBe(0.75);
    expect(r.missing.map((m) => m.skillId)).toEqual(['terraform']);
    expect(r.held.map((h) => h.skillId)).toEqual(['javascript', 'kubernetes', 'postgresql']);
  });

  it('reports no data, never an empty gap with full coverage, when the target names no skill', () => {
    expect(analyzeGap('posting', [], person('sql'), [], new Map(), noDemand)).toEqual({ status: 'insufficient_data', coverage: null, held: [], missing: [], toRenew: [] });
  });

  it('counts a related skill as held and says through which skill', () => {
    const r = analyzeGap('posting', [t('sql', 'required')], person('postgresql'), [], new Map([['sql', 'postgresql']]), noDemand);
    expect(r.held).toEqual([{ skillId: 'sql', label: 'sql', relation: 'required', from: [{ badge: 0 }], via: { skillId: 'postgresql', label: 'postgresql' }, weight: 1 }]);
    expect(r.coverage).toBe(1);
  });

  it('lists a skill only an expired badge gave as missing and to renew', () => {
    const r = analyzeGap('esco-occupation', [t('aws'), t('sql')], person('sql'), [{ skillId: 'aws', label: 'aws', badge: 1, expires: '2025-01-01T00:00:00.000Z' }], new Map(), noDemand);
    expect(r.toRenew).toEqual([{ skillId: 'aws', label: 'aws', badge: 1, expires: '2025-01-01T00:00:00.000Z', relation: 'essential' }]);
    expect(r.missing.map((m) => m.skillId)).toEqual(['aws']);
    expect(r.coverage).toBe(0.5);
  });
});

describe('analyzeGap trust weighting', () => {
  const weighed = (skillId: string, tier: EvidenceTier) => ({ skillId, label: skillId, sources: [{ badge: 0 }], tier, weight: EVIDENCE_WEIGHT[tier] });

  it.each<[string, EvidenceTier[], number]>([
    // Four target skills; coverage = Σ weight of the held ones / 4.
    ['two signature-verified', ['signature-verified', 'signature-verified'], 0.5],
    ['one hosted-verified, one unverified badge', ['hosted-verified', 'unverified-badge'], (0.95 + 0.8) / 4],
    ['two self-declared', ['self-declared', 'self-declared'], 0.35],
    ['all four tiers', ['signature-verified', 'hosted-verified', 'unverified-badge', 'self-declared'], (1 + 0.95 + 0.8 + 0.7) / 4],
  ])('%s', (_name, tiers, coverage) => {
    const ids = ['a', 'b', 'c', 'd'];
    const r = analyzeGap('esco-occupation', ids.map((id) => t(id)), tiers.map((tier, i) => weighed(ids[i], tier)), [], new Map(), noDemand);
    expect(r.coverage).toBeCloseTo(coverage, 4);
    expect(r.held.map((h) => [h.skillId, h.tier, h.weight])).toEqual(tiers.map((tier, i) => [ids[i], tier, EVIDENCE_WEIGHT[tier]]));
  });

  it('a related skill is held at the tier of the person\'s skill it comes through', () => {
    const r = analyzeGap('posting', [t('sql', 'required')], [weighed('postgresql', 'hosted-verified')], [], new Map([['sql', 'postgresql']]), noDemand);
    expect(r.held[0]).toMatchObject({ skillId: 'sql', tier: 'hosted-verified', weight: 0.95, via: { skillId: 'postgresql' } });
    expect(r.coverage).toBe(0.95);
  });
});

describe('rankMissing', () => {
  const m = (skillId: string, relation: MissingSkill['relation'], demandShare: number, extra: Partial<MissingSkill> = {}): MissingSkill => ({
    skillId, label: skillId, relation, demandShare, ...extra,
  });

  it.each<[Parameters<typeof rankMissing>[0], MissingSkill[], string[]]>([
    ['esco-occupation', [m('b', 'optional', 0.9), m('a', 'essential', 0.1), m('c', 'essential', 0.3)], ['c', 'a', 'b']],
    ['onet-occupation', [
      m('plain', 'technology', 0.9, { hotTechnology: false, inDemand: false }),
      m('hot', 'technology', 0.1, { hotTechnology: true, inDemand: false }),
      m('both', 'technology', 0.05, { hotTechnology: true, inDemand: true }),
    ], ['both', 'hot', 'plain']],
    ['title', [m('x', 'asked', 0.9, { share: 0.2 }), m('y', 'asked', 0.1, { share: 0.6 })], ['y', 'x']],
    ['posting', [m('p', 'preferred', 0.9), m('r', 'required', 0.1)], ['r', 'p']],
  ])('%s', (kind, input, expected) => {
    expect([...input].sort(rankMissing(kind)).map((x) => x.skillId)).toEqual(expected);
  });
});

/**
 * Skill-gap analysis: pure functions over plain data, no I/O.
 * A target (an occupation, one posting, or the open postings of a title) asks for skills; a person holds skills
 * (from badges and free text, already resolved through aliases, so "JS" is JavaScript). A target skill is held when the
 * person has it, or a broader/narrower skill of it (`via`); missing otherwise, or `toRenew` when only an expired badge
 * gave it. Coverage is the fraction of target skills held (related skills count), each held skill counted at the
 * trust weight of its evidence (`EVIDENCE_WEIGHT`: signature-verified 1, hosted-verified 0.95, unverified badge 0.8,
 * self-declared 0.7; a person skill without a weight counts 1), in [0, 1].
 */
import type { EvidenceTier } from '../badges/verification/badge-verification.types.js';

export type TargetKind = 'esco-occupation' | 'onet-occupation' | 'posting' | 'title';

export interface TargetSkill {
  skillId: string;
  label: string;
  /** ESCO: essential/optional; O*NET: technology; posting: required/preferred/unstated; title: share of postings. */
  relation: 'essential' | 'optional' | 'technology' | 'required' | 'preferred' | 'unstated' | 'asked';
  hotTechnology?: boolean;
  inDemand?: boolean;
  /** Title targets: fraction of the target's postings asking for the skill. */
  share?: number;
}

export type Origin = { badge: number } | { input: string };

export interface PersonSkill {
  skillId: string;
  label: string;
  sources: Origin[];
  /** The strongest evidence tier of the skill, and its weight (0..1; absent = 1). */
  tier?: EvidenceTier;
  weight?: number;
}

export interface ExpiredSkill {
  skillId: string;
  label: string;
  badge: number;
  expires: string;
}

export interface HeldSkill {
  skillId: string;
  label: string;
  relation: TargetSkill['relation'];
  from: Origin[];
  /** The person's skill that covers this one through a broader/narrower link, when not held exactly. */
  via?: { skillId: string; label: string };
  /** Evidence tier of the person's skill that covers this one, and the weight it counts with in `coverage`. */
  tier?: EvidenceTier;
  weight: number;
}

export interface MissingSkill {
  skillId: string;
  label: string;
  relation: TargetSkill['relation'];
  hotTechnology?: boolean;
  inDemand?: boolean;
  share?: number;
  /** Fraction of open postings with text asking for the skill (0..1). */
  demandShare: number;
}

export interface GapResult {
  status: 'ok' | 'insufficient_data';
  coverage: number | null;
  held: HeldSkill[];
  missing: MissingSkill[];
  toRenew: Array<ExpiredSkill & { relation: TargetSkill['relation'] }>;
}

const RELATION_RANK: Record<TargetSkill['relation'], number> = {
  essential: 0, required: 0, technology: 1, optional: 2, unstated: 2, preferred: 3, asked: 1,
};

/**
 * Compares a person's skills with a target's.
 * @param related target skill id → the person's skill id linked to it by a broader/narrower relation
 * @param demandShare skill id → share of open postings asking for it (missing ids count 0)
 * @returns `insufficient_data` with null coverage when the target names no skill: never an empty gap with full coverage
 */
export function analyzeGap(
  kind: TargetKind,
  target: TargetSkill[],
  person: PersonSkill[],
  expired: ExpiredSkill[],
  related: Map<string, string>,
  demandShare: (skillId: string) => number,
): GapResult {
  if (target.length === 0) return { status: 'insufficient_data', coverage: null, held: [], missing: [], toRenew: [] };
  const holds = new Map(person.map((p) => [p.skillId, p]));
  const expiredBySkill = new Map(expired.map((e) => [e.skillId, e]));
  const held: HeldSkill[] = [];
  const missing: MissingSkill[] = [];
  const toRenew: GapResult['toRenew'] = [];
  let credit = 0;
  for (const t of target) {
    const own = holds.get(t.skillId);
    const viaId = own ? undefined : related.get(t.skillId);
    const via = viaId ? holds.get(viaId) : undefined;
    const holder = own ?? via;
    if (holder) {
      const weight = holder.weight ?? 1;
      credit += weight;
      held.push({
        skillId: t.skillId, label: t.label, relation: t.relation, from: holder.sources,
        ...(via ? { via: { skillId: via.skillId, label: via.label } } : {}),
        ...(holder.tier ? { tier: holder.tier } : {}),
        weight,
      });
      continue;
    }
    const lapsed = expiredBySkill.get(t.skillId);
    if (lapsed) toRenew.push({ ...lapsed, relation: t.relation });
    missing.push({
      skillId: t.skillId, label: t.label, relation: t.relation, demandShare: demandShare(t.skillId),
      ...(t.hotTechnology !== undefined ? { hotTechnology: t.hotTechnology, inDemand: t.inDemand ?? false } : {}),
      ...(t.share !== undefined ? { share: t.share } : {}),
    });
  }
  missing.sort(rankMissing(kind));
  return { status: 'ok', coverage: round(credit / target.length), held, missing, toRenew };
}

/**
 * Order of missing skills: ESCO occupations essential before optional, then by demand; O*NET occupations Hot
 * Technology and In Demand first, then by demand; titles by the share of their postings asking; a posting required
 * first. Ties by label.
 */
export function rankMissing(kind: TargetKind): (a: MissingSkill, b: MissingSkill) => number {
  const byLabel = (a: MissingSkill, b: MissingSkill) => a.label.localeCompare(b.label);
  const byDemand = (a: MissingSkill, b: MissingSkill) => b.demandShare - a.demandShare;
  switch (kind) {
    case 'onet-occupation': {
      const flags = (m: MissingSkill) => Number(Boolean(m.hotTechnology)) + Number(Boolean(m.inDemand));
      return (a, b) => flags(b) - flags(a) || byDemand(a, b) || byLabel(a, b);
    }
    case 'title':
      return (a, b) => (b.share ?? 0) - (a.share ?? 0) || byDemand(a, b) || byLabel(a, b);
    default:
      return (a, b) => RELATION_RANK[a.relation] - RELATION_RANK[b.relation] || byDemand(a, b) || byLabel(a, b);
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

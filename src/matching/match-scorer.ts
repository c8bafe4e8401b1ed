/**
 * Match scoring: pure functions over plain data, no I/O.
 *
 * A posting's skills each carry a weight: requirement weight (required 1.0, unstated 0.8, preferred 0.5) times
 * the skill's inverse document frequency over open postings, so ubiquitous skills count less than rare ones.
 * A profile skill matches a posting skill exactly (credit 1) or through a broader/narrower taxonomy link
 * (credit `RELATED_CREDIT`). The score in [0, 1] is the geometric mean of
 *  - coverage: matched posting weight / (total posting weight + `COVERAGE_PRIOR` average skills), i.e. how much of
 *    the job the person covers, shrunk for postings with very few extracted skills (one skill, matched, is 0.4); and
 *  - use: matched profile weight / total profile weight, i.e. how much of the person the job uses.
 * Both must be high for a high score: a posting that asks for one of the person's skills and nothing else, or one
 * that uses all of them among fifty others, ranks below one that asks for most of what the person has.
 * Trust: a profile skill's coverage credit is multiplied by its evidence weight (`EVIDENCE_WEIGHT` of its tier:
 * signature-verified 1, hosted-verified 0.95, unverified badge 0.8, self-declared 0.7), so a verified skill covers more
 * of a job than the same skill claimed; the "use" side is not weighted (trust says how sure we are the person has the
 * skill, not how much of the person the job uses).
 */
import type { EvidenceTier } from '../badges/verification/badge-verification.types.js';

export type Requirement = 'required' | 'preferred' | null;

export interface Evidence {
  start: number;
  end: number;
  text: string;
  field?: 'description' | 'title';
}

export interface PostingSkillInput {
  skillId: string;
  label: string;
  requirement: Requirement;
  evidence: Evidence | null;
}

/** Where a profile skill came from: a badge (index into the request's `badges`) or a free-text input. */
export type SkillOrigin = { badge: number } | { input: string };

export interface ProfileSkill {
  skillId: string;
  label: string;
  from: SkillOrigin;
  /** Evidence tier of the skill (the strongest of its sources). */
  tier?: EvidenceTier;
  /** Trust weight of the evidence, 0..1: `EVIDENCE_WEIGHT[tier]`; absent = 1 (full credit). */
  weight?: number;
}

/** A taxonomy link from a profile skill to another skill that earns partial credit. */
export interface RelatedSkill {
  skillId: string;
  viaSkillId: string;
}

/** Related skills keyed by skill id, from `SkillsService.relatedTo` (related skill id → the profile skill it links to). */
export function relatedSkillMap(links: Map<string, string>): Map<string, RelatedSkill> {
  return new Map([...links].map(([skillId, viaSkillId]) => [skillId, { skillId, viaSkillId }]));
}

export interface MatchedSkill {
  skillId: string;
  label: string;
  required: boolean;
  evidence: Evidence | null;
  from: SkillOrigin;
  /** Present when the match is through a related skill: the profile skill that earned it. */
  via?: string;
  /** The evidence tier and trust weight of the profile skill that earned the match, when it has one. */
  tier?: EvidenceTier;
  weight?: number;
}

export interface MissingSkill {
  skillId: string;
  label: string;
  required: boolean;
}

export interface ScoredPosting {
  score: number;
  matched: MatchedSkill[];
  missing: MissingSkill[];
}

export const REQUIREMENT_WEIGHT: Record<'required' | 'preferred' | 'unstated', number> = { required: 1, unstated: 0.8, preferred: 0.5 };
export const RELATED_CREDIT = 0.5;
/** Prior added to a posting's total, in skills of its average weight: one extracted skill cannot be a full coverage. */
export const COVERAGE_PRIOR = 1.5;

/** Inverse document frequency: ln((N + 1) / (df + 1)) + 1, at least 1. `df` postings of `n` mention the skill. */
export function idf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/** Requirement weight of a posting skill (`REQUIREMENT_WEIGHT`: required, unstated or preferred). */
export function requirementWeight(requirement: Requirement): number {
  return requirement === 'required' ? REQUIREMENT_WEIGHT.required : requirement === 'preferred' ? REQUIREMENT_WEIGHT.preferred : REQUIREMENT_WEIGHT.unstated;
}

/**
 * Scores one posting against a profile.
 * @param postingSkills the posting's extracted skills (one entry per skill)
 * @param profile the person's skills by skill id
 * @param related skill id → profile skill it is related to (partial credit)
 * @param weightOf skill id → idf weight (missing ids weigh 1)
 */
export function scorePosting(
  postingSkills: PostingSkillInput[],
  profile: Map<string, ProfileSkill>,
  related: Map<string, RelatedSkill>,
  weightOf: (skillId: string) => number,
): ScoredPosting {
  const matched: MatchedSkill[] = [];
  const missing: MissingSkill[] = [];
  const score = evaluate(postingSkills, profile, related, weightOf, { matched, missing });
  missing.sort((a, b) => Number(b.required) - Number(a.required) || weightOf(b.skillId) - weightOf(a.skillId) || a.label.localeCompare(b.label));
  matched.sort((a, b) => Number(b.required) - Number(a.required) || a.label.localeCompare(b.label));
  return { score, matched, missing };
}

/** The score of `scorePosting` alone, without building the matched and missing lists (for counterfactual recounts). */
export function postingScore(
  postingSkills: PostingSkillInput[],
  profile: Map<string, ProfileSkill>,
  related: Map<string, RelatedSkill>,
  weightOf: (skillId: string) => number,
): number {
  return evaluate(postingSkills, profile, related, weightOf, null);
}

/** The sums a posting's score is made of, for a profile (see the module comment). */
export interface ScoreParts {
  /** Σ requirement weight × idf over the posting's skills, and the same over the covered ones (× credit). */
  total: number;
  covered: number;
  /** `total` / number of posting skills (the prior is counted in skills of this weight). */
  averageWeight: number;
  /** Σ idf over the profile's skills, and over those the posting uses (× credit). */
  profileTotal: number;
  profileUsed: number;
}

/** `ScoreParts` of a posting for a profile. */
export function scoreParts(
  postingSkills: PostingSkillInput[],
  profile: Map<string, ProfileSkill>,
  related: Map<string, RelatedSkill>,
  weightOf: (skillId: string) => number,
): ScoreParts {
  const parts: ScoreParts = { total: 0, covered: 0, averageWeight: 0, profileTotal: 0, profileUsed: 0 };
  evaluate(postingSkills, profile, related, weightOf, null, parts);
  return parts;
}

/**
 * An upper bound of a posting's score once skills it asks for are added to the profile: `coveredAdded` is the most
 * the added skills can add to `covered` (their requirement weight × idf), `weightAdded` their idf on the profile side.
 * Exact skills can only raise coverage by their own weight and can at most be fully used, so the score never exceeds it.
 */
export function scoreUpperBound(base: ScoreParts, coveredAdded: number, weightAdded: number): number {
  const coverage = base.total > 0 ? Math.min(1, (base.covered + coveredAdded) / (base.total + COVERAGE_PRIOR * base.averageWeight)) : 0;
  const use = base.profileTotal + weightAdded > 0 ? (base.profileUsed + weightAdded) / (base.profileTotal + weightAdded) : 0;
  return Math.sqrt(coverage * use);
}

function evaluate(
  postingSkills: PostingSkillInput[],
  profile: Map<string, ProfileSkill>,
  related: Map<string, RelatedSkill>,
  weightOf: (skillId: string) => number,
  lists: { matched: MatchedSkill[]; missing: MissingSkill[] } | null,
  parts?: ScoreParts,
): number {
  let total = 0;
  let covered = 0;
  let matchedCount = 0;
  const usedProfile = new Map<string, number>();
  for (const s of postingSkills) {
    const w = requirementWeight(s.requirement) * weightOf(s.skillId);
    total += w;
    const exact = profile.get(s.skillId);
    const link = exact ? undefined : related.get(s.skillId);
    const via = link ? profile.get(link.viaSkillId) : undefined;
    const owner = exact ?? via;
    if (owner) {
      const linkCredit = exact ? 1 : RELATED_CREDIT;
      covered += w * linkCredit * Math.min(1, owner.weight ?? 1);
      matchedCount += 1;
      usedProfile.set(owner.skillId, Math.max(usedProfile.get(owner.skillId) ?? 0, linkCredit));
      lists?.matched.push({
        skillId: s.skillId, label: s.label, required: s.requirement === 'required', evidence: s.evidence, from: owner.from,
        ...(exact ? {} : { via: owner.skillId }),
        ...(owner.tier ? { tier: owner.tier, weight: owner.weight ?? 1 } : {}),
      });
    } else {
      lists?.missing.push({ skillId: s.skillId, label: s.label, required: s.requirement === 'required' });
    }
  }
  if (matchedCount === 0 && !parts) return 0;
  let profileTotal = 0;
  let profileUsed = 0;
  for (const p of profile.values()) {
    const w = weightOf(p.skillId);
    profileTotal += w;
    profileUsed += w * (usedProfile.get(p.skillId) ?? 0);
  }
  const averageWeight = postingSkills.length > 0 ? total / postingSkills.length : 0;
  if (parts) Object.assign(parts, { total, covered, averageWeight, profileTotal, profileUsed });
  if (matchedCount === 0) return 0;
  const coverage = total > 0 ? covered / (total + COVERAGE_PRIOR * averageWeight) : 0;
  const use = profileTotal > 0 ? profileUsed / profileTotal : 0;
  return Math.round(Math.sqrt(coverage * use) * 1e4) / 1e4;
}

/**
 * Order of match results: postings sharing at least two of the person's skills (one, for a one-skill profile) come
 * before postings sharing fewer, whatever their scores (a single shared skill is weak evidence of fit); then by score,
 * then newest id first.
 */
export function compareMatches(profileSize: number) {
  const enough = Math.min(2, profileSize);
  return (a: { postingId: string; score: number; matched: unknown[] }, b: { postingId: string; score: number; matched: unknown[] }): number =>
    Number(b.matched.length >= enough) - Number(a.matched.length >= enough) || b.score - a.score || Number(b.postingId) - Number(a.postingId);
}

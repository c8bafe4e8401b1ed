import {
  type PostingSkillInput, postingScore, type ProfileSkill, type RelatedSkill, requirementWeight, type ScoreParts, scoreParts, scoreUpperBound,
} from './match-scorer.js';

/**
 * Counterfactual matching for recommendations: pure functions over precomputed posting skill sets.
 * "If the person also held these skills, how many open postings would they match at `minScore` or above?"
 * Scores come from the same `scorePosting` as `/v1/matches`, so a recommendation's `after` is what the person would
 * then see there.
 */

export interface PostingSkillSet {
  postingId: string;
  skills: PostingSkillInput[];
}

/** An index of posting skill sets: every open posting with text, and which postings ask for each skill. */
export class PostingIndex {
  readonly byId = new Map<string, PostingSkillSet>();
  readonly bySkill = new Map<string, string[]>();

  constructor(sets: PostingSkillSet[]) {
    for (const set of sets) {
      this.byId.set(set.postingId, set);
      for (const s of set.skills) {
        const list = this.bySkill.get(s.skillId);
        if (list) list.push(set.postingId);
        else this.bySkill.set(s.skillId, [set.postingId]);
      }
    }
  }

  /** Postings asking for at least one of the skills. */
  touching(skillIds: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const id of skillIds) for (const p of this.bySkill.get(id) ?? []) out.add(p);
    return out;
  }
}

export interface CounterfactualInput {
  index: PostingIndex;
  profile: ProfileSkill[];
  related: Map<string, RelatedSkill>;
  weightOf: (skillId: string) => number;
  minScore: number;
  /** Per-posting score sums for `profile`, shared by the recounts of one request (filled on demand). */
  baseParts?: Map<string, ScoreParts>;
}

export interface Counterfactual {
  before: number;
  after: number;
  gain: number;
  /** Postings matched after and not before, best score first. */
  unlocked: Array<{ postingId: string; score: number }>;
}

/** Postings that score at least `minScore` for the profile, with their scores. */
export function matchingPostings(input: CounterfactualInput, profile: ProfileSkill[] = input.profile): Map<string, number> {
  const map = new Map(profile.map((s) => [s.skillId, s]));
  const candidates = input.index.touching([...map.keys(), ...relatedTouching(input.related, map)]);
  const out = new Map<string, number>();
  for (const id of candidates) {
    const score = postingScore(input.index.byId.get(id)!.skills, map, input.related, input.weightOf);
    if (score >= input.minScore) out.set(id, score);
  }
  return out;
}

/**
 * Counts matches before and after adding `extraSkills` to the profile. A posting the person matched before stays
 * matched (earning a credential does not make anyone less qualified), so `after` = `before` + the postings the new
 * skills unlock, and only the postings asking for a new skill are rescored. Each is rescored with the person's skills
 * plus the new skills it asks for: a credential's other skills do not dilute the match score's "share of the person
 * the job uses", or a broad credential would unlock less than a narrow one teaching the same skill.
 */
export function counterfactual(input: CounterfactualInput, before: Map<string, number>, extraSkills: ProfileSkill[]): Counterfactual {
  const held = new Set(input.profile.map((s) => s.skillId));
  const added = extraSkills.filter((s) => !held.has(s.skillId));
  const candidates = [...input.index.touching(added.map((s) => s.skillId))].filter((id) => !before.has(id));
  if (candidates.length === 0) return { before: before.size, after: before.size, gain: 0, unlocked: [] };
  // One map, extended with the posting's new skills while it is scored and restored after (no copy per posting).
  const profile = new Map(input.profile.map((s) => [s.skillId, s]));
  const addedById = new Map(added.map((s) => [s.skillId, s]));
  const unlocked: Counterfactual['unlocked'] = [];
  const extras: string[] = [];
  const baseProfile = new Map(profile);
  const baseParts = input.baseParts ?? new Map<string, ScoreParts>();
  for (const postingId of candidates) {
    const skills = input.index.byId.get(postingId)!.skills;
    // Skip postings that cannot reach minScore even if every new skill they ask for counted in full.
    let coveredAdded = 0;
    let weightAdded = 0;
    for (const s of skills) {
      if (!addedById.has(s.skillId)) continue;
      const w = input.weightOf(s.skillId);
      coveredAdded += requirementWeight(s.requirement) * w;
      weightAdded += w;
    }
    let parts = baseParts.get(postingId);
    if (!parts) baseParts.set(postingId, (parts = scoreParts(skills, baseProfile, input.related, input.weightOf)));
    if (scoreUpperBound(parts, coveredAdded, weightAdded) < input.minScore - 1e-4) continue;
    for (const s of skills) {
      const extra = addedById.get(s.skillId);
      if (extra) {
        profile.set(extra.skillId, extra);
        extras.push(extra.skillId);
      }
    }
    const score = postingScore(skills, profile, input.related, input.weightOf);
    for (const id of extras) profile.delete(id);
    extras.length = 0;
    if (score >= input.minScore) unlocked.push({ postingId, score });
  }
  unlocked.sort((a, b) => b.score - a.score || Number(b.postingId) - Number(a.postingId));
  return { before: before.size, after: before.size + unlocked.length, gain: unlocked.length, unlocked };
}

function relatedTouching(related: Map<string, RelatedSkill>, profile: Map<string, ProfileSkill>): string[] {
  return [...related.values()].filter((r) => profile.has(r.viaSkillId)).map((r) => r.skillId);
}

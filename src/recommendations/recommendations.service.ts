import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVIDENCE_WEIGHT } from '../badges/verification/badge-verification.types.js';
import { type CredentialSkillSet, CredentialsService } from '../credentials/credentials.service.js';
import { analyzeGap } from '../gaps/gap-analysis.js';
import { GapTargetService } from '../gaps/gap-target.service.js';
import { targetRef } from '../gaps/gaps.service.js';
import { type ProfileSkill, relatedSkillMap } from '../matching/match-scorer.js';
import { type Counterfactual, counterfactual, type CounterfactualInput, matchingPostings } from '../matching/posting-index.js';
import { PostingIndexService } from '../matching/posting-index.service.js';
import { ProfileService } from '../matching/profile.service.js';
import { SkillsService } from '../taxonomy/skills.service.js';
import type { CreateRecommendationDto } from './dto/create-recommendation.dto.js';

export interface PostingExample {
  id: string;
  title: string;
  company: string | null;
  score: number;
}

export interface CredentialRecommendation {
  credential: { id: string; name: string; provider: string; url: string | null; platform: string; kind: string; level: string | null };
  before: number;
  after: number;
  gain: number;
  /** Skills the credential teaches that the person does not hold yet. */
  newSkills: Array<{ skillId: string; label: string }>;
  /** With a target: the target's missing skills the credential teaches. */
  closesGaps: Array<{ skillId: string; label: string }>;
  /** Typical hours, when the provider publishes them. */
  hours: number | null;
  cost: CredentialSkillSet['cost'];
  /** Up to 3 postings the credential would unlock, best score first. */
  examples: PostingExample[];
}

export interface SkillRecommendation {
  skillId: string;
  label: string;
  before: number;
  after: number;
  gain: number;
  closesGap: boolean;
}

export interface RecommendationResponse {
  minScore: number;
  region: string | null;
  /** Open postings with text the counts run over. */
  postings: number;
  /** Share (0..1) of the person's held skills whose best tier is signature- or hosted-verified. */
  verifiedShare: number;
  credentials: CredentialRecommendation[];
  skills: SkillRecommendation[];
}

/** Single skills tried as next skills: the ones most asked for by postings that ask for the person's skills. */
const SKILL_CANDIDATES = 60;
const EXAMPLES = 3;

/**
 * Next credentials and next skills, ranked by how many more open postings the person would match at `minScore` if
 * they earned them (counterfactual recount over the in-memory posting skill sets, `counterfactual`), and with a
 * target first by the target's gaps they close. Credentials come from the catalogue (`credential`, `credential_skill`).
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly db: DataSource,
    private readonly profiles: ProfileService,
    private readonly skills: SkillsService,
    private readonly postingIndex: PostingIndexService,
    private readonly credentials: CredentialsService,
    private readonly targets: GapTargetService,
  ) {}

  async recommend(body: CreateRecommendationDto): Promise<RecommendationResponse> {
    const minScore = body.minScore ?? 0.5;
    const limit = body.limit ?? 10;
    const region = body.region?.toUpperCase() ?? null;
    const [profile, target] = await Promise.all([
      this.profiles.build(body),
      body.target ? this.targets.resolve(targetRef(body.target)) : Promise.resolve(null),
    ]);
    const loaded = await this.postingIndex.load({ region: region ?? undefined });
    const relatedLinks = await this.skills.relatedTo(profile.skills.map((s) => s.skillId));
    const related = relatedSkillMap(relatedLinks);
    const input: CounterfactualInput = { index: loaded.index, profile: profile.skills, related, weightOf: loaded.weightOf, minScore, baseParts: new Map() };
    const before = matchingPostings(input);
    const held = new Set(profile.skills.map((s) => s.skillId));
    const gaps = target
      ? new Set(analyzeGap(target.kind, target.skills, profile.skills, profile.expired, relatedLinks, loaded.demandShare).missing.map((m) => m.skillId))
      : new Set<string>();

    const catalogue = await this.credentials.allWithSkillIds();
    const scoredCredentials = catalogue
      .map((c) => {
        const newIds = [...c.skillIds].filter((id) => !held.has(id));
        const result = counterfactual(input, before, newIds.map((id) => asProfileSkill(id)));
        return { c, newIds, result, closes: newIds.filter((id) => gaps.has(id)) };
      })
      .filter((x) => x.newIds.length > 0 && (x.result.gain > 0 || x.closes.length > 0));
    scoredCredentials.sort((a, b) =>
      b.closes.length - a.closes.length || b.result.gain - a.result.gain || (a.c.hours ?? Infinity) - (b.c.hours ?? Infinity) || a.c.name.localeCompare(b.c.name));
    const topCredentials = scoredCredentials.slice(0, limit);
    // Labels of the returned credentials' skills only (a whole imported catalogue can name thousands).
    const labels = await this.labels([...new Set(topCredentials.flatMap((x) => x.newIds))]);

    const skillResults = this.nextSkills(input, before, held, gaps, loaded.index.bySkill, limit);
    const examples = await this.examples(topCredentials.map((x) => x.result));
    return {
      minScore,
      region,
      postings: loaded.postingsWithText,
      verifiedShare: profile.verifiedShare,
      credentials: topCredentials.map(({ c, newIds, result, closes }, i) => ({
        credential: { id: c.id, name: c.name, provider: c.provider, url: c.url, platform: c.platform, kind: c.kind, level: c.level },
        before: result.before,
        after: result.after,
        gain: result.gain,
        newSkills: newIds.map((id) => ({ skillId: id, label: labels.get(id) ?? id })),
        closesGaps: closes.map((id) => ({ skillId: id, label: labels.get(id) ?? id })),
        hours: c.hours,
        cost: c.cost,
        examples: examples[i],
      })),
      skills: await skillResults,
    };
  }

  /** Next single skills: the most asked-for skills the person lacks among postings touching their skills (and the target's gaps). */
  private async nextSkills(
    input: CounterfactualInput, before: Map<string, number>, held: Set<string>, gaps: Set<string>, bySkill: Map<string, string[]>, limit: number,
  ): Promise<SkillRecommendation[]> {
    const frequency = new Map<string, number>();
    for (const postingId of input.index.touching(held)) {
      for (const s of input.index.byId.get(postingId)!.skills) if (!held.has(s.skillId)) frequency.set(s.skillId, (frequency.get(s.skillId) ?? 0) + 1);
    }
    const candidates = new Set([...gaps, ...[...frequency].sort((a, b) => b[1] - a[1]).slice(0, SKILL_CANDIDATES).map(([id]) => id)]);
    const labels = await this.labels([...candidates]);
    const label = (id: string) => labels.get(id) ?? id;
    const out = [...candidates]
      .filter((id) => bySkill.has(id) || gaps.has(id))
      .map((id) => {
        const r = counterfactual(input, before, [asProfileSkill(id, label(id))]);
        return { skillId: id, label: label(id), before: r.before, after: r.after, gain: r.gain, closesGap: gaps.has(id) };
      })
      .filter((s) => s.gain > 0 || s.closesGap);
    out.sort((a, b) => Number(b.closesGap) - Number(a.closesGap) || b.gain - a.gain || a.label.localeCompare(b.label));
    return out.slice(0, limit);
  }

  private async labels(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; label: string }> = await this.db.query(`SELECT id, preferred_label AS label FROM skill WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  private async examples(results: Counterfactual[]): Promise<PostingExample[][]> {
    const chosen = results.map((r) => r.unlocked.slice(0, EXAMPLES));
    const ids = [...new Set(chosen.flat().map((u) => u.postingId))];
    const rows: Array<{ id: string; title: string; company: string | null }> = ids.length === 0 ? [] : await this.db.query(
      `SELECT id::text AS id, title, company FROM posting WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return chosen.map((list) => list.map((u) => ({ ...byId.get(u.postingId)!, score: u.score })).filter((e) => e.title));
  }
}

/**
 * A skill the person would gain: counted as earned through a badge whose verification is not known yet, i.e. at the
 * `unverified-badge` tier (the conservative badge tier), so a recommendation never promises more than a badge gives.
 * `label` (default the id) is never read by the counts.
 */
function asProfileSkill(skillId: string, label = skillId): ProfileSkill {
  return { skillId, label, from: { input: 'recommended' }, tier: 'unverified-badge', weight: EVIDENCE_WEIGHT['unverified-badge'] };
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '../infra/http/problem.filter.js';
import { type LoadedIndex, PostingIndexService } from '../matching/posting-index.service.js';
import { type Profile, ProfileService, type ResolutionMemo } from '../matching/profile.service.js';
import { SkillsService } from '../taxonomy/skills.service.js';
import { type SkillTrend, SkillTrendService } from '../trends/skill-trend.service.js';
import { analyzeGap, type GapResult, type MissingSkill } from './gap-analysis.js';
import { type GapTargetRef, GapTargetService, type ResolvedTarget } from './gap-target.service.js';
import type { CreateCohortGapDto, CreateGapDto, GapTargetDto } from './dto/create-gap.dto.js';

export interface PostingRef {
  id: string;
  title: string;
  company: string | null;
}

export type MissingWithEvidence = MissingSkill & {
  /** Demand trend: share in the latest month with data against the month before (null without two such months). */
  trend: SkillTrend | null;
  /** Up to 3 open postings (of the target's own, for a title) that ask for the skill. */
  postings: PostingRef[];
};

export interface GapResponse extends Omit<GapResult, 'missing'> {
  target: ResolvedTarget['description'];
  /** Why `status` is `insufficient_data`. */
  reason?: string;
  missing: MissingWithEvidence[];
  /** Share (0..1) of the person's held skills whose best tier is signature- or hosted-verified. */
  verifiedShare: number;
  profile: Pick<Profile, 'skills' | 'badges' | 'unmatchedInput' | 'verifiedShare'>;
}

export interface CohortResponse {
  status: 'ok' | 'insufficient_data';
  reason?: string;
  target: ResolvedTarget['description'];
  learners: Array<{ id: string; coverage: number | null; held: number; missing: number; toRenew: number; verifiedShare: number; unmatchedInput: string[] }>;
  missing: Array<MissingSkill & { learnersLacking: number; learners: number; trend: SkillTrend | null }>;
}

const EVIDENCE_POSTINGS = 3;

/**
 * Skill gaps of a person or a cohort against a target (see `GapTargetService`), by `analyzeGap`. Demand shares come
 * from the open postings with text (`PostingIndexService`); evidence postings from `posting_skill`.
 */
@Injectable()
export class GapsService {
  constructor(
    private readonly db: DataSource,
    private readonly profiles: ProfileService,
    private readonly targets: GapTargetService,
    private readonly skills: SkillsService,
    private readonly postingIndex: PostingIndexService,
    private readonly trends: SkillTrendService,
  ) {}

  async gap(body: CreateGapDto): Promise<GapResponse> {
    const [profile, target, loaded] = await Promise.all([this.profiles.build(body), this.targets.resolve(targetRef(body.target)), this.postingIndex.load({})]);
    const result = await this.analyze(profile, target, loaded);
    const missing = await this.withEvidence(result.missing, target, loaded);
    return {
      ...result,
      ...(result.status === 'insufficient_data' ? { reason: insufficiency(target) } : {}),
      target: target.description,
      missing,
      verifiedShare: profile.verifiedShare,
      profile: { skills: profile.skills, badges: profile.badges, unmatchedInput: profile.unmatchedInput, verifiedShare: profile.verifiedShare },
    };
  }

  async cohort(body: CreateCohortGapDto): Promise<CohortResponse> {
    const [target, loaded] = await Promise.all([this.targets.resolve(targetRef(body.target)), this.postingIndex.load({})]);
    const memo: ResolutionMemo = new Map();
    const learners: CohortResponse['learners'] = [];
    const lacking = new Map<string, MissingSkill & { learnersLacking: number }>();
    for (const [i, learner] of body.learners.entries()) {
      const profile = await this.profiles.build(learner, memo).catch((error: unknown) => {
        if (error instanceof ProblemException) throw withLearnerPointers(error, i);
        throw error;
      });
      const r = await this.analyze(profile, target, loaded);
      learners.push({ id: learner.id, coverage: r.coverage, held: r.held.length, missing: r.missing.length, toRenew: r.toRenew.length, verifiedShare: profile.verifiedShare, unmatchedInput: profile.unmatchedInput });
      for (const m of r.missing) {
        const seen = lacking.get(m.skillId);
        if (seen) seen.learnersLacking += 1;
        else lacking.set(m.skillId, { ...m, learnersLacking: 1 });
      }
    }
    const status = target.skills.length === 0 ? 'insufficient_data' : 'ok';
    const trends = await this.trends.recent([...lacking.keys()]);
    const missing = [...lacking.values()]
      .map((m) => ({ ...m, learners: body.learners.length, trend: trends.get(m.skillId) ?? null }))
      .sort((a, b) => b.learnersLacking - a.learnersLacking || b.demandShare - a.demandShare || a.label.localeCompare(b.label));
    return { status, ...(status === 'insufficient_data' ? { reason: insufficiency(target) } : {}), target: target.description, learners, missing };
  }

  /** @param loaded the posting index of the request (loaded once, shared by every learner of a cohort) */
  private async analyze(profile: Profile, target: ResolvedTarget, { demandShare }: LoadedIndex): Promise<GapResult> {
    const related = await this.skills.relatedTo(profile.skills.map((s) => s.skillId));
    const person = profile.skills.map((s) => ({ skillId: s.skillId, label: s.label, sources: s.sources, tier: s.tier, weight: s.weight }));
    return analyzeGap(target.kind, target.skills, person, profile.expired, related, demandShare);
  }

  /** The first postings asking for each missing skill: the target's own postings for a title, any open one otherwise. */
  private async withEvidence(missing: MissingSkill[], target: ResolvedTarget, { index }: LoadedIndex): Promise<MissingWithEvidence[]> {
    const own = target.postingIds && target.kind === 'title' ? new Set(target.postingIds) : null;
    const chosen = missing.map((m) => (index.bySkill.get(m.skillId) ?? []).filter((id) => !own || own.has(id)).slice(-EVIDENCE_POSTINGS).reverse());
    const ids = [...new Set(chosen.flat())];
    const rows: PostingRef[] = ids.length === 0 ? [] : await this.db.query(
      `SELECT id::text AS id, title, company FROM posting WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const trends = await this.trends.recent(missing.map((m) => m.skillId));
    return missing.map((m, i) => ({ ...m, trend: trends.get(m.skillId) ?? null, postings: chosen[i].map((id) => byId.get(id)!).filter(Boolean) }));
  }
}

/** The one target the request names; 400 when it names none or several. */
export function targetRef(t: GapTargetDto): GapTargetRef {
  const given = (['occupation', 'postingId', 'title'] as const).filter((k) => t[k] !== undefined);
  if (given.length !== 1) {
    throw new ProblemException(400, 'validation', 'Bad Request', 'target must name exactly one of occupation, postingId or title', [
      { pointer: '/target', detail: given.length ? `names ${given.join(' and ')}` : 'names none of occupation, postingId, title' },
    ]);
  }
  if (t.region !== undefined && given[0] !== 'title') {
    throw new ProblemException(400, 'validation', 'Bad Request', 'target.region goes with target.title only', [{ pointer: '/target/region', detail: 'only with title' }]);
  }
  if (given[0] === 'occupation') return { occupation: t.occupation! };
  if (given[0] === 'postingId') return { postingId: t.postingId! };
  return { title: t.title!, region: t.region };
}

function insufficiency(target: ResolvedTarget): string {
  const d = target.description;
  if (d.type === 'posting') return `posting ${d.postingId} has no extracted skill`;
  if (d.type === 'occupation') return `occupation "${d.occupation.label}" lists no skill`;
  if (!d.occupation) return `the title "${d.title}" matches no occupation`;
  return d.postings === 0
    ? `no open posting with text is classified to "${d.occupation.label}"${d.region ? ` in ${d.region}` : ''}`
    : `the ${d.postings} postings classified to "${d.occupation.label}" share no skill often enough`;
}

function withLearnerPointers(error: ProblemException, learner: number): ProblemException {
  const body = error.getResponse() as { errors?: Array<{ pointer: string; detail: string }> };
  for (const e of body.errors ?? []) e.pointer = `/learners/${learner}${e.pointer}`;
  return error;
}

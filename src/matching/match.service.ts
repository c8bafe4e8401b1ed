import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SkillsService } from '../taxonomy/skills.service.js';
import { type Evidence, idf, type MatchedSkill, type MissingSkill, type PostingSkillInput, type ProfileSkill, type RelatedSkill, scorePosting } from './match-scorer.js';
import { type Profile, ProfileService } from './profile.service.js';

export interface MatchRequest {
  badges?: unknown[];
  skills?: string[];
  /** Results to return, 1..100 (default 20). */
  limit?: number;
  /** Include postings that have only a title (no description text). Default false. */
  includeTitleOnly?: boolean;
}

export interface MatchResult {
  posting: { id: string; title: string; company: string | null; location: string | null; url: string | null; postedAt: string | null };
  score: number;
  matched: MatchedSkill[];
  missing: MissingSkill[];
}

export interface MatchResponse {
  results: MatchResult[];
  unmatchedInput: string[];
  profile: Profile;
}

/** Postings scored in Node per request: the best candidates by number of profile skills, taken from the index. */
const CANDIDATES = 1_500;

/**
 * Ranks open postings for a person's badges and skills. Candidates come from the `posting_skill (skill_id)` index
 * (postings asking for at least one of the person's skills or a broader/narrower one); each candidate is scored by
 * `scorePosting` with inverse document frequencies over open postings.
 */
@Injectable()
export class MatchService {
  constructor(
    private readonly db: DataSource,
    private readonly profiles: ProfileService,
    private readonly skills: SkillsService,
  ) {}

  async match(request: MatchRequest): Promise<MatchResponse> {
    const profile = await this.profiles.build(request.badges ?? [], request.skills ?? []);
    const limit = request.limit ?? 20;
    const includeTitleOnly = request.includeTitleOnly ?? false;
    if (profile.skills.length === 0) return { results: [], unmatchedInput: profile.unmatchedInput, profile };

    const profileMap = new Map<string, ProfileSkill>(profile.skills.map((s) => [s.skillId, s]));
    const relatedLinks = await this.skills.relatedTo([...profileMap.keys()]);
    const related = new Map<string, RelatedSkill>([...relatedLinks].map(([skillId, viaSkillId]) => [skillId, { skillId, viaSkillId }]));
    const searchIds = [...profileMap.keys(), ...related.keys()];

    const candidates: Array<{ posting_id: string }> = await this.db.query(
      `SELECT ps.posting_id::text AS posting_id
         FROM posting_skill ps JOIN posting p ON p.id = ps.posting_id
        WHERE ps.skill_id = ANY($1) AND p.status = 'open' AND ($2 OR p.has_description)
        GROUP BY ps.posting_id
        ORDER BY count(*) DESC, max(p.posted_at) DESC NULLS LAST, ps.posting_id DESC
        LIMIT ${CANDIDATES}`,
      [searchIds, includeTitleOnly],
    );
    if (candidates.length === 0) return { results: [], unmatchedInput: profile.unmatchedInput, profile };
    const ids = candidates.map((c) => c.posting_id);

    const rows: Array<{ posting_id: string; skill_id: string; label: string; requirement: PostingSkillInput['requirement']; evidence: Evidence | null }> =
      await this.db.query(
        `SELECT ps.posting_id::text AS posting_id, ps.skill_id, s.preferred_label AS label, ps.requirement, ps.spans -> 0 AS evidence
           FROM posting_skill ps JOIN skill s ON s.id = ps.skill_id WHERE ps.posting_id = ANY($1::bigint[])`,
        [ids],
      );
    const weights = await this.idfWeights([...new Set(rows.map((r) => r.skill_id))]);
    const byPosting = new Map<string, PostingSkillInput[]>();
    for (const r of rows) {
      const list = byPosting.get(r.posting_id) ?? [];
      list.push({ skillId: r.skill_id, label: r.label, requirement: r.requirement, evidence: r.evidence });
      byPosting.set(r.posting_id, list);
    }
    const scored = [...byPosting].map(([postingId, skills]) => ({ postingId, ...scorePosting(skills, profileMap, related, (id) => weights.get(id) ?? 1) }));
    scored.sort((a, b) => b.score - a.score || Number(b.postingId) - Number(a.postingId));
    const ranked = scored.filter((s) => s.score > 0);

    const postings: Array<Record<string, unknown>> = await this.db.query(
      `SELECT id::text AS id, title, company, location_raw, url, posted_at FROM posting WHERE id = ANY($1::bigint[])`,
      [ranked.slice(0, limit * 4).map((t) => t.postingId)],
    );
    const postingById = new Map(postings.map((p) => [p.id as string, p]));
    // The same opening reposted (monthly HN threads, several boards) is shown once: the best-scoring, newest copy.
    const seen = new Set<string>();
    const top = ranked.filter((t) => {
      const p = postingById.get(t.postingId);
      if (!p) return false;
      const key = `${String(p.title).trim().toLowerCase()}\u0000${String(p.company ?? '').trim().toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, limit);
    const results = top.map((t) => {
      const p = postingById.get(t.postingId)!;
      return {
        posting: {
          id: t.postingId,
          title: p.title as string,
          company: p.company as string | null,
          location: p.location_raw as string | null,
          url: p.url as string | null,
          postedAt: p.posted_at ? (p.posted_at as Date).toISOString() : null,
        },
        score: t.score,
        matched: t.matched,
        missing: t.missing,
      };
    });
    return { results, unmatchedInput: profile.unmatchedInput, profile };
  }

  /** idf of each skill over open postings with description text (source: `posting_skill`). */
  private async idfWeights(skillIds: string[]): Promise<Map<string, number>> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM posting WHERE status = 'open' AND has_description`);
    const rows: Array<{ skill_id: string; df: number }> = await this.db.query(
      `SELECT ps.skill_id, count(*)::int AS df FROM posting_skill ps JOIN posting p ON p.id = ps.posting_id
        WHERE ps.skill_id = ANY($1) AND p.status = 'open' AND p.has_description GROUP BY ps.skill_id`,
      [skillIds],
    );
    const df = new Map(rows.map((r) => [r.skill_id, r.df]));
    return new Map(skillIds.map((id) => [id, idf(df.get(id) ?? 0, n)]));
  }
}

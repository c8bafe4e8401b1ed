import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SkillsService } from '../taxonomy/skills.service.js';
import { compareMatches, type Evidence, type MatchedSkill, type MissingSkill, type ProfileSkill, relatedSkillMap, scorePosting } from './match-scorer.js';
import { PostingIndexService } from './posting-index.service.js';
import { type PersonInput, type Profile, ProfileService } from './profile.service.js';

export interface MatchRequest extends PersonInput {
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
  /** Share (0..1) of the person's held skills whose best tier is signature- or hosted-verified. */
  verifiedShare: number;
  profile: Profile;
}

/**
 * Ranks open postings for a person's badges and skills. Candidates are the postings asking for at least one of the
 * person's skills or a broader/narrower one, found in the in-memory index of posting skill sets
 * (`PostingIndexService`, refreshed when postings change); each is scored by `scorePosting` with inverse document
 * frequencies over open postings with text. Only the returned postings' details and evidence spans are read from
 * PostgreSQL.
 */
@Injectable()
export class MatchService {
  constructor(
    private readonly db: DataSource,
    private readonly profiles: ProfileService,
    private readonly skills: SkillsService,
    private readonly postingIndex: PostingIndexService,
  ) {}

  async match(request: MatchRequest): Promise<MatchResponse> {
    const profile = await this.profiles.build(request);
    const limit = request.limit ?? 20;
    if (profile.skills.length === 0) return { results: [], unmatchedInput: profile.unmatchedInput, verifiedShare: profile.verifiedShare, profile };

    const profileMap = new Map<string, ProfileSkill>(profile.skills.map((s) => [s.skillId, s]));
    const relatedLinks = await this.skills.relatedTo([...profileMap.keys()]);
    const related = relatedSkillMap(relatedLinks);
    const { index, weightOf } = await this.postingIndex.load({ includeTitleOnly: request.includeTitleOnly ?? false });

    const scored = [...index.touching([...profileMap.keys(), ...related.keys()])]
      .map((postingId) => ({ postingId, ...scorePosting(index.byId.get(postingId)!.skills, profileMap, related, weightOf) }))
      .filter((s) => s.score > 0);
    scored.sort(compareMatches(profileMap.size));

    const shortlist = scored.slice(0, limit * 4);
    const postings: Array<Record<string, unknown>> = await this.db.query(
      `SELECT id::text AS id, title, company, location_raw, url, posted_at FROM posting WHERE id = ANY($1::bigint[])`,
      [shortlist.map((t) => t.postingId)],
    );
    const postingById = new Map(postings.map((p) => [p.id as string, p]));
    // The same opening reposted (monthly HN threads, several boards) is shown once: the best-scoring, newest copy.
    const seen = new Set<string>();
    const top = shortlist.filter((t) => {
      const p = postingById.get(t.postingId);
      if (!p) return false;
      const key = `${String(p.title).trim().toLowerCase()}\u0000${String(p.company ?? '').trim().toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, limit);
    await this.attachEvidence(top);

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
    return { results, unmatchedInput: profile.unmatchedInput, verifiedShare: profile.verifiedShare, profile };
  }

  /** Fills each matched skill's evidence: its first span in the posting (table `posting_skill`, column `spans`). */
  private async attachEvidence(top: Array<{ postingId: string; matched: MatchedSkill[] }>): Promise<void> {
    const pairs = top.flatMap((t) => t.matched.map((m) => [t.postingId, m.skillId] as const));
    if (pairs.length === 0) return;
    const rows: Array<{ posting_id: string; skill_id: string; evidence: Evidence | null }> = await this.db.query(
      `SELECT ps.posting_id::text AS posting_id, ps.skill_id, ps.spans -> 0 AS evidence
         FROM posting_skill ps JOIN unnest($1::bigint[], $2::text[]) AS k(posting_id, skill_id)
           ON ps.posting_id = k.posting_id AND ps.skill_id = k.skill_id`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    const evidence = new Map(rows.map((r) => [`${r.posting_id}|${r.skill_id}`, r.evidence]));
    for (const t of top) for (const m of t.matched) m.evidence = evidence.get(`${t.postingId}|${m.skillId}`) ?? null;
  }
}

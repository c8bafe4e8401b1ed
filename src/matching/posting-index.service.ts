import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ThrottledStamp } from '../infra/throttled-stamp.js';
import { idf, type PostingSkillInput } from './match-scorer.js';
import { PostingIndex, type PostingSkillSet } from './posting-index.js';

export interface LoadedIndex {
  index: PostingIndex;
  /** idf weight of a skill over the indexed postings. */
  weightOf: (skillId: string) => number;
  /** Demand share: the fraction (0..1) of open postings with text that ask for the skill. */
  demandShare: (skillId: string) => number;
  /** Open postings with text (the denominator of `demandShare`). */
  postingsWithText: number;
  postings: number;
}

/** Matches may lag newly extracted postings by this much (the stamp read scans the posting table). */
const STAMP_TTL_MS = 5_000;

/**
 * The skill sets of open canonical postings with description text (table `posting_skill`; an alternate copy of an
 * opening, `posting.canonical_id` set, is left out so a reposted opening is one candidate), held in memory for
 * counterfactual recounts and refreshed when postings change (count, last extraction, last update). Optionally
 * restricted to a region: an ISO 3166-1 alpha-2 code ("US") or ISO 3166-2 code ("US-NY").
 */
@Injectable()
export class PostingIndexService {
  private readonly cache = new Map<string, { stamp: string; loaded: LoadedIndex }>();
  private readonly stamp: ThrottledStamp;

  constructor(private readonly db: DataSource) {
    this.stamp = new ThrottledStamp(async () => {
      const [{ stamp }] = await this.db.query(
        `SELECT count(*) || ':' || coalesce(max(extracted_at)::text, '') || ':' || coalesce(max(last_seen_at)::text, '') AS stamp
           FROM posting WHERE status = 'open'`,
      );
      return stamp as string;
    }, STAMP_TTL_MS);
  }

  /**
   * @param options.region ISO 3166-1 alpha-2 or ISO 3166-2 code restricting the postings
   * @param options.includeTitleOnly also index postings that have only a title (their skills come from the title)
   */
  async load(options: { region?: string; includeTitleOnly?: boolean } = {}): Promise<LoadedIndex> {
    const region = options.region;
    const includeTitleOnly = options.includeTitleOnly ?? false;
    const key = `${region ?? ''}|${includeTitleOnly}`;
    const stamp = await this.stamp.get();
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit.loaded;
    const loaded = await this.build(region, includeTitleOnly);
    if (this.cache.size > 20) this.cache.clear();
    this.cache.set(key, { stamp, loaded });
    return loaded;
  }

  private async build(region: string | undefined, includeTitleOnly: boolean): Promise<LoadedIndex> {
    const regionFilter = region ? (region.includes('-') ? 'AND p.region_code = $1' : 'AND p.country_code = $1') : '';
    const params = region ? [region.toUpperCase()] : [];
    const rows: Array<{ posting_id: string; skill_id: string; label: string; requirement: PostingSkillInput['requirement']; has_description: boolean }> =
      await this.db.query(
        `SELECT ps.posting_id::text AS posting_id, ps.skill_id, s.preferred_label AS label, ps.requirement, p.has_description
           FROM posting_skill ps JOIN posting p ON p.id = ps.posting_id JOIN skill s ON s.id = ps.skill_id
          WHERE p.status = 'open' AND p.canonical_id IS NULL ${regionFilter} ${includeTitleOnly ? '' : 'AND p.has_description'}`,
        params,
      );
    const byPosting = new Map<string, PostingSkillSet>();
    const df = new Map<string, number>();
    for (const r of rows) {
      let set = byPosting.get(r.posting_id);
      if (!set) byPosting.set(r.posting_id, (set = { postingId: r.posting_id, skills: [] }));
      set.skills.push({ skillId: r.skill_id, label: r.label, requirement: r.requirement, evidence: null });
      // Document frequencies over postings with text only: title-only postings would make every skill look rarer.
      if (r.has_description) df.set(r.skill_id, (df.get(r.skill_id) ?? 0) + 1);
    }
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM posting p WHERE p.status = 'open' AND p.has_description AND p.canonical_id IS NULL ${regionFilter}`,
      params,
    );
    const weights = new Map([...df].map(([id, count]) => [id, idf(count, n)]));
    const unseen = idf(0, n);
    return {
      index: new PostingIndex([...byPosting.values()]),
      weightOf: (id) => weights.get(id) ?? unseen,
      demandShare: (id) => (n > 0 ? (df.get(id) ?? 0) / n : 0),
      postingsWithText: n,
      postings: byPosting.size,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '../infra/http/problem.filter.js';
import { OccupationClassificationService } from '../occupations/occupation-classification.service.js';
import { type OccupationSummary, OccupationsService } from '../occupations/occupations.service.js';
import type { TargetKind, TargetSkill } from './gap-analysis.js';

/** What a gap is measured against, as the request names it. */
export type GapTargetRef = { occupation: string } | { postingId: string } | { title: string; region?: string };

export interface ResolvedTarget {
  kind: TargetKind;
  /** What the target resolved to, for the response. */
  description: { type: 'occupation'; occupation: OccupationSummary } | { type: 'posting'; postingId: string; title: string }
    | { type: 'title'; title: string; region: string | null; occupation: OccupationSummary | null; postings: number };
  skills: TargetSkill[];
  /** Open postings that make up the target (title targets), to cite as evidence. */
  postingIds: string[] | null;
}

/** A title target keeps skills asked by at least this share of its postings (and by two postings at least). */
const TITLE_MIN_SHARE = 0.05;
const TITLE_MAX_SKILLS = 40;

/**
 * Resolves a gap target to the skills it asks for:
 * - an occupation (ESCO URI, O*NET-SOC code or label): ESCO essential and optional skills, or O*NET technology skills
 *   with their Hot Technology / In Demand flags (table `occupation_skill`); an ambiguous label is a 422 listing them;
 * - a posting id: its extracted skills (table `posting_skill`) with required/preferred;
 * - a title (and ISO 3166 region): the open postings classified to the title's occupation, each skill with the share
 *   of those postings asking for it.
 */
@Injectable()
export class GapTargetService {
  constructor(
    private readonly db: DataSource,
    private readonly occupations: OccupationsService,
    private readonly classification: OccupationClassificationService,
  ) {}

  async resolve(ref: GapTargetRef): Promise<ResolvedTarget> {
    if ('occupation' in ref) return this.occupation(ref.occupation);
    if ('postingId' in ref) return this.posting(ref.postingId);
    return this.title(ref.title, ref.region);
  }

  private async occupation(name: string): Promise<ResolvedTarget> {
    const found = await this.occupations.resolveTarget(name);
    if (found.length === 0) {
      throw new ProblemException(422, 'unknown-occupation', 'Unknown occupation', `No occupation is named "${name}"`, [
        { pointer: '/target/occupation', detail: 'no ESCO URI, O*NET-SOC code or label matches' },
      ]);
    }
    if (found.length > 1) {
      throw new ProblemException(422, 'ambiguous-occupation', 'Ambiguous occupation', `"${name}" names ${found.length} occupations; give its ESCO URI or O*NET-SOC code`,
        [{ pointer: '/target/occupation', detail: 'ambiguous' }], { candidates: found });
    }
    const occupation = found[0];
    const rows: Array<{ skill_id: string; label: string; relation: 'essential' | 'optional' | 'technology'; hot_technology: boolean; in_demand: boolean }> =
      await this.db.query(
        `SELECT os.skill_id, s.preferred_label AS label, os.relation, os.hot_technology, os.in_demand
           FROM occupation_skill os JOIN skill s ON s.id = os.skill_id WHERE os.occupation_id = $1 ORDER BY s.preferred_label`,
        [occupation.id],
      );
    const onet = occupation.scheme === 'onet';
    return {
      kind: onet ? 'onet-occupation' : 'esco-occupation',
      description: { type: 'occupation', occupation },
      skills: rows.map((r) => ({
        skillId: r.skill_id, label: r.label, relation: r.relation,
        ...(onet ? { hotTechnology: r.hot_technology, inDemand: r.in_demand } : {}),
      })),
      postingIds: null,
    };
  }

  private async posting(postingId: string): Promise<ResolvedTarget> {
    const [posting] = /^\d+$/.test(postingId) ? await this.db.query(`SELECT id::text AS id, title FROM posting WHERE id = $1`, [postingId]) : [];
    if (!posting) throw new ProblemException(404, 'not-found', 'Not Found', `No posting with id "${postingId}"`, [{ pointer: '/target/postingId', detail: 'unknown' }]);
    const rows: Array<{ skill_id: string; label: string; requirement: 'required' | 'preferred' | null }> = await this.db.query(
      `SELECT ps.skill_id, s.preferred_label AS label, ps.requirement FROM posting_skill ps JOIN skill s ON s.id = ps.skill_id
        WHERE ps.posting_id = $1 ORDER BY s.preferred_label`,
      [postingId],
    );
    return {
      kind: 'posting',
      description: { type: 'posting', postingId, title: posting.title },
      skills: rows.map((r) => ({ skillId: r.skill_id, label: r.label, relation: r.requirement ?? 'unstated' })),
      postingIds: [postingId],
    };
  }

  private async title(title: string, region?: string): Promise<ResolvedTarget> {
    const classifier = await this.classification.classifier();
    const { esco, onet } = classifier.classify(title);
    const best = esco && (!onet || esco.confidence >= onet.confidence) ? esco : onet;
    const occupation = best ? (await this.occupations.resolveTarget(best.id))[0] ?? null : null;
    const regionCode = region?.toUpperCase() ?? null;
    const base = { kind: 'title' as const, skills: [] as TargetSkill[], postingIds: [] as string[] };
    if (!occupation) return { ...base, description: { type: 'title', title, region: regionCode, occupation: null, postings: 0 } };
    const column = occupation.scheme === 'esco' ? 'esco_occupation_id' : 'onet_soc';
    const regionFilter = regionCode ? (regionCode.includes('-') ? 'AND p.region_code = $2' : 'AND p.country_code = $2') : '';
    const params = regionCode ? [occupation.id, regionCode] : [occupation.id];
    const postings: Array<{ id: string }> = await this.db.query(
      `SELECT p.id::text AS id FROM posting p WHERE p.${column} = $1 AND p.status = 'open' AND p.has_description ${regionFilter}`,
      params,
    );
    const n = postings.length;
    const rows: Array<{ skill_id: string; label: string; postings: number }> = n === 0 ? [] : await this.db.query(
      `SELECT ps.skill_id, s.preferred_label AS label, count(*)::int AS postings
         FROM posting_skill ps JOIN skill s ON s.id = ps.skill_id
        WHERE ps.posting_id = ANY($1::bigint[]) GROUP BY ps.skill_id, s.preferred_label
       HAVING count(*) >= 2 AND count(*) >= $2 ORDER BY count(*) DESC, s.preferred_label LIMIT ${TITLE_MAX_SKILLS}`,
      [postings.map((p) => p.id), Math.ceil(n * TITLE_MIN_SHARE)],
    );
    return {
      kind: 'title',
      description: { type: 'title', title, region: regionCode, occupation, postings: n },
      skills: rows.map((r) => ({ skillId: r.skill_id, label: r.label, relation: 'asked', share: Math.round((r.postings / n) * 1e4) / 1e4 })),
      postingIds: postings.map((p) => p.id),
    };
  }
}

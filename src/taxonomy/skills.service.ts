import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SkillSummary {
  id: string;
  label: string;
  type: string;
  escoUri: string | null;
}

export interface SkillDetail extends SkillSummary {
  description: string | null;
  origin: string;
  onet: { commodityCode: string | null; hotTechnology: boolean; inDemand: boolean };
  aliases: Array<{ surface: string; kind: string; caseSensitive: boolean; ambiguous: boolean }>;
  broader: SkillSummary[];
  narrower: SkillSummary[];
  related: Array<SkillSummary & { relation: string }>;
  /** Open postings with description text that ask for the skill. */
  openPostings: number;
}

/** Alias kinds in the order a bare name is trusted to mean a skill. */
const KIND_RANK = `CASE a.kind WHEN 'curated' THEN 0 WHEN 'preferred' THEN 1 WHEN 'onet_example' THEN 2 WHEN 'alt' THEN 3 ELSE 4 END`;

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Skill look-ups over the imported taxonomy (tables `skill`, `skill_alias`, `skill_relation`). */
@Injectable()
export class SkillsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Resolves what a person typed or a badge named to one skill: a skill id, an ESCO concept URI, or a label/alias
   * matched exactly (case-insensitively, except case-sensitive forms such as "R" and "Go", which must match in case).
   * Returns null when nothing matches exactly.
   */
  async resolve(ref: string): Promise<SkillSummary | null> {
    const text = ref.trim();
    if (!text) return null;
    const rows = await this.db.query(
      `SELECT s.id, s.preferred_label AS label, s.skill_type AS type, s.esco_uri FROM skill s WHERE s.id = $1 OR s.esco_uri = $1
       UNION ALL
       (SELECT s.id, s.preferred_label, s.skill_type, s.esco_uri FROM skill_alias a JOIN skill s ON s.id = a.skill_id
         WHERE a.normalized = $2 AND (NOT a.case_sensitive OR a.surface = $1)
         ORDER BY ${KIND_RANK}, (s.origin = 'skillpulse') DESC, (s.origin = 'esco') DESC, s.id LIMIT 1)
       LIMIT 1`,
      [text, normalize(text)],
    );
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /** Skills whose label or an alias contains `q` (case-insensitive); exact and prefix matches first. At most `limit`. */
  async search(q: string, limit = 20): Promise<Array<SkillSummary & { matchedAlias: string }>> {
    const n = normalize(q);
    const rows = await this.db.query(
      `SELECT DISTINCT ON (s.id) s.id, s.preferred_label AS label, s.skill_type AS type, s.esco_uri, a.surface AS matched_alias,
              CASE WHEN a.normalized = $1 THEN 0 WHEN a.normalized LIKE $2 THEN 1 ELSE 2 END AS rank, length(a.normalized) AS len
         FROM skill_alias a JOIN skill s ON s.id = a.skill_id
        WHERE a.normalized LIKE $3
        ORDER BY s.id, rank, len`,
      [n, `${escapeLike(n)}%`, `%${escapeLike(n)}%`],
    );
    rows.sort((a: { rank: number; len: number }, b: { rank: number; len: number }) => a.rank - b.rank || a.len - b.len);
    return rows.slice(0, limit).map((r: Record<string, unknown>) => ({ ...toSummary(r), matchedAlias: r.matched_alias as string }));
  }

  /** One skill by id or ESCO URI, with aliases, broader/narrower/related skills and its open-posting count; null if unknown. */
  async detail(idOrUri: string): Promise<SkillDetail | null> {
    const [s] = await this.db.query(`SELECT * FROM skill WHERE id = $1 OR esco_uri = $1 LIMIT 1`, [idOrUri]);
    if (!s) return null;
    const [aliases, broader, narrower, related, [{ count }]] = await Promise.all([
      this.db.query(`SELECT surface, kind, case_sensitive, ambiguous FROM skill_alias WHERE skill_id = $1 ORDER BY kind, surface`, [s.id]),
      this.db.query(
        `SELECT s.id, s.preferred_label AS label, s.skill_type AS type, s.esco_uri FROM skill_relation r JOIN skill s ON s.id = r.related_skill_id
          WHERE r.skill_id = $1 AND r.relation = 'broader' ORDER BY 2`, [s.id]),
      this.db.query(
        `SELECT s.id, s.preferred_label AS label, s.skill_type AS type, s.esco_uri FROM skill_relation r JOIN skill s ON s.id = r.skill_id
          WHERE r.related_skill_id = $1 AND r.relation = 'broader' ORDER BY 2 LIMIT 100`, [s.id]),
      this.db.query(
        `SELECT s.id, s.preferred_label AS label, s.skill_type AS type, s.esco_uri, r.relation FROM skill_relation r JOIN skill s ON s.id = r.related_skill_id
          WHERE r.skill_id = $1 AND r.relation <> 'broader' ORDER BY 2 LIMIT 100`, [s.id]),
      this.db.query(
        `SELECT count(*)::int AS count FROM posting_skill ps JOIN posting p ON p.id = ps.posting_id
          WHERE ps.skill_id = $1 AND p.status = 'open' AND p.has_description`, [s.id]),
    ]);
    return {
      ...toSummary({ id: s.id, label: s.preferred_label, type: s.skill_type, esco_uri: s.esco_uri }),
      description: s.description,
      origin: s.origin,
      onet: { commodityCode: s.onet_commodity_code, hotTechnology: s.onet_hot_technology, inDemand: s.onet_in_demand },
      aliases: aliases.map((a: { surface: string; kind: string; case_sensitive: boolean; ambiguous: boolean }) => ({
        surface: a.surface, kind: a.kind, caseSensitive: a.case_sensitive, ambiguous: a.ambiguous,
      })),
      broader: broader.map(toSummary),
      narrower: narrower.map(toSummary),
      related: related.map((r: Record<string, unknown>) => ({ ...toSummary(r), relation: r.relation as string })),
      openPostings: count,
    };
  }

  /** Broader/narrower links touching the given skills: related skill id → the given skill it is linked to. */
  async relatedTo(skillIds: string[]): Promise<Map<string, string>> {
    if (skillIds.length === 0) return new Map();
    const rows: Array<{ skill_id: string; related_skill_id: string }> = await this.db.query(
      `SELECT skill_id, related_skill_id FROM skill_relation
        WHERE relation = 'broader' AND (skill_id = ANY($1) OR related_skill_id = ANY($1))`,
      [skillIds],
    );
    const given = new Set(skillIds);
    const out = new Map<string, string>();
    for (const r of rows) {
      if (given.has(r.skill_id) && !given.has(r.related_skill_id)) out.set(r.related_skill_id, r.skill_id);
      if (given.has(r.related_skill_id) && !given.has(r.skill_id)) out.set(r.skill_id, r.related_skill_id);
    }
    return out;
  }
}

function toSummary(r: Record<string, unknown>): SkillSummary {
  return { id: r.id as string, label: r.label as string, type: r.type as string, escoUri: (r.esco_uri as string | null) ?? null };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An occupation of either scheme, with the open postings classified to it. */
export interface OccupationSummary {
  /** ESCO occupation UUID or O*NET-SOC code ("15-1252.00"). */
  id: string;
  scheme: 'esco' | 'onet';
  label: string;
  escoUri: string | null;
  /** ISCO-08 unit group of an ESCO occupation ("2512"). */
  iscoCode: string | null;
  /** O*NET-SOC code of an O*NET occupation. */
  onetSoc: string | null;
  /** Open postings whose title was classified to this occupation. */
  openPostings: number;
}

export interface OccupationSkillRef {
  id: string;
  label: string;
  type: string;
  escoUri: string | null;
}

export interface OccupationDetail extends OccupationSummary {
  description: string | null;
  /** ESCO occupation code ("2512.4"); for O*NET the SOC code. */
  code: string | null;
  aliases: Array<{ label: string; kind: string }>;
  /** ESCO essential skills (occupationSkillRelations.csv, relationType essential). Empty for O*NET. */
  essentialSkills: OccupationSkillRef[];
  /** ESCO optional skills. Empty for O*NET. */
  optionalSkills: OccupationSkillRef[];
  /** O*NET Technology Skills of the occupation, with the Hot Technology and In Demand flags. Empty for ESCO. */
  technologySkills: Array<OccupationSkillRef & { hotTechnology: boolean; inDemand: boolean }>;
}

const SOC = /^\d{2}-\d{4}(?:\.\d{2})?$/;
const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

const SUMMARY_COLUMNS = `o.id, o.scheme, o.preferred_label AS label, o.esco_uri, o.isco_code, o.onet_soc`;

/** Occupation look-ups over the imported taxonomy (tables `occupation`, `occupation_alias`, `occupation_skill`) and posting counts. */
@Injectable()
export class OccupationsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Occupations whose preferred label or an alias contains `q` (case-insensitive), both schemes; exact matches first,
   * then prefix matches, then by open postings. At most `limit`.
   */
  async search(q: string, limit = 20): Promise<Array<OccupationSummary & { matchedLabel: string }>> {
    const n = normalize(q);
    const rows = await this.db.query(
      `WITH hits AS (
         SELECT DISTINCT ON (o.id) ${SUMMARY_COLUMNS}, l.label AS matched_label,
                CASE WHEN lower(l.label) = $1 THEN 0 WHEN lower(l.label) LIKE $2 THEN 1 ELSE 2 END AS rank
           FROM occupation o
           JOIN (SELECT id AS occupation_id, preferred_label AS label FROM occupation
                 UNION ALL SELECT occupation_id, label FROM occupation_alias) l ON l.occupation_id = o.id
          WHERE lower(l.label) LIKE $3
          ORDER BY o.id, rank, length(l.label)
       )
       SELECT h.*, ${OPEN_POSTINGS('h.id')} AS open_postings FROM hits h
        ORDER BY h.rank, open_postings DESC, length(h.label), h.id LIMIT $4`,
      [n, `${escapeLike(n)}%`, `%${escapeLike(n)}%`, limit],
    );
    return rows.map((r: Record<string, unknown>) => ({ ...toSummary(r), matchedLabel: r.matched_label as string }));
  }

  /** One occupation by id (ESCO UUID or O*NET-SOC code, "15-1252" meaning "15-1252.00") or ESCO URI; null if unknown. */
  async detail(ref: string): Promise<OccupationDetail | null> {
    const [o] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, o.description, o.code, ${OPEN_POSTINGS('o.id')} AS open_postings
         FROM occupation o WHERE o.id = $1 OR o.esco_uri = $1 OR o.onet_soc = $2 LIMIT 1`,
      [ref.trim(), socCode(ref)],
    );
    if (!o) return null;
    const [aliases, skills] = await Promise.all([
      this.db.query(`SELECT label, kind FROM occupation_alias WHERE occupation_id = $1 ORDER BY kind, label`, [o.id]),
      this.db.query(
        `SELECT s.id, s.preferred_label AS label, s.skill_type AS type, s.esco_uri, os.relation, os.hot_technology, os.in_demand
           FROM occupation_skill os JOIN skill s ON s.id = os.skill_id
          WHERE os.occupation_id = $1 ORDER BY os.relation, os.hot_technology DESC, s.preferred_label`,
        [o.id],
      ),
    ]);
    const of = (relation: string) => skills.filter((s: { relation: string }) => s.relation === relation);
    return {
      ...toSummary(o),
      description: o.description,
      code: o.code,
      aliases: aliases.map((a: { label: string; kind: string }) => ({ label: a.label, kind: a.kind })),
      essentialSkills: of('essential').map(toSkill),
      optionalSkills: of('optional').map(toSkill),
      technologySkills: of('technology').map((s: Record<string, unknown>) => ({
        ...toSkill(s), hotTechnology: s.hot_technology as boolean, inDemand: s.in_demand as boolean,
      })),
    };
  }

  /**
   * Resolves a target occupation named by a caller (gaps, trends): an ESCO URI, an ESCO UUID, an O*NET-SOC code, or a
   * label. Returns every occupation of the first tier that matches: (1) id, URI or SOC code; (2) preferred label, exactly
   * and case-insensitively; (3) alias (ESCO alt/hidden label, O*NET alternate/short title), exactly. Empty when nothing
   * matches; several when a label is ambiguous (the caller answers 422 listing them). `scheme` restricts the search.
   */
  async resolveTarget(ref: string, scheme?: 'esco' | 'onet'): Promise<OccupationSummary[]> {
    const text = ref.trim();
    if (!text) return [];
    const rows = await this.db.query(
      `WITH candidates AS (
         SELECT o.id, 1 AS tier FROM occupation o WHERE o.id = $1 OR o.esco_uri = $1 OR o.onet_soc = $2
         UNION ALL SELECT o.id, 2 FROM occupation o WHERE lower(o.preferred_label) = $3
         UNION ALL SELECT a.occupation_id, 3 FROM occupation_alias a WHERE lower(a.label) = $3
       ), scoped AS (
         SELECT c.id, min(c.tier) AS tier FROM candidates c JOIN occupation o ON o.id = c.id
          WHERE $4::text IS NULL OR o.scheme = $4 GROUP BY c.id
       )
       SELECT ${SUMMARY_COLUMNS}, ${OPEN_POSTINGS('o.id')} AS open_postings
         FROM scoped s JOIN occupation o ON o.id = s.id
        WHERE s.tier = (SELECT min(tier) FROM scoped)
        ORDER BY o.scheme, o.preferred_label, o.id`,
      [text, socCode(text), normalize(text), scheme ?? null],
    );
    return rows.map(toSummary);
  }
}

/** Open postings classified to an occupation (either scheme's column), as an SQL expression over `idExpr`. */
function OPEN_POSTINGS(idExpr: string): string {
  return `(SELECT count(*)::int FROM posting p WHERE p.status = 'open' AND (p.esco_occupation_id = ${idExpr} OR p.onet_soc = ${idExpr}))`;
}

/** "15-1252" → "15-1252.00"; anything else unchanged. */
function socCode(ref: string): string {
  const t = ref.trim();
  return SOC.test(t) && !t.includes('.') ? `${t}.00` : t;
}

function toSummary(r: Record<string, unknown>): OccupationSummary {
  return {
    id: r.id as string,
    scheme: r.scheme as 'esco' | 'onet',
    label: r.label as string,
    escoUri: (r.esco_uri as string | null) ?? null,
    iscoCode: (r.isco_code as string | null) ?? null,
    onetSoc: (r.onet_soc as string | null) ?? null,
    openPostings: (r.open_postings as number | undefined) ?? 0,
  };
}

function toSkill(r: Record<string, unknown>): OccupationSkillRef {
  return { id: r.id as string, label: r.label as string, type: r.type as string, escoUri: (r.esco_uri as string | null) ?? null };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

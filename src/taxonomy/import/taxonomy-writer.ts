/**
 * Idempotent bulk upserts of taxonomy rows: `INSERT … SELECT FROM unnest(<one array per column>) ON CONFLICT DO UPDATE
 * … WHERE (columns) IS DISTINCT FROM (new values)`, so unchanged rows are not rewritten. One statement per chunk of
 * rows; the parameter count is the column count, far under PostgreSQL's 65,535 limit.
 */
import type { QueryRunner } from 'typeorm';
import type { OccupationAliasRow, OccupationRow, OccupationSkillRow, SkillAliasRow, SkillRelationRow, SkillRow } from '../taxonomy.types.js';

/** Rows per INSERT statement. */
export const UPSERT_CHUNK_ROWS = 5000;

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export function emptyCounts(): WriteCounts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

interface Column<R> {
  name: string;
  type: 'text' | 'boolean';
  value: (row: R) => string | boolean | null;
}

interface UpsertSpec<R> {
  table: string;
  columns: Column<R>[];
  conflict: string[];
  /** Columns updated on conflict, with an optional SQL expression (default `EXCLUDED.<col>`). */
  update: { name: string; expr?: string }[];
  /** Set `updated_at = now()` when a row changes. */
  touch?: boolean;
}

async function upsert<R>(q: QueryRunner, spec: UpsertSpec<R>, rows: R[], onChunk?: (done: number) => void): Promise<WriteCounts> {
  const counts = emptyCounts();
  const t = spec.table;
  const names = spec.columns.map((c) => c.name);
  const select = spec.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sets = spec.update.map((u) => `${u.name} = ${u.expr ?? `EXCLUDED.${u.name}`}`);
  if (spec.touch) sets.push('updated_at = now()');
  const current = spec.update.map((u) => `${t}.${u.name}`).join(', ');
  const incoming = spec.update.map((u) => u.expr ?? `EXCLUDED.${u.name}`).join(', ');
  const sql = `
    WITH written AS (
      INSERT INTO ${t} (${names.join(', ')})
      SELECT * FROM unnest(${select})
      ON CONFLICT (${spec.conflict.join(', ')}) DO UPDATE SET ${sets.join(', ')}
      WHERE (${current}) IS DISTINCT FROM (${incoming})
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;
  for (let start = 0; start < rows.length; start += UPSERT_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + UPSERT_CHUNK_ROWS);
    const params = spec.columns.map((c) => chunk.map(c.value));
    const [result] = (await q.query(sql, params)) as { inserted: number; updated: number }[];
    counts.inserted += result!.inserted;
    counts.updated += result!.updated;
    counts.unchanged += chunk.length - result!.inserted - result!.updated;
    onChunk?.(start + chunk.length);
  }
  return counts;
}

const text = <R>(name: string, value: (row: R) => string | null): Column<R> => ({ name, type: 'text', value });
const bool = <R>(name: string, value: (row: R) => boolean): Column<R> => ({ name, type: 'boolean', value });

/**
 * Skills. O*NET columns are written on insert only (`syncOnetColumns` keeps them current), and a null description
 * keeps the stored one, so a starter-only run never undoes what a full import wrote.
 */
export function upsertSkills(q: QueryRunner, rows: SkillRow[], onChunk?: (done: number) => void): Promise<WriteCounts> {
  return upsert<SkillRow>(q, {
    table: 'skill',
    columns: [
      text('id', (r) => r.id), text('preferred_label', (r) => r.preferredLabel), text('skill_type', (r) => r.skillType),
      text('description', (r) => r.description), text('esco_uri', (r) => r.escoUri), text('origin', (r) => r.origin),
      text('onet_commodity_code', (r) => r.onetCommodityCode), bool('onet_hot_technology', (r) => r.onetHotTechnology),
      bool('onet_in_demand', (r) => r.onetInDemand),
    ],
    conflict: ['id'],
    update: [
      { name: 'preferred_label' }, { name: 'skill_type' }, { name: 'esco_uri' }, { name: 'origin' },
      { name: 'description', expr: 'COALESCE(EXCLUDED.description, skill.description)' },
    ],
    touch: true,
  }, rows, onChunk);
}

const ALIAS_KIND_RANK = `ARRAY['preferred', 'alt', 'hidden', 'onet_example', 'curated']::text[]`;

/**
 * Skill aliases, unique per (skill, surface). On conflict the kind only moves to a stronger one
 * (preferred > alt > hidden > onet_example > curated), so a starter-only run after a full import keeps ESCO's kinds.
 */
export function upsertSkillAliases(q: QueryRunner, rows: SkillAliasRow[], onChunk?: (done: number) => void): Promise<WriteCounts> {
  return upsert<SkillAliasRow>(q, {
    table: 'skill_alias',
    columns: [
      text('skill_id', (r) => r.skillId), text('surface', (r) => r.surface), text('normalized', (r) => r.normalized),
      text('kind', (r) => r.kind), bool('case_sensitive', (r) => r.caseSensitive), bool('ambiguous', (r) => r.ambiguous),
    ],
    conflict: ['skill_id', 'surface'],
    update: [
      { name: 'normalized' },
      {
        name: 'kind',
        expr: `CASE WHEN array_position(${ALIAS_KIND_RANK}, EXCLUDED.kind) < array_position(${ALIAS_KIND_RANK}, skill_alias.kind) THEN EXCLUDED.kind ELSE skill_alias.kind END`,
      },
      { name: 'case_sensitive' }, { name: 'ambiguous' },
    ],
  }, rows, onChunk);
}

export function upsertSkillRelations(q: QueryRunner, rows: SkillRelationRow[]): Promise<WriteCounts> {
  return upsert<SkillRelationRow>(q, {
    table: 'skill_relation',
    columns: [text('skill_id', (r) => r.skillId), text('related_skill_id', (r) => r.relatedSkillId), text('relation', (r) => r.relation), text('origin', (r) => r.origin)],
    conflict: ['skill_id', 'related_skill_id', 'relation'],
    update: [{ name: 'origin' }],
  }, rows);
}

export function upsertOccupations(q: QueryRunner, rows: OccupationRow[]): Promise<WriteCounts> {
  return upsert<OccupationRow>(q, {
    table: 'occupation',
    columns: [
      text('id', (r) => r.id), text('scheme', (r) => r.scheme), text('preferred_label', (r) => r.preferredLabel), text('description', (r) => r.description),
      text('esco_uri', (r) => r.escoUri), text('isco_code', (r) => r.iscoCode), text('code', (r) => r.code), text('onet_soc', (r) => r.onetSoc),
    ],
    conflict: ['id'],
    update: ['scheme', 'preferred_label', 'description', 'esco_uri', 'isco_code', 'code', 'onet_soc'].map((name) => ({ name })),
    touch: true,
  }, rows);
}

export function upsertOccupationAliases(q: QueryRunner, rows: OccupationAliasRow[]): Promise<WriteCounts> {
  return upsert<OccupationAliasRow>(q, {
    table: 'occupation_alias',
    columns: [text('occupation_id', (r) => r.occupationId), text('label', (r) => r.label), text('kind', (r) => r.kind)],
    conflict: ['occupation_id', 'label'],
    update: [{ name: 'kind' }],
  }, rows);
}

export function upsertOccupationSkills(q: QueryRunner, rows: OccupationSkillRow[], onChunk?: (done: number) => void): Promise<WriteCounts> {
  return upsert<OccupationSkillRow>(q, {
    table: 'occupation_skill',
    columns: [
      text('occupation_id', (r) => r.occupationId), text('skill_id', (r) => r.skillId), text('relation', (r) => r.relation),
      bool('hot_technology', (r) => r.hotTechnology), bool('in_demand', (r) => r.inDemand),
    ],
    conflict: ['occupation_id', 'skill_id'],
    update: [{ name: 'relation' }, { name: 'hot_technology' }, { name: 'in_demand' }],
  }, rows, onChunk);
}

/**
 * Makes every skill's O*NET columns match this O*NET release: the given skills get their commodity code and flags,
 * every other skill gets null/false. Only call when O*NET was read in this run. Returns the number of skills changed.
 */
export async function syncOnetColumns(
  q: QueryRunner,
  onet: { skillId: string; commodityCode: string | null; hotTechnology: boolean; inDemand: boolean }[],
): Promise<number> {
  const [result] = (await q.query(
    `WITH src AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::boolean[]) AS s(id, code, hot, demand)
     ), target AS (
       SELECT k.id, s.code, COALESCE(s.hot, false) AS hot, COALESCE(s.demand, false) AS demand
       FROM skill k LEFT JOIN src s ON s.id = k.id
     ), changed AS (
       UPDATE skill SET onet_commodity_code = target.code, onet_hot_technology = target.hot, onet_in_demand = target.demand, updated_at = now()
       FROM target
       WHERE skill.id = target.id
         AND (skill.onet_commodity_code, skill.onet_hot_technology, skill.onet_in_demand) IS DISTINCT FROM (target.code, target.hot, target.demand)
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM changed`,
    [onet.map((o) => o.skillId), onet.map((o) => o.commodityCode), onet.map((o) => o.hotTechnology), onet.map((o) => o.inDemand)],
  )) as { n: number }[];
  return result!.n;
}

/**
 * Sets `case_sensitive`/`ambiguous` on every alias (from any source) by its normalised surface; aliases whose surface
 * is not listed get false/false. Returns the number of aliases changed.
 */
export async function applySurfaceFlags(q: QueryRunner, forms: Map<string, { caseSensitive: boolean; ambiguous: boolean }>): Promise<number> {
  const entries = [...forms];
  const [result] = (await q.query(
    `WITH f AS (
       SELECT * FROM unnest($1::text[], $2::boolean[], $3::boolean[]) AS f(normalized, cs, amb)
     ), target AS (
       SELECT a.id, COALESCE(f.cs, false) AS cs, COALESCE(f.amb, false) AS amb
       FROM skill_alias a LEFT JOIN f ON f.normalized = a.normalized
     ), changed AS (
       UPDATE skill_alias SET case_sensitive = target.cs, ambiguous = target.amb
       FROM target
       WHERE skill_alias.id = target.id AND (skill_alias.case_sensitive, skill_alias.ambiguous) IS DISTINCT FROM (target.cs, target.amb)
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM changed`,
    [entries.map(([n]) => n), entries.map(([, f]) => f.caseSensitive), entries.map(([, f]) => f.ambiguous)],
  )) as { n: number }[];
  return result!.n;
}

/** Records a release; `imported_at` moves only when the version or the content counts change. */
export async function upsertRelease(q: QueryRunner, scheme: 'esco' | 'onet' | 'skillpulse', version: string, counts: Record<string, number>): Promise<WriteCounts> {
  const [result] = (await q.query(
    `WITH written AS (
       INSERT INTO taxonomy_release (scheme, version, counts) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (scheme) DO UPDATE SET version = EXCLUDED.version, counts = EXCLUDED.counts, imported_at = now()
       WHERE (taxonomy_release.version, taxonomy_release.counts) IS DISTINCT FROM (EXCLUDED.version, EXCLUDED.counts)
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`,
    [scheme, version, JSON.stringify(counts)],
  )) as { inserted: number; updated: number }[];
  return { inserted: result!.inserted, updated: result!.updated, unchanged: 1 - result!.inserted - result!.updated };
}

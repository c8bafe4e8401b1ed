/**
 * Idempotent bulk writes of credentials and their skill links: `INSERT … SELECT FROM unnest(<one array per column>)
 * ON CONFLICT DO UPDATE … WHERE (columns) IS DISTINCT FROM (new values)`, so a rerun with the same input rewrites
 * nothing. One statement per chunk; the parameter count is the column count.
 */
import type { QueryRunner } from 'typeorm';
import type { CredentialRecord, CredentialSource } from './credential.types.js';

/** Rows per statement. */
export const CREDENTIAL_CHUNK_ROWS = 1000;

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const UPDATED_COLUMNS = ['source', 'provider', 'platform', 'name', 'url', 'kind', 'level', 'hours', 'duration', 'cost', 'unmapped_skills'];

/** Upserts the credential rows (not their links). */
export async function upsertCredentials(q: QueryRunner, records: CredentialRecord[]): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const current = UPDATED_COLUMNS.map((c) => `credential.${c}`).join(', ');
  const incoming = UPDATED_COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ');
  const sql = `
    WITH written AS (
      INSERT INTO credential (id, ${UPDATED_COLUMNS.join(', ')})
      SELECT id, source, provider, platform, name, url, kind, level, hours, duration, cost,
             ARRAY(SELECT jsonb_array_elements_text(unmapped))
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::real[], $10::jsonb[], $11::jsonb[], $12::jsonb[])
          AS r(id, source, provider, platform, name, url, kind, level, hours, duration, cost, unmapped)
      ON CONFLICT (id) DO UPDATE SET ${UPDATED_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
      WHERE (${current}) IS DISTINCT FROM (${incoming})
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;
  for (let start = 0; start < records.length; start += CREDENTIAL_CHUNK_ROWS) {
    const chunk = records.slice(start, start + CREDENTIAL_CHUNK_ROWS);
    const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
    const [result] = (await q.query(sql, [
      chunk.map((r) => r.id), chunk.map((r) => r.source), chunk.map((r) => r.provider), chunk.map((r) => r.platform),
      chunk.map((r) => r.name), chunk.map((r) => r.url), chunk.map((r) => r.kind), chunk.map((r) => r.level),
      chunk.map((r) => r.hours), chunk.map((r) => json(r.duration)), chunk.map((r) => json(r.cost)), chunk.map((r) => json(r.unmappedSkills)),
    ])) as Array<{ inserted: number; updated: number }>;
    counts.inserted += result!.inserted;
    counts.updated += result!.updated;
    counts.unchanged += chunk.length - result!.inserted - result!.updated;
  }
  return counts;
}

/**
 * Makes the skill links of the given credentials exactly their `skills`: deletes links no longer listed, inserts new
 * ones, updates a changed source label. Returns the rows each step changed.
 */
export async function syncCredentialSkills(q: QueryRunner, records: CredentialRecord[]): Promise<{ inserted: number; updated: number; deleted: number }> {
  const out = { inserted: 0, updated: 0, deleted: 0 };
  for (let start = 0; start < records.length; start += CREDENTIAL_CHUNK_ROWS) {
    const chunk = records.slice(start, start + CREDENTIAL_CHUNK_ROWS);
    const links = chunk.flatMap((r) => r.skills.map((s) => ({ credentialId: r.id, ...s })));
    const params = [links.map((l) => l.credentialId), links.map((l) => l.skillId), links.map((l) => l.sourceLabel)];
    const deleted = await q.query(
      `DELETE FROM credential_skill cs
        WHERE cs.credential_id = ANY($3::text[])
          AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS l(credential_id, skill_id)
                           WHERE l.credential_id = cs.credential_id AND l.skill_id = cs.skill_id)
        RETURNING 1`,
      [params[0], params[1], chunk.map((r) => r.id)],
    );
    out.deleted += rowCount(deleted);
    const [written] = (await q.query(
      `WITH written AS (
         INSERT INTO credential_skill (credential_id, skill_id, source_label)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (credential_id, skill_id) DO UPDATE SET source_label = EXCLUDED.source_label
         WHERE credential_skill.source_label IS DISTINCT FROM EXCLUDED.source_label
         RETURNING (xmax = 0) AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`,
      params,
    )) as Array<{ inserted: number; updated: number }>;
    out.inserted += written!.inserted;
    out.updated += written!.updated;
  }
  return out;
}

/** Deletes the credentials of `source` whose id is not in `keepIds` (their links go by cascade). Returns how many. */
export async function deleteCredentialsNotIn(q: QueryRunner, source: CredentialSource, keepIds: string[]): Promise<number> {
  const rows = await q.query(`DELETE FROM credential WHERE source = $1 AND NOT (id = ANY($2::text[])) RETURNING id`, [source, keepIds]);
  return rowCount(rows);
}

/** Records the imported version of a source; rewrites the row only when version or counts changed. */
export async function upsertRelease(q: QueryRunner, source: CredentialSource, version: string, counts: Record<string, number>): Promise<void> {
  await q.query(
    `INSERT INTO credential_catalogue_release (source, version, counts) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (source) DO UPDATE SET version = EXCLUDED.version, counts = EXCLUDED.counts, imported_at = now()
     WHERE (credential_catalogue_release.version, credential_catalogue_release.counts) IS DISTINCT FROM (EXCLUDED.version, EXCLUDED.counts)`,
    [source, version, JSON.stringify(counts)],
  );
}

/** TypeORM returns `[rows, affected]` for DELETE … RETURNING through a QueryRunner, plain rows elsewhere. */
function rowCount(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}

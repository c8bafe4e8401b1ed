import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SkillsService, type SkillSummary } from '../taxonomy/skills.service.js';
import type { CredentialCost, CredentialDuration, CredentialKind, CredentialLevel, CredentialPlatform, CredentialSource } from './credential.types.js';

/** A credential as the API returns it. */
export interface CredentialView {
  id: string;
  name: string;
  provider: string;
  platform: CredentialPlatform;
  url: string | null;
  kind: CredentialKind;
  level: CredentialLevel | null;
  /** Typical total hours of study when the provider publishes them; null when not known (never estimated). */
  hours: number | null;
  /** Calendar duration as published (Coursera files: "3 - 6 Months" → 3..6 months); null when not given. */
  duration: CredentialDuration | null;
  /** Published price, e.g. the exam fee; null when not known. */
  cost: CredentialCost | null;
  /** `skillpulse` (our catalogue) or `coursera-file` (imported from a Coursera catalogue file). */
  source: CredentialSource;
  /** Taxonomy skills the credential teaches, by label. */
  skills: Array<{ skillId: string; label: string }>;
  /** Skill names the source gives that map to no taxonomy skill. */
  unmappedSkills: string[];
}

/** A credential with the set of taxonomy skill ids it teaches: the input of recommendations. */
export type CredentialSkillSet = Omit<CredentialView, 'skills' | 'unmappedSkills' | 'duration'> & { skillIds: Set<string> };

export interface CredentialQuery {
  /** Words that must each occur in the name or the provider (case-insensitive). */
  q?: string;
  /** An already resolved skill id the credential must teach. */
  skillId?: string;
  /** 1..100. */
  limit: number;
}

const SELECT = `
  SELECT c.id, c.name, c.provider, c.platform, c.url, c.kind, c.level, c.hours, c.duration, c.cost, c.source, c.unmapped_skills,
         COALESCE((SELECT json_agg(json_build_object('skillId', s.id, 'label', s.preferred_label) ORDER BY s.preferred_label)
                     FROM credential_skill cs JOIN skill s ON s.id = cs.skill_id WHERE cs.credential_id = c.id), '[]'::json) AS skills
    FROM credential c`;

/** Credential look-ups over tables `credential` and `credential_skill` (filled by credential-import.ts). */
@Injectable()
export class CredentialsService {
  constructor(private readonly db: DataSource, private readonly skills: SkillsService) {}

  /** Resolves a skill filter (id, ESCO URI, label or alias) as `GET /v1/skills` does; null when nothing matches. */
  resolveSkill(ref: string): Promise<SkillSummary | null> {
    return this.skills.resolve(ref);
  }

  /**
   * Credentials matching every word of `q` (in name or provider) and teaching `skillId`, at most `limit`. Order: name
   * starting with `q` first, then our catalogue before imported files, then name.
   */
  async search(query: CredentialQuery): Promise<CredentialView[]> {
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const params: unknown[] = [words.map((w) => `%${escapeLike(w)}%`), (query.q ?? '').trim().toLowerCase(), query.limit];
    const where = [`NOT EXISTS (SELECT 1 FROM unnest($1::text[]) w WHERE NOT (lower(c.name) LIKE w OR lower(c.provider) LIKE w))`];
    if (query.skillId) {
      params.push(query.skillId);
      where.push(`EXISTS (SELECT 1 FROM credential_skill f WHERE f.credential_id = c.id AND f.skill_id = $${params.length})`);
    }
    const rows = await this.db.query(
      `${SELECT} WHERE ${where.join(' AND ')}
        ORDER BY ($2 <> '' AND starts_with(lower(c.name), $2)) DESC, (c.source = 'skillpulse') DESC, c.name, c.id LIMIT $3`,
      params,
    );
    return rows.map(toView);
  }

  /** One credential by id; null when unknown. */
  async detail(id: string): Promise<CredentialView | null> {
    const [row] = await this.db.query(`${SELECT} WHERE c.id = $1`, [id]);
    return row ? toView(row) : null;
  }

  /**
   * Every credential with the ids of the taxonomy skills it teaches (credentials that map to no skill included, with
   * an empty set), ordered by id. `sources` limits to some sources (default all).
   */
  async allWithSkillIds(sources?: CredentialSource[]): Promise<CredentialSkillSet[]> {
    const rows: Array<Record<string, unknown> & { skill_ids: string[] }> = await this.db.query(
      `SELECT c.id, c.name, c.provider, c.platform, c.url, c.kind, c.level, c.hours, c.cost, c.source,
              COALESCE(array_agg(cs.skill_id ORDER BY cs.skill_id) FILTER (WHERE cs.skill_id IS NOT NULL), '{}') AS skill_ids
         FROM credential c LEFT JOIN credential_skill cs ON cs.credential_id = c.id
        WHERE $1::text[] IS NULL OR c.source = ANY($1::text[])
        GROUP BY c.id ORDER BY c.id`,
      [sources ?? null],
    );
    return rows.map((r) => ({
      id: r.id as string, name: r.name as string, provider: r.provider as string, platform: r.platform as CredentialPlatform,
      url: r.url as string | null, kind: r.kind as CredentialKind, level: r.level as CredentialLevel | null, hours: r.hours as number | null,
      cost: r.cost as CredentialCost | null, source: r.source as CredentialSource, skillIds: new Set(r.skill_ids),
    }));
  }
}

function toView(r: Record<string, unknown>): CredentialView {
  return {
    id: r.id as string,
    name: r.name as string,
    provider: r.provider as string,
    platform: r.platform as CredentialPlatform,
    url: r.url as string | null,
    kind: r.kind as CredentialKind,
    level: r.level as CredentialLevel | null,
    hours: r.hours as number | null,
    duration: r.duration as CredentialDuration | null,
    cost: r.cost as CredentialCost | null,
    source: r.source as CredentialSource,
    skills: r.skills as Array<{ skillId: string; label: string }>,
    unmappedSkills: r.unmapped_skills as string[],
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The credential catalogue: micro-credentials (professional certificates, MicroMasters, vendor certifications and
 * badges) with the taxonomy skills each teaches, and one row per imported catalogue source recording its version.
 * Name/provider search uses trigram indexes (pg_trgm); search by skill uses `credential_skill (skill_id)`.
 */
export class Credentials1764700000000 implements MigrationInterface {
  name = 'Credentials1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE credential (
        id text PRIMARY KEY,
        source text NOT NULL,
        provider text NOT NULL,
        platform text NOT NULL,
        name text NOT NULL,
        url text,
        kind text NOT NULL,
        level text,
        hours real,
        duration jsonb,
        cost jsonb,
        unmapped_skills text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credential_source_ck CHECK (source IN ('skillpulse', 'coursera-file')),
        CONSTRAINT credential_platform_ck CHECK (platform IN ('coursera', 'edx', 'credly', 'vendor')),
        CONSTRAINT credential_kind_ck CHECK (kind IN (
          'professional-certificate', 'micromasters', 'certification', 'badge', 'specialization', 'course', 'degree',
          'university-certificate', 'graduate-certificate', 'postgraduate-diploma', 'mastertrack', 'guided-project', 'other')),
        CONSTRAINT credential_level_ck CHECK (level IN ('beginner', 'intermediate', 'advanced', 'mixed')),
        CONSTRAINT credential_hours_ck CHECK (hours > 0)
      )`);
    await q.query(`CREATE INDEX credential_name_trgm_idx ON credential USING gin (lower(name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX credential_provider_trgm_idx ON credential USING gin (lower(provider) gin_trgm_ops)`);
    await q.query(`CREATE INDEX credential_source_idx ON credential (source)`);
    await q.query(`
      CREATE TABLE credential_skill (
        credential_id text NOT NULL,
        skill_id text NOT NULL,
        source_label text,
        CONSTRAINT credential_skill_pk PRIMARY KEY (credential_id, skill_id),
        CONSTRAINT credential_skill_credential_fk FOREIGN KEY (credential_id) REFERENCES credential (id) ON DELETE CASCADE,
        CONSTRAINT credential_skill_skill_fk FOREIGN KEY (skill_id) REFERENCES skill (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX credential_skill_skill_idx ON credential_skill (skill_id, credential_id)`);
    await q.query(`
      CREATE TABLE credential_catalogue_release (
        source text PRIMARY KEY,
        version text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT credential_catalogue_release_source_ck CHECK (source IN ('skillpulse', 'coursera-file'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // pg_trgm stays: other indexes may come to rely on it, and dropping an extension is not this migration's business.
    for (const table of ['credential_catalogue_release', 'credential_skill', 'credential']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

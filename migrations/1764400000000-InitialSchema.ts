import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first schema: taxonomy (skills, aliases, relations, occupations), sources and ingestion runs,
 * postings and their extracted skills. Constraints are named so errors and later migrations can refer to them.
 */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taxonomy_release (
        scheme text PRIMARY KEY,
        version text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT taxonomy_release_scheme_ck CHECK (scheme IN ('esco', 'onet', 'skillpulse'))
      )`);
    await q.query(`
      CREATE TABLE skill (
        id text PRIMARY KEY,
        preferred_label text NOT NULL,
        skill_type text NOT NULL,
        description text,
        esco_uri text,
        onet_commodity_code text,
        onet_hot_technology boolean NOT NULL DEFAULT false,
        onet_in_demand boolean NOT NULL DEFAULT false,
        origin text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT skill_esco_uri_uq UNIQUE (esco_uri),
        CONSTRAINT skill_type_ck CHECK (skill_type IN ('knowledge', 'skill/competence', 'tool/technology', 'certification', 'language')),
        CONSTRAINT skill_origin_ck CHECK (origin IN ('esco', 'onet', 'skillpulse'))
      )`);
    await q.query(`CREATE INDEX skill_label_lower_idx ON skill (lower(preferred_label))`);
    await q.query(`
      CREATE TABLE skill_alias (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        skill_id text NOT NULL,
        surface text NOT NULL,
        normalized text NOT NULL,
        kind text NOT NULL,
        case_sensitive boolean NOT NULL DEFAULT false,
        ambiguous boolean NOT NULL DEFAULT false,
        CONSTRAINT skill_alias_skill_fk FOREIGN KEY (skill_id) REFERENCES skill (id) ON DELETE CASCADE,
        CONSTRAINT skill_alias_skill_surface_uq UNIQUE (skill_id, surface),
        CONSTRAINT skill_alias_kind_ck CHECK (kind IN ('preferred', 'alt', 'hidden', 'onet_example', 'curated'))
      )`);
    await q.query(`CREATE INDEX skill_alias_normalized_idx ON skill_alias (normalized text_pattern_ops)`);
    await q.query(`
      CREATE TABLE skill_relation (
        skill_id text NOT NULL,
        related_skill_id text NOT NULL,
        relation text NOT NULL,
        origin text NOT NULL DEFAULT 'esco',
        CONSTRAINT skill_relation_pk PRIMARY KEY (skill_id, related_skill_id, relation),
        CONSTRAINT skill_relation_skill_fk FOREIGN KEY (skill_id) REFERENCES skill (id) ON DELETE CASCADE,
        CONSTRAINT skill_relation_related_fk FOREIGN KEY (related_skill_id) REFERENCES skill (id) ON DELETE CASCADE,
        CONSTRAINT skill_relation_relation_ck CHECK (relation IN ('broader', 'related_essential', 'related_optional'))
      )`);
    await q.query(`CREATE INDEX skill_relation_related_idx ON skill_relation (related_skill_id)`);
    await q.query(`
      CREATE TABLE occupation (
        id text PRIMARY KEY,
        scheme text NOT NULL,
        preferred_label text NOT NULL,
        description text,
        esco_uri text,
        isco_code text,
        code text,
        onet_soc text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT occupation_esco_uri_uq UNIQUE (esco_uri),
        CONSTRAINT occupation_onet_soc_uq UNIQUE (onet_soc),
        CONSTRAINT occupation_scheme_ck CHECK (scheme IN ('esco', 'onet'))
      )`);
    await q.query(`CREATE INDEX occupation_label_lower_idx ON occupation (lower(preferred_label))`);
    await q.query(`
      CREATE TABLE occupation_alias (
        occupation_id text NOT NULL,
        label text NOT NULL,
        kind text NOT NULL,
        CONSTRAINT occupation_alias_pk PRIMARY KEY (occupation_id, label),
        CONSTRAINT occupation_alias_occupation_fk FOREIGN KEY (occupation_id) REFERENCES occupation (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX occupation_alias_label_lower_idx ON occupation_alias (lower(label))`);
    await q.query(`
      CREATE TABLE occupation_skill (
        occupation_id text NOT NULL,
        skill_id text NOT NULL,
        relation text NOT NULL,
        hot_technology boolean NOT NULL DEFAULT false,
        in_demand boolean NOT NULL DEFAULT false,
        CONSTRAINT occupation_skill_pk PRIMARY KEY (occupation_id, skill_id),
        CONSTRAINT occupation_skill_occupation_fk FOREIGN KEY (occupation_id) REFERENCES occupation (id) ON DELETE CASCADE,
        CONSTRAINT occupation_skill_skill_fk FOREIGN KEY (skill_id) REFERENCES skill (id) ON DELETE CASCADE,
        CONSTRAINT occupation_skill_relation_ck CHECK (relation IN ('essential', 'optional', 'technology'))
      )`);
    await q.query(`CREATE INDEX occupation_skill_skill_idx ON occupation_skill (skill_id)`);

    await q.query(`
      CREATE TABLE source (
        id text PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ingestion_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        input text NOT NULL,
        status text NOT NULL DEFAULT 'running',
        files_total integer NOT NULL DEFAULT 0,
        files jsonb NOT NULL DEFAULT '{}'::jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT ingestion_run_status_ck CHECK (status IN ('running', 'complete', 'partial', 'failed'))
      )`);
    await q.query(`
      CREATE TABLE posting (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_id text NOT NULL,
        external_id text NOT NULL,
        title text NOT NULL,
        company text,
        location_raw text,
        city text,
        region text,
        region_code text,
        country_code text,
        remote boolean,
        posted_at timestamptz,
        posted_precision text,
        url text,
        description text,
        has_description boolean NOT NULL,
        language text,
        employment_type text,
        salary jsonb,
        source_updated_at timestamptz,
        content_hash text NOT NULL,
        extracted_hash text,
        extracted_at timestamptz,
        status text NOT NULL DEFAULT 'open',
        closed_at timestamptz,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT posting_source_fk FOREIGN KEY (source_id) REFERENCES source (id),
        CONSTRAINT posting_source_external_uq UNIQUE (source_id, external_id),
        CONSTRAINT posting_status_ck CHECK (status IN ('open', 'closed')),
        CONSTRAINT posting_precision_ck CHECK (posted_precision IN ('day', 'month'))
      )`);
    await q.query(`CREATE INDEX posting_status_idx ON posting (status, has_description)`);
    await q.query(`CREATE INDEX posting_awaiting_extraction_idx ON posting (id) WHERE extracted_hash IS DISTINCT FROM content_hash`);
    await q.query(`CREATE INDEX posting_region_idx ON posting (country_code, region_code)`);
    await q.query(`CREATE INDEX posting_posted_at_idx ON posting (posted_at)`);
    await q.query(`
      CREATE TABLE posting_skill (
        posting_id bigint NOT NULL,
        skill_id text NOT NULL,
        requirement text,
        confidence real NOT NULL,
        mention_count integer NOT NULL,
        spans jsonb NOT NULL,
        CONSTRAINT posting_skill_pk PRIMARY KEY (posting_id, skill_id),
        CONSTRAINT posting_skill_posting_fk FOREIGN KEY (posting_id) REFERENCES posting (id) ON DELETE CASCADE,
        CONSTRAINT posting_skill_skill_fk FOREIGN KEY (skill_id) REFERENCES skill (id) ON DELETE CASCADE,
        CONSTRAINT posting_skill_requirement_ck CHECK (requirement IN ('required', 'preferred'))
      )`);
    await q.query(`CREATE INDEX posting_skill_skill_idx ON posting_skill (skill_id, posting_id)`);
    await q.query(`
      CREATE TABLE rejected_record (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id uuid,
        source_file text NOT NULL,
        record_index integer NOT NULL,
        reason text NOT NULL,
        excerpt text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rejected_record_run_fk FOREIGN KEY (run_id) REFERENCES ingestion_run (id) ON DELETE SET NULL,
        CONSTRAINT rejected_record_file_index_uq UNIQUE (source_file, record_index)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rejected_record', 'posting_skill', 'posting', 'ingestion_run', 'source',
      'occupation_skill', 'occupation_alias', 'occupation', 'skill_relation', 'skill_alias', 'skill', 'taxonomy_release',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

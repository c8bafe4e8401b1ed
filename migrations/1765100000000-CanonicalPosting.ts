import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One canonical posting per real opening (src/ingestion/dedup): `canonical_id` points an alternate copy (a repost,
 * an aggregator's copy) at the posting that stands for the opening, null on canonical postings. `dedup_key` is the
 * blocking key (normalised company|title, indexed so assignment is a lookup), `text_signature` the MinHash of the
 * description (128 big-endian uint32), `dedup_hash` the content_hash they were computed from.
 */
export class CanonicalPosting1765100000000 implements MigrationInterface {
  name = 'CanonicalPosting1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE posting
        ADD COLUMN canonical_id bigint,
        ADD COLUMN canonical_score real,
        ADD COLUMN dedup_key text,
        ADD COLUMN text_signature bytea,
        ADD COLUMN dedup_hash text,
        ADD CONSTRAINT posting_canonical_fk FOREIGN KEY (canonical_id) REFERENCES posting (id) ON DELETE SET NULL,
        ADD CONSTRAINT posting_canonical_not_self_ck CHECK (canonical_id IS NULL OR canonical_id <> id),
        ADD CONSTRAINT posting_canonical_score_ck CHECK (canonical_score IS NULL OR canonical_score BETWEEN 0 AND 1)`);
    await q.query(`CREATE INDEX posting_dedup_key_idx ON posting (dedup_key) WHERE dedup_key IS NOT NULL`);
    await q.query(`CREATE INDEX posting_canonical_idx ON posting (canonical_id) WHERE canonical_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS posting_canonical_idx`);
    await q.query(`DROP INDEX IF EXISTS posting_dedup_key_idx`);
    await q.query(`
      ALTER TABLE posting
        DROP CONSTRAINT IF EXISTS posting_canonical_score_ck,
        DROP CONSTRAINT IF EXISTS posting_canonical_not_self_ck,
        DROP CONSTRAINT IF EXISTS posting_canonical_fk,
        DROP COLUMN IF EXISTS dedup_hash,
        DROP COLUMN IF EXISTS text_signature,
        DROP COLUMN IF EXISTS dedup_key,
        DROP COLUMN IF EXISTS canonical_score,
        DROP COLUMN IF EXISTS canonical_id`);
  }
}

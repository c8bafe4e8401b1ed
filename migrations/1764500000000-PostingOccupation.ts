import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The occupation of each posting, classified from its title: an ESCO occupation and an O*NET-SOC occupation (both
 * rows of `occupation`, null when nothing fits), the confidence of each (0..1), and the hash of what was classified
 * (classifier version, taxonomy import stamp and title), so a posting is reclassified only when one of those changes.
 */
export class PostingOccupation1764500000000 implements MigrationInterface {
  name = 'PostingOccupation1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE posting
        ADD COLUMN esco_occupation_id text,
        ADD COLUMN onet_soc text,
        ADD COLUMN occupation_confidence real,
        ADD COLUMN onet_soc_confidence real,
        ADD COLUMN occupation_classified_hash text,
        ADD COLUMN occupation_classified_at timestamptz,
        ADD CONSTRAINT posting_esco_occupation_fk FOREIGN KEY (esco_occupation_id) REFERENCES occupation (id) ON DELETE SET NULL,
        ADD CONSTRAINT posting_onet_soc_fk FOREIGN KEY (onet_soc) REFERENCES occupation (id) ON DELETE SET NULL,
        ADD CONSTRAINT posting_occupation_confidence_ck CHECK (occupation_confidence BETWEEN 0 AND 1),
        ADD CONSTRAINT posting_onet_soc_confidence_ck CHECK (onet_soc_confidence BETWEEN 0 AND 1)`);
    await q.query(`COMMENT ON COLUMN posting.occupation_confidence IS 'confidence (0..1) of esco_occupation_id'`);
    await q.query(`COMMENT ON COLUMN posting.onet_soc_confidence IS 'confidence (0..1) of onet_soc'`);
    await q.query(`CREATE INDEX posting_esco_occupation_idx ON posting (esco_occupation_id, status) WHERE esco_occupation_id IS NOT NULL`);
    await q.query(`CREATE INDEX posting_onet_soc_idx ON posting (onet_soc, status) WHERE onet_soc IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS posting_onet_soc_idx`);
    await q.query(`DROP INDEX IF EXISTS posting_esco_occupation_idx`);
    await q.query(`
      ALTER TABLE posting
        DROP CONSTRAINT IF EXISTS posting_onet_soc_confidence_ck,
        DROP CONSTRAINT IF EXISTS posting_occupation_confidence_ck,
        DROP CONSTRAINT IF EXISTS posting_onet_soc_fk,
        DROP CONSTRAINT IF EXISTS posting_esco_occupation_fk,
        DROP COLUMN IF EXISTS occupation_classified_at,
        DROP COLUMN IF EXISTS occupation_classified_hash,
        DROP COLUMN IF EXISTS onet_soc_confidence,
        DROP COLUMN IF EXISTS occupation_confidence,
        DROP COLUMN IF EXISTS onet_soc,
        DROP COLUMN IF EXISTS esco_occupation_id`);
  }
}

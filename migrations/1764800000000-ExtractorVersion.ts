import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which extractor version wrote a posting's skills, so a new extractor re-extracts stored postings. */
export class ExtractorVersion1764800000000 implements MigrationInterface {
  name = 'ExtractorVersion1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE posting ADD COLUMN extractor_version text`);
    await q.query(`CREATE INDEX posting_extractor_version_idx ON posting (extractor_version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS posting_extractor_version_idx`);
    await q.query(`ALTER TABLE posting DROP COLUMN IF EXISTS extractor_version`);
  }
}

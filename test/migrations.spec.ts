import { MIGRATIONS } from '../migrations/index.js';
import { createDataSource, ensureDatabase } from '../src/infra/database/data-source.js';

const url = `postgres://postgres@127.0.0.1:5432/skillpulse_mig_${process.pid}`;

describe('migrations', () => {
  afterAll(async () => {
    const admin = createDataSource('postgres://postgres@127.0.0.1:5432/postgres');
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS skillpulse_mig_${process.pid}`);
    await admin.destroy();
  });

  it('apply up, every down and up again on an empty database', async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      await ds.runMigrations();
      const tables = async () =>
        (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY 1`)).map(
          (r: { table_name: string }) => r.table_name,
        );
      const all = await tables();
      expect(all).toEqual(expect.arrayContaining([
        'ingestion_run', 'occupation', 'occupation_alias', 'occupation_skill', 'posting', 'posting_skill',
        'rejected_record', 'skill', 'skill_alias', 'skill_relation', 'source', 'taxonomy_release',
      ]));
      for (let i = 0; i < MIGRATIONS.length; i += 1) await ds.undoLastMigration();
      expect(await tables()).toEqual([]);
      await ds.runMigrations();
      expect(await tables()).toEqual(all);
    } finally {
      await ds.destroy();
    }
  });
});

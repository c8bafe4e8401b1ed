import { catalogueRecord, loadCatalogue } from '../src/credentials/catalogue.js';
import { loadCourseraSkillNames } from '../src/credentials/credential-import.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DATA_DIR, SHARED_DATA_DIR } from '../src/config/paths.js';
import { createDataSource, openDatabase } from '../src/infra/database/data-source.js';
import { importTaxonomy, TAXONOMY_TABLES, type ImportReport } from '../src/taxonomy/import/taxonomy-importer.js';

const name = `skillpulse_tax_${process.pid}`;
const url = `postgres://postgres@127.0.0.1:5432/${name}`;
const ESCO_DIR = join(SHARED_DATA_DIR, 'esco', 'v1.1.1');
const ONET_DIR = join(SHARED_DATA_DIR, 'onet', '29.2');
const PYTHON = 'ccd0a1d9-afda-43d9-b901-96344886e14d';
const JAVASCRIPT = '3cd569a2-4f88-4c1e-9995-8dce8c5e51a7';
const POSTGRESQL = 'a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996';

const starter = JSON.parse(readFileSync(join(DATA_DIR, 'taxonomy', 'starter-skills.json'), 'utf8')) as { skills: unknown[] };

function expectNoChanges(report: ImportReport): void {
  for (const table of TAXONOMY_TABLES) expect({ table, ...report.tables[table] }).toMatchObject({ table, inserted: 0, updated: 0 });
  expect(report.flagUpdates).toEqual({ skillOnetColumns: 0, aliasSurfaceFlags: 0, curatedAliasesRetired: 0 });
}

describe('taxonomy import', () => {
  let db: DataSource;
  const count = async (table: string, where = 'true') => Number((await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n);
  const resolve = async (surface: string) =>
    (await db.query(`SELECT DISTINCT skill_id FROM skill_alias WHERE surface = $1 ORDER BY 1`, [surface])).map((r: { skill_id: string }) => r.skill_id);

  beforeAll(async () => {
    db = await openDatabase(url, { poolSize: 2 });
  });

  afterAll(async () => {
    await db?.destroy();
    const admin = createDataSource('postgres://postgres@127.0.0.1:5432/postgres');
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.destroy();
  });

  it('imports the starter layer alone, then a second run changes nothing', async () => {
    const first = await importTaxonomy(db);
    expect(first.warnings).toEqual([]);
    expect(first.tables.skill).toEqual({ inserted: starter.skills.length, updated: 0, unchanged: 0 });
    expect(first.tables.skill_alias.inserted).toBeGreaterThan(starter.skills.length * 2);
    expect(first.versions.skillpulse).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(await count('skill')).toBe(starter.skills.length);
    expect(await resolve('JS')).toEqual([JAVASCRIPT]);
    expect(await resolve('k8s')).toEqual(['onet-kubernetes']);
    expect(await resolve('Postgres')).toEqual([POSTGRESQL]);
    expect(await db.query(`SELECT case_sensitive, ambiguous FROM skill_alias WHERE surface = 'Go'`)).toEqual([{ case_sensitive: true, ambiguous: true }]);
    expectNoChanges(await importTaxonomy(db));
  });

  it('retires a curated alias that left the curated layer, and only that one', async () => {
    await db.query(
      `INSERT INTO skill_alias (skill_id, surface, normalized, kind) VALUES ($1, 'Pythonesque', 'pythonesque', 'curated')`,
      [PYTHON],
    );
    const aliasesBefore = await count('skill_alias');
    const report = await importTaxonomy(db);
    expect(report.flagUpdates.curatedAliasesRetired).toBe(1);
    expect(await resolve('Pythonesque')).toEqual([]);
    expect(await count('skill_alias')).toBe(aliasesBefore - 1);
    expect(await resolve('JS')).toEqual([JAVASCRIPT]);
  });

  it('imports ESCO v1.1.1 and O*NET 29.2 over it, and a second full run changes nothing', async () => {
    const first = await importTaxonomy(db, { escoDir: ESCO_DIR, onetDir: ONET_DIR });
    expect(first.warnings).toEqual([]);
    expect(first.versions).toMatchObject({ esco: '1.1.1', onet: '29.2' });
    expect(first.counts.esco).toMatchObject({ skills: 13896, occupations: 3007, occupationSkillsSkippedUnknownOccupation: 67 });
    expect(first.counts.onet).toMatchObject({ occupations: 1016, technologyRows: 32627, examples: 8768 });
    // Starter ESCO skills already had ESCO's ids, labels and types: the full import only fills in descriptions.
    expect(first.tables.skill.updated).toBe((starter.skills as object[]).filter((s) => 'esco' in s).length);

    expect(await count('skill', `origin = 'esco'`)).toBe(13896);
    expect(await count('skill', `skill_type = 'language'`)).toBe(346);
    expect(await count('occupation', `scheme = 'onet'`)).toBe(1016);
    expect(await count('occupation', `scheme = 'esco'`)).toBe(3007);
    expect(await count('occupation_skill', `relation IN ('essential', 'optional')`)).toBe(123855 - 67);

    const [python] = await db.query(`SELECT preferred_label, skill_type, onet_hot_technology, onet_in_demand, onet_commodity_code FROM skill WHERE id = $1`, [PYTHON]);
    expect(python).toEqual({ preferred_label: 'Python (computer programming)', skill_type: 'knowledge', onet_hot_technology: true, onet_in_demand: true, onet_commodity_code: '43232405' });
    expect(await resolve('Python')).toEqual([PYTHON]);
    expect(await count('occupation_skill', `skill_id = '${PYTHON}' AND occupation_id = '15-1252.00' AND relation = 'technology'`)).toBe(1);
    expect(await resolve('Oracle Java')).toEqual(['19a8293b-8e95-4de3-983f-77484079c389']);
    expect(await resolve('JS')).toEqual([JAVASCRIPT]);
    expect(await resolve('k8s')).toEqual(['onet-kubernetes']);
    expect(await resolve('Postgres')).toEqual([POSTGRESQL]);
    expect(await count('skill', `id = 'onet-kubernetes' AND origin = 'onet' AND skill_type = 'tool/technology'`)).toBe(1);
    // The curated display label wins over O*NET's example name, which stays an alias.
    expect(await db.query(`SELECT preferred_label FROM skill WHERE id = 'onet-amazon-web-services-aws-software'`)).toEqual([
      { preferred_label: 'Amazon Web Services (AWS)' },
    ]);
    expect(await resolve('Amazon Web Services AWS software')).toEqual(['onet-amazon-web-services-aws-software']);

    expectNoChanges(await importTaxonomy(db, { escoDir: ESCO_DIR, onetDir: ONET_DIR }));
    // A starter-only run afterwards keeps what the full import wrote (descriptions, O*NET flags, alias kinds).
    expectNoChanges(await importTaxonomy(db));
  }, 180_000);

  // Our credential catalogue and Coursera skill-name map name skills by id: each must exist in the full taxonomy too
  // (the starter-only case is covered by credentials.spec.ts, where the app imports the catalogue on the starter layer).
  it('has every skill the credential catalogue names', async () => {
    const { entries } = await loadCatalogue();
    const ids = [
      ...entries.flatMap((e) => catalogueRecord(e).skills.map((s) => s.skillId)),
      ...(await loadCourseraSkillNames()).values(),
    ];
    const missing: Array<{ id: string }> = await db.query(
      `SELECT i.id FROM unnest($1::text[]) AS i(id) WHERE NOT EXISTS (SELECT 1 FROM skill s WHERE s.id = i.id) ORDER BY 1`,
      [[...new Set(ids)]],
    );
    expect(missing).toEqual([]);
    expect(entries.filter((e) => e.skills.includes('sp-terraform')).map((e) => e.id)).toContain('hashicorp-terraform-associate');
  });
});

/**
 * `npm run credentials:import -- [--coursera FILE] [--catalogue FILE]`
 *
 * Creates and migrates the database named by DATABASE_URL if needed and imports our credential catalogue
 * (data/credentials/catalogue.json) plus, when given, files in the Coursera catalogue format. Needs a taxonomy
 * (`npm run taxonomy:import` first). Prints what changed, the share of Coursera skill names that map to the
 * taxonomy and the most frequent unmapped ones. Idempotent. Exit code 1 on failure.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { config } from '../config/config.js';
import { openDatabase } from '../infra/database/data-source.js';
import { type CredentialImportReport, importCredentials } from './credential-import.js';

/** The report as printable lines. */
export function formatCredentialReport(report: CredentialImportReport): string {
  const c = report.credentials;
  const l = report.credentialSkills;
  const lines = [
    `catalogue ${report.catalogue.version}: ${report.catalogue.credentials} credentials, ${report.catalogue.skillLinks} skill links`,
    `credential: ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} deleted`,
    `credential_skill: ${l.inserted} inserted, ${l.updated} updated, ${l.deleted} deleted`,
  ];
  const k = report.coursera;
  if (k) {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    lines.push(
      `coursera ${k.version}: ${k.read.rows} rows → ${k.read.courses} courses (${k.read.duplicateRows} duplicate rows, ` +
        `${k.read.junkSkillCells} skills cells without skills)`,
      `skill names: ${k.skillNames.distinct} distinct, ${k.skillNames.exact} exact + ${k.skillNames.curated} via our map = ` +
        `${pct(k.skillNames.mappedShare)} mapped; mentions ${k.mentions.mapped}/${k.mentions.total} = ${pct(k.mentions.mappedShare)}`,
      `most frequent unmapped: ${k.unmappedNames.slice(0, 15).map((u) => `${u.name} (${u.courses})`).join(', ')}`,
    );
    if (k.read.unparsedDurations.length) lines.push(`durations not read as a span: ${k.read.unparsedDurations.join(' | ')}`);
  }
  lines.push(...report.warnings.map((w) => `warning: ${w}`), `took ${(report.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { coursera: { type: 'string' }, catalogue: { type: 'string' } },
    strict: true,
  });
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openDatabase(config().DATABASE_URL);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM skill`);
    if (n === 0) throw new Error('the database has no taxonomy: run npm run taxonomy:import first');
    const report = await importCredentials(dataSource, {
      ...(values.catalogue ? { catalogueFile: resolve(values.catalogue) } : {}),
      ...(values.coursera ? { courseraFile: resolve(values.coursera) } : {}),
    });
    process.stdout.write(`${formatCredentialReport(report)}\n`);
  } finally {
    await dataSource?.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`credential import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

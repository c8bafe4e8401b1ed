/**
 * `npm run taxonomy:import -- [--esco DIR] [--esco-version X.Y.Z] [--onet DIR] [--data DIR]`
 *
 * Creates and migrates the database named by DATABASE_URL if needed, imports the curated layer from data/taxonomy
 * and, when given, the ESCO CSV export and the O*NET text database; prints what changed per table and the versions.
 * Progress goes to stderr (bars on a terminal, a line per file otherwise). Exit code 1 on failure.
 * When the import wrote anything, an extract sweep is queued (unless `--no-sweep`): postings extracted with the old
 * taxonomy are then re-extracted by the running workers instead of waiting for the 15-minute sweep.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { config } from '../config/config.js';
import { openDatabase } from '../infra/database/data-source.js';
import { DEFAULT_JOB_OPTIONS, EXTRACT_JOB, jobId, QUEUE } from '../infra/queue/queues.js';
import { redisConnection } from '../infra/queue/redis-connection.js';
import { progressReporter } from '../taxonomy/import/import-progress.js';
import { importTaxonomy, TAXONOMY_TABLES, type ImportOptions, type ImportReport } from '../taxonomy/import/taxonomy-importer.js';

export { importTaxonomy };

/** The report as printable lines. */
export function formatReport(report: ImportReport): string {
  const lines = [
    `versions: ${Object.entries(report.versions).map(([scheme, v]) => `${scheme} ${v}`).join(', ')}`,
    'table               inserted   updated  unchanged',
    ...TAXONOMY_TABLES.map((t) => {
      const c = report.tables[t];
      return `${t.padEnd(18)} ${String(c.inserted).padStart(9)} ${String(c.updated).padStart(9)} ${String(c.unchanged).padStart(10)}`;
    }),
    `O*NET columns updated on skills: ${report.flagUpdates.skillOnetColumns}; surface-form flags updated on aliases: ${report.flagUpdates.aliasSurfaceFlags}; curated aliases retired: ${report.flagUpdates.curatedAliasesRetired}`,
    ...Object.entries(report.counts).map(([scheme, counts]) => `${scheme}: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}`),
    ...report.warnings.map((w) => `warning: ${w}`),
    `took ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      esco: { type: 'string' }, 'esco-version': { type: 'string' }, onet: { type: 'string' }, data: { type: 'string' },
      'no-sweep': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const options: ImportOptions = {};
  if (values.esco) options.escoDir = resolve(values.esco);
  if (values['esco-version']) options.escoVersion = values['esco-version'];
  if (values.onet) options.onetDir = resolve(values.onet);
  if (values.data) options.dataDir = resolve(values.data);
  const progress = progressReporter();
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openDatabase(config().DATABASE_URL);
    const report = await importTaxonomy(dataSource, { ...options, onProgress: progress.onProgress });
    progress.stop();
    process.stdout.write(`${formatReport(report)}\n`);
    const written = Object.values(report.tables).some((t) => t.inserted + t.updated > 0) || report.flagUpdates.curatedAliasesRetired > 0;
    if (written && !values['no-sweep']) process.stdout.write(`${await queueSweep()}\n`);
  } finally {
    progress.stop();
    await dataSource?.destroy();
  }
}

/** Queues one extract sweep; a Redis out of reach is reported, not fatal (the scheduled sweep catches up). */
async function queueSweep(): Promise<string> {
  const queue = new Queue(QUEUE.extract, { connection: redisConnection(config().REDIS_URL), prefix: config().QUEUE_PREFIX });
  try {
    const added = queue.add(EXTRACT_JOB.sweep, {}, { ...DEFAULT_JOB_OPTIONS, jobId: jobId('extract-sweep-taxonomy', Date.now()) });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer in 5 s')), 5_000).unref());
    await Promise.race([added, timeout]);
    return 'extract sweep queued: running workers re-extract postings extracted with the previous taxonomy';
  } catch (error) {
    return `extract sweep not queued (${error instanceof Error ? error.message : String(error)}): the scheduled sweep will re-extract within 15 minutes`;
  } finally {
    await queue.close().catch(() => undefined);
  }
}

// Run only when executed directly (not when `npm run demo` imports this module).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`taxonomy import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

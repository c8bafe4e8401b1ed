import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { config, ConfigError } from '../config/config.js';
import { DATA_DIR } from '../config/paths.js';
import { openDatabase } from '../infra/database/data-source.js';
import { preflight, PreflightError } from '../infra/preflight.js';
import { DEFAULT_JOB_OPTIONS, EXTRACT_JOB, jobId, QUEUE } from '../infra/queue/queues.js';
import { parseColumnMapping } from '../ingestion/formats/format.types.js';
import { IngestionRunRepository } from '../ingestion/ingestion-run.repository.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import { MatchService } from '../matching/match.service.js';
import { MetaService } from '../meta/meta.service.js';
import { importTaxonomy } from '../taxonomy/import/taxonomy-importer.js';
import { printMatches, printProfile } from './demo-output.js';
import { Stopwatch, waitFor } from './demo-progress.js';

const USAGE = `Usage: npm run demo -- [--esco DIR] [--onet DIR] [--postings PATH] [--mapping FILE] [--badge FILE]... [--skills "SQL,Tableau"] [--limit N]

Creates the database if missing, migrates, imports the taxonomy (starter + curated layer from data/, plus ESCO/O*NET
when given), ingests the postings through the ingest queue and worker, waits for skill extraction, then prints the
best matches for the badges and skills. Without options it uses the starter files in data/.`;

interface DemoOptions {
  esco?: string;
  onet?: string;
  postings: string;
  mapping?: string;
  badges: string[];
  skills: string[];
  limit: number;
}

function options(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      esco: { type: 'string' },
      onet: { type: 'string' },
      postings: { type: 'string' },
      mapping: { type: 'string' },
      badge: { type: 'string', multiple: true },
      skills: { type: 'string' },
      limit: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const usingOwnInput = Boolean(values.badge?.length || values.skills);
  return {
    esco: values.esco,
    onet: values.onet,
    postings: values.postings ?? join(DATA_DIR, 'postings'),
    mapping: values.mapping,
    badges: values.badge ?? (usingOwnInput ? [] : [join(DATA_DIR, 'badges', 'sample-credly-badge.json')]),
    skills: values.skills ? values.skills.split(',').map((s) => s.trim()).filter(Boolean) : [],
    limit: values.limit ? Number(values.limit) : 10,
  };
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const cfg = config();
  const clock = new Stopwatch();

  await preflight(cfg);
  const db = await openDatabase(cfg.DATABASE_URL);
  clock.lap('database ready (created if missing, migrated)');
  const report = await importTaxonomy(db, { escoDir: opts.esco, onetDir: opts.onet, progress: process.stderr.isTTY });
  await db.destroy();
  clock.lap(`taxonomy imported: ${summariseImport(report)}`);

  const app = await NestFactory.createApplicationContext(AppModule.forRole('worker'), { logger: ['error', 'warn'] });
  try {
    const mapping = opts.mapping ? parseColumnMapping(JSON.parse(await readFile(opts.mapping, 'utf8')), opts.mapping) : undefined;
    const run = await app.get(IngestionService).ingestPath(opts.postings, { mapping });
    for (const f of run.ignored) console.log(`  ignored ${f.path}: ${f.reason}`);
    const runs = app.get(IngestionRunRepository);
    const finished = await waitFor('ingesting files', run.files.length, async () => {
      const r = await runs.find(run.runId);
      return { done: Object.keys(r?.files ?? {}).length, finished: r !== null && r.status !== 'running' };
    });
    const ingested = (await runs.find(run.runId))!;
    clock.lap(`ingested ${run.files.length} file(s) through the queue: ${JSON.stringify(ingested.counts)} → run ${ingested.status}`);
    for (const [file, result] of Object.entries(ingested.files)) if (result.error) console.log(`  failed ${file}: ${result.error}`);
    if (!finished) throw new Error('ingestion did not finish');

    const meta = app.get(MetaService);
    const extractQueue = app.get<Queue>(getQueueToken(QUEUE.extract));
    const total = (await meta.meta()).awaitingExtraction;
    // Postings stored by an older extractor version, or whose job was lost, are swept up too.
    if (total > 0) await extractQueue.add(EXTRACT_JOB.sweep, {}, { ...DEFAULT_JOB_OPTIONS, jobId: jobId('extract-sweep', run.runId) });
    await waitFor('extracting skills', total, async () => {
      const m = await meta.meta();
      const counts = await extractQueue.getJobCounts('waiting', 'active', 'delayed');
      const queued = counts.waiting + counts.active + counts.delayed;
      return { done: total - m.awaitingExtraction, finished: m.awaitingExtraction === 0 || queued === 0 };
    });
    const m = await meta.meta();
    clock.lap(`skills extracted: ${m.postingSkills} posting skills, ${m.awaitingExtraction} posting(s) still awaiting`);

    const badges = await Promise.all(opts.badges.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as unknown));
    const response = await app.get(MatchService).match({ badges, skills: opts.skills, limit: opts.limit });
    clock.lap('matched');
    printProfile(response.profile, opts.badges);
    printMatches(response.results);
    console.log(`\nLoaded: ${JSON.stringify(m)}`);
    clock.print();
  } finally {
    await app.close();
  }
}

function summariseImport(report: unknown): string {
  const r = report as { versions?: Record<string, string | null> };
  return r.versions ? Object.entries(r.versions).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ') : 'done';
}

main().catch(async (error) => {
  const expected = error instanceof ConfigError || error instanceof PreflightError;
  console.error(expected ? error.message : error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

export type { DataSource };

/**
 * `npm run bench:ingest [-- --runs 3 --files N]`
 *
 * Throughput of the whole ingest path on the real postings in `<SHARED_DATA_DIR>/jobs` (49 files, ~51k records):
 * files enqueued on the real `ingest` queue (BullMQ on REDIS_URL, a key prefix of this run's own), consumed by the real
 * `IngestProcessor`: parse, normalise, upsert (PostingRepository), dedupe (CanonicalPostingService), enqueue
 * extraction. Extraction is excluded: its jobs are enqueued but no extract worker runs. Beside it, in the same run, a
 * plain `COPY (SELECT … FROM posting) TO STDOUT` piped into `COPY posting_copy FROM STDIN` (an identical empty table:
 * same columns, defaults, constraints and indexes) over the resulting rows. Figures are medians over the runs; each
 * run starts from empty tables. Works on a throwaway database (`<DATABASE_URL's name>_bench_ingest_<pid>`, dropped at
 * the end). Prints the machine (cores, CPU model, Node version).
 *
 * `--check` prints, after each run and outside the timed part, what the run left behind: posting rows and an MD5 over
 * every stored column but the surrogate ids and the seen/updated times (canonical postings named by source and
 * external id), rejected records, the run's new/updated/unchanged counts and the extraction targets enqueued (by
 * source, external id and content hash), so two versions of the ingest path can be compared on the same input.
 *
 * Units: records/s = source records read per wall-clock second, postings/s = distinct stored postings (one per
 * source and external id) per second, rows/s = COPY rows per second. Goal: ingest postings/s ≥ ⅓ of COPY rows/s.
 */
import 'reflect-metadata';
import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { CoreModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/config.js';
import { SHARED_DATA_DIR } from '../src/config/paths.js';
import { createDataSource, ensureDatabase } from '../src/infra/database/data-source.js';
import { QUEUE } from '../src/infra/queue/queues.js';
import { listPostingFiles } from '../src/ingestion/formats/index.js';
import { IngestProcessor } from '../src/ingestion/ingest.processor.js';
import { IngestionRunRepository } from '../src/ingestion/ingestion-run.repository.js';
import { IngestionService } from '../src/ingestion/ingestion.service.js';

/** The database, the queues and the ingest worker only: no extract or analytics worker, no HTTP, no scheduler. */
@Module({ imports: [CoreModule], providers: [IngestProcessor] })
class IngestBenchModule {}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function cpuModel(): string {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
}

/** The first `n` posting files under `dir`, as a temporary directory of symbolic links in the same order. */
async function subset(dir: string, n: number): Promise<{ path: string; files: number; cleanup: () => Promise<void> }> {
  const { files } = await listPostingFiles(dir);
  if (n >= files.length) return { path: dir, files: files.length, cleanup: async () => {} };
  const tmp = await mkdtemp(join(tmpdir(), 'skillpulse-bench-ingest-'));
  for (const [i, file] of files.slice(0, n).entries()) await symlink(file, join(tmp, `${String(i).padStart(3, '0')}-${file.split('/').pop()}`));
  return { path: tmp, files: n, cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

/** COPY of every `posting` row into an identical empty table, through two connections; returns rows and seconds. */
async function copyPostings(url: string): Promise<{ rows: number; seconds: number }> {
  const source = new pg.Client({ connectionString: url });
  const target = new pg.Client({ connectionString: url });
  await source.connect();
  await target.connect();
  try {
    await target.query(`DROP TABLE IF EXISTS posting_copy`);
    await target.query(`CREATE TABLE posting_copy (LIKE posting INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    const started = performance.now();
    const out = source.query(copyTo(`COPY (SELECT * FROM posting) TO STDOUT`));
    const into = target.query(copyFrom(`COPY posting_copy FROM STDIN`));
    await pipeline(out, into);
    const seconds = (performance.now() - started) / 1000;
    return { rows: Number(into.rowCount), seconds };
  } finally {
    await target.query(`DROP TABLE IF EXISTS posting_copy`).catch(() => undefined);
    await source.end();
    await target.end();
  }
}

/** What a run left behind, independent of surrogate ids and wall-clock times (see `--check` above). */
async function checkRun(db: DataSource, counts: unknown, extractQueue: Queue): Promise<Record<string, unknown>> {
  const [postings] = await db.query(
    `SELECT count(*)::int AS rows, md5(string_agg(t, E'\\n' ORDER BY k)) AS md5 FROM (
       SELECT p.source_id || '|' || p.external_id AS k,
              (to_jsonb(p) - 'id' - 'canonical_id' - 'first_seen_at' - 'last_seen_at' - 'updated_at'
                || jsonb_build_object('canonical', c.source_id || '|' || c.external_id))::text AS t
         FROM posting p LEFT JOIN posting c ON c.id = p.canonical_id) s`,
  );
  const [rejected] = await db.query(
    `SELECT count(*)::int AS rows, md5(string_agg(r, E'\\n' ORDER BY r)) AS md5
       FROM (SELECT concat_ws('|', regexp_replace(source_file, '^.*/', ''), record_index, reason, excerpt) AS r FROM rejected_record) s`,
  );
  const jobs = await extractQueue.getJobs(['wait', 'delayed', 'prioritized']);
  const targets = jobs.flatMap((j) => (j.data.postingIds as string[]).map((id, i) => [id, j.data.contentHashes[i] as string]));
  const [extract] = await db.query(
    `SELECT count(*)::int AS targets, count(DISTINCT (p.id, t.hash))::int AS distinct_targets,
            md5(string_agg(DISTINCT p.source_id || '|' || p.external_id || '|' || t.hash, E'\\n' ORDER BY p.source_id || '|' || p.external_id || '|' || t.hash)) AS md5
       FROM unnest($1::bigint[], $2::text[]) AS t(id, hash) JOIN posting p ON p.id = t.id`,
    [targets.map((t) => t[0]), targets.map((t) => t[1])],
  );
  return { postings, rejected, counts, extractJobs: jobs.length, extract };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, files: { type: 'string' }, check: { type: 'boolean', default: false } } });
  const runs = Math.max(1, Number(values.runs));
  const base = loadConfig();
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/${decodeURIComponent(url.pathname.slice(1)) || 'skillpulse'}_bench_ingest_${process.pid}`;
  const benchUrl = url.toString();
  // The app reads its configuration once, from the environment: point it at the throwaway database and queues.
  process.env.DATABASE_URL = benchUrl;
  process.env.QUEUE_PREFIX = `skillpulse-bench-ingest-${process.pid}`;
  process.env.LOG_LEVEL = 'warn';
  await ensureDatabase(benchUrl);

  const jobsDir = join(SHARED_DATA_DIR, 'jobs');
  const input = await subset(jobsDir, values.files ? Number(values.files) : Infinity);
  const app = await NestFactory.createApplicationContext(IngestBenchModule, { logger: ['error', 'warn'] });
  await app.init();
  const db = app.get(DataSource);
  const queues = Object.values(QUEUE).map((name) => app.get<Queue>(getQueueToken(name)));
  const results: Array<{ records: number; postings: number; seconds: number; copyRows: number; copySeconds: number; alternates: number }> = [];
  try {
    console.log(`Machine: ${cpus().length} cores, ${cpuModel()}, Node ${process.version}`);
    console.log(`Input: ${input.files} file(s) from ${jobsDir}; ${runs} run(s), each from empty tables`);
    console.log('Path timed: files → ingest queue → IngestProcessor (parse, normalise, upsert, dedupe, enqueue extraction); extraction itself excluded\n');
    for (let run = 1; run <= runs; run++) {
      await db.query(`TRUNCATE posting, rejected_record, ingestion_run, source RESTART IDENTITY CASCADE`);
      for (const q of queues) await q.obliterate({ force: true });
      const started = performance.now();
      const { runId } = await app.get(IngestionService).ingestPath(input.path);
      const runsRepo = app.get(IngestionRunRepository);
      // Polls the status alone: reading the whole run (its per-file results) 20 times a second costs the database
      // more than the answer is worth while the ingest is using it.
      for (;;) {
        const [state]: Array<{ status: string }> = await db.query(`SELECT status FROM ingestion_run WHERE id = $1`, [runId]);
        if (state && state.status !== 'running') {
          if (state.status !== 'complete') throw new Error(`Run ${runId} ended ${state.status}: ${JSON.stringify((await runsRepo.find(runId))?.files)}`);
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - started) / 1000;
      const runCounts = (await runsRepo.find(runId))!.counts;
      const records = runCounts.fetched;
      const [counts] = await db.query(
        `SELECT count(*)::int AS postings, count(*) FILTER (WHERE canonical_id IS NOT NULL)::int AS alternates FROM posting`,
      );
      counts.records = records;
      if (values.check) console.log(`run ${run} check: ${JSON.stringify(await checkRun(db, runCounts, app.get<Queue>(getQueueToken(QUEUE.extract))))}`);
      const copy = await copyPostings(benchUrl);
      results.push({ records: counts.records, postings: counts.postings, seconds, copyRows: copy.rows, copySeconds: copy.seconds, alternates: counts.alternates });
      console.log(
        `run ${run}: ${counts.records} records → ${counts.postings} postings (${counts.alternates} alternates of a canonical posting) in ${seconds.toFixed(1)} s` +
          ` = ${(counts.postings / seconds).toFixed(0)} postings/s; COPY ${copy.rows} rows in ${copy.seconds.toFixed(2)} s = ${(copy.rows / copy.seconds).toFixed(0)} rows/s`,
      );
    }
    const ingestRate = median(results.map((r) => r.postings / r.seconds));
    const recordRate = median(results.map((r) => r.records / r.seconds));
    const copyRate = median(results.map((r) => r.copyRows / r.copySeconds));
    console.log(`\nmedian of ${runs}:`);
    console.log(`  whole ingest path  ${recordRate.toFixed(0).padStart(8)} records/s  ${ingestRate.toFixed(0).padStart(8)} postings/s`);
    console.log(`  plain COPY         ${''.padStart(18)}  ${copyRate.toFixed(0).padStart(8)} rows/s`);
    console.log(`  ratio ingest/COPY  ${(ingestRate / copyRate).toFixed(3)} (goal ≥ 0.333)`);
  } finally {
    for (const q of queues) await q.obliterate({ force: true }).catch(() => undefined);
    await app.close();
    await input.cleanup();
    const admin = createDataSource(new URL('/postgres', benchUrl).toString(), { poolSize: 1 });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS "${decodeURIComponent(new URL(benchUrl).pathname.slice(1))}" WITH (FORCE)`);
    await admin.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

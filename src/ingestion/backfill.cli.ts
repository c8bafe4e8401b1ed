/**
 * `npm run backfill [-- --batch 500 --from-id N] [--no-sweep]`
 *
 * Creates and migrates the database named by DATABASE_URL if needed, then re-derives every stored posting from its
 * raw record and re-normalises it (src/ingestion/backfill.service.ts), in batches of `--batch` postings (default
 * 500), resuming after the last committed batch of an unfinished run unless `--from-id` says where to start.
 * Progress goes to stderr (a bar on a terminal, a line per batch otherwise). Afterwards it enqueues one extract
 * sweep (unless `--no-sweep`), so running workers re-extract the postings whose text changed and those another
 * extractor or taxonomy version extracted. Prints the counts. Exit code 1 on failure.
 */
import { Queue } from 'bullmq';
import cliProgress from 'cli-progress';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { config } from '../config/config.js';
import { openDatabase } from '../infra/database/data-source.js';
import { DEFAULT_JOB_OPTIONS, EXTRACT_JOB, jobId, QUEUE } from '../infra/queue/queues.js';
import { redisConnection } from '../infra/queue/redis-connection.js';
import { backfillPostings, type BackfillCounts } from './backfill.service.js';

export function formatCounts(c: BackfillCounts): string {
  return `scanned ${c.scanned}, re-derived from raw ${c.rederived}, re-normalised only ${c.renormalized}, unreadable ${c.unreadable}, ` +
    `changed ${c.changed} (text changed ${c.contentChanged})`;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { batch: { type: 'string' }, 'from-id': { type: 'string' }, 'no-sweep': { type: 'boolean' } },
    strict: true,
  });
  const batchSize = values.batch === undefined ? 500 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5_000) throw new Error('--batch must be an integer from 1 to 5000');
  if (values['from-id'] !== undefined && !/^\d+$/.test(values['from-id'])) throw new Error('--from-id must be a posting id (digits)');

  const db = await openDatabase(config().DATABASE_URL, { poolSize: 2 });
  const tty = process.stderr.isTTY;
  const bar = tty ? new cliProgress.SingleBar({ stream: process.stderr, format: 'backfill [{bar}] {value}/{total} postings | last id {lastId} | changed {changed}' }, cliProgress.Presets.shades_classic) : null;
  let started = false;
  try {
    const result = await backfillPostings(db, {
      batchSize,
      fromId: values['from-id'],
      onProgress: ({ counts, lastId, remaining }) => {
        if (bar) {
          if (!started) bar.start(counts.scanned + remaining, 0, { lastId, changed: 0 });
          started = true;
          bar.setTotal(counts.scanned + remaining);
          bar.update(counts.scanned, { lastId, changed: counts.changed });
        } else {
          process.stderr.write(`backfill: up to id ${lastId}: ${formatCounts(counts)}; ${remaining} left\n`);
        }
      },
    });
    bar?.stop();
    process.stdout.write(`${result.resumed ? `resumed after id ${result.startedAfterId}; ` : ''}${formatCounts(result.counts)}\n`);
    process.stdout.write(`${result.awaitingExtraction} posting(s) await extraction\n`);
    if (result.awaitingExtraction > 0 && !values['no-sweep']) {
      const queue = new Queue(QUEUE.extract, { connection: redisConnection(config().REDIS_URL), prefix: config().QUEUE_PREFIX });
      try {
        await queue.add(EXTRACT_JOB.sweep, {}, { ...DEFAULT_JOB_OPTIONS, jobId: jobId('extract-sweep-backfill', Date.now()) });
        process.stdout.write('extract sweep queued: running workers re-extract them\n');
      } finally {
        await queue.close();
      }
    }
  } finally {
    bar?.stop();
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

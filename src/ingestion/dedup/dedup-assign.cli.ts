/**
 * `node dist/src/ingestion/dedup/dedup-assign.cli.js` (after `npm run build`)
 *
 * Creates and migrates the database named by DATABASE_URL if needed, assigns the canonical posting of every posting
 * whose fingerprint is missing or stale (postings stored before deduplication existed, or changed by hand), then
 * rebuilds the demand aggregates so they count canonical postings only. Idempotent. Prints counts and the time taken.
 */
import { pathToFileURL } from 'node:url';
import { config } from '../../config/config.js';
import { openDatabase } from '../../infra/database/data-source.js';
import { DemandAggregateRepository } from '../../trends/demand-aggregate.repository.js';
import { CanonicalPostingService } from './canonical-posting.service.js';

export async function main(): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(config().DATABASE_URL, { poolSize: 2 });
  try {
    const r = await new CanonicalPostingService(db).assignStale();
    const [counts] = await db.query(
      `SELECT count(*)::int AS postings, count(*) FILTER (WHERE canonical_id IS NOT NULL)::int AS alternates FROM posting`,
    );
    console.log(`canonical postings: ${counts.postings - counts.alternates} of ${counts.postings} (${counts.alternates} alternates); ${r.reassigned.length} reassigned`);
    const d = await new DemandAggregateRepository(db).rebuild();
    console.log(`demand aggregates: ${d.postings} posting(s) counted; ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

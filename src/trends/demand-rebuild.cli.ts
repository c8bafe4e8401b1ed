/**
 * `node dist/src/trends/demand-rebuild.cli.js` (after `npm run build`)
 *
 * Creates and migrates the database named by DATABASE_URL if needed, then recomputes every demand aggregate from
 * `posting` and `posting_skill` in one transaction (the full-rebuild path for data that predates the analytics queue;
 * a running worker also enqueues one by itself when it finds the aggregates empty). Prints counts and the time taken.
 */
import { pathToFileURL } from 'node:url';
import { config } from '../config/config.js';
import { openDatabase } from '../infra/database/data-source.js';
import { DemandAggregateRepository } from './demand-aggregate.repository.js';

export async function main(): Promise<void> {
  const db = await openDatabase(config().DATABASE_URL, { poolSize: 2 });
  try {
    const r = await new DemandAggregateRepository(db).rebuild();
    console.log(`demand aggregates: ${r.postings} posting(s), ${r.totalRows} total row(s), ${r.skillRows} skill row(s) in ${(r.ms / 1000).toFixed(2)} s`);
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

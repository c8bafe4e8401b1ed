/**
 * `npm run bench:api`: p50/p95 latency of the API's heavy endpoints on whatever is loaded in DATABASE_URL
 * (load the real data first with `npm run demo -- --esco … --onet … --postings ../shared/data/jobs`).
 * Starts the app in role `api` on a free port, warms each endpoint once, then sends ROUNDS requests per case,
 * CONCURRENCY at a time, to 127.0.0.1 only. Prints one line per case and the counts it ran on.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../src/app.module.js';
import { configureHttp } from '../src/main.js';
import { BENCH_CASES } from './api.cases.js';

const ROUNDS = Number(process.argv[2] ?? 40);
const CONCURRENCY = 4;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole('api'), { logger: ['error'] });
  configureHttp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  try {
    const meta = await (await fetch(`${base}/v1/meta`)).json();
    console.log(`Counts: ${JSON.stringify(meta)}`);
    console.log(`${ROUNDS} requests per case, ${CONCURRENCY} at a time\n`);
    console.log(`${'case'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  status`);
    for (const c of BENCH_CASES) {
      const send = async () => {
        const started = performance.now();
        const res = await fetch(`${base}${c.path}`, {
          method: c.body ? 'POST' : 'GET',
          headers: { 'content-type': 'application/json', accept: c.accept ?? 'application/json' },
          body: c.body ? JSON.stringify(c.body) : undefined,
        });
        await res.arrayBuffer();
        return { ms: performance.now() - started, status: res.status };
      };
      await send(); // warm caches (extractor, posting index)
      const times: number[] = [];
      const statuses = new Set<number>();
      for (let i = 0; i < ROUNDS; i += CONCURRENCY) {
        const batch = await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ROUNDS - i) }, send));
        for (const r of batch) {
          times.push(r.ms);
          statuses.add(r.status);
        }
      }
      times.sort((a, b) => a - b);
      console.log(
        `${c.name.padEnd(44)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${times[times.length - 1].toFixed(1).padStart(8)}  ${[...statuses].join(',')}`,
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

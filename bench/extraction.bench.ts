/**
 * `npm run bench:extraction [-- RUNS]` (default 5; run under `node --expose-gc` for the memory figure).
 *
 * Throughput of skill extraction over the real postings in `<SHARED_DATA_DIR>/jobs` (description texts read with the
 * ingestion parsers; title-only postings left out; identical texts counted once), with the full taxonomy from
 * DATABASE_URL (ESCO + O*NET + our curated layer) compiled in. Each run times one pass of `extract` over every
 * text and, in the same run, one plain regex tokenisation pass (`/[\p{L}\p{N}]+/gu`) over the same texts; figures
 * are medians over the runs. One thread, so postings per second is per core. MB = 10^6 bytes of UTF-8 text.
 * Prints the machine (CPU model, cores, Node version), compile time and the extractor's heap (delta after compile).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { config } from '../src/config/config.js';
import { SHARED_DATA_DIR } from '../src/config/paths.js';
import { DEFAULT_MIN_CONFIDENCE, SkillExtractor } from '../src/extraction/extractor.js';
import { loadTaxonomyAliases, TAXONOMY_HINT } from '../src/evaluation/taxonomy-source.js';
import { createDataSource } from '../src/infra/database/data-source.js';
import { listPostingFiles, parsePostingFile } from '../src/ingestion/formats/index.js';

const RUNS = Math.max(5, Number(process.argv[2] ?? 5));
const WORD = /[\p{L}\p{N}]+/gu;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return match?.[1] ?? cpus()[0]?.model ?? 'unknown';
}

async function loadTexts(): Promise<{ texts: string[]; postings: number; withText: number }> {
  const { files } = await listPostingFiles(join(SHARED_DATA_DIR, 'jobs'));
  const texts = new Set<string>();
  let postings = 0;
  let withText = 0;
  for (const file of files) {
    for await (const record of parsePostingFile(file)) {
      if (record.kind !== 'posting') continue;
      postings += 1;
      if (!record.posting.descriptionText) continue;
      withText += 1;
      texts.add(record.posting.descriptionText);
    }
  }
  return { texts: [...texts], postings, withText };
}

async function main(): Promise<void> {
  const db = createDataSource(config().DATABASE_URL, { poolSize: 1 });
  await db.initialize().catch((error: Error) => {
    throw new Error(`Cannot open ${config().DATABASE_URL}: ${error.message}. ${TAXONOMY_HINT}`);
  });
  const taxonomy = await loadTaxonomyAliases(db).finally(() => db.destroy());
  const { texts, postings, withText } = await loadTexts();
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

  const before = heapUsed();
  const t0 = performance.now();
  const extractor = SkillExtractor.compile(taxonomy.aliases);
  const compileMs = performance.now() - t0;
  const extractorBytes = heapUsed() - before;

  console.log(`Machine: ${cpuModel()}, ${cpus().length} cores, Node ${process.version}${gc ? '' : ' (no --expose-gc: memory figure is rough)'}`);
  console.log(`Taxonomy: ${Object.entries(taxonomy.versions).map(([k, v]) => `${k} ${v}`).join(', ')}; ${taxonomy.aliases.length} aliases -> ${extractor.size} variants`);
  console.log(`Compile: ${compileMs.toFixed(0)} ms; extractor heap ${(extractorBytes / 2 ** 20).toFixed(1)} MiB (heapUsed delta after compile, after GC)`);
  console.log(`Corpus: ${postings} postings parsed, ${withText} with description text, ${texts.length} distinct texts, ${(bytes / 1e6).toFixed(2)} MB UTF-8 (mean ${(bytes / texts.length / 1000).toFixed(1)} kB)`);

  // Warm-up pass (JIT, lazily built tables) before the timed runs.
  for (const text of texts.slice(0, 2000)) extractor.extract(text);
  const extractMs: number[] = [];
  const tokenMs: number[] = [];
  let skills = 0;
  let words = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    skills = 0;
    for (const text of texts) skills += extractor.extract(text, { minConfidence: DEFAULT_MIN_CONFIDENCE }).length;
    extractMs.push(performance.now() - t);
    t = performance.now();
    words = 0;
    for (const text of texts) for (const _ of text.matchAll(WORD)) words += 1;
    tokenMs.push(performance.now() - t);
    console.log(`run ${run + 1}: extract ${extractMs[run].toFixed(0)} ms, tokenise ${tokenMs[run].toFixed(0)} ms`);
  }
  const rate = (ms: number) => ({ postings: texts.length / (ms / 1000), mb: bytes / 1e6 / (ms / 1000) });
  const ex = rate(median(extractMs));
  const tok = rate(median(tokenMs));
  console.log(`\nMedian of ${RUNS} runs (${skills} skills extracted, ${words} regex tokens per pass):`);
  console.log('| pass | median ms | postings/s | MB/s |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| extract (full taxonomy) | ${median(extractMs).toFixed(0)} | ${ex.postings.toFixed(0)} | ${ex.mb.toFixed(2)} |`);
  console.log(`| regex tokenisation /[\\p{L}\\p{N}]+/gu | ${median(tokenMs).toFixed(0)} | ${tok.postings.toFixed(0)} | ${tok.mb.toFixed(2)} |`);
  console.log(`Ratio extract / tokenise throughput: ${(ex.postings / tok.postings).toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(`bench:extraction failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

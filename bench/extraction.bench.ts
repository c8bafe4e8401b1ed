/**
 * `npm run bench:extraction [-- RUNS]` (default 5; run under `node --expose-gc` for the memory figure).
 *
 * Throughput of skill extraction over the real postings in `<SHARED_DATA_DIR>/jobs` (description texts read with the
 * ingestion parsers; title-only postings left out; identical texts counted once), with the full taxonomy from
 * DATABASE_URL (ESCO + O*NET + our curated layer) compiled in. Each run times one pass of `extract` over every
 * text and, in the same run, one plain regex tokenisation pass (`/[\p{L}\p{N}]+/gu`) over the same texts; figures
 * are medians over the runs. One thread, so postings per second is per core. MB = 10^6 bytes of UTF-8 text.
 * Beside wall-clock time, each pass's process CPU time (user + system, `process.cpuUsage`) is shown: on a machine
 * shared with other work the wall clock also counts time the process waited for a core, CPU time does not (it does
 * count V8's GC helper threads). Prints the machine (CPU model, cores, Node version), compile time and the extractor's
 * memory: JS heap delta after compile, plus the typed-array buffers it holds outside the heap (the trie tables).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DEFAULT_MIN_CONFIDENCE, SkillExtractor } from '../src/extraction/extractor.js';
import { loadBenchTaxonomy, loadPostingCorpus } from './extraction-corpus.js';

const RUNS = Math.max(5, Number(process.argv[2] ?? 5));
const WORD = /[\p{L}\p{N}]+/gu;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gc = (globalThis as { gc?: () => void }).gc;
/** JS heap and ArrayBuffer bytes in use, after a full GC when `--expose-gc` allows. */
const memoryUsed = () => {
  gc?.();
  gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
};
/** CPU milliseconds (user + system) of this process since `since`. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return match?.[1] ?? cpus()[0]?.model ?? 'unknown';
}

async function main(): Promise<void> {
  const taxonomy = await loadBenchTaxonomy();
  const { texts, postings, withText } = await loadPostingCorpus();
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

  const before = memoryUsed();
  const t0 = performance.now();
  const extractor = SkillExtractor.compile(taxonomy.aliases);
  const compileMs = performance.now() - t0;
  const after = memoryUsed();
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

  console.log(`Machine: ${cpuModel()}, ${cpus().length} cores, Node ${process.version}${gc ? '' : ' (no --expose-gc: memory figure is rough)'}`);
  console.log(`Taxonomy: ${Object.entries(taxonomy.versions).map(([k, v]) => `${k} ${v}`).join(', ')}; ${taxonomy.aliases.length} aliases -> ${extractor.size} variants`);
  console.log(`Compile: ${compileMs.toFixed(0)} ms; extractor memory ${mib(after.heapUsed - before.heapUsed)} MiB JS heap + `
    + `${mib(after.arrayBuffers - before.arrayBuffers)} MiB typed-array buffers (deltas after compile, after GC)`);
  console.log(`Corpus: ${postings} postings parsed, ${withText} with description text, ${texts.length} distinct texts, ${(bytes / 1e6).toFixed(2)} MB UTF-8 (mean ${(bytes / texts.length / 1000).toFixed(1)} kB)`);

  // Warm-up pass (JIT, lazily built tables) before the timed runs.
  for (const text of texts.slice(0, 2000)) extractor.extract(text);
  const warm = memoryUsed();
  console.log(`Per-token caches after the warm-up pass over 2000 texts: +${mib(warm.heapUsed - after.heapUsed)} MiB JS heap, `
    + `+${mib(warm.arrayBuffers - after.arrayBuffers)} MiB typed-array buffers`);
  const extractMs: number[] = [];
  const tokenMs: number[] = [];
  const extractCpu: number[] = [];
  const tokenCpu: number[] = [];
  let skills = 0;
  let words = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    let c = process.cpuUsage();
    skills = 0;
    for (const text of texts) skills += extractor.extract(text, { minConfidence: DEFAULT_MIN_CONFIDENCE }).length;
    extractMs.push(performance.now() - t);
    extractCpu.push(cpuMs(c));
    t = performance.now();
    c = process.cpuUsage();
    words = 0;
    for (const text of texts) for (const _ of text.matchAll(WORD)) words += 1;
    tokenMs.push(performance.now() - t);
    tokenCpu.push(cpuMs(c));
    console.log(`run ${run + 1}: extract ${extractMs[run].toFixed(0)} ms (CPU ${extractCpu[run].toFixed(0)} ms), `
      + `tokenise ${tokenMs[run].toFixed(0)} ms (CPU ${tokenCpu[run].toFixed(0)} ms)`);
  }
  const rate = (ms: number) => ({ postings: texts.length / (ms / 1000), mb: bytes / 1e6 / (ms / 1000) });
  const row = (name: string, wall: number[], cpu: number[]) => {
    const w = rate(median(wall));
    const c = rate(median(cpu));
    return `| ${name} | ${median(wall).toFixed(0)} | ${w.postings.toFixed(0)} | ${w.mb.toFixed(2)} | ${median(cpu).toFixed(0)} | ${c.postings.toFixed(0)} |`;
  };
  console.log(`\nMedian of ${RUNS} runs (${skills} skills extracted, ${words} regex tokens per pass):`);
  console.log('| pass | median ms | postings/s | MB/s | median CPU ms | postings per CPU s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(row('extract (full taxonomy)', extractMs, extractCpu));
  console.log(row('regex tokenisation /[\\p{L}\\p{N}]+/gu', tokenMs, tokenCpu));
  console.log(`Ratio extract / tokenise throughput: ${(median(tokenMs) / median(extractMs)).toFixed(3)} `
    + `(by CPU time: ${(median(tokenCpu) / median(extractCpu)).toFixed(3)})`);
}

main().catch((error: unknown) => {
  console.error(`bench:extraction failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

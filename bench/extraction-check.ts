/**
 * `node dist/bench/extraction-check.js --write FILE | --against FILE [--show N]` (build first: `npm run build`).
 *
 * Guards speed work on the extractor: runs `SkillExtractor.extract` over every real posting text of the benchmark
 * corpus (extraction-corpus.ts: `<SHARED_DATA_DIR>/jobs`, taxonomy from DATABASE_URL), once with the default
 * options and once with `minConfidence: 0` (which exposes the weak mentions too), and writes every result as one
 * JSON line per text, plus a SHA-256 digest of all lines. `--against` compares with a file written before the
 * change: it prints the digest, the number of texts whose results differ and the first N differences (default 3),
 * and exits 1 when any differ. A speed change must leave the file identical; a quality change is expected to
 * move it, so compare against a file written from the same non-speed code.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SkillExtractor } from '../src/extraction/extractor.js';
import { loadBenchTaxonomy, loadPostingCorpus } from './extraction-corpus.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { write: { type: 'string' }, against: { type: 'string' }, show: { type: 'string', default: '3' } },
    strict: true,
  });
  if ((values.write === undefined) === (values.against === undefined)) throw new Error('give exactly one of --write FILE or --against FILE');
  const taxonomy = await loadBenchTaxonomy();
  const { texts } = await loadPostingCorpus();
  const extractor = SkillExtractor.compile(taxonomy.aliases);
  const lines: string[] = [];
  const hash = createHash('sha256');
  for (let i = 0; i < texts.length; i++) {
    const line = JSON.stringify({
      i, chars: texts[i].length, default: extractor.extract(texts[i]), all: extractor.extract(texts[i], { minConfidence: 0 }),
    });
    lines.push(line);
    hash.update(line).update('\n');
  }
  const digest = hash.digest('hex');
  console.log(`${texts.length} texts, ${extractor.size} alias variants; digest sha256:${digest}`);
  if (values.write !== undefined) {
    writeFileSync(values.write, `${lines.join('\n')}\n`);
    console.log(`wrote ${values.write}`);
    return;
  }
  const before = readFileSync(values.against!, 'utf8').split('\n').filter((l) => l.length > 0);
  if (before.length !== lines.length) console.log(`text count differs: ${before.length} before, ${lines.length} now`);
  const show = Number(values.show);
  let differ = 0;
  for (let i = 0; i < Math.max(before.length, lines.length); i++) {
    if (before[i] === lines[i]) continue;
    if (differ++ < show) console.log(`--- text ${i} before\n${before[i]?.slice(0, 2000)}\n+++ text ${i} now\n${lines[i]?.slice(0, 2000)}`);
  }
  console.log(differ === 0 ? 'IDENTICAL to the saved results' : `${differ} texts differ from the saved results`);
  if (differ > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`extraction-check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

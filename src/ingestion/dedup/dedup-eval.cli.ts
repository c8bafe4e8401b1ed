/**
 * `npm run eval:dedup [-- --seed 20261129 --jobs DIR]`
 *
 * Measures deduplication (`sameOpening`, src/ingestion/dedup/same-opening.ts) on a labelled set of pairs built at run
 * time from the real postings in `<SHARED_DATA_DIR>/jobs` (read in place; see labelled-pairs.ts for the kinds):
 * tunes the similarity threshold on the dev half (best F1) and reports the test half at that threshold and at the
 * default the code uses. Prints counts of each kind, per-kind merge shares and overall precision/recall/F1
 * (fractions 0..1). Writes nothing; needs no database. Exit code 1 on failure.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SHARED_DATA_DIR } from '../../config/paths.js';
import { listPostingFiles, parsePostingFile } from '../formats/index.js';
import type { NormalizedPosting } from '../posting.types.js';
import { type KindScore, score, scoreByKind, type Scores, tuneThreshold } from './dedup-eval.js';
import { buildLabelledPairs } from './labelled-pairs.js';
import { DEFAULT_SIMILARITY_THRESHOLD } from './same-opening.js';

/** Every posting of the files under `dir`, last record per (source, external id) winning, in file order. */
export async function readPostings(dir: string, maxFiles = Infinity): Promise<{ postings: NormalizedPosting[]; files: number; boardCsvOverlap: number }> {
  const { files } = await listPostingFiles(dir);
  const byKey = new Map<string, NormalizedPosting>();
  const origin = new Map<string, Set<string>>();
  for (const file of files.slice(0, maxFiles)) {
    for await (const record of parsePostingFile(file)) {
      if (record.kind !== 'posting') continue;
      const p = record.posting;
      delete p.raw;
      const key = `${p.sourceKey}\u0000${p.externalId}`;
      byKey.set(key, p);
      if (p.sourceKind === 'greenhouse') (origin.get(key) ?? origin.set(key, new Set()).get(key)!).add(file.endsWith('.csv') ? 'csv' : 'board');
    }
  }
  const boardCsvOverlap = [...origin.values()].filter((s) => s.size === 2).length;
  return { postings: [...byKey.values()], files: Math.min(files.length, maxFiles), boardCsvOverlap };
}

const pct = (x: number) => x.toFixed(3);
const line = (label: string, s: Scores) =>
  `${label.padEnd(34)} ${String(s.positives).padStart(6)} ${String(s.negatives).padStart(6)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(7)} ${pct(s.f1).padStart(6)}   TP ${s.truePositives}, FP ${s.falsePositives}, FN ${s.falseNegatives}`;

function kindTable(dev: KindScore[], test: KindScore[]): string[] {
  const rows = [`${'kind'.padEnd(24)} ${'label'.padEnd(9)} ${'dev n'.padStart(6)} ${'merged'.padStart(7)} ${'test n'.padStart(7)} ${'merged'.padStart(7)}  (positives: recall; negatives: false-merge rate)`];
  for (const d of dev) {
    const t = test.find((k) => k.kind === d.kind) ?? { pairs: 0, mergedShare: 0 };
    rows.push(`${d.kind.padEnd(24)} ${(d.same ? 'same' : 'different').padEnd(9)} ${String(d.pairs).padStart(6)} ${pct(d.mergedShare).padStart(7)} ${String(t.pairs).padStart(7)} ${pct(t.mergedShare).padStart(7)}`);
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string', default: '20261129' }, jobs: { type: 'string', default: join(SHARED_DATA_DIR, 'jobs') } } });
  const seed = Number(values.seed);
  const started = Date.now();
  const { postings, files, boardCsvOverlap } = await readPostings(values.jobs!);
  const { pairs, excluded } = buildLabelledPairs(postings, seed);
  const dev = pairs.filter((p) => p.split === 'dev');
  const test = pairs.filter((p) => p.split === 'test');
  const candidates = Array.from({ length: 17 }, (_, i) => Math.round((0.15 + i * 0.05) * 100) / 100);
  const tuned = tuneThreshold(dev, candidates);

  const out: string[] = [];
  out.push(`Deduplication evaluation: ${postings.length} unique postings from ${files} files in ${values.jobs} (seed ${seed})`);
  out.push(`Greenhouse jobs in both a board file and the flat CSV: ${boardCsvOverlap} (same source and id: merged by the upsert key, not dedup pairs)`);
  out.push(`Labelled pairs: ${pairs.length} (dev ${dev.length}, test ${test.length}); left out: ${Object.entries(excluded).map(([k, v]) => `${v} ${k}`).join('; ') || 'none'}`);
  out.push('');
  out.push(...kindTable(scoreByKind(dev, tuned.threshold), scoreByKind(test, tuned.threshold)));
  out.push('');
  out.push(`Threshold sweep on dev (estimated Jaccard of word 3-shingles): ${tuned.sweep.map((s) => `${s.threshold}→F1 ${s.scores.f1.toFixed(4)}`).join(', ')}`);
  out.push('');
  out.push(`${''.padEnd(34)} ${'pos'.padStart(6)} ${'neg'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)}`);
  out.push(line(`dev, tuned threshold ${tuned.threshold}`, tuned.scores));
  out.push(line(`test, tuned threshold ${tuned.threshold}`, score(test, tuned.threshold)));
  out.push(line(`test, code default ${DEFAULT_SIMILARITY_THRESHOLD}`, score(test, DEFAULT_SIMILARITY_THRESHOLD)));
  out.push('');
  out.push(`${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(out.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/**
 * `npm run eval:extraction [-- --min-confidence 0.5 --seed 4 --no-non-tech]`
 *
 * Compiles the extractor from the taxonomy in DATABASE_URL (it must hold the ESCO + O*NET import; the message says
 * how to load one when it does not), then scores it on the labelled sets in `<SHARED_DATA_DIR>/eval`
 * (SOURCES.md §6): SkillSpan dev/test spans, Decorte et al.'s ESCO benchmark (TECH, HOUSE validation/test, TECHWOLF
 * test), Green et al.'s test set and Sayfullina et al.'s soft skills. Prints one markdown table and writes
 * `reports/extraction-eval.md`, `reports/extraction-errors-test.md` (SkillSpan test false positives/negatives) and
 * `reports/non-tech-sample.md` (top 50 skills of the Chronicle and LinkedIn postings, 100 seeded mentions to judge).
 * Read-only on the database. Exit code 1 on failure.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { config } from '../config/config.js';
import { REPO_ROOT, SHARED_DATA_DIR } from '../config/paths.js';
import { SkillExtractor } from '../extraction/extractor.js';
import { createDataSource } from '../infra/database/data-source.js';
import { parsePostingFile } from '../ingestion/formats/index.js';
import { nonTechReport, rankingTable, softSkillTable, spanErrorReport, spanTable, type RankingRow, type SpanRow } from './eval-report.js';
import { readDecorteCsv, readGreenConll, readSayfullina, readSkillSpan } from './eval-sets.js';
import { evaluateRanking, evaluateSoftSkills, evaluateSpans, type Extract } from './extraction-eval.js';
import { mentionsOf, sample, topSkills, type Mention } from './mentions.js';
import { loadTaxonomyAliases, readEscoLabelUris, TAXONOMY_HINT } from './taxonomy-source.js';

const EVAL_DIR = join(SHARED_DATA_DIR, 'eval');
const ESCO_DIR = join(SHARED_DATA_DIR, 'esco', 'v1.1.1');
const REPORTS_DIR = join(REPO_ROOT, 'reports');
const NON_TECH_DIRS = { chronicle: join(SHARED_DATA_DIR, 'jobs', 'chronicle_higher_ed'), linkedin: join(SHARED_DATA_DIR, 'jobs', 'linkedin_kaggle_sample') };

/** Opens DATABASE_URL without migrating it (the evaluation only reads). */
async function connect(url: string): Promise<DataSource> {
  const db = createDataSource(url, { poolSize: 2 });
  try {
    await db.initialize();
  } catch (error) {
    throw new Error(`Cannot open ${url}: ${(error as Error).message}. ${TAXONOMY_HINT}`);
  }
  return db;
}

const read = (...parts: string[]) => readFile(join(EVAL_DIR, ...parts), 'utf8');

/** Postings with text from the non-tech sources, deduplicated by source and external id (weekly files repeat ads). */
async function nonTechMentions(extract: Extract): Promise<{ postings: Record<string, number>; mentions: Mention[] }> {
  const postings: Record<string, number> = {};
  const mentions: Mention[] = [];
  for (const [source, dir] of Object.entries(NON_TECH_DIRS)) {
    const seen = new Set<string>();
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
      for await (const record of parsePostingFile(join(dir, file))) {
        if (record.kind !== 'posting' || !record.posting.descriptionText) continue;
        const { sourceKey, externalId, descriptionText } = record.posting;
        if (seen.has(`${sourceKey}\u0000${externalId}`)) continue;
        seen.add(`${sourceKey}\u0000${externalId}`);
        mentions.push(...mentionsOf(source, externalId, descriptionText, extract(descriptionText)));
      }
    }
    postings[source] = seen.size;
  }
  return { postings, mentions };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'min-confidence': { type: 'string' }, seed: { type: 'string', default: '4' }, 'no-non-tech': { type: 'boolean', default: false } },
    strict: true,
  });
  const minConfidence = values['min-confidence'] !== undefined ? Number(values['min-confidence']) : config().EXTRACT_MIN_CONFIDENCE;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new Error(`--min-confidence must be a number in [0, 1], got ${values['min-confidence']}`);
  const seed = Number(values.seed);
  const started = Date.now();

  const db = await connect(config().DATABASE_URL);
  const taxonomy = await loadTaxonomyAliases(db).finally(() => db.destroy());
  const extractor = SkillExtractor.compile(taxonomy.aliases);
  const extract: Extract = (text) => extractor.extract(text, { minConfidence });
  const escoUriOfLabel = await readEscoLabelUris(ESCO_DIR);
  const keyOf = (skillId: string) => taxonomy.escoUriOf.get(skillId) ?? null;
  const goldKeyOf = (label: string) => escoUriOfLabel.get(label) ?? null;

  const skillspan = { dev: readSkillSpan(await read('skillspan', 'skillspan_dev.jsonl')), test: readSkillSpan(await read('skillspan', 'skillspan_test.jsonl')) };
  const spanRows: SpanRow[] = [
    { set: 'SkillSpan', split: 'dev', result: evaluateSpans(skillspan.dev, extract) },
    { set: 'SkillSpan', split: 'test', result: evaluateSpans(skillspan.test, extract) },
    ...(['tech', 'house'] as const).map((source) => ({
      set: `SkillSpan (${source} only)`, split: 'test', result: evaluateSpans(skillspan.test.filter((s) => s.source === source), extract),
    })),
    { set: 'Green et al.', split: 'test', result: evaluateSpans(readGreenConll(await read('green_lrec2022', 'testset.conll.txt')), extract) },
  ];
  const rankingRows: RankingRow[] = [];
  for (const [set, file, split] of [
    ['TECH', 'tech_validation', 'validation'], ['HOUSE', 'house_validation', 'validation'],
    ['TECH', 'tech_test', 'test'], ['HOUSE', 'house_test', 'test'], ['TECHWOLF', 'techwolf_test', 'test'],
  ] as const) {
    const sentences = readDecorteCsv(await read('decorte_esco_benchmark', `${file}_annotations.csv`));
    rankingRows.push({ set, split, result: evaluateRanking(sentences, extract, keyOf, goldKeyOf) });
  }
  const soft = evaluateSoftSkills(readSayfullina(await read('sayfullina_softskills', 'job_test.csv')), extract);

  const header = [
    `Taxonomy: ${Object.entries(taxonomy.versions).map(([k, v]) => `${k} ${v}`).join(', ')}; ${taxonomy.aliases.length} aliases, ` +
      `${extractor.size} variants compiled in ${extractor.stats.compileMs} ms; minimum confidence ${minConfidence}.`,
    `Tune on dev/validation; report test. Figures are fractions; span figures are micro-averaged over sentences; RP@5 and MRR are means over sentences with ≥1 ESCO label.`,
  ].join('\n');
  const table = [
    '### Spans (SkillSpan: gold = skill ∪ knowledge spans; Green et al.: Skill spans)', '', spanTable(spanRows), '',
    '### ESCO benchmark (Decorte et al.; our skills ranked by confidence, then position, joined to gold labels by ESCO URI)', '', rankingTable(rankingRows), '',
    '### Soft skills (Sayfullina et al.; positive = an extracted span covers the candidate phrase put back into its lemmatised context)', '', softSkillTable(soft),
  ].join('\n');
  process.stdout.write(`${header}\n\n${table}\n`);

  await mkdir(REPORTS_DIR, { recursive: true });
  await writeFile(join(REPORTS_DIR, 'extraction-eval.md'), `# Extraction evaluation\n\n${new Date().toISOString()}\n\n${header}\n\n${table}\n`);
  await writeFile(join(REPORTS_DIR, 'extraction-errors-test.md'), spanErrorReport('SkillSpan test: extraction errors', spanRows[1].result));
  const written = ['reports/extraction-eval.md', 'reports/extraction-errors-test.md'];

  if (!values['no-non-tech']) {
    const { postings, mentions } = await nonTechMentions(extract);
    const top = topSkills(mentions, 50);
    const picked = sample(mentions, 100, seed);
    await writeFile(join(REPORTS_DIR, 'non-tech-sample.md'), nonTechReport({ postings, top, sample: picked, totalMentions: mentions.length, seed, minConfidence }));
    written.push('reports/non-tech-sample.md');
    process.stdout.write(`\nNon-tech postings: ${JSON.stringify(postings)}, ${mentions.length} mentions; top 10: ` +
      `${top.slice(0, 10).map((s) => `${s.label} (${s.postings})`).join(', ')}\n`);
  }
  process.stdout.write(`\nWrote ${written.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`eval:extraction failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

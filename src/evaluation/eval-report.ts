/**
 * Markdown for the evaluation: the results table, the SkillSpan error listing and the non-tech reading sheet.
 * Figures are fractions in [0, 1] printed with three decimals. Pure.
 */
import type { RankingEvaluation, SoftSkillEvaluation, SpanEvaluation } from './extraction-eval.js';
import type { Mention, SkillFrequency } from './mentions.js';

const f3 = (x: number) => x.toFixed(3);
/** Escapes text for a markdown table cell. */
export const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export interface SpanRow {
  set: string;
  split: string;
  result: SpanEvaluation;
}
export interface RankingRow {
  set: string;
  split: string;
  result: RankingEvaluation;
}

export function spanTable(rows: readonly SpanRow[]): string {
  const lines = [
    '| set | split | sentences | gold spans | predicted spans | strict P | strict R | strict F1 | partial P | partial R | partial F1 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { set, split, result: r } of rows) {
    lines.push(
      `| ${set} | ${split} | ${r.sentences} | ${r.partial.gold} | ${r.partial.predicted} | ${f3(r.strict.precision)} | ${f3(r.strict.recall)} | ` +
        `${f3(r.strict.f1)} | ${f3(r.partial.precision)} | ${f3(r.partial.recall)} | ${f3(r.partial.f1)} |`,
    );
  }
  return lines.join('\n');
}

export function rankingTable(rows: readonly RankingRow[]): string {
  const lines = [
    '| set | split | sentences with ≥1 ESCO label | RP@5 | MRR | precision of returned | ESCO skills returned | of them right | sentences with none returned | non-ESCO skills returned (not ranked) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { set, split, result: r } of rows) {
    lines.push(
      `| ${set} | ${split} | ${r.sentences} | ${f3(r.rp5)} | ${f3(r.mrr)} | ${f3(r.precision)} | ${r.returned} | ${r.returnedRight} | ${r.emptySentences} | ${r.unmapped} |`,
    );
  }
  return lines.join('\n');
}

export function softSkillTable(r: SoftSkillEvaluation): string {
  return [
    '| set | split | rows | skipped (mask not found) | TP | FP | FN | P | R | F1 | P (overlap) | R (overlap) | F1 (overlap) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| Sayfullina soft skills | test | ${r.rows} | ${r.skipped} | ${r.truePositives} | ${r.falsePositives} | ${r.falseNegatives} | ${f3(r.precision)} | ` +
      `${f3(r.recall)} | ${f3(r.f1)} | ${f3(r.overlap.precision)} | ${f3(r.overlap.recall)} | ${f3(r.overlap.f1)} |`,
  ].join('\n');
}

/** Wraps [start, end) of `text` in `**`. */
function mark(text: string, start: number, end: number): string {
  return `${text.slice(0, start)}**${text.slice(start, end)}**${text.slice(end)}`;
}

/**
 * False positives (predicted spans overlapping no gold span), false negatives (gold spans no prediction overlaps)
 * and boundary errors (overlap, different offsets) of one span evaluation, sentence by sentence.
 */
export function spanErrorReport(title: string, result: SpanEvaluation): string {
  const fp: string[] = [];
  const fn: string[] = [];
  const boundary: string[] = [];
  for (const { sentence, predicted, judgement } of result.details) {
    const where = `${sentence.source} #${sentence.doc}`;
    for (const p of judgement.predicted) {
      const labels = predicted.find((x) => x.start === p.start && x.end === p.end)?.labels ?? [];
      const row = `| ${where} | ${cell(sentence.text.slice(p.start, p.end))} | ${cell(labels.join('; '))} | ${cell(mark(sentence.text, p.start, p.end))} |`;
      if (!p.overlap) fp.push(row);
      else if (!p.exact) {
        const golds = judgement.gold.filter((g) => g.start < p.end && p.start < g.end).map((g) => sentence.text.slice(g.start, g.end));
        boundary.push(`| ${where} | ${cell(sentence.text.slice(p.start, p.end))} | ${cell(labels.join('; '))} | ${cell(golds.join(' / '))} |`);
      }
    }
    for (const g of judgement.gold) {
      if (!g.overlap) fn.push(`| ${where} | ${cell(sentence.text.slice(g.start, g.end))} | ${cell(mark(sentence.text, g.start, g.end))} |`);
    }
  }
  return [
    `# ${title}`,
    '',
    `Partial-overlap P ${f3(result.partial.precision)}, R ${f3(result.partial.recall)}, F1 ${f3(result.partial.f1)}; ` +
      `strict P ${f3(result.strict.precision)}, R ${f3(result.strict.recall)}, F1 ${f3(result.strict.f1)}.`,
    `${fp.length} false positives, ${fn.length} false negatives (partial overlap), ${boundary.length} predicted spans with the wrong boundaries.`,
    '',
    `## False positives: we extracted a skill where the annotators marked none (${fp.length})`,
    '',
    '| sentence id | our span | our skill | sentence |',
    '| --- | --- | --- | --- |',
    ...fp,
    '',
    `## False negatives: gold spans we missed entirely (${fn.length})`,
    '',
    '| sentence id | gold span | sentence |',
    '| --- | --- | --- |',
    ...fn,
    '',
    `## Boundary errors: right place, different offsets (${boundary.length}; wrong under strict, right under partial overlap)`,
    '',
    '| sentence id | our span | our skill | gold span(s) |',
    '| --- | --- | --- | --- |',
    ...boundary,
    '',
  ].join('\n');
}

/** The non-tech reading sheet: the top skills and the sampled mentions with an empty column for the reader's verdict. */
export function nonTechReport(input: {
  postings: Record<string, number>; top: readonly SkillFrequency[]; sample: readonly Mention[]; totalMentions: number; seed: number; minConfidence: number;
}): string {
  const counts = Object.entries(input.postings).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    '# Non-tech postings: most frequent skills and a sample of mentions to judge',
    '',
    `Postings with text: ${counts}. Mentions extracted: ${input.totalMentions} (minimum confidence ${input.minConfidence}).`,
    '',
    `## The ${input.top.length} skills named in the most postings`,
    '',
    '| # | skill | postings | mentions | most frequent surface forms |',
    '| ---: | --- | ---: | ---: | --- |',
    ...input.top.map((s, i) => `| ${i + 1} | ${cell(s.label)} | ${s.postings} | ${s.mentions} | ${cell(s.topSurfaces.join(', '))} |`),
    '',
    `## ${input.sample.length} mentions sampled at random (seed ${input.seed})`,
    '',
    'Mark each row in the last column: `y` when the sentence really asks for (or describes) that skill, `n` when it does not.',
    'Precision estimate = y / (y + n).',
    '',
    '| # | source | skill | matched text | confidence | sentence | right? (y/n) |',
    '| ---: | --- | --- | --- | ---: | --- | --- |',
    ...input.sample.map(
      (m, i) => `| ${i + 1} | ${m.source} | ${cell(m.label)} | ${cell(m.surface)} | ${m.confidence.toFixed(2)} | ${cell(m.sentence)} |  |`,
    ),
    '',
  ].join('\n');
}

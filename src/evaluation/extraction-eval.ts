/**
 * Runs an extractor over the labelled sets and scores it. Pure over its inputs: the caller reads the files
 * (eval-sets.ts) and passes an `extract` function (e.g. `(t) => extractor.extract(t, { minConfidence })`).
 * All figures are fractions in [0, 1].
 */
import type { ExtractedSkill } from '../extraction/extraction.types.js';
import type { LabelledSentence, SoftSkillCase, SpanSentence } from './eval-sets.js';
import { scoreRankings, type RankingTotals } from './ranking-metrics.js';
import {
  addJudgement, emptyCounts, f1Of, judgeSentence, overlaps, prf, type CharSpan, type Prf, type SentenceJudgement, type SpanCounts,
} from './span-metrics.js';

export type Extract = (text: string) => ExtractedSkill[];

/** A predicted span with the skill(s) named there. */
export interface LabelledSpan extends CharSpan {
  labels: string[];
}

export interface SpanEvaluation {
  sentences: number;
  strict: SpanCounts & Prf;
  partial: SpanCounts & Prf;
  /** Per-sentence detail for the error report (only sentences with a gold or a predicted span). */
  details: Array<{ sentence: SpanSentence; predicted: LabelledSpan[]; judgement: SentenceJudgement }>;
}

/** Every span of every extracted skill (all carry a taxonomy skill id), merged by offsets with their labels. */
export function predictedSpans(skills: readonly ExtractedSkill[]): LabelledSpan[] {
  const byKey = new Map<string, LabelledSpan>();
  for (const skill of skills) {
    if (!skill.skillId) continue;
    for (const s of skill.spans) {
      const key = `${s.start}:${s.end}`;
      const seen = byKey.get(key);
      if (seen) seen.labels.push(skill.label);
      else byKey.set(key, { start: s.start, end: s.end, labels: [skill.label] });
    }
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Span precision/recall/F1, strict (exact offsets) and partial (overlap), micro over sentences. */
export function evaluateSpans(sentences: readonly SpanSentence[], extract: Extract): SpanEvaluation {
  const strict = emptyCounts();
  const partial = emptyCounts();
  const details: SpanEvaluation['details'] = [];
  for (const sentence of sentences) {
    const predicted = predictedSpans(extract(sentence.text));
    const judgement = judgeSentence(predicted, sentence.gold);
    addJudgement(strict, partial, judgement);
    if (predicted.length > 0 || sentence.gold.length > 0) details.push({ sentence, predicted, judgement });
  }
  return { sentences: sentences.length, strict: { ...strict, ...prf(strict) }, partial: { ...partial, ...prf(partial) }, details };
}

/**
 * Our skills for a sentence as a ranked list of gold-comparable keys: by confidence (highest first), then first
 * span position; skills `keyOf` maps to null (no ESCO counterpart) are left out and counted in `unmapped`.
 */
export function rankSkills(skills: readonly ExtractedSkill[], keyOf: (skillId: string) => string | null): { ranked: string[]; unmapped: number } {
  const ordered = [...skills].sort((a, b) => b.confidence - a.confidence || a.spans[0].start - b.spans[0].start);
  const ranked: string[] = [];
  let unmapped = 0;
  for (const skill of ordered) {
    const key = keyOf(skill.skillId);
    if (key === null) unmapped += 1;
    else if (!ranked.includes(key)) ranked.push(key);
  }
  return { ranked, unmapped };
}

export interface RankingEvaluation extends RankingTotals {
  precision: number;
  /** Skills returned that have no ESCO counterpart (O*NET-only or our own), left out of the ranking. */
  unmapped: number;
}

/**
 * Decorte et al.'s ESCO benchmark: over sentences with at least one gold ESCO label, R-Precision@5, MRR and the
 * precision of the ESCO skills we return. `goldKeyOf` maps a gold preferred label to the same key space as
 * `keyOf` (the ESCO concept URI); labels it cannot map stay as an unmatchable key.
 */
export function evaluateRanking(
  sentences: readonly LabelledSentence[], extract: Extract, keyOf: (skillId: string) => string | null, goldKeyOf: (label: string) => string | null,
): RankingEvaluation {
  let unmapped = 0;
  const rows = sentences
    .filter((s) => s.labels.size > 0)
    .map((s) => {
      const ranking = rankSkills(extract(s.sentence), keyOf);
      unmapped += ranking.unmapped;
      return { ranked: ranking.ranked, gold: new Set([...s.labels].map((l) => goldKeyOf(l) ?? `label:${l}`)) };
    });
  return { ...scoreRankings(rows), unmapped };
}

export interface SoftSkillEvaluation extends Prf {
  rows: number;
  skipped: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** The same, counting any overlap with the phrase (not only a covering span) as found. */
  overlap: Prf;
}

/**
 * Sayfullina et al.'s soft-skill rows as binary classification: positive when an extracted span covers the whole
 * candidate phrase (secondary figures: when one overlaps it). Rows whose mask could not be undone are skipped.
 */
export function evaluateSoftSkills(cases: readonly SoftSkillCase[], extract: Extract): SoftSkillEvaluation {
  const cover = { tp: 0, fp: 0, fn: 0 };
  const touch = { tp: 0, fp: 0, fn: 0 };
  let rows = 0;
  for (const c of cases) {
    if (c.phraseSpan === null) continue;
    rows += 1;
    const phrase = c.phraseSpan;
    const spans = predictedSpans(extract(c.text));
    const covered = spans.some((s) => s.start <= phrase.start && s.end >= phrase.end);
    const touched = spans.some((s) => overlaps(s, phrase));
    for (const [tally, hit] of [[cover, covered], [touch, touched]] as const) {
      if (hit && c.isSoftSkill) tally.tp += 1;
      else if (hit) tally.fp += 1;
      else if (c.isSoftSkill) tally.fn += 1;
    }
  }
  const binary = (t: { tp: number; fp: number; fn: number }): Prf => {
    const precision = t.tp + t.fp === 0 ? 0 : t.tp / (t.tp + t.fp);
    const recall = t.tp + t.fn === 0 ? 0 : t.tp / (t.tp + t.fn);
    return { precision, recall, f1: f1Of(precision, recall) };
  };
  return {
    rows, skipped: cases.length - rows, truePositives: cover.tp, falsePositives: cover.fp, falseNegatives: cover.fn,
    ...binary(cover), overlap: binary(touch),
  };
}

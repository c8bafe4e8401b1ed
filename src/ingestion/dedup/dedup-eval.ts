import type { LabelledPair, PairKind } from './labelled-pairs.js';
import { sameOpening } from './same-opening.js';

/**
 * Scores `sameOpening` on labelled pairs: per kind (positives: recall; negatives: the share wrongly merged) and
 * overall precision, recall and F1 (fractions 0..1), and picks the similarity threshold with the best dev F1.
 */

export interface Scores {
  pairs: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface KindScore {
  kind: PairKind;
  /** Whether the kind's pairs are the same opening. */
  same: boolean;
  pairs: number;
  /** Pairs decided "same opening". */
  merged: number;
  /** merged / pairs: the recall of a positive kind, the false-merge rate of a negative kind. */
  mergedShare: number;
}

/** F1 differences (0..1) below this are ties when tuning. */
export const F1_TOLERANCE = 0.001;

/** Precision, recall and F1 of the decisions on `pairs` at `threshold`. Precision is 1 when nothing merged. */
export function score(pairs: LabelledPair[], threshold: number): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let positives = 0;
  for (const p of pairs) {
    const merged = sameOpening(p.a, p.b, threshold).same;
    if (p.same) positives += 1;
    if (merged && p.same) tp += 1;
    else if (merged) fp += 1;
    else if (p.same) fn += 1;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pairs: pairs.length, positives, negatives: pairs.length - positives, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Per-kind counts and merge shares at `threshold`, kinds in first-seen order. */
export function scoreByKind(pairs: LabelledPair[], threshold: number): KindScore[] {
  const byKind = new Map<PairKind, KindScore>();
  for (const p of pairs) {
    const k = byKind.get(p.kind) ?? byKind.set(p.kind, { kind: p.kind, same: p.same, pairs: 0, merged: 0, mergedShare: 0 }).get(p.kind)!;
    k.pairs += 1;
    if (sameOpening(p.a, p.b, threshold).same) k.merged += 1;
  }
  for (const k of byKind.values()) k.mergedShare = k.pairs === 0 ? 0 : k.merged / k.pairs;
  return [...byKind.values()];
}

/**
 * The threshold in `candidates` with the highest F1 on `pairs` (the dev half); of F1s within {@link F1_TOLERANCE} of
 * the best, the highest threshold, which merges least (the labelled set leaves out the ambiguous middle, so a lower
 * threshold's last thousandth of F1 is not worth its extra merges of boilerplate-heavy texts).
 */
export function tuneThreshold(pairs: LabelledPair[], candidates: number[]): { threshold: number; scores: Scores; sweep: Array<{ threshold: number; scores: Scores }> } {
  const sweep = candidates.map((threshold) => ({ threshold, scores: score(pairs, threshold) }));
  const bestF1 = Math.max(...sweep.map((s) => s.scores.f1));
  const best = sweep.filter((s) => s.scores.f1 >= bestF1 - F1_TOLERANCE).reduce((a, b) => (b.threshold > a.threshold ? b : a));
  return { threshold: best.threshold, scores: best.scores, sweep };
}

/**
 * Ranking metrics for sentence-level skill labelling (Decorte et al.'s ESCO benchmark). Every value is a fraction
 * in [0, 1]. Pure: no I/O.
 */

/**
 * R-Precision@K: relevant items among the first K ranked, divided by min(K, |gold|) (Decorte et al. 2022).
 * 0 when `gold` is empty. Duplicate ranked items count once.
 */
export function rPrecisionAtK(ranked: readonly string[], gold: ReadonlySet<string>, k: number): number {
  if (gold.size === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  let hits = 0;
  for (const item of top) if (gold.has(item)) hits += 1;
  return hits / Math.min(k, gold.size);
}

/** 1 / (1-based rank of the first relevant item), or 0 when none is relevant. */
export function reciprocalRank(ranked: readonly string[], gold: ReadonlySet<string>): number {
  const i = ranked.findIndex((item) => gold.has(item));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Mean of a list; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sums for one benchmark file. */
export interface RankingTotals {
  /** Sentences with at least one gold label (the only ones evaluated). */
  sentences: number;
  rp5: number;
  mrr: number;
  /** Distinct items returned over all evaluated sentences. */
  returned: number;
  /** Returned items that are gold labels of their sentence. */
  returnedRight: number;
  /** Sentences where we returned nothing. */
  emptySentences: number;
}

/** Scores each sentence's ranked items against its gold set; RP@5 and MRR are means over sentences, precision is micro. */
export function scoreRankings(rows: ReadonlyArray<{ ranked: readonly string[]; gold: ReadonlySet<string> }>): RankingTotals & { precision: number } {
  const evaluated = rows.filter((r) => r.gold.size > 0);
  let returned = 0;
  let returnedRight = 0;
  let emptySentences = 0;
  for (const r of evaluated) {
    const distinct = new Set(r.ranked);
    returned += distinct.size;
    for (const item of distinct) if (r.gold.has(item)) returnedRight += 1;
    if (distinct.size === 0) emptySentences += 1;
  }
  return {
    sentences: evaluated.length,
    rp5: mean(evaluated.map((r) => rPrecisionAtK(r.ranked, r.gold, 5))),
    mrr: mean(evaluated.map((r) => reciprocalRank(r.ranked, r.gold))),
    returned,
    returnedRight,
    emptySentences,
    precision: returned === 0 ? 0 : returnedRight / returned,
  };
}

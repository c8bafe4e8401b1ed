/**
 * Span-level scoring of skill extraction against token-tagged gold data (SkillSpan, Green et al.).
 *
 * Offsets are UTF-16 code units into the sentence text built by {@link joinTokens} (tokens joined by one space);
 * start inclusive, end exclusive. Precision, recall and F1 are fractions in [0, 1], micro-averaged over sentences
 * (counts are summed first). Pure: no I/O.
 */

/** A character range [start, end) in a sentence text. */
export interface CharSpan {
  start: number;
  end: number;
}

/** Summed counts for one scoring mode over many sentences. */
export interface SpanCounts {
  /** Predicted spans (distinct offsets). */
  predicted: number;
  /** Gold spans (distinct offsets). */
  gold: number;
  /** Predicted spans judged right (exact offsets, or overlapping a gold span). */
  predictedRight: number;
  /** Gold spans found (exact offsets, or overlapped by a predicted span). */
  goldFound: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** The text of a tokenised sentence (tokens joined by single spaces) and each token's character range in it. */
export function joinTokens(tokens: readonly string[]): { text: string; offsets: CharSpan[] } {
  const offsets: CharSpan[] = [];
  let pos = 0;
  for (const token of tokens) {
    offsets.push({ start: pos, end: pos + token.length });
    pos += token.length + 1;
  }
  return { text: tokens.join(' '), offsets };
}

/**
 * Token ranges [start, end) of the BIO-tagged spans whose tag type is accepted by `accept` (the part after
 * "B-"/"I-"; plain "B"/"I" tags have type ""). An "I" that does not continue a span of the same type opens one.
 */
export function bioSpans(tags: readonly string[], accept: (type: string) => boolean = () => true): CharSpan[] {
  const spans: CharSpan[] = [];
  let open: { start: number; type: string } | null = null;
  const close = (end: number) => {
    if (open && accept(open.type)) spans.push({ start: open.start, end });
    open = null;
  };
  tags.forEach((tag, i) => {
    const prefix = tag.charAt(0);
    const type = tag.length > 2 && tag.charAt(1) === '-' ? tag.slice(2) : '';
    if (prefix === 'B' || (prefix === 'I' && (open === null || open.type !== type))) {
      close(i);
      open = { start: i, type };
    } else if (prefix !== 'I') close(i);
  });
  close(tags.length);
  return spans;
}

/** Token ranges to character ranges via the offsets from {@link joinTokens}. */
export function toCharSpans(tokenSpans: readonly CharSpan[], offsets: readonly CharSpan[]): CharSpan[] {
  return tokenSpans.map((s) => ({ start: offsets[s.start].start, end: offsets[s.end - 1].end }));
}

/** Distinct spans, sorted by start then end. */
export function distinctSpans(spans: Iterable<CharSpan>): CharSpan[] {
  const seen = new Map<string, CharSpan>();
  for (const s of spans) seen.set(`${s.start}:${s.end}`, { start: s.start, end: s.end });
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

export function overlaps(a: CharSpan, b: CharSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Per-sentence judgement of each predicted and gold span, strict and partial. */
export interface SentenceJudgement {
  predicted: Array<CharSpan & { exact: boolean; overlap: boolean }>;
  gold: Array<CharSpan & { exact: boolean; overlap: boolean }>;
}

/** Judges one sentence's predicted spans against its gold spans (both deduplicated first). */
export function judgeSentence(predicted: Iterable<CharSpan>, gold: Iterable<CharSpan>): SentenceJudgement {
  const p = distinctSpans(predicted);
  const g = distinctSpans(gold);
  const goldKeys = new Set(g.map((s) => `${s.start}:${s.end}`));
  const predKeys = new Set(p.map((s) => `${s.start}:${s.end}`));
  return {
    predicted: p.map((s) => ({ ...s, exact: goldKeys.has(`${s.start}:${s.end}`), overlap: g.some((x) => overlaps(s, x)) })),
    gold: g.map((s) => ({ ...s, exact: predKeys.has(`${s.start}:${s.end}`), overlap: p.some((x) => overlaps(s, x)) })),
  };
}

export function emptyCounts(): SpanCounts {
  return { predicted: 0, gold: 0, predictedRight: 0, goldFound: 0 };
}

/** Adds one sentence's judgement to the strict and partial counters. */
export function addJudgement(strict: SpanCounts, partial: SpanCounts, j: SentenceJudgement): void {
  for (const c of [strict, partial]) {
    c.predicted += j.predicted.length;
    c.gold += j.gold.length;
  }
  strict.predictedRight += j.predicted.filter((s) => s.exact).length;
  strict.goldFound += j.gold.filter((s) => s.exact).length;
  partial.predictedRight += j.predicted.filter((s) => s.overlap).length;
  partial.goldFound += j.gold.filter((s) => s.overlap).length;
}

/** Precision = right/predicted, recall = found/gold, F1 their harmonic mean; 0 where a denominator is 0. */
export function prf(c: SpanCounts): Prf {
  const precision = c.predicted === 0 ? 0 : c.predictedRight / c.predicted;
  const recall = c.gold === 0 ? 0 : c.goldFound / c.gold;
  return { precision, recall, f1: f1Of(precision, recall) };
}

export function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

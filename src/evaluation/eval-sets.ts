/**
 * Readers for the labelled extraction sets in `<SHARED_DATA_DIR>/eval` (formats in shared/data/SOURCES.md §6).
 * Each takes the file's text and returns plain records; pure (no I/O), so each is testable on a few lines.
 */
import { parse } from 'csv-parse/sync';
import { bioSpans, joinTokens, toCharSpans, type CharSpan } from './span-metrics.js';

/** A sentence with its gold skill spans as character ranges into `text`. */
export interface SpanSentence {
  /** Posting id within its split (SkillSpan `idx`), or the sentence number (Green et al.). */
  doc: number;
  /** Tokens joined by single spaces. */
  text: string;
  gold: CharSpan[];
  /** SkillSpan `source` ("tech" | "house"); "green" for Green et al. */
  source: string;
}

/**
 * SkillSpan JSONL (one sentence per line: idx, tokens, tags_skill, tags_knowledge, source). Gold is the union of
 * the skill and the knowledge BIO spans (a span tagged as both counts once).
 */
export function readSkillSpan(jsonl: string): SpanSentence[] {
  const out: SpanSentence[] = [];
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { idx: number; tokens: string[]; tags_skill: string[]; tags_knowledge: string[]; source: string };
    const { text, offsets } = joinTokens(row.tokens);
    const spans = [...bioSpans(row.tags_skill), ...bioSpans(row.tags_knowledge)];
    const seen = new Set<string>();
    const gold = toCharSpans(spans, offsets).filter((s) => {
      const key = `${s.start}:${s.end}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    out.push({ doc: row.idx, text, gold, source: row.source });
  }
  return out;
}

/**
 * Green et al.'s CoNLL test set (`token TAG` per line, blank lines between sentences). Gold is the Skill spans
 * (B-Skill/I-Skill); Occupation, Domain, Qualification and Experience tags are not skills and are ignored.
 */
export function readGreenConll(conll: string): SpanSentence[] {
  const out: SpanSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length === 0) return;
    const { text, offsets } = joinTokens(tokens);
    out.push({ doc: out.length + 1, text, gold: toCharSpans(bioSpans(tags, (t) => t === 'Skill'), offsets), source: 'green' });
    tokens = [];
    tags = [];
  };
  for (const raw of conll.split('\n')) {
    const line = raw.trimEnd(); // lines end "token TAG " with a trailing space
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cut = line.lastIndexOf(' ');
    tokens.push(cut < 0 ? line : line.slice(0, cut));
    tags.push(cut < 0 ? 'O' : line.slice(cut + 1));
  }
  flush();
  return out;
}

/** Labels that mark a span without an ESCO skill; they are not gold labels. */
export const NON_LABELS: ReadonlySet<string> = new Set(['LABEL NOT PRESENT', 'UNDERSPECIFIED']);

/** One sentence of the ESCO benchmark with its gold ESCO preferred labels (possibly none). */
export interface LabelledSentence {
  sentence: string;
  labels: Set<string>;
}

/**
 * Decorte et al.'s annotation CSV (TECH/HOUSE: sentence, span, sub_span, label; TECHWOLF: sentence, label).
 * Rows are grouped by sentence text in file order; `LABEL NOT PRESENT` and `UNDERSPECIFIED` are dropped, so a
 * sentence whose rows all carry those has an empty label set.
 */
export function readDecorteCsv(csv: string): LabelledSentence[] {
  const rows = parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<{ sentence: string; label: string }>;
  const bySentence = new Map<string, Set<string>>();
  for (const row of rows) {
    let labels = bySentence.get(row.sentence);
    if (!labels) bySentence.set(row.sentence, (labels = new Set()));
    const label = (row.label ?? '').trim();
    if (label && !NON_LABELS.has(label)) labels.add(label);
  }
  return [...bySentence].map(([sentence, labels]) => ({ sentence, labels }));
}

/** One Sayfullina row with the candidate phrase put back into its (lemmatised, lower-cased) context. */
export interface SoftSkillCase {
  isSoftSkill: boolean;
  phrase: string;
  /** The context with the `xxx` mask replaced by the phrase. */
  text: string;
  /** Where the phrase sits in `text`; null when the mask was not found (the row is then skipped). */
  phraseSpan: CharSpan | null;
}

/**
 * Sayfullina et al.'s job_test.csv (is_soft_skill, soft_skill, context). The phrase is masked as one `xxx` per
 * word; the first run of that many `xxx` tokens (or, failing that, the first run of any length) is replaced.
 * The header row is skipped.
 */
export function readSayfullina(csv: string): SoftSkillCase[] {
  // One row of job_test.csv has an unquoted comma inside its context: cells after the second are the context.
  const rows = (parse(csv, { skip_empty_lines: true, relax_column_count: true }) as string[][]).slice(1);
  return rows.map(([label, phrase, ...context]) => ({ isSoftSkill: label.trim() === '1', phrase, ...unmask(context.join(','), phrase) }));
}

/** Replaces the masked run of `xxx` tokens in a space-separated context by `phrase`. */
export function unmask(context: string, phrase: string): { text: string; phraseSpan: CharSpan | null } {
  const tokens = context.split(' ');
  const words = phrase.trim().split(/\s+/).length;
  const runs: Array<{ start: number; length: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== 'xxx') continue;
    let j = i;
    while (j < tokens.length && tokens[j] === 'xxx') j++;
    runs.push({ start: i, length: j - i });
    i = j;
  }
  const run = runs.find((r) => r.length === words) ?? runs[0];
  if (!run) return { text: context, phraseSpan: null };
  const before = tokens.slice(0, run.start).join(' ');
  const start = run.start === 0 ? 0 : before.length + 1;
  const parts = [...tokens.slice(0, run.start), phrase, ...tokens.slice(run.start + run.length)];
  return { text: parts.join(' '), phraseSpan: { start, end: start + phrase.length } };
}

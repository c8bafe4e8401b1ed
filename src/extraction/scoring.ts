/**
 * Confidence of one mention, and the context check for ambiguous aliases.
 *
 * Base confidence by alias kind: curated 0.90, preferred 0.85, alt 0.80, onet_example 0.80, hidden 0.60;
 * +0.05 for a multi-word alias, +0.05 for a symbol/digit-bearing alias ("C++", "HTML5");
 * -0.20 for a single plain lower-case ESCO word ("communication": common English, often not a skill claim);
 * -0.30 more when that word is a loose synonym sharing no stem with the label ("data" for "statistics");
 * -0.15 when the same key names 3 or more different skills (the key alone does not say which).
 *
 * Ambiguous aliases ("Go", "R", "React", "Excel") replace the base by the strength of their corroboration:
 * strong 0.80 (version number after, "experience in X", "knowledge of X"), medium 0.70 (a preposition or
 * verb before: "in X", "with X", "using X", "of X"; a tool noun after: "Excel skills", "React developer"), weak 0.60 (a non-ambiguous technology named in the
 * same sentence; together with a medium cue it makes strong), none 0.30 (below the default threshold 0.5);
 * hidden labels -0.10.
 *
 * The skill's confidence (in extractor.ts) is its best mention +0.05 per further mention, at most +0.10.
 */
import type { CompiledAlias } from './alias-index.js';
import type { TextStructure } from './context.js';
import {
  APPLICATION_DOCUMENTS, CONTEXT_HEADS, CONTEXT_PREPOSITIONS, LANGUAGE_FOLLOWERS, LANGUAGE_NAMES, MODIFIED_NON_SKILL_HEADS, NON_VERSION_UNITS, ROLE_NOUNS,
  TOOL_FOLLOWERS, UNIT_NOUNS, WITH_IDIOM_NOUNS,
} from './lexicon.js';
import type { Token } from './tokenizer.js';

const KIND_BASE: Record<CompiledAlias['kind'], number> = { curated: 0.9, preferred: 0.85, alt: 0.8, onet_example: 0.8, hidden: 0.6 };
const STRENGTH_SCORE = { strong: 0.8, medium: 0.7, weak: 0.6, none: 0.3 } as const;
const VERSION = /^v?\d+(?:\.\d+)*$/i;

export type Strength = keyof typeof STRENGTH_SCORE;

export interface Corroboration {
  strength: Strength;
  /** Human-readable evidence, e.g. `"in Go"`, `version "1.22"`, `"TypeScript" nearby`. */
  evidence: string;
}

/** Confidence of a non-ambiguous alias mention. */
export function aliasConfidence(a: CompiledAlias): number {
  let c = KIND_BASE[a.kind];
  if (a.words >= 2) c += 0.05;
  if (a.symbolic) c += 0.05;
  if (a.generic) c -= 0.2;
  if (a.loose) c -= 0.3;
  if (a.sharedBy >= 3) c -= 0.15;
  return c;
}

/** Confidence of an ambiguous alias mention with the given corroboration. */
export function ambiguousConfidence(a: CompiledAlias, c: Corroboration): number {
  return STRENGTH_SCORE[c.strength] - (a.kind === 'hidden' ? 0.1 : 0);
}

/** Human-readable reason for a mention. */
export function describe(a: CompiledAlias, c: Corroboration | null): string {
  if (c !== null && a.ambiguous) {
    return c.strength === 'none' ? `ambiguous "${a.surface}" without corroboration` : `ambiguous "${a.surface}" corroborated by ${c.evidence}`;
  }
  const notes: string[] = [a.kind];
  if (a.gerund === true) notes.push('"-ing" form');
  if (a.nominal === true) notes.push('noun form');
  if (a.generic) notes.push(a.loose ? 'loose single-word synonym' : 'single word');
  if (a.sharedBy >= 3) notes.push(`key shared by ${a.sharedBy} skills`);
  return `alias "${a.surface}" (${notes.join(', ')})`;
}

export interface CorroborationInput {
  text: string;
  tokens: readonly Token[];
  keys: readonly string[];
  structure: TextStructure;
}

function sameSentence(st: TextStructure, a: number, b: number): boolean {
  return st.sentence[a] === st.sentence[b];
}

/**
 * Context evidence for an ambiguous mention at tokens [start, end), excluding the neighbour rule (see
 * `neighbourEvidence`). Returns the strongest of: version number after, "<head> <prep> X", "<prep> X".
 */
export function localEvidence(input: CorroborationInput, start: number, end: number): Corroboration {
  const { text, tokens, keys, structure: st } = input;
  if (end < tokens.length && tokens[end].word && sameSentence(st, start, end) && VERSION.test(tokens[end].text)) {
    const after = end + 1 < tokens.length ? keys[end + 1] : '';
    if (!NON_VERSION_UNITS.has(after)) return { strength: 'strong', evidence: `version "${tokens[end].text}"` };
  }
  const p = start - 1;
  if (p >= 0 && tokens[p].word && sameSentence(st, p, start) && CONTEXT_PREPOSITIONS.has(keys[p])) {
    const h = p - 1;
    const strong = h >= 0 && tokens[h].word && sameSentence(st, h, p) && CONTEXT_HEADS.has(keys[h]);
    const from = strong ? tokens[h].start : tokens[p].start;
    return { strength: strong ? 'strong' : 'medium', evidence: `"${text.slice(from, tokens[end - 1].end)}"` };
  }
  if (end < tokens.length && tokens[end].word && sameSentence(st, start, end) && TOOL_FOLLOWERS.has(keys[end])) {
    return { strength: 'medium', evidence: `"${text.slice(tokens[start].start, tokens[end].end)}"` };
  }
  return { strength: 'none', evidence: '' };
}

/**
 * Local evidence plus a neighbour: a neighbour alone is weak; local evidence backed by a neighbour goes up one
 * level (medium -> strong), since the two are independent.
 */
export function combine(local: Corroboration, neighbour: Corroboration): Corroboration {
  if (local.strength === 'none') return neighbour;
  const strength: Strength = local.strength === 'medium' ? 'strong' : local.strength;
  return { strength, evidence: `${local.evidence}, ${neighbour.evidence}` };
}

/**
 * Neighbour rule: a weak corroboration when another accepted, non-negated technology mention sits in the
 * same sentence. `neighbours` are [start token, source text] of such mentions.
 */
export function neighbourEvidence(
  st: TextStructure, start: number, neighbours: readonly { start: number; text: string }[],
): Corroboration | null {
  let best: { start: number; text: string } | null = null;
  for (const nb of neighbours) {
    if (nb.start === start || st.sentence[nb.start] !== st.sentence[start]) continue;
    if (best === null || Math.abs(nb.start - start) < Math.abs(best.start - start)) best = nb;
  }
  return best === null ? null : { strength: 'weak', evidence: `"${best.text}" nearby` };
}

/**
 * The text before and after each space of every `APPLICATION_DOCUMENTS` phrase: "a b" can be one only when `a` is in the
 * first set and `b` in the second, so most mentions are ruled out without building the string.
 */
const DOCUMENT_BEFORE_SPACE = new Set<string>();
const DOCUMENT_AFTER_SPACE = new Set<string>();
for (const phrase of APPLICATION_DOCUMENTS) {
  for (let i = phrase.indexOf(' '); i >= 0; i = phrase.indexOf(' ', i + 1)) {
    DOCUMENT_BEFORE_SPACE.add(phrase.slice(0, i));
    DOCUMENT_AFTER_SPACE.add(phrase.slice(i + 1));
  }
}

function isApplicationDocument(first: string, second: string): boolean {
  return DOCUMENT_BEFORE_SPACE.has(first) && DOCUMENT_AFTER_SPACE.has(second) && APPLICATION_DOCUMENTS.has(`${first} ${second}`);
}

function capitalised(t: Token): boolean {
  const ch = t.text[0];
  return ch !== ch.toLowerCase();
}

/**
 * Why an ambiguous mention at tokens [start, end) cannot be the tool whatever its neighbours say, or null:
 * - written in lower case ("sales data", "in less than"): ordinary use unless strongly corroborated (or `lowerCaseOk`, for
 *   technology-area words such as "testing", whose normal form is lower case);
 * - capitalised only because it starts a sentence and an ordinary word follows ("Excel at teamwork", "Spark joy");
 * - part of a proper name: a capitalised word that is not a skill comes right before ("Clery Act", "Taylor Swift").
 * @param covered per token: 1 when inside an accepted skill match.
 */
export function ordinaryUse(
  input: CorroborationInput, start: number, end: number, local: Corroboration, covered: Uint8Array, lowerCaseOk = false,
): string | null {
  const { tokens, keys, structure: st } = input;
  const t = tokens[start];
  if (!capitalised(t)) return lowerCaseOk || local.strength === 'strong' ? null : 'lower case';
  const sentenceStart = start === 0 || st.sentence[start - 1] !== st.sentence[start];
  const next = end < tokens.length && sameSentence(st, start, end) ? tokens[end] : null;
  if (sentenceStart && next !== null && next.word && !capitalised(next) && !TOOL_FOLLOWERS.has(keys[end]) && local.strength !== 'strong') {
    return 'sentence case';
  }
  const p = start - 1;
  const prevStartsSentence = p === 0 || (p > 0 && st.sentence[p - 1] !== st.sentence[p]);
  if (!sentenceStart && !prevStartsSentence && tokens[p].word && capitalised(tokens[p]) && covered[p] === 0 && !/\d/.test(tokens[p].text)
    && tokens[p].text !== tokens[p].text.toUpperCase()) {
    return 'proper name';
  }
  return null;
}

/**
 * Why a (non-ambiguous) mention at tokens [start, end) does not name the skill in this sentence, or null:
 * - a language name used as an adjective of nationality ("Danish universities", "English law"): a single-token
 *   `LANGUAGE_NAMES` mention followed by a word that is not in `LANGUAGE_FOLLOWERS`;
 * - "in (close) collaboration with": an idiom for "together with" (`WITH_IDIOM_NOUNS`);
 * - a single word inside an application document's name ("teaching philosophy", `APPLICATION_DOCUMENTS`);
 * - a single lower-case word modifying a non-skill noun ("teaching portfolio", "research assistant"; the skill
 *   phrases "teaching methods" or "research methods" are longer matches and never get here).
 */
export function nonSkillUse(input: CorroborationInput, start: number, end: number, alias: CompiledAlias): string | null {
  const { tokens, keys, structure: st } = input;
  const next = end < tokens.length && st.sentence[end] === st.sentence[start] && tokens[end].word ? end : -1;
  // Plain words only: a product name before such a noun still names the product ("Java environment", "Java developer").
  const plainWord = !alias.techLike || (alias.kind === 'curated' && alias.surface === alias.surface.toLowerCase());
  if (next >= 0 && UNIT_NOUNS.has(keys[next])) return `names a unit ("${tokens[next].text}")`;
  if (next >= 0 && plainWord && ROLE_NOUNS.has(keys[next])) return `names a role ("${tokens[next].text}")`;
  if (end - start !== 1) return null;
  const key = keys[start];
  const prev = start > 0 && st.sentence[start - 1] === st.sentence[start] && tokens[start - 1].word ? start - 1 : -1;
  if ((prev >= 0 && isApplicationDocument(keys[prev], key)) || (next >= 0 && isApplicationDocument(key, keys[next]))) {
    return 'part of an application document';
  }
  if (LANGUAGE_NAMES.has(key) && next >= 0 && !LANGUAGE_FOLLOWERS.has(keys[next])) return 'language name as an adjective';
  if (WITH_IDIOM_NOUNS.has(key) && next >= 0 && keys[next] === 'with') {
    let p = start - 1;
    if (p >= 0 && tokens[p].word && keys[p] !== 'in') p--;
    if (p >= 0 && keys[p] === 'in') return `"in ${tokens[start].text} with"`;
  }
  if (plainWord && next >= 0 && MODIFIED_NON_SKILL_HEADS.has(keys[next])) {
    return `modifies "${tokens[next].text}"`;
  }
  return null;
}

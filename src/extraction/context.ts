/**
 * Sentence, clause and section structure of a posting, for negation and required/preferred scope.
 *
 * - A sentence ends at ". ! ?", at a bullet character, and at a line break (except a soft wrap: a line break
 *   between a word and a lower-case word).
 * - A clause also ends at ", ; : ( ) [ ] — –" and before "but / however / although / whereas / though".
 * - A clause is negated when it holds a negation cue ("no", "not", "without", "n't" ...) that is not part of
 *   "not only", "not limited to", "no later than", "whether or not" ... Negation scope is the clause: it
 *   ends at the clause or sentence end. ("No Java required. Strong Python required." negates only Java.)
 * - A sentence listing three or more protected characteristics is equal-opportunity boilerplate.
 * - Requirement: a cue in the mention's clause decides; else the cues of its sentence (nearest cue when both
 *   kinds appear); else the section, set by a short heading line ("Requirements:", "Nice to have").
 */
import type { Requirement } from './extraction.types.js';
import type { Token } from './tokenizer.js';
import {
  CLAUSE_BREAK_WORDS, EEO_WORDS, HEADING_WORDS, NEGATION_EXCEPTIONS_AFTER, NEGATION_EXCEPTIONS_BEFORE, NEGATION_WORDS,
  PREFERRED_CUES, REQUIRED_CUES,
} from './lexicon.js';

export interface RequirementCue {
  /** Token index of the cue's first token. */
  index: number;
  kind: Requirement;
}

export interface TextStructure {
  /** Per token: sentence number (0-based, increasing). */
  sentence: Int32Array;
  /** Per token: clause number (0-based, increasing; a clause never spans two sentences). */
  clause: Int32Array;
  /** Per token: line number (0-based). */
  line: Int32Array;
  /** Per clause number: true when the clause is negated. */
  clauseNegated: boolean[];
  /** Per sentence number: true for equal-opportunity boilerplate (see lexicon `EEO_WORDS`). */
  sentenceBoilerplate: boolean[];
  /** Requirement cues in token order. */
  cues: RequirementCue[];
  lineCount: number;
}

const SENTENCE_END = new Set(['.', '!', '?', '•', '·', '▪', '◦', '●', '■', '►', '✓', '✔', '|']);
const CLAUSE_END = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–']);

function startsLowercase(text: string): boolean {
  const ch = text[0];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Per-token class bits, computed once per distinct token (see `tokenFlags`). */
export const FLAG_NEGATION = 1;
export const FLAG_CLAUSE_WORD = 2;
export const FLAG_SENTENCE_END = 4;
export const FLAG_CLAUSE_END = 8;
export const FLAG_CUE_START = 16;
export const FLAG_EEO = 32;

/** Class bits of a token from its key (`word` false for punctuation tokens, whose key is the character). */
export function tokenFlags(key: string, word: boolean): number {
  if (!word) return (SENTENCE_END.has(key) ? FLAG_SENTENCE_END : 0) | (CLAUSE_END.has(key) ? FLAG_CLAUSE_END : 0);
  return (NEGATION_WORDS.has(key) || key.endsWith("n't") ? FLAG_NEGATION : 0) | (CLAUSE_BREAK_WORDS.has(key) ? FLAG_CLAUSE_WORD : 0)
    | (CUES_BY_FIRST.has(key) ? FLAG_CUE_START : 0) | (EEO_WORDS.has(key) ? FLAG_EEO : 0);
}

function isNegationCue(keys: readonly string[], i: number): boolean {
  const key = keys[i];
  const next = i + 1 < keys.length ? keys[i + 1] : '';
  const prev = i > 0 ? keys[i - 1] : '';
  if (NEGATION_EXCEPTIONS_AFTER.get(key.endsWith("n't") ? "n't" : key)?.has(next)) return false;
  return !NEGATION_EXCEPTIONS_BEFORE.has(prev);
}

/** Cue phrases indexed by their first key. */
const CUES_BY_FIRST = new Map<string, { kind: Requirement; phrase: readonly string[] }[]>();
for (const [kind, phrases] of [['required', REQUIRED_CUES], ['preferred', PREFERRED_CUES]] as const) {
  for (const phrase of phrases) {
    const list = CUES_BY_FIRST.get(phrase[0]) ?? [];
    list.push({ kind, phrase });
    CUES_BY_FIRST.set(phrase[0], list);
  }
}

function matchCues(keys: readonly string[], flags: Uint8Array): RequirementCue[] {
  const cues: RequirementCue[] = [];
  for (let i = 0; i < keys.length; i++) {
    if ((flags[i] & FLAG_CUE_START) === 0) continue;
    const hit = CUES_BY_FIRST.get(keys[i])!.find(({ phrase }) => phrase.every((k, j) => keys[i + j] === k));
    if (hit !== undefined) cues.push({ index: i, kind: hit.kind });
  }
  return cues;
}

/**
 * Segment `tokens` (with their normalised `keys` and `tokenFlags`, same length) into sentences, clauses and
 * lines.
 */
export function analyzeStructure(tokens: readonly Token[], keys: readonly string[], flags: Uint8Array): TextStructure {
  const n = tokens.length;
  const sentence = new Int32Array(n);
  const clause = new Int32Array(n);
  const line = new Int32Array(n);
  const clauseNegated: boolean[] = [];
  let s = 0;
  let c = 0;
  let l = 0;
  let negated = false;
  const sentenceBoilerplate: boolean[] = [];
  const eeo = new Set<string>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (i > 0) {
      const prev = tokens[i - 1];
      const both = flags[i - 1] | flags[i];
      const softWrap = t.nlBefore && prev.word && t.word && startsLowercase(t.text);
      const newSentence = (t.nlBefore && !softWrap) || (both & FLAG_SENTENCE_END) !== 0;
      const newClause = newSentence || (both & FLAG_CLAUSE_END) !== 0 || (flags[i] & FLAG_CLAUSE_WORD) !== 0;
      if (t.nlBefore) l++;
      if (newSentence) { sentenceBoilerplate.push(eeo.size >= 3); eeo.clear(); s++; }
      if (newClause) { clauseNegated.push(negated); negated = false; c++; }
    }
    sentence[i] = s;
    clause[i] = c;
    line[i] = l;
    if (!negated && (flags[i] & FLAG_NEGATION) !== 0 && isNegationCue(keys, i)) negated = true;
    if ((flags[i] & FLAG_EEO) !== 0) eeo.add(keys[i]);
  }
  clauseNegated.push(negated);
  sentenceBoilerplate.push(eeo.size >= 3);
  return { sentence, clause, line, clauseNegated, sentenceBoilerplate, cues: matchCues(keys, flags), lineCount: n === 0 ? 0 : l + 1 };
}

/**
 * Requirement set by heading lines, per line number. A heading is a line of at most 8 words with no skill
 * mention that ends with ":", or of at most 5 words not ending in "." that holds a requirement cue or a
 * heading word ("Responsibilities", "Benefits"). A heading without a cue ends the current section.
 * @param lineHasMention line number -> true when a skill was matched on that line.
 */
export function sectionRequirements(
  tokens: readonly Token[], keys: readonly string[], st: TextStructure, lineHasMention: (line: number) => boolean,
): (Requirement | null)[] {
  const result: (Requirement | null)[] = new Array<Requirement | null>(st.lineCount).fill(null);
  // Per line: bit 1 = has a required cue, bit 2 = has a preferred cue.
  const cueBits = new Uint8Array(st.lineCount);
  for (const cue of st.cues) cueBits[st.line[cue.index]] |= cue.kind === 'required' ? 1 : 2;
  let current: Requirement | null = null;
  let i = 0;
  while (i < tokens.length) {
    const ln = st.line[i];
    let j = i;
    let words = 0;
    let headingWord = false;
    while (j < tokens.length && st.line[j] === ln) {
      if (tokens[j].word) { words++; headingWord ||= words <= 5 && HEADING_WORDS.has(keys[j]); }
      j++;
    }
    const last = tokens[j - 1].text;
    const bits = cueBits[ln];
    const colon = last === ':' && words <= 8;
    const bare = words <= 5 && last !== '.' && (bits !== 0 || headingWord);
    if (words > 0 && (colon || bare) && !lineHasMention(ln)) current = bits === 1 ? 'required' : bits === 2 ? 'preferred' : null;
    result[ln] = current;
    i = j;
  }
  return result;
}

/** The requirement for a mention whose first token is `index`; see the module comment for precedence. */
export function requirementAt(st: TextStructure, index: number, sections: readonly (Requirement | null)[]): Requirement | null {
  const clauseKinds = new Set<Requirement>();
  let best: RequirementCue | null = null;
  let bestDistance = Infinity;
  for (const cue of st.cues) {
    if (st.sentence[cue.index] !== st.sentence[index]) continue;
    if (st.clause[cue.index] === st.clause[index]) clauseKinds.add(cue.kind);
    // Prefer a cue before the mention on ties ("Required: Python; Go preferred" keeps Python required).
    const distance = Math.abs(cue.index - index) + (cue.index > index ? 0.5 : 0);
    if (distance < bestDistance) { best = cue; bestDistance = distance; }
  }
  if (clauseKinds.size === 1) return [...clauseKinds][0];
  if (best !== null) return best.kind;
  return sections[st.line[index]] ?? null;
}

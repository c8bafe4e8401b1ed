/**
 * Sentence, clause and section structure of a posting, for negation and required/preferred scope.
 *
 * - A sentence ends at ". ! ?", at a bullet character, and at a line break (except a soft wrap: a line break
 *   between a word and a lower-case word).
 * - A clause also ends at ", ; : ( ) [ ] — –" and before "but / however / although / whereas / though".
 * - A clause is negated when it holds a negation cue ("no", "not", "without", "n't" ...) that is not part of
 *   "not only", "not limited to", "no later than", "whether or not" ... Negation scope is the clause: it
 *   ends at the clause or sentence end. ("No Java required. Strong Python required." negates only Java.)
 * - A segment is a run of clauses joined by commas (it ends at a sentence end, ";", ":", brackets, a dash or
 *   "but"): a list "Python, Java, or Go" is one segment of three clauses.
 * - A sentence listing three or more protected characteristics is equal-opportunity boilerplate; one with two
 *   or more how-to-apply words ("submit", "contact", "application") and no skill word is how-to-apply, and so is one
 *   whose subject is the application ("The application must include ... teaching experience ..."): it lists
 *   documents to send, whatever skill words they name.
 * - Requirement (`requirementAt`): a cue in the mention's clause decides; else a cue that opens the text before
 *   the mention in its sentence ("Nice to have: Docker, Go"; "Bonus points for Go, Rust"); else a trailing cue
 *   after a copula later in the same segment ("Python, SQL and Go are a plus"); else the section heading. A
 *   trailing cue without a copula covers only its own list item ("Swift, Objective-C, Android a plus").
 */
import type { PostingSection, Requirement } from './extraction.types.js';
import { TOKEN_NL_BEFORE, TOKEN_WORD, type Token } from './tokenizer.js';
import {
  APPLY_WORDS, BENEFIT_WORDS, CANDIDATE_WORDS, CLAUSE_BREAK_WORDS, COMPANY_NOUNS, COPULAS, CUE_FILLERS, EEO_WORDS, NEGATION_EXCEPTIONS_AFTER, NEGATION_EXCEPTIONS_BEFORE,
  NEGATION_WORDS, PREFERRED_CUES, REQUIRED_CUES, ROLE_NOUNS, SKILL_WORDS,
} from './lexicon.js';
import { isYearKey } from './years.js';

export interface RequirementCue {
  /** Token index of the cue's first token. */
  index: number;
  kind: Requirement;
}

/**
 * The structure of one text. Its four per-token arrays are views of a buffer `analyzeStructure` reuses: they are
 * valid until the next `analyzeStructure` call (the extractor uses a structure only within one `extract`).
 */
export interface TextStructure {
  /** Per token: sentence number (0-based, increasing). */
  sentence: Int32Array;
  /** Per token: clause number (0-based, increasing; a clause never spans two sentences). */
  clause: Int32Array;
  /** Per token: line number (0-based). */
  line: Int32Array;
  /** Per token: segment number (clauses joined by commas; see the module comment). */
  segment: Int32Array;
  /** Per clause number: true when the clause is negated. */
  clauseNegated: boolean[];
  /** Per clause number: its first token index. */
  clauseStart: number[];
  /**
   * Per sentence number: 'equal_opportunity', 'how_to_apply', 'benefits' or 'about_company' for boilerplate
   * sentences (see the module comment), else null.
   */
  sentenceSection: (PostingSection | null)[];
  /** Per sentence number: true when the sentence is a job title line ("Senior Java Developer"). */
  sentenceTitle: boolean[];
  /** Requirement cues in token order. */
  cues: RequirementCue[];
  lineCount: number;
}

/** Words after a sentence-initial "(the/your/an) application" that make it the subject ("must include", "materials"). */
const APPLICATION_SUBJECT_NEXT = new Set(['must', 'should', 'shall', 'will', 'need', 'include', 'contain', 'consist', 'material', 'package']);
const APPLICATION_DETERMINERS = new Set(['the', 'your', 'an', 'a', 'each', 'all', 'complete']);

const SENTENCE_END = new Set(['.', '!', '?', '•', '·', '▪', '◦', '●', '■', '►', '✓', '✔', '|']);
const CLAUSE_END = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–']);
const SEGMENT_END = new Set([';', ':', '(', ')', '[', ']', '—', '–']);

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
export const FLAG_APPLY = 64;
export const FLAG_SKILL_WORD = 128;
export const FLAG_BENEFIT = 256;
export const FLAG_CANDIDATE = 512;
export const FLAG_ROLE = 1024;
export const FLAG_YEAR = 2048;

/** Bits every token keyed "application" has (it is an APPLY_WORDS key): checked before reading the key. */
const APPLICATION_FLAGS = APPLY_WORDS.has('application') ? FLAG_APPLY : 0;

/** Class bits of a token from its key (`word` false for punctuation tokens, whose key is the character). */
export function tokenFlags(key: string, word: boolean): number {
  if (!word) return (SENTENCE_END.has(key) ? FLAG_SENTENCE_END : 0) | (CLAUSE_END.has(key) ? FLAG_CLAUSE_END : 0);
  return (NEGATION_WORDS.has(key) || key.endsWith("n't") ? FLAG_NEGATION : 0) | (CLAUSE_BREAK_WORDS.has(key) ? FLAG_CLAUSE_WORD : 0)
    | (CUES_BY_FIRST.has(key) ? FLAG_CUE_START : 0) | (EEO_WORDS.has(key) ? FLAG_EEO : 0)
    | (APPLY_WORDS.has(key) ? FLAG_APPLY : 0) | (SKILL_WORDS.has(key) ? FLAG_SKILL_WORD : 0)
    | (BENEFIT_WORDS.has(key) ? FLAG_BENEFIT : 0) | (CANDIDATE_WORDS.has(key) ? FLAG_CANDIDATE : 0) | (ROLE_NOUNS.has(key) ? FLAG_ROLE : 0)
    | (isYearKey(key) ? FLAG_YEAR : 0);
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

function matchCues(keys: readonly string[], flags: Uint16Array): RequirementCue[] {
  const cues: RequirementCue[] = [];
  for (let i = 0; i < keys.length; i++) {
    if ((flags[i] & FLAG_CUE_START) === 0) continue;
    const hit = CUES_BY_FIRST.get(keys[i])!.find(({ phrase }) => phrase.every((k, j) => keys[i + j] === k));
    if (hit !== undefined) cues.push({ index: i, kind: hit.kind });
  }
  return cues;
}

/** Backing store of the per-token arrays of the last `analyzeStructure` result (see `TextStructure`). */
let structureScratch = new ArrayBuffer(16 * 1024);

/**
 * Segment `tokens` (with their normalised `keys`, `tokenFlags` and tokenizer `bits`: `TOKEN_WORD | TOKEN_NL_BEFORE`,
 * all of the same length) into sentences, clauses and lines. The walk reads the typed `flags` and `bits`; it looks
 * at a key or token text only where a flag says it may matter (a punctuation key is its character).
 */
export function analyzeStructure(tokens: readonly Token[], keys: readonly string[], flags: Uint16Array, bits: Uint8Array): TextStructure {
  const n = tokens.length;
  // One backing store for the four arrays, reused across calls: allocating (and first touching) a typed array's buffer
  // costs more than filling a few hundred entries.
  if (structureScratch.byteLength < 16 * n) structureScratch = new ArrayBuffer(Math.max(16 * n, 2 * structureScratch.byteLength));
  const buffer = structureScratch;
  const sentence = new Int32Array(buffer, 0, n);
  const clause = new Int32Array(buffer, 4 * n, n);
  const segment = new Int32Array(buffer, 8 * n, n);
  const line = new Int32Array(buffer, 12 * n, n);
  const clauseNegated: boolean[] = [];
  const clauseStart: number[] = [0];
  let s = 0;
  let c = 0;
  let g = 0;
  let l = 0;
  let negated = false;
  const sentenceSection: (PostingSection | null)[] = [];
  const eeo = new Set<string>();
  const apply = new Set<string>();
  let skillWord = false;
  const benefit = new Set<string>();
  let benefitBonus = 0;
  let candidate = false;
  let role = false;
  let applicationSubject = false;
  let words = 0;
  let first = -1;
  let second = -1;
  let firstToken = 0;
  const cues = matchCues(keys, flags);
  let cueAt = 0;
  const sentenceTitle: boolean[] = [];
  const closeSentence = (end: number) => {
    let hasCue = false;
    while (cueAt < cues.length && cues[cueAt].index < end) { if (cues[cueAt].index >= firstToken) hasCue = true; cueAt++; }
    const companySubject = first >= 0 && (keys[first] === 'we' || keys[first] === 'our'
      || (keys[first] === 'the' && second >= 0 && COMPANY_NOUNS.has(keys[second])));
    // A sentence-end mark is a sentence of its own: look at the token after the sentence.
    const terminated = end < n && (bits[end] & (TOKEN_WORD | TOKEN_NL_BEFORE)) === 0 && (keys[end] === '.' || keys[end] === '!' || keys[end] === '?');
    sentenceSection.push(
      eeo.size >= 3 ? 'equal_opportunity'
        : (apply.size >= 2 && !skillWord) || applicationSubject ? 'how_to_apply'
          : benefit.size + benefitBonus >= 2 && !skillWord && !hasCue ? 'benefits'
            : companySubject && !candidate && !hasCue ? 'about_company' : null,
    );
    sentenceTitle.push(role && words <= 10 && !terminated && !hasCue && !candidate);
    // Set.clear allocates a fresh backing table: skip it for the (usual) empty sets.
    if (eeo.size > 0) eeo.clear();
    if (apply.size > 0) apply.clear();
    if (benefit.size > 0) benefit.clear();
    skillWord = false;
    benefitBonus = 0;
    candidate = false;
    role = false;
    applicationSubject = false;
    words = 0;
    first = -1;
    second = -1;
    firstToken = end;
  };
  for (let i = 0; i < n; i++) {
    const b = bits[i];
    const word = (b & TOKEN_WORD) !== 0;
    if (i > 0) {
      const nl = (b & TOKEN_NL_BEFORE) !== 0;
      const prevWord = (bits[i - 1] & TOKEN_WORD) !== 0;
      const both = flags[i - 1] | flags[i];
      const softWrap = nl && prevWord && word && startsLowercase(tokens[i].text);
      const newSentence = (nl && !softWrap) || (both & FLAG_SENTENCE_END) !== 0;
      const clauseWord = (flags[i] & FLAG_CLAUSE_WORD) !== 0;
      const newClause = newSentence || (both & FLAG_CLAUSE_END) !== 0 || clauseWord;
      // SEGMENT_END is CLAUSE_END without ",": only a clause-end punctuation key needs the set.
      const newSegment = newSentence || clauseWord
        || (!prevWord && (flags[i - 1] & FLAG_CLAUSE_END) !== 0 && SEGMENT_END.has(keys[i - 1]))
        || (!word && (flags[i] & FLAG_CLAUSE_END) !== 0 && SEGMENT_END.has(keys[i]));
      if (nl) l++;
      if (newSentence) { closeSentence(i); s++; }
      if (newClause) { clauseNegated.push(negated); negated = false; c++; clauseStart.push(i); }
      if (newSegment) g++;
    }
    sentence[i] = s;
    clause[i] = c;
    segment[i] = g;
    line[i] = l;
    const f = flags[i];
    if (!negated && (f & FLAG_NEGATION) !== 0 && isNegationCue(keys, i)) negated = true;
    if ((f & FLAG_EEO) !== 0) eeo.add(keys[i]);
    if ((f & FLAG_APPLY) !== 0) apply.add(keys[i]);
    if ((f & FLAG_SKILL_WORD) !== 0) skillWord = true;
    if (word) {
      words++;
      if (first < 0) first = i;
      else if (second < 0) second = i;
      if ((f & APPLICATION_FLAGS) === APPLICATION_FLAGS && keys[i] === 'application' && (first === i || (second === i && APPLICATION_DETERMINERS.has(keys[first])))
        && i + 1 < n && APPLICATION_SUBJECT_NEXT.has(keys[i + 1])) applicationSubject = true;
      if ((f & FLAG_BENEFIT) !== 0) {
        benefit.add(keys[i]);
        // "we offer", "offer you": a benefits sentence on its own.
        if (keys[i] === 'offer' && ((i > 0 && keys[i - 1] === 'we') || (i + 1 < n && keys[i + 1] === 'you'))) benefitBonus = 1;
      }
      if ((f & FLAG_CANDIDATE) !== 0) candidate = true;
      if ((f & FLAG_ROLE) !== 0) role = true;
    }
  }
  clauseNegated.push(negated);
  closeSentence(n);
  return {
    sentence, clause, segment, line, clauseNegated, clauseStart, sentenceSection, sentenceTitle, cues,
    lineCount: n === 0 ? 0 : l + 1,
  };
}

/**
 * First clause of the list a clause belongs to: walks back over clauses of the same segment while the clause is
 * a bare list item (only skill mentions and list words: "Java", "or Go"). Used for negation and requirement
 * scope: "No Python, Java or Go required" negates all three; "Bonus: Go, Rust" makes both preferred.
 * @param isListItem clause number -> true when the clause holds only mentions and list words.
 */
export function listHead(st: TextStructure, clauseNo: number, isListItem: (clause: number) => boolean): number {
  let c = clauseNo;
  while (c > 0 && isListItem(c) && st.segment[st.clauseStart[c - 1]] === st.segment[st.clauseStart[c]]) c--;
  return c;
}

function copulaBefore(keys: readonly string[], index: number): boolean {
  let k = index - 1;
  while (k >= 0 && CUE_FILLERS.has(keys[k])) k--;
  return k >= 0 && COPULAS.has(keys[k]);
}

/**
 * The requirement for a mention whose first token is `index`; see the module comment for precedence.
 * @param head first clause of the mention's list (`listHead`).
 * @param mentionBefore (cue index) -> true when a skill mention precedes the cue in the cue's own clause.
 * @param section requirement set by the heading of the mention's line.
 */
export function requirementAt(
  st: TextStructure, keys: readonly string[], index: number, head: number, mentionBefore: (cueIndex: number) => boolean, section: Requirement | null,
): Requirement | null {
  const clauseNo = st.clause[index];
  let own: RequirementCue | null = null;
  let forward: RequirementCue | null = null;
  let backward: RequirementCue | null = null;
  for (const cue of st.cues) {
    if (st.sentence[cue.index] !== st.sentence[index]) continue;
    const cueClause = st.clause[cue.index];
    if (cueClause === clauseNo || (cueClause === head && cue.index < index)) {
      if (own === null || Math.abs(cue.index - index) < Math.abs(own.index - index)) own = cue;
    } else if (cue.index < index) {
      if (!mentionBefore(cue.index)) forward = cue;
    } else if (backward === null && st.segment[cue.index] === st.segment[index] && copulaBefore(keys, cue.index)) {
      backward = cue;
    }
  }
  return own?.kind ?? forward?.kind ?? backward?.kind ?? section;
}

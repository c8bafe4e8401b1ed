/**
 * The compiled alias table: a token-sequence trie over normalised alias keys, plus the compile-time noise
 * policy.
 *
 * Trie layout: token keys are interned to integer ids (`vocab`); edges live in one open-addressing hash table
 * of typed arrays (edge-table.ts), and the root's children in a plain array indexed by token id. This keeps
 * ~120k aliases in a few MB (no per-node objects) and lets a text token that is in no alias fail with one
 * lookup.
 *
 * Compile policy (documented for the taxonomy owner). Lists are in lexicon.ts.
 * 1. Leading/trailing punctuation of a surface is ignored; a surface with no word is dropped ("empty").
 * 2. A multi-token alias that starts or ends with a function word ("and procedures") is a fragment: dropped
 *    ("dangling"); so is a two-word ESCO alt/hidden label "be <adjective>" ("be responsible", "be organised"),
 *    which matches ordinary prose ("will be responsible for"), counted as "dangling" too.
 * 3. A single-token alias whose key is a stop word (`STOP_WORDS`) is dropped ("stopWord") unless the
 *    taxonomy marks it case-sensitive ("IT").
 * 4. A 1–2 character alphanumeric alias compiles only case-sensitively: if the taxonomy did not mark it,
 *    it is forced case-sensitive when its surface has a capital ("JS", "UX"), else dropped ("short").
 *    Single-token all-capital aliases ("SQL", "CPT", "ASPEN") and single-token O*NET product names ("Juris")
 *    are matched case-sensitively too: in lower case they are ordinary words or other things. So are capitalised
 *    single words among ESCO's alt/hidden labels ("Source", a game engine; "Google"), which name products.
 * 5. A single plain lower-case word from ESCO (kinds preferred/alt/hidden) is `generic` and scored lower
 *    (scoring.ts); if it is an everyday word (`COMMON_WORDS`: "equipment", "design", "report") it is dropped
 *    ("common"); an alt/hidden one is a `loose` synonym, scored below the default threshold, unless the
 *    skill's label is itself one word sharing its stem ("maths" for "mathematics" stays; "data" for
 *    "statistics", "engineering" for "packaging engineering", "clean" for "conduct cleaning tasks" are loose).
 * 6. A single-token alias in `DEFAULT_AMBIGUOUS` ("Excel", "Spark") is treated as ambiguous even when not
 *    flagged; so is a single-token O*NET/curated alias that is an everyday word ("Analyze").
 * 7. Hyphenated surfaces compile two ways: split ("front end") and joined ("frontend").
 * 8. The same (skill, key path, case rule) compiles once, keeping the better kind; case-sensitive and ambiguous
 *    aliases count as the same only with the same written form.
 * 9. An O*NET-only skill's own label (id "onet-...", kind preferred) is a product name: single words compile like
 *    O*NET examples (case-sensitive; ambiguous when an everyday word: "Forth", "Analyze").
 * 10. ESCO skill labels that start with a verb also compile with the verb's "-ing" form, since postings
 *    write "managing budgets" for "manage budgets" (third-person "manages" already folds to "manage").
 *    Verb forms are in verb-forms.ts.
 * 11. An alias whose keys are one of `OFFERED_PHRASES` ("personal development", "flexible working") is dropped
 *    ("offered"): postings use these words for what they offer, not for a skill they ask for.
 * 12. ESCO labels "verb object" (two or three words, verb in `ACTION_NOUNS`) also compile as "object noun", since
 *    postings write "budget management" for "manage budgets".
 * 13. The pairs in `VETOED_ALIASES` (alias surface, skill label; case-insensitive) are not compiled ("vetoed"): the
 *    alias names another concept in postings ("medicine" is an ESCO altLabel of "medicines", drug products).
 * 14. A single-word curated alias whose key is in `CONTEXTUAL_WORDS` ("testing", "architecture") is ambiguous but may be
 *    lower case (`contextual`): it needs the usual corroboration, not a capital. Like every ambiguous alias it matches
 *    only its exact written form, so each form is compiled (rule 8 keeps ambiguous variants that differ in case).
 */
import type { AliasEntry } from './extraction.types.js';
import { tokenFlags } from './context.js';
import { COMMON_WORDS, CONTEXTUAL_WORDS, DANGLING_WORDS, DEFAULT_AMBIGUOUS, OFFERED_PHRASES, STOP_WORDS, VETOED_ALIASES } from './lexicon.js';
import { normalizeToken } from './normalize.js';
import { gerundOf, nominalOf } from './verb-forms.js';
import { EdgeTable } from './edge-table.js';
import { LexTable } from './lex-table.js';
import { tokenize, type Token } from './tokenizer.js';

export type AliasKind = AliasEntry['kind'];

/** One compiled alias variant hanging off a trie node. */
export interface CompiledAlias {
  /** Index into `AliasIndex.skills`. */
  skill: number;
  surface: string;
  kind: AliasKind;
  /** Effective case sensitivity (taxonomy flag, or forced by rule 3). */
  caseSensitive: boolean;
  /** Effective ambiguity (taxonomy flag, or rule 4). */
  ambiguous: boolean;
  /** The variant's exact form: token texts joined by " " (hyphen chains joined without it when `joined`). */
  exact: string;
  words: number;
  /** Contains a digit or a symbol ("C++", "Node.js", "HTML5", "CI/CD"). */
  symbolic: boolean;
  /** Surface looks like a product/technology name: capital, digit or symbol, or an O*NET/curated entry. */
  techLike: boolean;
  generic: boolean;
  /** A generic alt/hidden label sharing no word stem with the skill's label (rule 5). */
  loose: boolean;
  /** Distinct skills sharing this exact key path (filled in after compilation). */
  sharedBy: number;
  /** Compiled from the label's "-ing" form (rule 10). */
  gerund?: boolean;
  /** Compiled from the label's noun phrase form, "manage budgets" -> "budget management" (rule 12). */
  nominal?: boolean;
  /** A curated technology-area word ("testing", "architecture"): ambiguous, but lower case is its normal form (rule 14). */
  contextual?: boolean;
  /** Set by the matcher on a case-sensitive product name met in lower case ("java"): it needs corroboration. */
  caseFolded?: boolean;
}

export interface CompileStats {
  aliasesSeen: number;
  /** Alias variants stored in the trie (a hyphenated alias stores two). */
  variantsCompiled: number;
  skills: number;
  trieNodes: number;
  vocabulary: number;
  dropped: { empty: number; dangling: number; stopWord: number; short: number; common: number; duplicate: number; offered: number; vetoed: number };
  compileMs: number;
}

export interface CompileOptions {
  /** Extra single-token keys to drop (rule 2). */
  extraStopWords?: Iterable<string>;
  /** Extra single-token keys to treat as ambiguous (rule 4). */
  extraAmbiguous?: Iterable<string>;
}

export const KIND_RANK: Record<AliasKind, number> = { curated: 5, preferred: 4, alt: 3, onet_example: 3, hidden: 1 };
const SYMBOL_OR_DIGIT = /[^\p{L}\s'-]/u;
const PLAIN_LOWER = /^[a-z]+$/;

/** Normalised key of a token: words via `normalizeToken`, punctuation as itself. */
export function tokenKey(t: Token): string {
  return t.word ? normalizeToken(t.text) : t.text;
}

/** Split and (if hyphenated) joined key paths of a trimmed token list, with their exact forms. */
function variants(tokens: readonly Token[]): { keys: string[]; exact: string }[] {
  const split = { keys: tokens.map(tokenKey), exact: tokens.map((t) => t.text).join(' ') };
  if (!tokens.some((t) => t.hyphenBefore)) return [split];
  const keys: string[] = [];
  const exact: string[] = [];
  for (const t of tokens) {
    if (t.hyphenBefore && exact.length > 0) {
      exact[exact.length - 1] += t.text;
      keys[keys.length - 1] = normalizeToken(exact[exact.length - 1]);
    } else {
      exact.push(t.text);
      keys.push(tokenKey(t));
    }
  }
  return [split, { keys, exact: exact.join(' ') }];
}

/** What the extractor needs per distinct token text: its key, vocabulary id (-1 if unused) and class bits. */
export interface LexEntry {
  key: string;
  id: number;
  flags: number;
  /** The exact token text the entry was cached for. */
  text: string;
}

/** Bound on the per-index token cache; past it the cache is cleared (postings repeat a small vocabulary). */
const LEX_CACHE_LIMIT = 200_000;

/** True when `word` shares a stem (common prefix of at least min(5, both lengths) letters) with a word of `label`. */
function sharesStem(word: string, label: string): boolean {
  for (const w of label.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const need = Math.min(5, word.length, w.length);
    if (need < 3) continue;
    let k = 0;
    while (k < need && word.charCodeAt(k) === w.charCodeAt(k)) k++;
    if (k === need) return true;
  }
  return false;
}

const VETOED = new Set(VETOED_ALIASES.map(([alias, label]) => `${alias}\u0000${label}`));
const OFFERED_KEYS = new Set(OFFERED_PHRASES.map((p) => p.join(' ')));

/** True when the words of the (trimmed) tokens spell one of `OFFERED_PHRASES`, hyphens ignored (compile rule 11). */
function isOfferedPhrase(tokens: readonly Token[]): boolean {
  return OFFERED_KEYS.has(tokens.filter((t) => t.word).map(tokenKey).join(' '));
}

export class AliasIndex {
  readonly vocab = new Map<string, number>();
  private readonly edges = new EdgeTable();
  /** Root children by token id (filled by `finish`). */
  private root = new Int32Array(0);
  /** Per node: 1 when it has children (filled by `finish`). */
  private inner = new Uint8Array(0);
  /** By trie node id; undefined when no alias ends there. */
  readonly terminals: (CompiledAlias[] | undefined)[] = [undefined];
  readonly skills: { id: string; label: string }[] = [];
  readonly stats: CompileStats = {
    aliasesSeen: 0, variantsCompiled: 0, skills: 0, trieNodes: 1, vocabulary: 0,
    dropped: { empty: 0, dangling: 0, stopWord: 0, short: 0, common: 0, duplicate: 0, offered: 0, vetoed: 0 }, compileMs: 0,
  };
  private readonly skillIndex = new Map<string, number>();
  private readonly stopWords: Set<string>;
  private readonly ambiguousWords: Set<string>;

  constructor(options: CompileOptions = {}) {
    this.stopWords = new Set([...STOP_WORDS, ...[...(options.extraStopWords ?? [])].map(normalizeToken)]);
    this.ambiguousWords = new Set([...DEFAULT_AMBIGUOUS, ...[...(options.extraAmbiguous ?? [])].map(normalizeToken)]);
  }

  private readonly lexCache = new LexTable<LexEntry>(LEX_CACHE_LIMIT);
  /** Punctuation tokens are one UTF-16 unit: cached by char code. */
  private readonly punctCache: (LexEntry | undefined)[] = [];
  private readonly makeWordLex = (text: string): LexEntry => {
    const key = normalizeToken(text);
    return { key, id: this.tokenId(key), flags: tokenFlags(key, true), text };
  };

  /**
   * Key, vocabulary id and class bits of a token of `source`, cached by its exact text (normalising and looking up once
   * per distinct token text instead of once per occurrence). Valid after `finish`.
   */
  lex(source: string, token: Token): LexEntry {
    if (token.word) return this.lexCache.get(source, token.start, token.end, this.makeWordLex);
    const code = token.text.charCodeAt(0);
    return (this.punctCache[code] ??= { key: token.text, id: this.tokenId(token.text), flags: tokenFlags(token.text, false), text: token.text });
  }

  /** Token id of a key, or -1 when no alias uses it. */
  tokenId(key: string): number {
    return this.vocab.get(key) ?? -1;
  }

  /** Child of `node` over token id `id` (a valid id, >= 0), or -1. Valid after `finish`. */
  child(node: number, id: number): number {
    return node === 0 ? this.root[id] : this.edges.get(node, id);
  }

  /** True when some alias continues past `node`. Valid after `finish`. */
  hasChildren(node: number): boolean {
    return this.inner[node] === 1;
  }

  add(entry: AliasEntry): void {
    this.stats.aliasesSeen++;
    const all = tokenize(entry.surface);
    let a = 0;
    let b = all.length;
    while (a < b && !all[a].word) a++;
    while (b > a && !all[b - 1].word) b--;
    const tokens = all.slice(a, b);
    const words = tokens.filter((t) => t.word).length;
    if (words === 0) { this.stats.dropped.empty++; return; }
    const surface = entry.surface.slice(tokens[0].start, tokens[tokens.length - 1].end);
    if (words >= 2 && isOfferedPhrase(tokens)) { this.stats.dropped.offered++; return; }
    if (VETOED.has(`${surface.toLowerCase()}\u0000${entry.label.toLowerCase()}`)) { this.stats.dropped.vetoed++; return; }
    const single = tokens.length === 1 ? tokenKey(tokens[0]) : null;
    const genericBe = words === 2 && (entry.kind === 'alt' || entry.kind === 'hidden') && tokenKey(tokens[0]) === 'be';
    if (genericBe || (single === null && (DANGLING_WORDS.has(tokenKey(tokens[0])) || DANGLING_WORDS.has(tokenKey(tokens[tokens.length - 1]))))) {
      this.stats.dropped.dangling++;
      return;
    }
    const symbolic = SYMBOL_OR_DIGIT.test(surface);
    const onetOnly = entry.kind === 'preferred' && entry.skillId.startsWith('onet-');
    const esco = !onetOnly && (entry.kind === 'preferred' || entry.kind === 'alt' || entry.kind === 'hidden');
    const generic = single !== null && esco && PLAIN_LOWER.test(surface);
    let caseSensitive = entry.caseSensitive;
    let ambiguous = entry.ambiguous;
    if (single !== null && !caseSensitive) {
      if (this.stopWords.has(single)) { this.stats.dropped.stopWord++; return; }
      if (generic && COMMON_WORDS.has(single)) { this.stats.dropped.common++; return; }
      if (single.length <= 2 && !symbolic && surface === surface.toLowerCase()) { this.stats.dropped.short++; return; }
      const allCaps = surface !== surface.toLowerCase() && surface === surface.toUpperCase();
      // A capitalised single word among ESCO's alt/hidden labels is a product name ("Source", "Google", "Dreamweaver"):
      // in lower case it is an ordinary word ("build from source").
      const capitalisedProduct = (entry.kind === 'alt' || entry.kind === 'hidden') && /^[A-Z][a-z]/.test(surface) && !symbolic;
      caseSensitive = (single.length <= 2 && !symbolic) || allCaps || entry.kind === 'onet_example' || onetOnly || capitalisedProduct;
    }
    if (single !== null) {
      ambiguous ||= this.ambiguousWords.has(single) || (!esco && COMMON_WORDS.has(single));
    }
    const contextual = single !== null && entry.kind === 'curated' && CONTEXTUAL_WORDS.has(single);
    if (contextual) ambiguous = true;
    const loose = generic && entry.kind !== 'preferred' && (/\s/.test(entry.label.trim()) || !sharesStem(single!, entry.label));
    const techLike = symbolic || surface !== surface.toLowerCase() || entry.kind === 'onet_example' || onetOnly || entry.kind === 'curated';
    const skill = this.skillOf(entry);
    for (const v of variants(tokens)) {
      const alias: CompiledAlias = {
        skill, surface, kind: entry.kind, caseSensitive, ambiguous, exact: v.exact, words, symbolic, techLike,
        generic, loose, sharedBy: 1,
      };
      if (contextual) alias.contextual = true;
      this.insert(v.keys, alias);
      const ing = esco && entry.kind !== 'hidden' && words >= 2 && !caseSensitive ? gerundOf(v.keys[0]) : null;
      // A vetoed pair may name the "-ing" form ("teaching philosophy" for "teach philosophy", rule 13).
      if (ing !== null && !VETOED.has(`${[ing, ...v.keys.slice(1)].join(' ')}\u0000${entry.label.toLowerCase()}`)) {
        this.insert([ing, ...v.keys.slice(1)], { ...alias, gerund: true });
      }
      const nominal = esco && entry.kind !== 'hidden' && !caseSensitive ? nominalOf(v.keys) : null;
      if (nominal !== null) this.insert(nominal, { ...alias, nominal: true });
    }
  }

  /** Fill `sharedBy` and the size stats; call once after the last `add`. */
  finish(): void {
    this.lexCache.clear();
    this.punctCache.length = 0;
    for (const list of this.terminals) {
      if (list === undefined) continue;
      const distinct = new Set(list.map((x) => x.skill)).size;
      for (const x of list) x.sharedBy = distinct;
    }
    this.root = new Int32Array(this.vocab.size).fill(-1);
    this.inner = new Uint8Array(this.terminals.length);
    this.edges.forEach((parent, id, child) => {
      if (parent === 0) this.root[id] = child;
      this.inner[parent] = 1;
    });
    this.stats.skills = this.skills.length;
    this.stats.trieNodes = this.terminals.length;
    this.stats.vocabulary = this.vocab.size;
  }

  private skillOf(entry: AliasEntry): number {
    let idx = this.skillIndex.get(entry.skillId);
    if (idx === undefined) {
      idx = this.skills.length;
      this.skills.push({ id: entry.skillId, label: entry.label });
      this.skillIndex.set(entry.skillId, idx);
    }
    return idx;
  }

  private insert(keys: readonly string[], alias: CompiledAlias): void {
    let node = 0;
    for (const key of keys) {
      let id = this.vocab.get(key);
      if (id === undefined) {
        id = this.vocab.size;
        this.vocab.set(key, id);
      }
      let next = this.edges.get(node, id);
      if (next < 0) {
        next = this.terminals.length;
        this.terminals.push(undefined);
        this.edges.set(node, id, next);
      }
      node = next;
    }
    const list = (this.terminals[node] ??= []);
    const dup = list.find((x) => x.skill === alias.skill && x.caseSensitive === alias.caseSensitive
      // Ambiguous aliases also match only their exact form (matcher.ts): each written form is kept.
      && x.ambiguous === alias.ambiguous && (!(x.caseSensitive || x.ambiguous) || x.exact === alias.exact));
    if (dup !== undefined) {
      this.stats.dropped.duplicate++;
      if (KIND_RANK[alias.kind] > KIND_RANK[dup.kind]) Object.assign(dup, alias);
      return;
    }
    list.push(alias);
    this.stats.variantsCompiled++;
  }
}

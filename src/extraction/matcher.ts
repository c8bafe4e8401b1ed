/**
 * Longest-match search of the alias trie over a tokenized text.
 *
 * From every unmasked word token the trie is walked token by token; at the start of a hyphen chain
 * ("e-mail", "front-end") the walk also tries the chain joined into one key ("email", "frontend"). Each start
 * keeps its longest match that has a locally valid alias, and matches are then chosen longest-first, so a
 * shorter match overlapping a longer one is dropped ("C" inside "Objective-C", "Excel" in "Microsoft Excel").
 *
 * Local validity: case-sensitive and ambiguous aliases must match their exact form ("Go", not "go" or "GO")
 * and must not be glued to a neighbouring word by "-", "&", ".", "'", "+", "#", "@" or "_" ("go-to-market",
 * "R&D", "C-suite" do not contain Go, R or C). A slash is a list separator, so "C/C++" still names C.
 */
import type { AliasIndex, CompiledAlias } from './alias-index.js';
import { hashChars, TextTable } from './lex-table.js';
import { normalizeToken } from './normalize.js';
import { TOKEN_HYPHEN_BEFORE, TOKEN_WORD, type Token } from './tokenizer.js';

export interface Match {
  /** First token index. */
  start: number;
  /** Token index just past the match. */
  end: number;
  /** Aliases ending here that passed the case and glue checks (possibly of several skills). */
  aliases: CompiledAlias[];
}

/** Per-text lookups shared by the walk; `ids[i]` is the token's vocabulary id or -1. */
export interface MatchInput {
  tokens: readonly Token[];
  ids: Int32Array;
  masked: Uint8Array;
  /** Per-token `TOKEN_WORD` / `TOKEN_HYPHEN_BEFORE` bits (tokenizer.ts), saving a token read each; taken from `tokens` when absent. */
  bits?: Uint8Array;
  /** The text `tokens` come from: lets joined hyphen chains be cached by their source characters. */
  source?: string;
  /**
   * Ascending indices of the word tokens whose id starts an alias (`index.child(0, ids[i]) >= 0`), and of the words
   * that start a hyphen chain: the walk starts only there. Computed from `ids` and `bits` when absent.
   */
  starts?: Int32Array;
  chainStarts?: Int32Array;
}

const GLUE = new Set(['&', '.', "'", '\u2019', '+', '#', '@', '_', '-']);

function isPossessive(tokens: readonly Token[], apostrophe: number): boolean {
  const s = tokens[apostrophe + 1];
  return (s.text === 's' || s.text === 'S') && (apostrophe + 2 >= tokens.length || tokens[apostrophe + 2].start > s.end);
}

/** True when tokens [start, end) are glued to a word on either side (see module comment). */
export function isGlued(tokens: readonly Token[], start: number, end: number): boolean {
  if (tokens[start].hyphenBefore) return true;
  if (start >= 2) {
    const p = tokens[start - 1];
    if (!p.word && GLUE.has(p.text) && p.end === tokens[start].start && tokens[start - 2].word && tokens[start - 2].end === p.start) return true;
  }
  if (end < tokens.length) {
    const q = tokens[end];
    if (q.hyphenBefore) return true;
    if (!q.word && GLUE.has(q.text) && q.start === tokens[end - 1].end && end + 1 < tokens.length
      && tokens[end + 1].word && tokens[end + 1].start === q.end
      && !((q.text === "'" || q.text === '\u2019') && isPossessive(tokens, end))) return true;
  }
  return false;
}

function validAliases(list: readonly CompiledAlias[], exactOf: () => string, tokens: readonly Token[], start: number, end: number): CompiledAlias[] {
  let glued: boolean | undefined;
  let exact: string | undefined;
  const out: CompiledAlias[] = [];
  for (const a of list) {
    if (a.caseSensitive || a.ambiguous) {
      if (a.exact !== (exact ??= exactOf())) {
        // A product name written in lower case ("javascript java linux"): counts only with corroboration (it is
        // treated as ambiguous: a technology beside it, "in java", a version).
        if (a.ambiguous || !a.techLike || exact.length < 3 || exact !== a.exact.toLowerCase()) continue;
        glued ??= isGlued(tokens, start, end);
        if (!glued) out.push({ ...a, ambiguous: true, caseFolded: true });
        continue;
      }
      glued ??= isGlued(tokens, start, end);
      if (glued) continue;
    }
    out.push(a);
  }
  return out;
}

function bitsOf(tokens: readonly Token[]): Uint8Array {
  const bits = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) bits[i] = (tokens[i].word ? TOKEN_WORD : 0) | (tokens[i].hyphenBefore ? TOKEN_HYPHEN_BEFORE : 0);
  return bits;
}

const NO_CHAINS = new Int32Array(0);

/** Indices of the words followed by a hyphen-joined word that is not itself hyphen-joined to the word before. */
function chainStartsOf(bits: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i + 1 < bits.length; i++) {
    if ((bits[i + 1] & TOKEN_HYPHEN_BEFORE) !== 0 && (bits[i] & TOKEN_HYPHEN_BEFORE) === 0) out.push(i);
  }
  return Int32Array.from(out);
}

/** Indices of the word tokens whose id has a child at the trie root. */
function startsOf(index: AliasIndex, ids: Int32Array, bits: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) if ((bits[i] & TOKEN_WORD) !== 0 && ids[i] >= 0 && index.child(0, ids[i]) >= 0) out.push(i);
  return Int32Array.from(out);
}

/** Joined hyphen chains by first token: the chain's vocabulary id (-1: none), end index and exact text. */
interface Chains {
  id: Int32Array;
  end: Int32Array;
  text: string[];
}

/** Per index: joined chain by its source text ("front-end" -> id and text of "frontend"), so each distinct chain is normalised once. */
interface ChainCache {
  table: TextTable;
  ids: number[];
  texts: string[];
}
const chainCaches = new WeakMap<AliasIndex, ChainCache>();
const CHAIN_CACHE_LIMIT = 50_000;

/**
 * Reused by `hyphenChains` (and valid until its next call): a typed array's backing store costs more to allocate than
 * a few hundred entries cost to fill.
 */
let chainScratch: Chains = { id: new Int32Array(1024), end: new Int32Array(1024), text: [] };

/** Chains ("e-mail", "front-end") whose joined key is in the vocabulary, or null when there are none. */
function hyphenChains(
  index: AliasIndex, tokens: readonly Token[], bits: Uint8Array, chainStarts: Int32Array, source: string | undefined,
): Chains | null {
  let chains: Chains | null = null;
  let cache: ChainCache | undefined;
  const n = tokens.length;
  for (let c = 0; c < chainStarts.length; c++) {
    const i = chainStarts[c];
    let j = i + 1;
    while (j < n && (bits[j] & TOKEN_HYPHEN_BEFORE) !== 0) j++;
    let id: number;
    let text: string;
    if (source !== undefined) {
      // The chain's source text (words and the single hyphens between them) decides its joined text.
      const from = tokens[i].start;
      const to = tokens[j - 1].end;
      cache ??= chainCaches.get(index) ?? newChainCache(index);
      const hash = hashChars(source, from, to);
      let entry = cache.table.find(source, from, to, hash);
      if (entry < 0) {
        if (cache.table.size >= CHAIN_CACHE_LIMIT) {
          cache.table.clear();
          cache.ids.length = 0;
          cache.texts.length = 0;
        }
        const joined = joinChain(tokens, i, j);
        entry = cache.table.add(source.slice(from, to), hash);
        cache.ids.push(index.tokenId(normalizeToken(joined)));
        cache.texts.push(joined);
      }
      id = cache.ids[entry];
      text = cache.texts[entry];
    } else {
      text = joinChain(tokens, i, j);
      id = index.tokenId(normalizeToken(text));
    }
    if (id < 0) continue;
    if (chains === null) {
      if (chainScratch.id.length < n) chainScratch = { id: new Int32Array(n), end: new Int32Array(n), text: [] };
      chainScratch.id.fill(-1, 0, n);
      chains = chainScratch;
    }
    chains.id[i] = id;
    chains.end[i] = j;
    chains.text[i] = text;
  }
  return chains;
}

function joinChain(tokens: readonly Token[], from: number, to: number): string {
  let text = tokens[from].text;
  for (let k = from + 1; k < to; k++) text += tokens[k].text;
  return text;
}

function newChainCache(index: AliasIndex): ChainCache {
  const cache: ChainCache = { table: new TextTable(), ids: [], texts: [] };
  chainCaches.set(index, cache);
  return cache;
}

/** The walk's path (see `findMatches`), reused across calls and grown when an alias path is deeper. */
let path = new Int32Array(64);
/** Tokens inside accepted matches, reused across calls. */
let coveredScratch = new Uint8Array(1024);

/** All accepted matches, non-overlapping, sorted by start. */
export function findMatches(index: AliasIndex, input: MatchInput): Match[] {
  const { tokens, ids, masked } = input;
  const bits = input.bits ?? bitsOf(tokens);
  const n = tokens.length;
  const chainStarts = input.chainStarts ?? chainStartsOf(bits);
  const chains = chainStarts.length === 0 ? null : hyphenChains(index, tokens, bits, chainStarts, input.source);
  const starts = input.starts ?? startsOf(index, ids, bits);
  const candidates: Match[] = [];
  // The walk's path: path[d] is the token index just past step d (a step is one token, or a joined chain of two or
  // more tokens).
  let depth = 0;
  let start = 0;
  let best: Match | null = null;
  // The exact text of the path: steps joined by " ", a joined chain as one step ("e-mail" -> "email").
  const joinPath = (): string => {
    let text = '';
    let from = start;
    for (let d = 1; d <= depth; d++) {
      const to = path[d];
      if (d > 1) text += ' ';
      text += to - from === 1 ? tokens[from].text : chains!.text[from];
      from = to;
    }
    return text;
  };

  // Depth-first walk. The single token is tried before the joined chain, and a later path replaces the best match
  // only when strictly longer.
  const walk = (node: number, j: number): void => {
    if (j >= n || masked[j] === 1) return;
    if (ids[j] >= 0) {
      const next = index.child(node, ids[j]);
      if (next >= 0) step(next, j + 1);
    }
    if (chains !== null && chains.id[j] >= 0) {
      const next = index.child(node, chains.id[j]);
      if (next >= 0) step(next, chains.end[j]);
    }
  };
  const step = (next: number, end: number): void => {
    if (++depth === path.length) {
      const grown = new Int32Array(path.length * 2);
      grown.set(path);
      path = grown;
    }
    path[depth] = end;
    const list = index.terminals[next];
    if (list !== undefined && (bits[end - 1] & TOKEN_WORD) !== 0 && (best === null || end > best.end)) {
      const aliases = validAliases(list, joinPath, tokens, start, end);
      if (aliases.length > 0) best = { start, end, aliases };
    }
    if (index.hasChildren(next)) walk(next, end);
    depth--;
  };

  // Start points: the merge of `starts` and the chain starts, ascending.
  const joined = chains === null ? NO_CHAINS : chainStarts;
  for (let a = 0, c = 0; a < starts.length || c < joined.length;) {
    const i = c >= joined.length || (a < starts.length && starts[a] <= joined[c]) ? starts[a] : joined[c];
    const single = a < starts.length && starts[a] === i ? index.child(0, ids[starts[a++]]) : -1;
    const chain = c < joined.length && joined[c] === i && chains!.id[joined[c++]] >= 0 ? index.child(0, chains!.id[i]) : -1;
    if ((single < 0 && chain < 0) || masked[i] === 1) continue;
    start = i;
    best = null;
    if (single >= 0) step(single, i + 1);
    if (chain >= 0) step(chain, chains!.end[i]);
    if (best !== null) candidates.push(best);
  }
  if (candidates.length <= 1) return candidates;
  candidates.sort((a, b) => (b.end - b.start) - (a.end - a.start)
    || (tokens[b.end - 1].end - tokens[b.start].start) - (tokens[a.end - 1].end - tokens[a.start].start)
    || a.start - b.start);
  if (coveredScratch.length < n) coveredScratch = new Uint8Array(n);
  const covered = coveredScratch.fill(0, 0, n);
  const accepted: Match[] = [];
  for (const m of candidates) {
    let free = true;
    for (let k = m.start; k < m.end && free; k++) free = covered[k] === 0;
    if (!free) continue;
    covered.fill(1, m.start, m.end);
    accepted.push(m);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

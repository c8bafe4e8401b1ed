/**
 * The extractor's front end: one posting text -> tokens with their normalised keys, vocabulary ids, class bits and
 * URL/e-mail/path mask, in one pass over a typed-array scan (tokenizer.ts `scanTokens`), plus the token indices
 * where the alias trie walk can start (matcher.ts).
 *
 * Lexical data comes from `AliasIndex.lex` (key, vocabulary id, `tokenFlags` bits), looked up once per distinct
 * token text per index and kept here in typed arrays by entry number: a word seen before costs one probe of a
 * `TextTable` with the hash the tokenizer computed while scanning, and no string allocation (its `text` is the
 * cached string with the same characters).
 */
import type { AliasIndex } from './alias-index.js';
import { TextTable } from './lex-table.js';
import { findMaskedRanges } from './mask.js';
import { newTokenScan, scanTokens, TOKEN_HYPHEN_BEFORE, TOKEN_NL_BEFORE, TOKEN_WORD, type Token } from './tokenizer.js';

/** Per-token arrays of one text, all of length `tokens.length`, and the walk's start points. */
export interface LexedText {
  tokens: Token[];
  /** Normalised key (`normalizeToken` for words, the character for punctuation). */
  keys: string[];
  /** Vocabulary id of the key in the alias trie, or -1 when no alias uses it. */
  ids: Int32Array;
  /** `tokenFlags` class bits of the key (context.ts). */
  flags: Uint16Array;
  /** 1 when the token overlaps a URL, e-mail address or file path (mask.ts). */
  masked: Uint8Array;
  /** `TOKEN_WORD | TOKEN_NL_BEFORE | TOKEN_HYPHEN_BEFORE` per token (tokenizer.ts), for typed-array walks. */
  bits: Uint8Array;
  /** Ascending indices of the word tokens whose key starts some alias (the trie root has a child for it). */
  starts: Int32Array;
  /** Ascending indices of the words that start a hyphen chain ("front" in "front-end"). */
  chainStarts: Int32Array;
  /** The text itself. */
  source: string;
}

/** Bound on distinct word texts cached per index; past it the cache starts over (postings share a small vocabulary). */
const WORD_CACHE_LIMIT = 200_000;

/** `LexCache.info` bit set above the 16 flag bits when the word's key starts some alias. */
const INFO_STARTS = 1 << 16;

/**
 * Lexical data of words by `TextTable` entry number, and of punctuation characters by UTF-16 code. A word's data
 * is interleaved by entry (`strings[2e]`, `strings[2e + 1]`; `info[2e]`, `info[2e + 1]`) so that a rarely seen
 * word costs two cache misses here, not one per field.
 */
class LexCache {
  readonly words = new TextTable();
  /** Per entry e: [2e] the token text (the cached string), [2e + 1] its key. */
  strings: string[] = [];
  /** Per entry e: [2e] vocabulary id, [2e + 1] `tokenFlags` bits | `INFO_STARTS`. */
  info = new Int32Array(2048);
  /** Punctuation: entry number by character code (-1 until seen), then key, id and bits by entry number. */
  readonly punct = new Int32Array(65536).fill(-1);
  readonly punctKeys: string[] = [];
  readonly punctIds: number[] = [];
  readonly punctFlags: number[] = [];

  /** Records `AliasIndex.lex` of the word `token` as a new entry; returns its number. */
  learnWord(index: AliasIndex, source: string, token: Token, hash: number): number {
    if (this.words.size >= WORD_CACHE_LIMIT) {
      this.words.clear();
      this.strings = [];
    }
    const lex = index.lex(source, token);
    const entry = this.words.add(lex.text, hash);
    if (2 * entry === this.info.length) {
      const info = new Int32Array(entry * 4);
      info.set(this.info);
      this.info = info;
    }
    this.strings.push(lex.text, lex.key);
    this.info[2 * entry] = lex.id;
    this.info[2 * entry + 1] = lex.flags | (lex.id >= 0 && index.child(0, lex.id) >= 0 ? INFO_STARTS : 0);
    return entry;
  }

  /** Records `AliasIndex.lex` of the punctuation `token` as a new entry; returns its number. */
  learnPunct(index: AliasIndex, source: string, token: Token): number {
    const lex = index.lex(source, token);
    const entry = this.punctKeys.length;
    this.punctKeys.push(lex.key);
    this.punctIds.push(lex.id);
    this.punctFlags.push(lex.flags);
    this.punct[token.text.charCodeAt(0)] = entry;
    return entry;
  }
}

/** One cache per compiled index (an index is immutable once compiled). */
const caches = new WeakMap<AliasIndex, LexCache>();

/**
 * Per-token arrays while a text is lexed, reused across calls and copied out at the end into views of one
 * ArrayBuffer: allocating a typed array's backing store costs microseconds (far more than filling a few hundred
 * entries), so a text gets one allocation instead of seven.
 */
const scanScratch = newTokenScan();
let idScratch = new Int32Array(1024);
let flagScratch = new Uint16Array(1024);
let startScratch = new Int32Array(1024);
let chainScratch = new Int32Array(1024);

/** Tokenize and look up every token of `text` (see the module comment). Valid once `index` is finished. */
export function lexText(text: string, index: AliasIndex): LexedText {
  let cache = caches.get(index);
  if (cache === undefined) {
    cache = new LexCache();
    caches.set(index, cache);
  }
  // Its own scan: a lookup that tokenizes (through `AliasIndex.lex`) cannot overwrite it.
  const scan = scanTokens(text, scanScratch);
  const n = scan.count;
  if (idScratch.length < n) {
    idScratch = new Int32Array(n);
    flagScratch = new Uint16Array(n);
    startScratch = new Int32Array(n);
    chainScratch = new Int32Array(n);
  }
  const ids = idScratch;
  const flags = flagScratch;
  const tokens: Token[] = [];
  const keys = new Array<string>(n);
  const { start, end, bits, hash } = scan;
  let starts = 0;
  let chains = 0;
  for (let i = 0; i < n; i++) {
    const b = bits[i];
    if ((b & TOKEN_WORD) !== 0) {
      let entry = cache.words.find(text, start[i], end[i], hash[i]);
      const token: Token = {
        text: entry >= 0 ? cache.strings[2 * entry] : '', start: start[i], end: end[i], word: true,
        nlBefore: (b & TOKEN_NL_BEFORE) !== 0, hyphenBefore: (b & TOKEN_HYPHEN_BEFORE) !== 0,
      };
      if (entry < 0) {
        entry = cache.learnWord(index, text, token, hash[i]);
        token.text = cache.strings[2 * entry];
      }
      tokens.push(token);
      keys[i] = cache.strings[2 * entry + 1];
      ids[i] = cache.info[2 * entry];
      const info = cache.info[2 * entry + 1];
      flags[i] = info & 0xffff;
      if ((info & INFO_STARTS) !== 0) startScratch[starts++] = i;
      // A hyphen-joined word after a word that is not: the word before starts a chain.
      if ((b & TOKEN_HYPHEN_BEFORE) !== 0 && (bits[i - 1] & TOKEN_HYPHEN_BEFORE) === 0) chainScratch[chains++] = i - 1;
    } else {
      const token: Token = {
        text: text[start[i]], start: start[i], end: end[i], word: false, nlBefore: (b & TOKEN_NL_BEFORE) !== 0, hyphenBefore: false,
      };
      let entry = cache.punct[text.charCodeAt(start[i])];
      if (entry < 0) entry = cache.learnPunct(index, text, token);
      tokens.push(token);
      keys[i] = cache.punctKeys[entry];
      ids[i] = cache.punctIds[entry];
      flags[i] = cache.punctFlags[entry];
    }
  }
  // One buffer: Int32 arrays first (ids, starts, chain starts), then flags (Uint16), then masked and bits (bytes).
  const buffer = new ArrayBuffer(4 * (n + starts + chains) + 2 * n + 2 * n);
  const out: LexedText = {
    tokens, keys,
    ids: new Int32Array(buffer, 0, n),
    starts: new Int32Array(buffer, 4 * n, starts),
    chainStarts: new Int32Array(buffer, 4 * (n + starts), chains),
    flags: new Uint16Array(buffer, 4 * (n + starts + chains), n),
    masked: new Uint8Array(buffer, 4 * (n + starts + chains) + 2 * n, n),
    bits: new Uint8Array(buffer, 4 * (n + starts + chains) + 3 * n, n),
    source: text,
  };
  out.ids.set(ids.subarray(0, n));
  out.starts.set(startScratch.subarray(0, starts));
  out.chainStarts.set(chainScratch.subarray(0, chains));
  out.flags.set(flags.subarray(0, n));
  out.bits.set(bits.subarray(0, n));
  const ranges = findMaskedRanges(text);
  // Ranges are sorted and disjoint, tokens ordered: one merge walk marks every token overlapping a range.
  for (let i = 0, r = 0; i < n && r < ranges.length; i++) {
    const t = tokens[i];
    while (r < ranges.length && ranges[r].end <= t.start) r++;
    if (r < ranges.length && ranges[r].start < t.end) out.masked[i] = 1;
  }
  return out;
}

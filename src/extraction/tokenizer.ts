/**
 * Offset-preserving tokenizer for posting text and alias surfaces.
 *
 * Tokens are either words or single punctuation characters. Whitespace is dropped; a newline is recorded on
 * the token after it (`nlBefore`), since postings use line breaks as list and sentence separators.
 *
 * Technology symbols stay inside a word:
 * - a trailing run of "+" or "#" right after a word character: "C++", "C#", "F#", "Notepad++";
 * - "." between two word characters: "Node.js", "ASP.NET", "Vue.js", "1.22", "e.g";
 * - a leading "." directly before a letter when not preceded by a word character: ".NET";
 * - an apostrophe between letters: "don't", "Bachelor's" (a final possessive "'s" is split off: "Python's").
 * Everything else is punctuation and becomes its own token, so "C++." -> ["C++", "."], "(Python)" -> ["(",
 * "Python", ")"], "CI/CD" -> ["CI", "/", "CD"] (the alias "CI/CD" tokenizes the same way and matches as a
 * sequence). Hyphens between word characters are not emitted: the word after carries `hyphenBefore`, so
 * "front-end" -> ["front", "end"] (which the matcher also tries as "frontend").
 *
 * Word characters are letters, digits and combining marks of any script (`\p{L}\p{N}\p{M}`), decided per UTF-16
 * code unit from a 64 KiB class table built once at load (so an astral letter, a surrogate pair, is not a word).
 *
 * Offsets are UTF-16 code units into the input: `start` inclusive, `end` exclusive; `text` is
 * `input.slice(start, end)`.
 *
 * Two forms: `scanTokens` fills typed arrays (offsets and bits, no object or string per token) for the extractor's
 * hot path; `tokenize` returns `Token` objects built from the same scan.
 */
import { FNV_OFFSET, FNV_PRIME } from './lex-table.js';

export interface Token {
  /** The exact source text, `input.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** True for a word (letters/digits, possibly with the symbols above); false for a punctuation character. */
  word: boolean;
  /** A line break occurs between the previous token and this one. */
  nlBefore: boolean;
  /** This word is joined to the previous word by a single hyphen with no spaces ("front-end": true on "end"). */
  hyphenBefore: boolean;
}

/** Character class bits of a UTF-16 code unit (`CLASS`). */
const WORD = 1;
/** A word character that is not an ASCII digit. */
const LETTER = 2;
const SPACE = 4;
const NEWLINE = 8;
/** "-", U+2010, U+2011. */
const HYPHEN = 16;
/** "'", U+2019, U+02BC. */
const APOSTROPHE = 32;

const CLASS: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  const nonAsciiWord = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 65536; c++) {
    const word = c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : nonAsciiWord.test(String.fromCharCode(c));
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b)
      || c === 0x3000 || c === 0x202f || c === 0xfeff;
    const newline = c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
    table[c] = (word ? WORD : 0) | (word && !(c >= 48 && c <= 57) ? LETTER : 0) | (space ? SPACE : 0) | (newline ? NEWLINE : 0)
      | (c === 45 || c === 0x2010 || c === 0x2011 ? HYPHEN : 0) | (c === 39 || c === 0x2019 || c === 0x02bc ? APOSTROPHE : 0);
  }
  return table;
})();

/** Class bits of `text[i]`; 0 outside the string. */
function classAt(text: string, i: number, n: number): number {
  return i >= 0 && i < n ? CLASS[text.charCodeAt(i)] : 0;
}

/** Per-token bits of a `TokenScan`. */
export const TOKEN_WORD = 1;
export const TOKEN_NL_BEFORE = 2;
export const TOKEN_HYPHEN_BEFORE = 4;

/** A tokenized text as parallel typed arrays; entries [0, count) are valid. */
export interface TokenScan {
  count: number;
  /** UTF-16 offsets, start inclusive, end exclusive. */
  start: Int32Array;
  end: Int32Array;
  /** `TOKEN_WORD | TOKEN_NL_BEFORE | TOKEN_HYPHEN_BEFORE` as for `Token.word`, `nlBefore`, `hyphenBefore`. */
  bits: Uint8Array;
  /** Words: `hashChars(text, start, end)` (lex-table.ts), computed during the scan. Punctuation: 0. */
  hash: Int32Array;
}

/** FNV-1a hash (lex-table.ts `hashChars`) of the word `scanWord` last scanned. */
let wordHash = 0;

/**
 * Index just past the word starting at `i` (text[i] is a word character); sets `wordHash` to the hash of the word's
 * characters from `i`, continuing the hash `h` of any characters before it (the "." of ".NET").
 */
function scanWord(text: string, i: number, n: number, h: number): number {
  let j = i;
  for (;;) {
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if ((CLASS[c] & WORD) === 0) break;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (j >= n) break;
    const c = text.charCodeAt(j);
    if (c === 46 /* . */ && (classAt(text, j + 1, n) & WORD) !== 0) {
      h = Math.imul(h ^ c, FNV_PRIME);
      j++;
      continue;
    }
    if ((CLASS[c] & APOSTROPHE) !== 0 && (classAt(text, j - 1, n) & LETTER) !== 0 && (classAt(text, j + 1, n) & LETTER) !== 0) {
      // Split a final possessive "'s" off ("Python's"), keep contractions and names ("don't", "O'Reilly").
      const s = text.charCodeAt(j + 1);
      if ((s === 115 || s === 83) && (classAt(text, j + 2, n) & WORD) === 0) break;
      h = Math.imul(h ^ c, FNV_PRIME);
      j++;
      continue;
    }
    break;
  }
  // Trailing symbol run: "C++", "C#", "F#". Not when another word character follows ("A+B" stays split).
  const sym = j < n ? text.charCodeAt(j) : 0;
  if (sym === 43 /* + */ || sym === 35 /* # */) {
    let k = j;
    let hk = h;
    while (k < n && text.charCodeAt(k) === sym) {
      hk = Math.imul(hk ^ sym, FNV_PRIME);
      k++;
    }
    if ((classAt(text, k, n) & WORD) === 0) {
      j = k;
      h = hk;
    }
  }
  wordHash = h;
  return j;
}

/** An empty scan with room for `size` tokens, to pass to `scanTokens` again and again. */
export function newTokenScan(size = 1024): TokenScan {
  return { count: 0, start: new Int32Array(size), end: new Int32Array(size), bits: new Uint8Array(size), hash: new Int32Array(size) };
}

/** The scan `tokenize` reuses. */
const shared = newTokenScan();

/**
 * Tokenize `text` into the typed arrays of `into` (grown when too small; the default is shared by `tokenize`), and
 * return `into`; see the module comment for the rules. Never throws. Reusing one scan allocates nothing per call;
 * its arrays are overwritten by the next call with the same scan.
 */
export function scanTokens(text: string, into: TokenScan = shared): TokenScan {
  const n = text.length;
  if (into.start.length < n) {
    const grown = newTokenScan(Math.max(n, into.start.length * 2));
    into.start = grown.start;
    into.end = grown.end;
    into.bits = grown.bits;
    into.hash = grown.hash;
  }
  const { start, end, bits, hash } = into;
  let k = 0;
  let nl = 0;
  let hyphen = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = CLASS[c];
    if ((cls & SPACE) !== 0) {
      if ((cls & NEWLINE) !== 0) nl = TOKEN_NL_BEFORE;
      hyphen = 0;
      i++;
      continue;
    }
    let stop = -1;
    if ((cls & WORD) !== 0) stop = scanWord(text, i, n, FNV_OFFSET);
    else if (c === 46 /* . */ && (classAt(text, i + 1, n) & LETTER) !== 0 && (classAt(text, i - 1, n) & WORD) === 0) {
      stop = scanWord(text, i + 1, n, Math.imul(FNV_OFFSET ^ c, FNV_PRIME));
    }
    if (stop >= 0) {
      start[k] = i;
      end[k] = stop;
      bits[k] = TOKEN_WORD | nl | hyphen;
      hash[k] = wordHash;
      k++;
      nl = 0;
      hyphen = 0;
      i = stop;
      continue;
    }
    if ((cls & HYPHEN) !== 0 && k > 0 && (bits[k - 1] & TOKEN_WORD) !== 0 && end[k - 1] === i && (classAt(text, i + 1, n) & WORD) !== 0) {
      hyphen = TOKEN_HYPHEN_BEFORE;
      i++;
      continue;
    }
    start[k] = i;
    end[k] = i + 1;
    bits[k] = nl;
    hash[k] = 0;
    k++;
    nl = 0;
    hyphen = 0;
    i++;
  }
  into.count = k;
  return into;
}

/**
 * Tokenize `text`; see the module comment for the rules. Never throws; empty input gives [].
 * @param sliceWords false leaves each word token's `text` as '' for the caller to fill in (the extractor takes it
 *   from its per-token cache instead of slicing a fresh string per token).
 */
export function tokenize(text: string, sliceWords = true): Token[] {
  const { count, start, end, bits } = scanTokens(text);
  const tokens: Token[] = [];
  for (let k = 0; k < count; k++) {
    const word = (bits[k] & TOKEN_WORD) !== 0;
    tokens.push({
      text: word ? (sliceWords ? text.slice(start[k], end[k]) : '') : text[start[k]],
      start: start[k], end: end[k], word, nlBefore: (bits[k] & TOKEN_NL_BEFORE) !== 0, hyphenBefore: (bits[k] & TOKEN_HYPHEN_BEFORE) !== 0,
    });
  }
  return tokens;
}

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
 * Offsets are UTF-16 code units into the input: `start` inclusive, `end` exclusive; `text` is
 * `input.slice(start, end)`.
 */

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

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
/** ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;

function isHyphenCode(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

function isApostropheCode(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x02bc;
}

/** Letters, digits and combining marks (any script). */
function isWordCode(c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  return c === c && NON_ASCII_WORD.test(String.fromCharCode(c));
}

/** Word character at `text[i]` (false past the end: charCodeAt gives NaN there). */
function wordAt(text: string, i: number): boolean {
  return isWordCode(text.charCodeAt(i));
}

/** Letter (word character but not an ASCII digit) at `text[i]`. */
function letterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return !(c >= 48 && c <= 57) && isWordCode(c);
}

function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x202f || c === 0xfeff;
}

function isNewlineCode(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Index just past the word starting at `i` (text[i] is a word character, or "." before a letter for ".NET"). */
function scanWord(text: string, i: number): number {
  let j = i;
  const n = text.length;
  for (;;) {
    while (j < n && isWordCode(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if (c === 46 /* . */ && j > i && wordAt(text, j + 1)) { j++; continue; }
    if (isApostropheCode(c) && letterAt(text, j - 1) && letterAt(text, j + 1)) {
      // Split a final possessive "'s" off ("Python's"), keep contractions and names ("don't", "O'Reilly").
      const s = text.charCodeAt(j + 1);
      if ((s === 115 || s === 83) && !wordAt(text, j + 2)) break;
      j++;
      continue;
    }
    break;
  }
  // Trailing symbol run: "C++", "C#", "F#". Not when another word character follows ("A+B" stays split).
  const sym = text.charCodeAt(j);
  if (sym === 43 /* + */ || sym === 35 /* # */) {
    let k = j;
    while (text.charCodeAt(k) === sym) k++;
    if (!wordAt(text, k)) j = k;
  }
  return j;
}

/**
 * Tokenize `text`; see the module comment for the rules. Never throws; empty input gives [].
 * @param sliceWords false leaves each word token's `text` as '' for the caller to fill in (the extractor takes it
 *   from its per-token cache instead of slicing a fresh string per token).
 */
export function tokenize(text: string, sliceWords = true): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let nl = false;
  let pendingHyphen = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32) { pendingHyphen = false; i++; continue; }
    if (isSpaceCode(c)) {
      if (isNewlineCode(c)) nl = true;
      pendingHyphen = false;
      i++;
      continue;
    }
    const leadingDot = c === 46 /* . */ && letterAt(text, i + 1) && !wordAt(text, i - 1);
    if (leadingDot || isWordCode(c)) {
      const end = scanWord(text, leadingDot ? i + 1 : i);
      tokens.push({ text: sliceWords ? text.slice(i, end) : '', start: i, end, word: true, nlBefore: nl, hyphenBefore: pendingHyphen });
      nl = false;
      pendingHyphen = false;
      i = end;
      continue;
    }
    const prev = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
    if (isHyphenCode(c) && prev !== undefined && prev.word && prev.end === i && wordAt(text, i + 1)) {
      pendingHyphen = true;
      i++;
      continue;
    }
    tokens.push({ text: text[i], start: i, end: i + 1, word: false, nlBefore: nl, hyphenBefore: false });
    nl = false;
    pendingHyphen = false;
    i++;
  }
  return tokens;
}

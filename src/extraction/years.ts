/**
 * Years-of-experience statements: "5+ years", "3-5 years", "3 to 5 yrs", "five years", "minimum of 2 years".
 * A statement's value is its (first) number of years; for a range, its minimum.
 */
import type { Token } from './tokenizer.js';

export interface YearsStatement {
  /** Token index of the number. */
  start: number;
  /** Token index just past "years". */
  end: number;
  years: number;
}

const WORD_NUMBERS = new Map(Object.entries({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20,
}));
const NUMBER = /^(\d{1,2})\+?$/;
const RANGE_JOINERS = new Set(['-', '–', '—', 'to']);
const YEAR_KEYS = new Set(['year', 'yr', 'years', 'yrs']);

/** True for a key that names years ("year", "yrs"); the extractor caches it per token as `FLAG_YEAR`. */
export function isYearKey(key: string): boolean {
  return YEAR_KEYS.has(key);
}

function numberAt(tokens: readonly Token[], keys: readonly string[], i: number): number | null {
  if (i >= tokens.length || !tokens[i].word) return null;
  const m = NUMBER.exec(tokens[i].text);
  if (m !== null) return Number(m[1]);
  return WORD_NUMBERS.get(keys[i]) ?? null;
}

/**
 * All statements in token order. `keys` are the tokens' normalised keys ("years" -> "year").
 * @param yearFlags optional per-token bits, where `yearBit` is set exactly on the tokens whose key `isYearKey`
 *   (the extractor's cached `tokenFlags`): saves reading every key.
 */
export function findYears(tokens: readonly Token[], keys: readonly string[], yearFlags?: Uint16Array, yearBit = 0): YearsStatement[] {
  const out: YearsStatement[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0) continue;
    if (yearFlags !== undefined ? (yearFlags[i] & yearBit) === 0 : !YEAR_KEYS.has(keys[i])) continue;
    // Walk back from "years" over "+", "(s)" and a range's upper bound to the first number.
    let j = i - 1;
    if (tokens[j].text === '+') j--;
    let value = numberAt(tokens, keys, j);
    if (value === null) continue;
    let start = j;
    // "3-5" tokenizes as "3", "5" (hyphen joined); "3 - 5", "3–5" and "3 to 5" carry the joiner as a token.
    const lowAt = tokens[j].hyphenBefore ? j - 1 : j >= 2 && RANGE_JOINERS.has(keys[j - 1]) ? j - 2 : -1;
    if (lowAt >= 0) {
      const low = numberAt(tokens, keys, lowAt);
      if (low !== null && low <= value) { value = low; start = lowAt; }
    }
    if (value > 0 && value <= 40) out.push({ start, end: i + 1, years: value });
  }
  return out;
}

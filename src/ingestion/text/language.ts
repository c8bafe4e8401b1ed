/**
 * Language of a posting text by stop-word counting: for each candidate language, count the words of the text
 * that are among that language's most frequent function words, and pick the language with the most hits.
 * Job descriptions are long and full of function words, so this separates en/de/fr/es/pt/nl/it reliably without a
 * model; titles alone are too short and yield null. Mixed texts (a German ad with an English tool list) go to the
 * majority language, which is what a skill extractor needs to pick its alias table.
 */

/** Function words that are frequent in one language and rare in the others (shared words such as "a", "de", "in" left out). */
const STOP_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'with', 'for', 'you', 'our', 'is', 'are', 'we', 'will', 'be', 'this', 'that', 'on', 'or', 'your', 'as', 'have', 'from', 'an', 'at', 'by', 'experience', 'work', 'team', 'who', 'what', 'which', 'can', 'all', 'us', 'it'],
  de: ['und', 'der', 'die', 'das', 'mit', 'für', 'ist', 'wir', 'sie', 'ein', 'eine', 'einen', 'zu', 'den', 'dem', 'im', 'auf', 'bei', 'von', 'oder', 'auch', 'sich', 'uns', 'unser', 'unsere', 'dein', 'deine', 'du', 'dich', 'dir', 'ihre', 'nicht', 'werden', 'wie', 'als', 'aus', 'über', 'zur', 'zum', 'sind', 'bist', 'hast', 'kenntnisse', 'erfahrung'],
  fr: ['le', 'la', 'les', 'et', 'des', 'du', 'un', 'une', 'pour', 'vous', 'nous', 'est', 'avec', 'dans', 'sur', 'au', 'aux', 'par', 'qui', 'que', 'votre', 'vos', 'notre', 'nos', 'sont', 'être', 'ou', 'ce', 'cette', 'expérience', 'équipe'],
  es: ['el', 'la', 'los', 'las', 'y', 'del', 'un', 'una', 'para', 'con', 'por', 'que', 'es', 'en', 'su', 'sus', 'tu', 'nuestro', 'nuestra', 'nuestros', 'somos', 'como', 'más', 'experiencia', 'equipo', 'trabajo', 'al', 'se', 'o'],
  pt: ['o', 'os', 'as', 'e', 'do', 'da', 'dos', 'das', 'um', 'uma', 'para', 'com', 'por', 'que', 'é', 'em', 'no', 'na', 'nos', 'nas', 'seu', 'sua', 'você', 'nosso', 'nossa', 'somos', 'como', 'mais', 'experiência', 'equipe', 'trabalho', 'ao'],
  nl: ['de', 'het', 'een', 'en', 'van', 'voor', 'met', 'op', 'je', 'jij', 'jouw', 'wij', 'we', 'ons', 'onze', 'is', 'zijn', 'te', 'die', 'dat', 'niet', 'ook', 'naar', 'bij', 'als', 'ervaring', 'werk', 'heb', 'hebt', 'bent'],
  it: ['il', 'lo', 'la', 'gli', 'le', 'e', 'di', 'del', 'della', 'dei', 'un', 'una', 'per', 'con', 'che', 'è', 'sono', 'nel', 'nella', 'al', 'alla', 'tuo', 'tua', 'nostro', 'nostra', 'esperienza', 'lavoro', 'anche', 'come'],
};

const LANGUAGES = Object.keys(STOP_WORDS);

/** Each function word with the indexes (in {@link LANGUAGES}) of the languages it belongs to. */
const LEXICON: Map<string, number[]> = (() => {
  const map = new Map<string, number[]>();
  LANGUAGES.forEach((lang, index) => {
    for (const w of STOP_WORDS[lang]) map.set(w, [...(map.get(w) ?? []), index]);
  });
  return map;
})();
/** Longest function word in UTF-16 code units: longer words are counted but never looked up. */
const LONGEST_WORD = Math.max(...[...LEXICON.keys()].map((w) => w.length));

/** Minimum number of words before a guess is made; below it function words are too few to count. */
export const MIN_WORDS = 12;
/** Minimum stop-word hits of the winning language. */
const MIN_HITS = 4;

/** Whether a non-ASCII code point is a letter (`\p{L}`), cached: texts use few distinct ones. */
const letterCache = new Map<number, boolean>();
function isLetter(cp: number): boolean {
  let letter = letterCache.get(cp);
  if (letter === undefined) letterCache.set(cp, (letter = /\p{L}/u.test(String.fromCodePoint(cp))));
  return letter;
}

/**
 * Detects the language of a text.
 * @param text plain text (not HTML); only the first 20,000 characters are read.
 * @returns ISO 639-1 code ("en", "de", "fr", "es", "pt", "nl", "it") or null when the text has fewer than
 *   {@link MIN_WORDS} words, too few function words, or two languages tie.
 */
export function detectLanguage(text: string | null | undefined): string | null {
  if (!text) return null;
  // Words are maximal runs of letters (\p{L}, by code point) of the lower-cased text, as `match(/\p{L}+/gu)` finds
  // them; the scan below finds the same runs without building an array of every word.
  const lower = text.slice(0, 20_000).toLowerCase();
  const scores = new Array<number>(LANGUAGES.length).fill(0);
  let words = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; ) {
    let cp = i < lower.length ? lower.charCodeAt(i) : 32;
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < lower.length) {
      const low = lower.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const letter = cp < 0x80 ? (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) : isLetter(cp);
    if (letter) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words += 1;
      if (i - start <= LONGEST_WORD) {
        const langs = LEXICON.get(lower.slice(start, i));
        // A word shared by several languages counts for each, but less than a word unique to one.
        if (langs) for (const lang of langs) scores[lang] += 1 / langs.length;
      }
      start = -1;
    }
    i += width;
  }
  if (words < MIN_WORDS) return null;
  // The best language, unless another ties with it (a language with no hit never wins: MIN_HITS > 0).
  let best = -1;
  let tied = false;
  for (let lang = 0; lang < scores.length; lang++) {
    if (scores[lang] === 0) continue;
    if (best < 0 || scores[lang] > scores[best]) {
      best = lang;
      tied = false;
    } else if (scores[lang] === scores[best]) {
      tied = true;
    }
  }
  if (best < 0 || scores[best] < MIN_HITS || tied) return null;
  return LANGUAGES[best];
}

/**
 * Normalises a source's own language tag to ISO 639-1: "en", "EN", "en-US", "en_GB", "zhHant" → "en"/"zh".
 * @returns the two-letter code, or null for empty or non-alphabetic tags.
 */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  const m = /^([a-z]{2})(?:$|[-_A-Z])/.exec((tag ?? '').trim().replace(/^([A-Za-z]{2})/, (x) => x.toLowerCase()));
  return m ? m[1] : null;
}

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

const LEXICON: Map<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(STOP_WORDS)) {
    for (const w of words) map.set(w, [...(map.get(w) ?? []), lang]);
  }
  return map;
})();

/** Minimum number of words before a guess is made; below it function words are too few to count. */
export const MIN_WORDS = 12;
/** Minimum stop-word hits of the winning language. */
const MIN_HITS = 4;

/**
 * Detects the language of a text.
 * @param text plain text (not HTML); only the first 20,000 characters are read.
 * @returns ISO 639-1 code ("en", "de", "fr", "es", "pt", "nl", "it") or null when the text has fewer than
 *   {@link MIN_WORDS} words, too few function words, or two languages tie.
 */
export function detectLanguage(text: string | null | undefined): string | null {
  if (!text) return null;
  const words = text.slice(0, 20_000).toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const scores = new Map<string, number>();
  for (const w of words) {
    const langs = LEXICON.get(w);
    if (!langs) continue;
    // A word shared by several languages counts for each, but less than a word unique to one.
    for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs.length);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || ranked[0][1] < MIN_HITS) return null;
  if (ranked.length > 1 && ranked[0][1] === ranked[1][1]) return null;
  return ranked[0][0];
}

/**
 * Normalises a source's own language tag to ISO 639-1: "en", "EN", "en-US", "en_GB", "zhHant" → "en"/"zh".
 * @returns the two-letter code, or null for empty or non-alphabetic tags.
 */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  const m = /^([a-z]{2})(?:$|[-_A-Z])/.exec((tag ?? '').trim().replace(/^([A-Za-z]{2})/, (x) => x.toLowerCase()));
  return m ? m[1] : null;
}

/**
 * Normal form of one token, used as the matching key for both alias surfaces and posting text.
 *
 * - Lower-cased (case-sensitive aliases are additionally checked on their exact surface by the extractor).
 * - Plain alphabetic words of length >= 4 get a conservative plural fold ("dashboards" -> "dashboard",
 *   "libraries" -> "library", "processes" -> "process", "analyses" -> "analysis").
 * - Tokens carrying digits or symbols ("C++", "Node.js", "HTML5", "k8s") are only lower-cased.
 *
 * Why not the Porter stemmer: it folds far more than plurals ("university"/"universe" -> "univers",
 * "organization"/"organ" -> "organ", "aws" -> "aw"), which merges unrelated skills in a 100k-alias table.
 * Plural folding is all the ESCO/O*NET label set needs in practice, and it is applied identically to aliases
 * and text, so a fold that produces a non-word ("postgres" would give "postgre") only matters if it merges two
 * different words; the exception list below covers the cases seen in the taxonomy.
 */

/** Words ending in "s" that are not plurals (or whose singular is a different word). Lower-case. */
const NO_FOLD = new Set<string>([
  'kubernetes', 'pandas', 'jenkins', 'postgres', 'rails', 'windows', 'analytics', 'sales', 'news', 'means',
  'series', 'species', 'always', 'perhaps', 'whereas', 'thanks', 'canvas', 'atlas', 'alias', 'bias', 'chaos',
  'ethos', 'lens', 'kudos', 'aegis', 'yes', 'hers', 'ours', 'yours', 'theirs', 'its', 'towards', 'afterwards',
  'upwards', 'downwards', 'besides', 'mumps', 'measles', 'diabetes', 'herpes', 'rabies', 'scabies', 'arms',
  'goods', 'premises', 'customs', 'savings', 'earnings', 'proceeds', 'headquarters', 'outskirts', 'glasses',
  'overseas', 'mathematics', 'physics', 'economics', 'ethics', 'logistics', 'graphics', 'linguistics',
  'athletics', 'gymnastics', 'acoustics', 'optics', 'electronics', 'mechatronics', 'robotics', 'genomics',
  'ergonomics', 'kinesiology', 'mars', 'venus', 'paris', 'texas', 'james', 'jones', 'williams', 'adidas',
  'sprinkles', 'tiles', 'ios', 'aws', 'sas', 'spss', 'stata', 'elasticsearch', 'redis', 'hbase', 'iris',
  'dynamics', 'sirs', 'mrs', 'ms', 'vs', 'wales', 'netherlands', 'philippines', 'bahamas', 'maldives',
  'statistics', 'informatics', 'bioinformatics', 'aesthetics', 'semantics', 'thermodynamics', 'aerodynamics',
  'forensics', 'politics', 'aeronautics', 'avionics', 'hydraulics', 'pneumatics', 'ceramics', 'metaphysics',
  'macos', 'chromeos', 'ipados', 'watchos', 'tvos', 'webos', 'pathos', 'cosmos', 'diagnostics', 'mechanics',
  // Plurals whose singular means something else: securities (finance) vs security, humanities vs humanity,
  // medicines (drug products, an ESCO skill) vs medicine (the discipline).
  'securities', 'humanities', 'damages', 'spirits', 'manners', 'letters', 'medicines',
]);

/** Irregular plurals -> singular. */
const IRREGULAR = new Map<string, string>([
  ['analyses', 'analysis'], ['theses', 'thesis'], ['hypotheses', 'hypothesis'], ['syntheses', 'synthesis'],
  ['diagnoses', 'diagnosis'], ['prognoses', 'prognosis'], ['crises', 'crisis'], ['bases', 'base'],
  ['criteria', 'criterion'], ['phenomena', 'phenomenon'], ['indices', 'index'], ['matrices', 'matrix'],
  ['appendices', 'appendix'], ['vertices', 'vertex'], ['children', 'child'], ['women', 'woman'], ['men', 'man'],
  ['people', 'person'], ['teeth', 'tooth'], ['feet', 'foot'], ['mice', 'mouse'], ['geese', 'goose'],
  ['leaves', 'leaf'], ['knives', 'knife'], ['lives', 'life'], ['wives', 'wife'], ['shelves', 'shelf'],
  ['halves', 'half'], ['wolves', 'wolf'], ['calves', 'calf'], ['loaves', 'loaf'], ['thieves', 'thief'],
  ['caches', 'cache'], ['niches', 'niche'], ['headaches', 'headache'], ['avalanches', 'avalanche'],
  ['moustaches', 'moustache'], ['mustaches', 'mustache'], ['cliches', 'cliche'], ['quiches', 'quiche'],
  ['movies', 'movie'], ['cookies', 'cookie'], ['calories', 'calorie'], ['zombies', 'zombie'],
  ['selfies', 'selfie'], ['rookies', 'rookie'], ['goodies', 'goodie'], ['brownies', 'brownie'],
  ['smoothies', 'smoothie'], ['prairies', 'prairie'], ['lingeries', 'lingerie'], ['hoodies', 'hoodie'],
  ['pixies', 'pixie'], ['aunties', 'auntie'], ['newbies', 'newbie'], ['genies', 'genie'], ['eyries', 'eyrie'],
  ['echoes', 'echo'], ['heroes', 'hero'], ['potatoes', 'potato'], ['tomatoes', 'tomato'], ['vetoes', 'veto'],
  ['torpedoes', 'torpedo'], ['volcanoes', 'volcano'], ['apis', 'api'], ['kpis', 'kpi'], ['guis', 'gui'], ['rois', 'roi'],
]);

/** Endings that mark a non-plural "s" word: business, status, analysis, SaaS. */
const NON_PLURAL_ENDINGS = ['ss', 'us', 'is', 'aas'] as const;

function isPlainLowerAlpha(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * Fold a plural (or third-person "-s" form) to its singular. Input must already be lower-case.
 * Words shorter than 4 letters, words with non a-z characters and listed exceptions are returned unchanged.
 */
export function foldPlural(word: string): string {
  if (word.length < 4 || word.charCodeAt(word.length - 1) !== 115 /* s */) return word;
  if (!isPlainLowerAlpha(word) || NO_FOLD.has(word)) return word;
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  for (const ending of NON_PLURAL_ENDINGS) if (word.endsWith(ending)) return word;
  if (word.endsWith('ies')) return word.length > 4 ? word.slice(0, -3) + 'y' : word;
  if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('zzes')) return word.slice(0, -2);
  if (word.endsWith('ches') || word.endsWith('shes')) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** Unify typographic apostrophes so "Bachelor’s" and "Bachelor's" share a key. */
function unifyApostrophes(token: string): string {
  return token.indexOf('\u2019') >= 0 || token.indexOf('\u02BC') >= 0 ? token.replace(/[\u2019\u02BC]/g, "'") : token;
}

/**
 * The matching key of one token (a word or symbol-bearing word from `tokenize`).
 * @example normalizeToken('Dashboards') === 'dashboard'; normalizeToken('C++') === 'c++'; normalizeToken('AWS') === 'aws'
 */
export function normalizeToken(token: string): string {
  return foldPlural(unifyApostrophes(token).toLowerCase());
}

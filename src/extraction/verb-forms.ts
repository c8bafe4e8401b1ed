/**
 * Verb forms of ESCO skill labels, for the compile policy in alias-index.ts: the "-ing" form of a label-initial verb
 * (rule 10, "manage budgets" -> "managing budgets") and the noun-phrase form of a "verb object" label (rule 12,
 * "manage budgets" -> "budget management"). Pure functions over normalised keys.
 */
import { DANGLING_WORDS, STOP_WORDS } from './lexicon.js';

const PLAIN_LOWER = /^[a-z]+$/;

/** Label-initial verbs and their action nouns, for rule 12 ("manage budgets" -> "budget management"). */
const ACTION_NOUNS = new Map<string, string>([
  ['manage', 'management'], ['develop', 'development'], ['analyse', 'analysis'], ['analyze', 'analysis'], ['design', 'design'],
  ['test', 'testing'], ['plan', 'planning'], ['coordinate', 'coordination'], ['maintain', 'maintenance'], ['monitor', 'monitoring'],
  ['implement', 'implementation'], ['integrate', 'integration'], ['evaluate', 'evaluation'], ['negotiate', 'negotiation'],
  ['optimise', 'optimisation'], ['optimize', 'optimization'], ['administer', 'administration'], ['assess', 'assessment'],
  ['supervise', 'supervision'], ['document', 'documentation'], ['install', 'installation'], ['configure', 'configuration'],
  ['automate', 'automation'], ['schedule', 'scheduling'], ['forecast', 'forecasting'], ['recruit', 'recruitment'],
  ['audit', 'auditing'], ['model', 'modelling'], ['prepare', 'preparation'], ['deploy', 'deployment'], ['operate', 'operation'],
]);

/**
 * The noun-phrase form of a two- or three-word "verb object" label ("manage budgets" -> "budget management",
 * "develop software prototype" -> "software prototype development"), or null when the label does not start with
 * a verb of `ACTION_NOUNS` or its object holds a function word ("manage a team").
 */
export function nominalOf(keys: readonly string[]): string[] | null {
  if (keys.length < 2 || keys.length > 3) return null;
  const noun = ACTION_NOUNS.get(keys[0]);
  if (noun === undefined) return null;
  const object = keys.slice(1);
  if (object.some((k) => STOP_WORDS.has(k) || DANGLING_WORDS.has(k) || !PLAIN_LOWER.test(k))) return null;
  return [...object, noun];
}

/** Endings of words that are not base-form verbs ("data", "project", "customer", "digital"), so get no "-ing" form. */
const NOT_VERB = /(?:ing|ion|ment|ity|ness|al|ic|ics|ed|er|or|ist|ism|ary|ory|ous|ive|ful|less|ance|ence|ure|ship|y|s|a|o|i|u|x)$/;
/** Common label-initial nouns/adjectives with verb-like endings. */
const NOT_VERB_WORDS = new Set(['data', 'web', 'project', 'product', 'health', 'food', 'risk', 'cloud', 'test', 'business',
  'customer', 'team', 'sales', 'marketing', 'human', 'social', 'public', 'legal', 'financial', 'foreign', 'medical',
  'animal', 'plant', 'child', 'patient', 'quality', 'safety', 'energy', 'water', 'soil', 'land', 'sign', 'art', 'music']);
const CVC = /^[^aeiou]*[aeiou][bdglmnprt]$/;

/**
 * The "-ing" form of a label-initial verb ("manage" -> "managing", "plan" -> "planning", "apply" -> "applying"),
 * or null when the word does not look like a base-form verb (see `NOT_VERB`).
 */
export function gerundOf(word: string): string | null {
  if (!PLAIN_LOWER.test(word) || word.length < 3 || NOT_VERB_WORDS.has(word) || STOP_WORDS.has(word)) return null;
  if (word.endsWith('ss')) return `${word}ing`;
  if (word.endsWith('ply') || word.endsWith('fy') || word.endsWith('ey') || word.endsWith('ay') || word.endsWith('oy')) return `${word}ing`;
  if (NOT_VERB.test(word) && !word.endsWith('ise') && !word.endsWith('ize') && !word.endsWith('ate')) {
    if (!/(?:ure|ge|ce|ve|te|se|ze|de|ke|le|ne|pe|re)$/.test(word) || /(?:ure|ance|ence|ive)$/.test(word)) return null;
  }
  if (word.endsWith('ie')) return `${word.slice(0, -2)}ying`;
  if (word.endsWith('ee') || word.endsWith('ye') || word.endsWith('oe')) return `${word}ing`;
  if (word.endsWith('e')) return `${word.slice(0, -1)}ing`;
  if (word.length <= 4 && CVC.test(word)) return `${word}${word[word.length - 1]}ing`;
  return `${word}ing`;
}

/** Where the work is done: at the employer's site, split between site and home, or away from any site. */
export type WorkMode = 'onsite' | 'hybrid' | 'remote';

export interface WorkModeText {
  /** Short fields where a bare word counts: the title, the location text, a workplace-type field ("Hybrid"). */
  short?: Array<string | null | undefined>;
  /** The description: only phrases that clearly describe the job's arrangement count here. */
  description?: string | null;
}

export interface WorkModeFlags {
  /** The source's remote flag (Remote OK: always; Arbeitnow `remote`; LinkedIn `remote_allowed`): true, false or unknown. */
  remote?: boolean | null;
}

/** A perk of working elsewhere for a while ("work from anywhere for a month", "4 weeks a year"): not a remote job. */
const N = String.raw`(?:a|one|two|three|four|five|six|eight|\d+)`;
const PERK_SPAN = String.raw`(?:${N}\s*\+?\s*(?:weeks?|months?)(?:\s+(?:a|per|each|every)\s+(?:year|yr|annum))?|${N}\s*\+?\s*days?\s+(?:a|per|each|every)\s+(?:year|yr|annum))`;
const PERK_WHERE = String.raw`(?:work(?:ing)?\s+(?:from\s+)?(?:anywhere|abroad|remotely|from\s+home)|remote\s+work(?:ing)?|workation)`;
const PERK = new RegExp(
  String.raw`\b${PERK_WHERE}\s+(?:for\s+)?(?:up\s+to\s+)?${PERK_SPAN}|\b${PERK_SPAN}\s+(?:of\s+)?${PERK_WHERE}|\bworkation\b`,
  'gi',
);

/** "Hybrid cloud", "hybrid app"…: the word names a technology (or a teaching format), not where the work is done. */
const NOT_WORK = String.raw`(?!\s+(?:cloud|apps?|mobile|infrastructure|architect\w*|environment|course|teaching|learning|instruction|classes|collaboration|cars?|vehicles?|solutions?|systems?|models?\s+of))`;
const HYBRID_SHORT = new RegExp(String.raw`\bhybrid\b${NOT_WORK}|\bpartly remote\b|\bpartially remote\b`, 'i');
const HYBRID_LONG = new RegExp(
  [
    String.raw`\bhybrid\s*(?:[-/(]\s*)?(?:role|position|job|work(?:ing)?|schedule|set-?up|arrangement|opportunity|policy|remote|on-?site|office|mode)\b`,
    String.raw`\b(?:role|position|job|team|we|you)\s+(?:is|are|will be|work)\s+(?:fully\s+)?hybrid\b${NOT_WORK}`,
    String.raw`\bhybrid\s+work\b`,
    String.raw`\b(?:in|at)\s+(?:the|our)?\s*office\s+(?:\w+\s+){0,2}(?:\d|one|two|three|four)\s*(?:-\s*\d\s*)?days?\s+(?:a|per|each)\s+week\b`,
    String.raw`\b(?:\d|one|two|three|four)\s*(?:-\s*\d\s*)?days?\s+(?:a|per|each)\s+week\s+(?:in|at)\s+(?:the|our)?\s*office\b`,
    String.raw`\b(?:\d|one|two|three|four)\s*(?:-\s*\d\s*)?days?\s+(?:a|per|each)\s+week\s+(?:on-?site|remote|from home)\b`,
    String.raw`\bpart(?:ly|ially)?\s+remote\b`,
  ].join('|'),
  'i',
);
const REMOTE_SHORT = /\b(remote|anywhere|work from home|wfh|telecommute|telework(ing)?|distributed)\b/i;
const REMOTE_LONG = /\b(fully|100\s?%|completely|entirely|full[- ]time)\s+remote\b|\bremote[- ](first|only|friendly company|position|role|job|opportunity)\b|\b(this|the)\s+(role|position|job)\s+is\s+(fully\s+)?remote\b|\bwork\s+(fully\s+)?remotely\s+from\s+anywhere\b|\bremote\s*\((?:[^)]{1,40})\)|\bremote\s+(?:within|in|from)\s+(?:the\s+)?(?:us|usa|uk|eu|europe|canada|germany|[A-Z][a-z]+)\b/i;
const ONSITE_SHORT = /\b(on-?site|onsite|in[- ]office|in[- ]person|office[- ]based)\b/i;
const ONSITE_LONG = /\b(this|the)\s+(role|position|job)\s+is\s+(fully\s+|100\s?%\s+)?(on-?site|in[- ]office|in[- ]person|office[- ]based)\b|\b(fully|100\s?%)\s+(on-?site|in[- ]office)\b|\bno\s+remote\b|\bnot\s+(a\s+)?remote\b|\bremote\s+(work\s+)?is\s+not\s+(possible|available|an option)\b/i;

/**
 * The work mode a posting states.
 *
 * Rules, in order:
 * 1. Hybrid wherever it is said (a short field's "Hybrid", or in the description "hybrid role", "in office 3 days a
 *    week", "partly remote") → `hybrid`, even when a flag says remote. "Hybrid cloud" and the like do not count.
 * 2. A perk of working from anywhere for a while ("work from anywhere for a month", "4 weeks a year") is removed
 *    before looking further: it does not make a job remote.
 * 3. The short fields: remote words ("Remote (US)", "Anywhere") → `remote`; "on-site", "in office" → `onsite`
 *    (both, as in "Remote or on-site", decide nothing).
 * 4. The description: "fully remote", "100% remote", "remote-first", "this role is remote" → `remote`; "this role is
 *    on-site", "no remote" → `onsite`.
 * 5. The source's flag: true → `remote`, false → `onsite`.
 * @returns the mode, or null when nothing says.
 */
export function workMode(text: WorkModeText, flags: WorkModeFlags = {}): WorkMode | null {
  const short = (text.short ?? []).filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.replace(PERK, ' '));
  const description = (text.description ?? '').replace(PERK, ' ');
  if (short.some((s) => HYBRID_SHORT.test(s) || HYBRID_LONG.test(s)) || HYBRID_LONG.test(description)) return 'hybrid';
  const shortRemote = short.some((s) => REMOTE_SHORT.test(s));
  const shortOnsite = short.some((s) => ONSITE_SHORT.test(s));
  if (shortRemote && !shortOnsite) return 'remote';
  if (shortOnsite && !shortRemote) return 'onsite';
  const longRemote = REMOTE_LONG.test(description);
  const longOnsite = ONSITE_LONG.test(description);
  if (longRemote && !longOnsite) return 'remote';
  if (longOnsite && !longRemote) return 'onsite';
  if (flags.remote === true) return 'remote';
  if (flags.remote === false) return 'onsite';
  return null;
}

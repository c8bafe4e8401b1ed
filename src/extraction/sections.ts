/**
 * Sections of a posting from its heading lines, and the requirement a heading sets.
 *
 * A heading is a line of at most 8 words ending with ":", or of at most 5 words not ending in "." that holds a
 * requirement cue or a heading word ("Responsibilities", "Benefits", "About us"). A line holding a skill mention
 * is a heading only when it also holds a heading word ("Application Process:"). Each heading sets the section
 * and requirement of the lines below it up to the next heading; a heading without a cue resets the requirement.
 */
import type { PostingSection, Requirement } from './extraction.types.js';
import type { TextStructure } from './context.js';
import { normalizeToken } from './normalize.js';
import { TOKEN_WORD, type Token } from './tokenizer.js';

/** Heading words and the section they open. Multi-word headings are decided in `classify`. */
const SECTION_WORDS = new Map<string, PostingSection>(Object.entries<PostingSection>({
  requirement: 'requirements', qualification: 'requirements', skill: 'requirements', profile: 'requirements',
  education: 'requirements', competency: 'requirements', prerequisite: 'requirements', must: 'requirements',
  responsibility: 'responsibilities', duty: 'responsibilities', task: 'responsibilities', accountability: 'responsibilities',
  role: 'responsibilities', position: 'responsibilities', overview: 'responsibilities', description: 'responsibilities',
  benefit: 'benefits', perk: 'benefits', offer: 'benefits', compensation: 'benefits', salary: 'benefits', pay: 'benefits',
  package: 'benefits', insurance: 'benefits',
  company: 'about_company', mission: 'about_company', culture: 'about_company', story: 'about_company',
  equal: 'equal_opportunity', eeo: 'equal_opportunity', diversity: 'equal_opportunity', nondiscrimination: 'equal_opportunity',
  apply: 'how_to_apply', application: 'how_to_apply', instruction: 'how_to_apply', procedure: 'how_to_apply',
  contact: 'how_to_apply', deadline: 'how_to_apply',
}).map(([k, v]): [string, PostingSection] => [normalizeToken(k), v]));

/** Sections whose mentions are not skills the job asks for. */
export const BOILERPLATE_SECTIONS: ReadonlySet<PostingSection> = new Set(['benefits', 'about_company', 'equal_opportunity', 'how_to_apply']);

/** The section a heading's keys open, or null. "About you" is requirements, "About the role" responsibilities. */
export function classifyHeading(keys: readonly string[]): PostingSection | null {
  const has = (k: string) => keys.includes(k);
  if (has('about') || (has('who') && has('we')) || (has('why') && (has('join') || has('work') || has('u')))) {
    if (has('you')) return 'requirements';
    if (has('role') || has('job') || has('position') || has('opportunity')) return 'responsibilities';
    return has('why') ? 'benefits' : 'about_company';
  }
  if (has('who') && has('you')) return 'requirements';
  if ((has('we') && has('offer')) || (has('we') && has('provide'))) return 'benefits';
  if (has('you') && (has('do') || has('will')) && !has('need') && !has('bring') && !has('have')) return 'responsibilities';
  if (has('you') && (has('bring') || has('need') || has('have'))) return 'requirements';
  if (has('looking') && has('for')) return 'requirements';
  for (const k of keys) {
    const s = SECTION_WORDS.get(k);
    if (s !== undefined) return s;
  }
  return null;
}

export interface LineContext {
  requirement: Requirement | null;
  section: PostingSection | null;
}

/**
 * Requirement and section per line number (see the module comment).
 * @param bits per token: tokenizer bits (`TOKEN_WORD` is read), as `LexedText.bits`.
 * @param lineHasMention line number -> true when a skill was matched on that line.
 */
export function lineContexts(
  tokens: readonly Token[], keys: readonly string[], bits: Uint8Array, st: TextStructure, lineHasMention: (line: number) => boolean,
): LineContext[] {
  const result: LineContext[] = new Array<LineContext>(st.lineCount);
  // Per line: bit 1 = has a required cue, bit 2 = has a preferred cue.
  const cueBits = new Uint8Array(st.lineCount);
  for (const cue of st.cues) cueBits[st.line[cue.index]] |= cue.kind === 'required' ? 1 : 2;
  let current: LineContext = { requirement: null, section: null };
  let i = 0;
  while (i < tokens.length) {
    const ln = st.line[i];
    let j = i;
    let words = 0;
    while (j < tokens.length && st.line[j] === ln) {
      if ((bits[j] & TOKEN_WORD) !== 0) words++;
      j++;
    }
    const last = tokens[j - 1].text;
    const cue = cueBits[ln];
    const colon = last === ':' && words <= 8;
    // The heading words matter only when the line can be a heading at all (colon or short bare line): other lines
    // skip collecting and classifying them.
    let section: PostingSection | null = null;
    if (colon || (words <= 5 && last !== '.')) {
      const lineKeys: string[] = [];
      for (let k = i; k < j && lineKeys.length < 8; k++) if ((bits[k] & TOKEN_WORD) !== 0) lineKeys.push(keys[k]);
      section = classifyHeading(lineKeys);
    }
    const bare = words <= 5 && last !== '.' && (cue !== 0 || section !== null);
    if (words > 0 && (colon || bare) && (!lineHasMention(ln) || section !== null)) {
      const requirement = cue === 1 ? 'required' : cue === 2 ? 'preferred' : null;
      current = { requirement, section: requirement !== null ? 'requirements' : section };
    }
    result[ln] = current;
    i = j;
  }
  return result;
}

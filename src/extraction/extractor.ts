/**
 * Dictionary-based skill extraction from posting text (HTML already converted to text).
 *
 * Compile once from the taxonomy's alias table, then call `extract` per posting; an extractor is immutable
 * after `compile` and safe to share. Pipeline per text:
 * tokenize -> mask URLs/e-mails/paths -> longest-match trie search (matcher.ts) -> drop negated clauses and
 * equal-opportunity boilerplate (context.ts) -> corroborate ambiguous aliases and score (scoring.ts) -> required/preferred -> one
 * `ExtractedSkill` per skill with all its spans.
 *
 * Measured (see the extraction report): ~120k ESCO + O*NET aliases compile in about a second; extraction runs
 * at several thousand 3 KB postings per second on one core.
 */
import { AliasIndex, type CompileOptions, type CompileStats, type CompiledAlias, KIND_RANK } from './alias-index.js';
import { analyzeStructure, FLAG_YEAR, listHead, requirementAt, type TextStructure } from './context.js';
import type { AliasEntry, ExtractedSkill, ExtractOptions, PostingSection, Requirement, TextSpan } from './extraction.types.js';
import { LIST_WORDS, ORG_HEADS_AFTER, ORG_HEADS_BEFORE } from './lexicon.js';
import { lexText } from './lexer.js';
import { findMatches, type Match } from './matcher.js';
import {
  aliasConfidence, ambiguousConfidence, combine, describe, localEvidence, neighbourEvidence, nonSkillUse, ordinaryUse, type Corroboration,
  type CorroborationInput,
} from './scoring.js';
import { BOILERPLATE_SECTIONS, lineContexts } from './sections.js';
import { TOKEN_WORD, type Token } from './tokenizer.js';
import { findYears } from './years.js';

export type { CompileOptions, CompileStats } from './alias-index.js';

export const DEFAULT_MIN_CONFIDENCE = 0.5;
const REPEAT_BONUS = 0.05;
const MAX_REPEAT_BONUS = 0.1;
const REQUIREMENT_RANK: Record<Requirement, number> = { preferred: 1, required: 2 };
/** Which section names a skill best when its mentions sit in several (requirements first). */
const SECTION_RANK: Record<PostingSection, number> = {
  requirements: 6, responsibilities: 5, about_company: 4, benefits: 3, how_to_apply: 2, equal_opportunity: 1,
};
const ORG_JOINERS = new Set(['of', 'for', 'and', '&', 'the', 'in']);

function capitalisedWord(t: Token): boolean {
  return t.word && t.text[0] !== t.text[0].toLowerCase();
}

/**
 * True when the capitalised mention [start, end) is part of an organisation or law name: "College of Medicine",
 * "Office of Human Resources", "Department of Electrical and Computer Engineering", "Crime Statistics Act".
 */
function inProperName(tokens: readonly Token[], keys: readonly string[], start: number, end: number): boolean {
  if (!capitalisedWord(tokens[start])) return false;
  let sawJoiner = false;
  for (let k = start - 1, steps = 0; k >= 0 && steps < 8; k--, steps++) {
    const t = tokens[k];
    // Stay on the mention's line; the line's first word may still be the head ("Department of Mathematics").
    if (!t.word || tokens[k + 1].nlBefore) break;
    if (ORG_JOINERS.has(keys[k])) { sawJoiner = true; continue; }
    if (!capitalisedWord(t)) break;
    if (sawJoiner && ORG_HEADS_BEFORE.has(keys[k])) return true;
  }
  for (let k = end, steps = 0; k < tokens.length && steps < 4; k++, steps++) {
    const t = tokens[k];
    if (!capitalisedWord(t) || t.nlBefore) break;
    if (ORG_HEADS_AFTER.has(keys[k])) return true;
  }
  return false;
}

/**
 * Per token: 1 inside an accepted match. Reused by every `extract` call (extraction is synchronous, so one call uses
 * it at a time): a fresh typed array's backing store per text costs more than zeroing a few hundred bytes.
 */
let coveredScratch = new Uint8Array(1024);

interface Mention {
  skill: number;
  alias: CompiledAlias;
  match: Match;
  span: TextSpan;
  corroboration: Corroboration | null;
  confidence: number;
  /** An ambiguous mention in ordinary use (see `ordinaryUse`): neighbours cannot vouch for it. */
  blocked: boolean;
}

interface SkillAccumulator {
  skill: number;
  best: Mention;
  spans: TextSpan[];
  requirement: Requirement | null;
  section: PostingSection | null;
  years: number | null;
}

export class SkillExtractor {
  private constructor(private readonly index: AliasIndex) {}

  /**
   * Build the matcher from alias entries (e.g. the taxonomy's alias table: ESCO v1.1.1 skills_en.csv
   * preferredLabel/altLabels/hiddenLabels, O*NET Technology_Skills.txt Example, curated entries).
   * Applies the compile policy documented in alias-index.ts; entries it drops are counted in `stats.dropped`.
   */
  static compile(aliases: Iterable<AliasEntry>, options?: CompileOptions): SkillExtractor {
    const t0 = performance.now();
    const index = new AliasIndex(options);
    for (const alias of aliases) index.add(alias);
    index.finish();
    index.stats.compileMs = Math.round(performance.now() - t0);
    return new SkillExtractor(index);
  }

  /** Number of alias variants compiled into the trie. */
  get size(): number {
    return this.index.stats.variantsCompiled;
  }

  /** Compile statistics: counts seen/compiled/dropped by rule, trie size, compile time in milliseconds. */
  get stats(): Readonly<CompileStats> {
    return this.index.stats;
  }

  /**
   * Skills named in `text`, one entry per skill, ordered by first mention. Spans are UTF-16 offsets into
   * `text`. Skills whose confidence is below `options.minConfidence` (default 0.5) are left out.
   */
  extract(text: string, options: ExtractOptions = {}): ExtractedSkill[] {
    const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    const lexed = lexText(text, this.index);
    const { tokens, keys, flags, bits } = lexed;
    const n = tokens.length;

    const matches = findMatches(this.index, lexed);
    if (matches.length === 0) return [];
    const structure = analyzeStructure(tokens, keys, flags, bits);
    const input: CorroborationInput = { text, tokens, keys, structure };
    if (coveredScratch.length < n) coveredScratch = new Uint8Array(Math.max(n, 2 * coveredScratch.length));
    const covered = coveredScratch.subarray(0, n).fill(0);
    for (const m of matches) covered.fill(1, m.start, m.end);
    // A clause is a bare list item when it holds only skill mentions and list words ("Java", "or Go").
    const listItem = (c: number): boolean => {
      const end = c + 1 < structure.clauseStart.length ? structure.clauseStart[c + 1] : n;
      for (let k = structure.clauseStart[c]; k < end; k++) {
        if (covered[k] === 0 && (bits[k] & TOKEN_WORD) !== 0 && !LIST_WORDS.has(keys[k])) return false;
      }
      return true;
    };
    const headOf = (index: number): number => listHead(structure, structure.clause[index], listItem);

    const mentions: Mention[] = [];
    for (const match of matches) {
      const head = headOf(match.start);
      if (structure.clauseNegated[structure.clause[match.start]] || structure.clauseNegated[head]) continue;
      if (inProperName(tokens, keys, match.start, match.end)) continue;
      // A job-title line ("Senior Java Developer") names the job, not a skill asked for, unless the text is a title.
      if (options.jobTitle !== true && structure.sentenceTitle[structure.sentence[match.start]]) continue;
      const span = { start: tokens[match.start].start, end: tokens[match.end - 1].end, text: '' };
      span.text = text.slice(span.start, span.end);
      // One span names one skill: when a surface is the preferred label or our alias of one skill and only an alt or
      // hidden label of others ("SQL": SQL, and an altLabel of "database management systems"), the weaker readings go.
      // (A single reading, the usual case, is its own best.)
      const several = match.aliases.length > 1;
      let bestKind = -Infinity;
      if (several) for (const alias of match.aliases) bestKind = Math.max(bestKind, KIND_RANK[alias.kind]);
      for (const alias of match.aliases) {
        if (several && KIND_RANK[alias.kind] < bestKind) continue;
        if (!alias.ambiguous && nonSkillUse(input, match.start, match.end, alias) !== null) continue;
        let corroboration = alias.ambiguous ? localEvidence(input, match.start, match.end) : null;
        let blocked = false;
        if (corroboration !== null && alias.caseFolded !== true) {
          const why = ordinaryUse(input, match.start, match.end, corroboration, covered, alias.contextual === true);
          if (why !== null) { corroboration = { strength: 'none', evidence: why }; blocked = true; }
        }
        const confidence = corroboration === null ? aliasConfidence(alias) : ambiguousConfidence(alias, corroboration);
        mentions.push({ skill: alias.skill, alias, match, span, corroboration, confidence, blocked });
      }
    }
    // Sentence -> true when at least half of its words are inside matches (a bare skill list).
    let listLike: Uint8Array | null = null;
    const mostlyMentions = (s: number): boolean => {
      if (listLike === null) {
        const sentences = structure.sentence[n - 1] + 1;
        const words = new Int32Array(sentences);
        const inside = new Int32Array(sentences);
        for (let k = 0; k < n; k++) {
          if ((bits[k] & TOKEN_WORD) === 0) continue;
          words[structure.sentence[k]]++;
          inside[structure.sentence[k]] += covered[k];
        }
        listLike = new Uint8Array(sentences);
        for (let q = 0; q < sentences; q++) listLike[q] = inside[q] * 2 >= words[q] ? 1 : 0;
      }
      return listLike[s] === 1;
    };
    this.applyNeighbourRule(mentions, structure, mostlyMentions);

    const mentionLines = new Set(matches.map((m) => structure.line[m.start]));
    const lines = lineContexts(tokens, keys, bits, structure, (line) => mentionLines.has(line));
    const years = findYears(tokens, keys, flags, FLAG_YEAR);
    const mentionBefore = (cueIndex: number): boolean => {
      for (let k = structure.clauseStart[structure.clause[cueIndex]]; k < cueIndex; k++) if (covered[k] === 1) return true;
      return false;
    };
    const bySkill = new Map<number, SkillAccumulator>();
    for (const m of mentions) {
      // A mention too weak on its own (an ambiguous word in ordinary use) is no evidence for its skill.
      if (m.confidence < minConfidence) continue;
      const start = m.match.start;
      const line = lines[structure.line[start]];
      const section = structure.sentenceSection[structure.sentence[start]] ?? line.section;
      const head = headOf(start);
      let acc = bySkill.get(m.skill);
      if (acc === undefined) {
        acc = { skill: m.skill, best: m, spans: [], requirement: null, section, years: null };
        bySkill.set(m.skill, acc);
      }
      if (m.confidence > acc.best.confidence) acc.best = m;
      const last = acc.spans[acc.spans.length - 1];
      if (last === undefined || last.start !== m.span.start) acc.spans.push(m.span);
      if (section === null || (acc.section !== null && SECTION_RANK[section] > SECTION_RANK[acc.section])) acc.section = section;
      const req = requirementAt(structure, keys, start, head, mentionBefore, line.requirement);
      if (req !== null && (acc.requirement === null || REQUIREMENT_RANK[req] > REQUIREMENT_RANK[acc.requirement])) acc.requirement = req;
      const y = yearsFor(structure, years, covered, start, m.match.end, head);
      if (y !== null && (acc.years === null || y > acc.years)) acc.years = y;
    }
    return this.finalize([...bySkill.values()], minConfidence);
  }

  /** Ambiguous mentions add the evidence of a technology named in the same sentence (see `combine`). */
  private applyNeighbourRule(mentions: Mention[], structure: TextStructure, mostlyMentions: (sentence: number) => boolean): void {
    const techNeighbours = mentions
      .filter((m) => !m.alias.ambiguous && m.alias.techLike)
      .map((m) => ({ start: m.match.start, text: m.span.text }));
    // Second pass: ambiguous mentions with their own evidence also vouch for others ("in Go, Rust and C").
    const vouched = mentions
      .filter((m) => m.corroboration !== null && !m.blocked && m.corroboration.strength !== 'none')
      .map((m) => ({ start: m.match.start, text: m.span.text }));
    // A bare list of lower-case product names ("java python c++ linux"): two or more in a sentence that is mostly
    // mentions vouch for each other.
    const folded = mentions.filter((m) => m.alias.caseFolded === true);
    if (folded.length >= 2) {
      for (const m of folded) {
        const s = structure.sentence[m.match.start];
        const others = folded.some((o) => o.match.start !== m.match.start && structure.sentence[o.match.start] === s);
        if (others && mostlyMentions(s)) vouched.push({ start: m.match.start, text: m.span.text });
      }
    }
    const neighbours = [...techNeighbours, ...vouched];
    for (const m of mentions) {
      if (m.corroboration === null || m.blocked) continue;
      const nb = neighbourEvidence(structure, m.match.start, neighbours);
      if (nb === null) continue;
      m.corroboration = combine(m.corroboration, nb);
      m.confidence = ambiguousConfidence(m.alias, m.corroboration);
    }
  }

  private finalize(accs: SkillAccumulator[], minConfidence: number): ExtractedSkill[] {
    const out: ExtractedSkill[] = [];
    for (const acc of accs) {
      const repeats = Math.min(MAX_REPEAT_BONUS, REPEAT_BONUS * (acc.spans.length - 1));
      const confidence = Math.round(Math.min(0.99, Math.max(0, acc.best.confidence + repeats)) * 100) / 100;
      if (confidence < minConfidence) continue;
      // Mentioned only in benefits, about-the-company, equal-opportunity or how-to-apply text: not asked for.
      if (acc.section !== null && BOILERPLATE_SECTIONS.has(acc.section)) continue;
      const reasons = [describe(acc.best.alias, acc.best.corroboration)];
      if (acc.spans.length > 1) reasons.push(`${acc.spans.length} mentions`);
      const skill = this.index.skills[acc.skill];
      const found: ExtractedSkill = { skillId: skill.id, label: skill.label, confidence, requirement: acc.requirement, spans: acc.spans, reasons };
      if (acc.section !== null) found.section = acc.section;
      if (acc.years !== null) found.yearsOfExperience = acc.years;
      out.push(found);
    }
    return out.sort((a, b) => a.spans[0].start - b.spans[0].start || a.skillId.localeCompare(b.skillId));
  }
}

/**
 * Years stated for a mention at tokens [start, end): a statement before it in its list's first clause ("5+ years
 * of Python, Java" gives both 5), else one right after it in the same sentence with no other mention between
 * ("Python (3+ years)", "SQL: 2 years").
 */
function yearsFor(
  st: TextStructure, years: readonly { start: number; end: number; years: number }[], covered: Uint8Array,
  start: number, end: number, head: number,
): number | null {
  let found: number | null = null;
  for (const y of years) {
    if (y.end <= start && st.sentence[y.start] === st.sentence[start] && st.clause[y.start] >= head && st.clause[y.start] <= st.clause[start]) {
      found = y.years;
    }
  }
  if (found !== null) return found;
  for (const y of years) {
    if (y.start < end || y.start - end > 5 || st.sentence[y.start] !== st.sentence[start]) continue;
    for (let k = end; k < y.start; k++) if (covered[k] === 1) return null;
    return y.years;
  }
  return null;
}

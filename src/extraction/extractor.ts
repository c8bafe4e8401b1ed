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
import { analyzeStructure, requirementAt, sectionRequirements, type TextStructure } from './context.js';
import type { AliasEntry, ExtractedSkill, ExtractOptions, Requirement, TextSpan } from './extraction.types.js';
import { findMaskedRanges, overlapsMasked } from './mask.js';
import { findMatches, type Match } from './matcher.js';
import {
  aliasConfidence, ambiguousConfidence, combine, describe, localEvidence, neighbourEvidence, type Corroboration,
  type CorroborationInput,
} from './scoring.js';
import { tokenize } from './tokenizer.js';

export type { CompileOptions, CompileStats } from './alias-index.js';

export const DEFAULT_MIN_CONFIDENCE = 0.5;
const REPEAT_BONUS = 0.05;
const MAX_REPEAT_BONUS = 0.1;
const REQUIREMENT_RANK: Record<Requirement, number> = { preferred: 1, required: 2 };

interface Mention {
  skill: number;
  alias: CompiledAlias;
  match: Match;
  span: TextSpan;
  corroboration: Corroboration | null;
  confidence: number;
}

interface SkillAccumulator {
  skill: number;
  best: Mention;
  spans: TextSpan[];
  requirement: Requirement | null;
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
    const tokens = tokenize(text);
    const n = tokens.length;
    const keys = new Array<string>(n);
    const ids = new Int32Array(n);
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const lex = this.index.lex(text, tokens[i]);
      keys[i] = lex.key;
      ids[i] = lex.id;
      flags[i] = lex.flags;
    }
    const masked = new Uint8Array(n);
    const ranges = findMaskedRanges(text);
    if (ranges.length > 0) for (let i = 0; i < n; i++) if (overlapsMasked(ranges, tokens[i].start, tokens[i].end)) masked[i] = 1;

    const matches = findMatches(this.index, { tokens, ids, masked });
    if (matches.length === 0) return [];
    const structure = analyzeStructure(tokens, keys, flags);
    const input: CorroborationInput = { text, tokens, keys, structure };

    const mentions: Mention[] = [];
    for (const match of matches) {
      if (structure.clauseNegated[structure.clause[match.start]]) continue;
      if (structure.sentenceBoilerplate[structure.sentence[match.start]]) continue;
      const span = { start: tokens[match.start].start, end: tokens[match.end - 1].end, text: '' };
      span.text = text.slice(span.start, span.end);
      // One span names one skill: when a surface is the preferred label or our alias of one skill and only an alt or
      // hidden label of others ("SQL": SQL, and an altLabel of "database management systems"), the weaker readings go.
      const bestKind = Math.max(...match.aliases.map((a) => KIND_RANK[a.kind]));
      for (const alias of match.aliases) {
        if (KIND_RANK[alias.kind] < bestKind) continue;
        const corroboration = alias.ambiguous ? localEvidence(input, match.start, match.end) : null;
        const confidence = corroboration === null ? aliasConfidence(alias) : ambiguousConfidence(alias, corroboration);
        mentions.push({ skill: alias.skill, alias, match, span, corroboration, confidence });
      }
    }
    this.applyNeighbourRule(mentions, structure);

    const mentionLines = new Set(matches.map((m) => structure.line[m.start]));
    const sections = sectionRequirements(tokens, keys, structure, (line) => mentionLines.has(line));
    const bySkill = new Map<number, SkillAccumulator>();
    for (const m of mentions) {
      let acc = bySkill.get(m.skill);
      if (acc === undefined) {
        acc = { skill: m.skill, best: m, spans: [], requirement: null };
        bySkill.set(m.skill, acc);
      }
      if (m.confidence > acc.best.confidence) acc.best = m;
      const last = acc.spans[acc.spans.length - 1];
      if (last === undefined || last.start !== m.span.start) acc.spans.push(m.span);
      const req = requirementAt(structure, m.match.start, sections);
      if (req !== null && (acc.requirement === null || REQUIREMENT_RANK[req] > REQUIREMENT_RANK[acc.requirement])) acc.requirement = req;
    }
    return this.finalize([...bySkill.values()], minConfidence);
  }

  /** Ambiguous mentions add the evidence of a technology named in the same sentence (see `combine`). */
  private applyNeighbourRule(mentions: Mention[], structure: TextStructure): void {
    const techNeighbours = mentions
      .filter((m) => !m.alias.ambiguous && m.alias.techLike)
      .map((m) => ({ start: m.match.start, text: m.span.text }));
    // Second pass: ambiguous mentions with their own evidence also vouch for others ("in Go, Rust and C").
    const vouched = mentions
      .filter((m) => m.corroboration !== null && m.corroboration.strength !== 'none')
      .map((m) => ({ start: m.match.start, text: m.span.text }));
    const neighbours = [...techNeighbours, ...vouched];
    for (const m of mentions) {
      if (m.corroboration === null) continue;
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
      const reasons = [describe(acc.best.alias, acc.best.corroboration)];
      if (acc.spans.length > 1) reasons.push(`${acc.spans.length} mentions`);
      const skill = this.index.skills[acc.skill];
      out.push({ skillId: skill.id, label: skill.label, confidence, requirement: acc.requirement, spans: acc.spans, reasons });
    }
    return out.sort((a, b) => a.spans[0].start - b.spans[0].start || a.skillId.localeCompare(b.skillId));
  }
}

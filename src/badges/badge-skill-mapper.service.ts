import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExtractionService } from '../extraction/extraction.service.js';
import { SkillsService, type SkillSummary } from '../taxonomy/skills.service.js';
import type { BadgeDescription, SkillHint } from './badge.types.js';
import type { VerifiedBadgeSkill } from './verification/badge-verification.types.js';

/** Resolutions shared by the badges and profiles of one request (skill text or badge hint → mapped skills). */
export type ResolutionMemo = Map<string, Promise<unknown>>;

/**
 * Maps what a badge names to taxonomy skills (tables `skill`, `skill_alias`; `occupation`, `occupation_skill` for
 * O*NET-SOC codes), in the order the issue asks for:
 * 1. its skill hints (alignments, then Credly skill names, then tags, as `readBadge` ordered them), each by
 *    - the alignment's ESCO skill URI (`how: 'esco-uri'`),
 *    - an exact label/alias of the hint's text (`'label-or-alias'`; `'onet-soc'` when the alignment also carries an
 *      O*NET-SOC code whose occupation lists that skill, so the code confirms the reading), which is also how CASE and
 *      CTDL framework items are mapped (by their `targetName`),
 *    - else the extractor over the text (`'extractor'`), else `unmapped: true` (never dropped);
 * 2. only when the badge names no skill at all: the extractor over its name, description and criteria.
 * A badge whose hints and text give nothing maps to `[]`.
 */
@Injectable()
export class BadgeSkillMapper {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillsService,
    private readonly extraction: ExtractionService,
  ) {}

  /** The badge's skills, one entry per (hint, skill); unmapped hints with `skillId: null` and `unmapped: true`. */
  async mapBadge(badge: BadgeDescription, memo: ResolutionMemo = new Map()): Promise<VerifiedBadgeSkill[]> {
    if (badge.skillHints.length === 0) {
      const text = [badge.name, badge.description, badge.criteria].filter(Boolean).join('\n');
      if (!text.trim()) return [];
      const extracted = await this.extraction.extract(text);
      return extracted.map((s) => ({ text: s.spans[0]?.text ?? s.label, source: 'extracted' as const, skillId: s.skillId, label: s.label, how: 'extractor' as const }));
    }
    const out: VerifiedBadgeSkill[] = [];
    for (const hint of badge.skillHints) out.push(...(await this.mapHint(hint, memo)));
    return out;
  }

  /** A free-text skill: an id, ESCO URI, label or alias first; otherwise whatever the extractor finds in it. */
  mapText(input: string, memo: ResolutionMemo = new Map()): Promise<SkillSummary[]> {
    const key = `text\u0000${input}`;
    let found = memo.get(key) as Promise<SkillSummary[]> | undefined;
    if (!found) memo.set(key, (found = this.resolveText(input)));
    return found;
  }

  private mapHint(hint: SkillHint, memo: ResolutionMemo): Promise<VerifiedBadgeSkill[]> {
    const key = `hint\u0000${hint.source}\u0000${hint.escoUri ?? ''}\u0000${hint.onetSoc ?? ''}\u0000${hint.text}`;
    let found = memo.get(key) as Promise<VerifiedBadgeSkill[]> | undefined;
    if (!found) memo.set(key, (found = this.resolveHint(hint)));
    return found;
  }

  private async resolveHint(hint: SkillHint): Promise<VerifiedBadgeSkill[]> {
    if (hint.escoUri) {
      const s = await this.skills.resolve(hint.escoUri);
      if (s) return [{ text: hint.text, source: hint.source, skillId: s.id, label: s.label, how: 'esco-uri' }];
    }
    const exact = await this.skills.resolve(hint.text);
    if (exact) {
      const how = hint.onetSoc && (await this.onetOccupationLists(hint.onetSoc, exact.id)) ? 'onet-soc' : 'label-or-alias';
      return [{ text: hint.text, source: hint.source, skillId: exact.id, label: exact.label, how }];
    }
    const extracted = await this.extraction.extract(hint.text);
    if (extracted.length > 0) {
      return extracted.map((s) => ({ text: hint.text, source: hint.source, skillId: s.skillId, label: s.label, how: 'extractor' as const }));
    }
    return [{ text: hint.text, source: hint.source, skillId: null, label: null, how: null, unmapped: true }];
  }

  /** True when the O*NET occupation with this O*NET-SOC code lists the skill (table `occupation_skill`). */
  private async onetOccupationLists(onetSoc: string, skillId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM occupation o JOIN occupation_skill os ON os.occupation_id = o.id WHERE o.onet_soc = $1 AND os.skill_id = $2 LIMIT 1`,
      [onetSoc, skillId],
    );
    return rows.length > 0;
  }

  private async resolveText(input: string): Promise<SkillSummary[]> {
    const exact = await this.skills.resolve(input);
    if (exact) return [exact];
    const extracted = await this.extraction.extract(input);
    return extracted.map((s) => ({ id: s.skillId, label: s.label, type: '', escoUri: null }));
  }
}

import { Injectable } from '@nestjs/common';
import { BadgeReadError, readBadges } from '../badges/badge-reader.js';
import type { BadgeDescription, SkillHint, SkillHintSource } from '../badges/badge.types.js';
import { ExtractionService } from '../extraction/extraction.service.js';
import { type ProblemFieldError, ProblemException } from '../infra/http/problem.filter.js';
import { SkillsService, type SkillSummary } from '../taxonomy/skills.service.js';
import type { ProfileSkill, SkillOrigin } from './match-scorer.js';

/** Resolutions shared by the profiles of one request (skill text or badge hint → mapped skills). */
export type ResolutionMemo = Map<string, Promise<unknown>>;

/** How one skill named by a badge was mapped: by its alignment URI, an exact label/alias, or the extractor. */
export interface MappedBadgeSkill {
  text: string;
  source: SkillHintSource;
  skillId: string | null;
  label: string | null;
  how: 'esco-uri' | 'label-or-alias' | 'extractor' | null;
  unmapped?: true;
}

export interface ProfileBadge {
  index: number;
  format: BadgeDescription['format'];
  name: string;
  issuer: string | null;
  skills: MappedBadgeSkill[];
  /** Why the badge contributes no skill, when it contributes none. */
  warnings: string[];
  /** True when the badge's `expires` date has passed: its skills are not held, they are to renew. */
  expired: boolean;
}

/** A skill only an expired badge gave. */
export interface ExpiredBadgeSkill {
  skillId: string;
  label: string;
  badge: number;
  expires: string;
}

export interface Profile {
  /** The person's skills, each once, with the first badge or input that gave it. */
  skills: Array<ProfileSkill & { sources: SkillOrigin[] }>;
  badges: ProfileBadge[];
  /** Free-text skills that map to no taxonomy skill. */
  unmatchedInput: string[];
  /** Skills that only expired badges gave (not in `skills`). */
  expired: ExpiredBadgeSkill[];
}

/**
 * Builds a person's skill profile from badges (Open Badges 2.0/3.0, Credly JSON) and free-text skills.
 * Badge skills come from alignments (ESCO URIs or target names), Credly skill names and tags; when a badge names
 * no skill at all, the extractor reads its name, description and criteria. Nothing is dropped silently: badge skills
 * that map to nothing are returned with `unmapped: true`, free-text ones in `unmatchedInput`.
 * Throws a 400 problem with `errors[].pointer` = `/badges/N` for every badge that cannot be read.
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly skills: SkillsService,
    private readonly extraction: ExtractionService,
  ) {}

  /**
   * @param memo share it between calls of one request (a cohort) so each distinct skill text is resolved once
   */
  async build(badges: unknown[] = [], inputs: string[] = [], memo: ResolutionMemo = new Map()): Promise<Profile> {
    const readErrors: ProblemFieldError[] = [];
    const described: Array<{ index: number; badge: BadgeDescription }> = [];
    badges.forEach((input, index) => {
      try {
        for (const badge of readBadges(input)) described.push({ index, badge });
      } catch (error) {
        if (!(error instanceof BadgeReadError)) throw error;
        readErrors.push({ pointer: `/badges/${index}`, detail: error.message });
      }
    });
    if (readErrors.length > 0) {
      throw new ProblemException(400, 'unreadable-badge', 'Unreadable badge', `${readErrors.length} badge(s) could not be read`, readErrors);
    }

    const bySkill = new Map<string, ProfileSkill & { sources: SkillOrigin[] }>();
    const add = (s: SkillSummary, from: SkillOrigin) => {
      const seen = bySkill.get(s.id);
      if (seen) seen.sources.push(from);
      else bySkill.set(s.id, { skillId: s.id, label: s.label, from, sources: [from] });
    };

    const profileBadges: ProfileBadge[] = [];
    const expiredSkills: ExpiredBadgeSkill[] = [];
    const now = new Date().toISOString();
    for (const { index, badge } of described) {
      const mapped = await this.mapBadge(badge, memo);
      const expired = badge.expires !== null && badge.expires < now;
      for (const m of mapped) {
        if (!m.skillId) continue;
        if (expired) expiredSkills.push({ skillId: m.skillId, label: m.label!, badge: index, expires: badge.expires! });
        else add({ id: m.skillId, label: m.label!, type: '', escoUri: null }, { badge: index });
      }
      const warnings = badgeWarnings(badge, mapped);
      if (expired) warnings.push(`expired on ${badge.expires}: its skills are to renew, not held`);
      profileBadges.push({ index, format: badge.format, name: badge.name, issuer: badge.issuer, skills: mapped, warnings, expired });
    }

    const unmatchedInput: string[] = [];
    for (const input of inputs) {
      const found = await this.mapText(input, memo);
      if (found.length === 0) unmatchedInput.push(input);
      for (const s of found) add(s, { input });
    }
    const expired = expiredSkills.filter((e) => !bySkill.has(e.skillId));
    return { skills: [...bySkill.values()], badges: profileBadges, unmatchedInput, expired };
  }

  private async mapBadge(badge: BadgeDescription, memo: ResolutionMemo): Promise<MappedBadgeSkill[]> {
    if (badge.skillHints.length === 0) {
      const text = [badge.name, badge.description, badge.criteria].filter(Boolean).join('\n');
      const extracted = await this.extraction.extract(text);
      return extracted.map((s) => ({ text: s.spans[0]?.text ?? s.label, source: 'extracted' as const, skillId: s.skillId, label: s.label, how: 'extractor' as const }));
    }
    const out: MappedBadgeSkill[] = [];
    for (const hint of badge.skillHints) out.push(...(await this.mapHint(hint, memo)));
    return out;
  }

  private mapHint(hint: SkillHint, memo: ResolutionMemo): Promise<MappedBadgeSkill[]> {
    const key = `hint\u0000${hint.source}\u0000${hint.escoUri ?? ''}\u0000${hint.text}`;
    let found = memo.get(key) as Promise<MappedBadgeSkill[]> | undefined;
    if (!found) memo.set(key, (found = this.resolveHint(hint)));
    return found;
  }

  private async resolveHint(hint: SkillHint): Promise<MappedBadgeSkill[]> {
    if (hint.escoUri) {
      const s = await this.skills.resolve(hint.escoUri);
      if (s) return [{ text: hint.text, source: hint.source, skillId: s.id, label: s.label, how: 'esco-uri' }];
    }
    const exact = await this.skills.resolve(hint.text);
    if (exact) return [{ text: hint.text, source: hint.source, skillId: exact.id, label: exact.label, how: 'label-or-alias' }];
    const extracted = await this.extraction.extract(hint.text);
    if (extracted.length > 0) {
      return extracted.map((s) => ({ text: hint.text, source: hint.source, skillId: s.skillId, label: s.label, how: 'extractor' as const }));
    }
    return [{ text: hint.text, source: hint.source, skillId: null, label: null, how: null, unmapped: true }];
  }

  /** A free-text skill: an id, ESCO URI, label or alias first; otherwise whatever the extractor finds in it. */
  private mapText(input: string, memo: ResolutionMemo): Promise<SkillSummary[]> {
    const key = `text\u0000${input}`;
    let found = memo.get(key) as Promise<SkillSummary[]> | undefined;
    if (!found) memo.set(key, (found = this.resolveText(input)));
    return found;
  }

  private async resolveText(input: string): Promise<SkillSummary[]> {
    const exact = await this.skills.resolve(input);
    if (exact) return [exact];
    const extracted = await this.extraction.extract(input);
    return extracted.map((s) => ({ id: s.skillId, label: s.label, type: '', escoUri: null }));
  }
}

/** Why a badge gives no skill: nothing to read (a BadgeClass only linked by URL is not fetched), or nothing mapped. */
function badgeWarnings(badge: BadgeDescription, mapped: MappedBadgeSkill[]): string[] {
  if (mapped.some((m) => m.skillId)) return [];
  if (badge.skillHints.length === 0 && !badge.description && !badge.criteria) {
    return [
      badge.format === 'ob2-assertion'
        ? 'the assertion only links its BadgeClass by URL, which is not fetched: no skills could be read (send the BadgeClass JSON, or the assertion with the BadgeClass embedded)'
        : 'the badge names no skill and has no description to read skills from',
    ];
  }
  return ['none of the skills this badge names is in the taxonomy'];
}

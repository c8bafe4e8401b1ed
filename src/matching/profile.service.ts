import { Injectable } from '@nestjs/common';
import { BadgeSkillMapper, type ResolutionMemo } from '../badges/badge-skill-mapper.service.js';
import { BadgeVerifyService, TIER_RANK, verifiedShare } from '../badges/badge-verify.service.js';
import {
  type BadgeInput, EVIDENCE_WEIGHT, type EvidenceTier, type RecipientIdentity, type VerifiedBadge,
} from '../badges/verification/badge-verification.types.js';
import type { ProfileSkill, SkillOrigin } from './match-scorer.js';

export type { ResolutionMemo } from '../badges/badge-skill-mapper.service.js';

/** A person's evidence, as matches, gaps, cohort learners and recommendations take it (see `PersonDto`). */
export interface PersonInput {
  /** Badge objects, compact JWS / VC-JWT strings or URLs (verified by `BadgeVerifyService`). */
  badges?: BadgeInput[];
  /** Free-text skills: self-declared. */
  skills?: string[];
  /** The learner's identity; each badge's hashed recipient must match it (else 422 recipient-mismatch). Not stored. */
  recipient?: RecipientIdentity;
  /** ISO 8601 instant badges are checked at (expiry), default now. */
  asOf?: string;
}

/** A held skill: the strongest evidence tier any badge or claim gives it, and that tier's weight in matching and gaps. */
export type ProfileHeldSkill = ProfileSkill & { sources: SkillOrigin[]; tier: EvidenceTier; weight: number };

/** A badge of the profile: its verification and mapped skills, and why it gives no held skill when it gives none. */
export interface ProfileBadge extends VerifiedBadge {
  warnings: string[];
}

/** A skill only expired badges gave (not held; to renew). */
export interface ExpiredBadgeSkill {
  skillId: string;
  label: string;
  badge: number;
  expires: string;
}

export interface Profile {
  /** The person's held skills, each once; `from` is the origin of the strongest tier, `sources` every origin. */
  skills: ProfileHeldSkill[];
  badges: ProfileBadge[];
  /** Free-text skills that map to no taxonomy skill. */
  unmatchedInput: string[];
  /** Skills that only expired badges gave (not in `skills`). Revoked badges give neither. */
  expired: ExpiredBadgeSkill[];
  /** Share (0..1) of `skills` whose best tier is signature- or hosted-verified; 0 with no skill. */
  verifiedShare: number;
}

/**
 * Builds a person's skill profile from badges (verified and mapped by `BadgeVerifyService`: every form it accepts) and
 * free-text skills. Each held skill carries the strongest evidence tier giving it (signature-verified >
 * hosted-verified > unverified-badge > self-declared for free text) and `EVIDENCE_WEIGHT` of that tier. Expired and
 * revoked badges give no held skill; an expired badge's skills are listed in `expired` (to renew).
 * Nothing is dropped silently: badge skills that map to nothing are on the badge with `unmapped: true`, free-text ones
 * in `unmatchedInput`.
 * Throws the problems of `BadgeVerifyService.verify` (400 `/badges/N`, 422 recipient-mismatch).
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly verification: BadgeVerifyService,
    private readonly mapper: BadgeSkillMapper,
  ) {}

  /**
   * @param memo share it between calls of one request (a cohort) so each distinct skill text is resolved once
   */
  async build(person: PersonInput, memo: ResolutionMemo = new Map()): Promise<Profile> {
    const checked = await this.verification.verify(person.badges ?? [], {
      recipient: person.recipient, asOf: person.asOf ? new Date(person.asOf) : undefined, memo,
    });

    const bySkill = new Map<string, ProfileHeldSkill>();
    const add = (skillId: string, label: string, from: SkillOrigin, tier: EvidenceTier) => {
      const seen = bySkill.get(skillId);
      if (!seen) {
        bySkill.set(skillId, { skillId, label, from, sources: [from], tier, weight: EVIDENCE_WEIGHT[tier] });
        return;
      }
      if (!seen.sources.some((s) => sameOrigin(s, from))) seen.sources.push(from);
      if (TIER_RANK[tier] < TIER_RANK[seen.tier]) Object.assign(seen, { from, tier, weight: EVIDENCE_WEIGHT[tier] });
    };

    const expiredSkills: ExpiredBadgeSkill[] = [];
    for (const { result, badge, held } of checked) {
      for (const s of badge.skills) {
        if (!s.skillId) continue;
        if (held) add(s.skillId, s.label!, { badge: badge.index }, badge.tier);
        else if (result.status === 'expired') expiredSkills.push({ skillId: s.skillId, label: s.label!, badge: badge.index, expires: badge.expires ?? '' });
      }
    }

    const unmatchedInput: string[] = [];
    for (const input of person.skills ?? []) {
      const found = await this.mapper.mapText(input, memo);
      if (found.length === 0) unmatchedInput.push(input);
      for (const s of found) add(s.id, s.label, { input }, 'self-declared');
    }
    const skills = [...bySkill.values()];
    const seenExpired = new Set<string>();
    const expired = expiredSkills.filter((e) => !bySkill.has(e.skillId) && !seenExpired.has(e.skillId) && seenExpired.add(e.skillId));
    return {
      skills,
      badges: checked.map(({ badge, warnings }) => ({ ...badge, warnings })),
      unmatchedInput,
      expired,
      verifiedShare: verifiedShare(skills.map((s) => s.tier)),
    };
  }
}

function sameOrigin(a: SkillOrigin, b: SkillOrigin): boolean {
  return 'badge' in a ? 'badge' in b && a.badge === b.badge : 'input' in b && a.input === b.input;
}

import { Inject, Injectable } from '@nestjs/common';
import { type ProblemFieldError, ProblemException } from '../infra/http/problem.filter.js';
import type { BadgeDescription } from './badge.types.js';
import { BadgeSkillMapper, type ResolutionMemo } from './badge-skill-mapper.service.js';
import type {
  BadgeImageInput, BadgeInput, BadgeVerificationResult, BadgeVerifierPort, EvidenceTier, RecipientIdentity, VerifiedBadge, VerifiedBadgeSkill,
} from './verification/badge-verification.types.js';

/** Nest token of the `BadgeVerifierPort` implementation (`BadgeVerifier`, bound in app.module.ts). */
export const BADGE_VERIFIER = Symbol('BadgeVerifierPort');

/** One verified badge as the API returns it, with whether its skills are held and why it gives none. */
export interface CheckedBadge {
  result: BadgeVerificationResult;
  badge: VerifiedBadge;
  /** False for expired, revoked and invalid badges: their skills are listed but not held (an expired one's are to renew). */
  held: boolean;
  /** Why the badge gives no held skill, when it gives none (empty otherwise). */
  warnings: string[];
}

export interface VerifyBadgesOptions {
  recipient?: RecipientIdentity;
  /** The check instant (default: now); expiry is judged against it. */
  asOf?: Date;
  /** Share it between the calls of one request (a cohort) so each distinct skill text is resolved once. */
  memo?: ResolutionMemo;
  /** JSON Pointer of each input, for 400/422 problems (default `/badges/N`). */
  pointers?: string[];
}

/** Tiers strongest first: when several badges (or a badge and a claim) give one skill, the strongest wins. */
export const TIER_RANK: Record<EvidenceTier, number> = { 'signature-verified': 0, 'hosted-verified': 1, 'unverified-badge': 2, 'self-declared': 3 };

/**
 * Verifies badges and maps their skills: the one code path behind `POST /v1/badges/verify` and the badge inputs of
 * matches, gaps and recommendations. Verification (decoding, signatures, hosted copies, dates, revocation, recipient)
 * is `BadgeVerifierPort`'s; skill mapping is `BadgeSkillMapper`'s.
 *
 * Errors (problem+json):
 * - 400 `unreadable-badge`, one `errors[]` entry per input (pointer `/badges/N`) the verifier could not read (its
 *   `parse` check failed: not an object, string or image, not a badge, a malformed JWS or image; the detail says why);
 * - 400 `validation` for a recipient naming neither or both of `email` and `url`;
 * - 422 `recipient-mismatch` when a recipient was given and a badge was issued to someone else (`errors[]` and
 *   `badges` name each such input).
 */
@Injectable()
export class BadgeVerifyService {
  constructor(
    @Inject(BADGE_VERIFIER) private readonly verifier: BadgeVerifierPort,
    private readonly mapper: BadgeSkillMapper,
  ) {}

  async verify(inputs: Array<BadgeInput | BadgeImageInput>, options: VerifyBadgesOptions = {}): Promise<CheckedBadge[]> {
    if (inputs.length === 0) return [];
    const pointer = (index: number) => options.pointers?.[index] ?? `/badges/${index}`;
    if (options.recipient) checkRecipient(options.recipient);
    const results = await this.verifier.verify(inputs, { recipient: options.recipient, now: options.asOf, strict: false });
    const parseErrors: ProblemFieldError[] = [];
    for (const r of results) {
      const parse = r.checks.find((c) => c.check === 'parse' && c.outcome === 'failed');
      if (parse) parseErrors.push({ pointer: pointer(r.index), detail: parse.detail || r.reason });
    }
    if (parseErrors.length > 0) throw unreadable(dedupe(parseErrors));
    const mismatched = [...new Set(results.filter((r) => r.recipientMismatch).map((r) => r.index))];
    if (mismatched.length > 0) {
      throw new ProblemException(
        422, 'recipient-mismatch', 'Recipient mismatch',
        `${mismatched.length === 1 ? `badge ${mismatched[0]} was` : `badges ${mismatched.join(', ')} were`} not issued to the given recipient`,
        mismatched.map((i) => ({ pointer: pointer(i), detail: recipientDetail(results.find((r) => r.index === i && r.recipientMismatch)!) })),
        { badges: mismatched },
      );
    }

    const memo = options.memo ?? new Map();
    const out: CheckedBadge[] = [];
    for (const result of results) {
      const skills = await this.mapper.mapBadge(result.description, memo);
      // A failed check (bad signature, hosted copy differs) means the badge cannot be trusted at all: listed, not held.
      const held = result.status !== 'expired' && result.status !== 'revoked' && result.status !== 'invalid';
      const d = result.description;
      out.push({
        result,
        held,
        warnings: badgeWarnings(result, skills),
        badge: {
          index: result.index, format: result.format, name: d.name, issuer: d.issuer, issuedOn: d.issuedOn, expires: d.expires,
          status: result.status, reason: result.reason, checks: result.checks, tier: result.tier, skills,
        },
      });
    }
    return out;
  }
}

/**
 * Share (0..1, 4 decimals) of held skills whose best tier is `signature-verified` or `hosted-verified`; 0 when none is
 * held.
 */
export function verifiedShare(bestTiers: Iterable<EvidenceTier>): number {
  let all = 0;
  let verified = 0;
  for (const tier of bestTiers) {
    all += 1;
    if (tier === 'signature-verified' || tier === 'hosted-verified') verified += 1;
  }
  return all === 0 ? 0 : Math.round((verified / all) * 1e4) / 1e4;
}

/** The best tier of each skill held from these badges (expired, revoked and invalid ones give none). */
export function bestBadgeTiers(badges: CheckedBadge[]): Map<string, EvidenceTier> {
  const best = new Map<string, EvidenceTier>();
  for (const b of badges) {
    if (!b.held) continue;
    for (const s of b.badge.skills) {
      if (!s.skillId) continue;
      const seen = best.get(s.skillId);
      if (!seen || TIER_RANK[b.badge.tier] < TIER_RANK[seen]) best.set(s.skillId, b.badge.tier);
    }
  }
  return best;
}

/** 400 unless the recipient names exactly one of `email` or `url`. */
function checkRecipient(recipient: RecipientIdentity): void {
  const given = (['email', 'url'] as const).filter((k) => recipient[k] !== undefined);
  if (given.length === 1) return;
  throw new ProblemException(400, 'validation', 'Bad Request', 'recipient must give exactly one of email or url', [
    { pointer: '/recipient', detail: given.length ? 'gives both email and url' : 'gives neither email nor url' },
  ]);
}

/** What the failed recipient check says (else the badge's reason). */
function recipientDetail(result: BadgeVerificationResult): string {
  return result.checks.find((c) => c.check === 'recipient' && c.outcome === 'failed')?.detail ?? result.reason;
}

function unreadable(errors: ProblemFieldError[]): ProblemException {
  return new ProblemException(400, 'unreadable-badge', 'Unreadable badge', `${errors.length} badge(s) could not be read`, errors);
}

/** One error per pointer (a presentation's credentials share their input's index). */
function dedupe(errors: ProblemFieldError[]): ProblemFieldError[] {
  return [...new Map(errors.map((e) => [e.pointer, e])).values()];
}

/** Why a badge gives no held skill: its status, nothing to read (a BadgeClass out of reach), or nothing mapped. */
function badgeWarnings(result: BadgeVerificationResult, skills: VerifiedBadgeSkill[]): string[] {
  const d: BadgeDescription = result.description;
  if (result.status === 'expired') return [`expired on ${d.expires ?? 'an earlier date'}: its skills are to renew, not held`];
  if (result.status === 'revoked') return [`revoked: its skills are not held (${result.reason})`];
  if (result.status === 'invalid') return [`invalid: a check failed, so its skills are not held (${result.reason})`];
  if (skills.some((m) => m.skillId)) return [];
  if (d.skillHints.length === 0 && !d.description && !d.criteria) {
    return [
      d.format === 'ob2-assertion'
        ? 'the assertion only links its BadgeClass by URL, which could not be fetched or read (see `reason`): no skills could be read; send the BadgeClass JSON, or the assertion with the BadgeClass embedded'
        : 'the badge names no skill and has no description to read skills from',
    ];
  }
  return skills.length === 0 ? ['none of the badge\'s text names a skill in the taxonomy'] : ['none of the skills this badge names is in the taxonomy'];
}

import type { BadgeDescription, SkillHintSource } from '../badge.types.js';

/**
 * The result of verifying one badge (`POST /v1/badges/verify`, and the badge inputs of matches, gaps and
 * recommendations). Produced by `BadgeVerifier` (src/badges/verification/badge-verifier.ts).
 *
 * status:
 * - `valid`: every check that applies was made and passed (signature or hosted copy, dates, revocation, recipient);
 * - `expired`: checks passed but `expires` / `validUntil` / `expirationDate` / Credly `expires_at` (or a VC-JWT's earlier
 *   `exp`) is before the check time;
 * - `revoked`: the hosted assertion says revoked (410 or `revoked: true`), the issuer's revocation list or the
 *   credential's status list lists it, or Credly `state` is revoked;
 * - `unverified`: no check could be made or one could not be completed (no proof, key or status list out of reach,
 *   BadgeClass only by URL and unreachable); the reason names what was out of reach;
 * - `invalid`: a check was made and failed (bad signature, hosted copy differs, malformed proof).
 */
export type BadgeStatus = 'valid' | 'expired' | 'revoked' | 'unverified' | 'invalid';

export type BadgeInputFormat =
  | BadgeDescription['format']
  | 'ob2-signed-jws'
  | 'ob3-vc-jwt'
  | 'baked-png'
  | 'baked-svg';

/** How much a held skill can be trusted, strongest first. Matching and gaps weigh skills by it. */
export type EvidenceTier = 'signature-verified' | 'hosted-verified' | 'unverified-badge' | 'self-declared';

/** Relative weight of each tier in matching and gap coverage (1 = full credit). */
export const EVIDENCE_WEIGHT: Record<EvidenceTier, number> = {
  'signature-verified': 1,
  'hosted-verified': 0.95,
  'unverified-badge': 0.8,
  'self-declared': 0.7,
};

export type BadgeCheckName =
  | 'parse'
  | 'signature'
  | 'hosted'
  | 'badgeclass'
  | 'issuer'
  | 'expiry'
  | 'revocation'
  | 'credential-status'
  | 'recipient';

export interface BadgeCheck {
  check: BadgeCheckName;
  /** `passed`/`failed` when the check was made; `skipped` when it could not be (the detail says why); `not-applicable`. */
  outcome: 'passed' | 'failed' | 'skipped' | 'not-applicable';
  detail: string;
}

export interface VerifiedBadgeSkill {
  /** The text that named the skill (alignment targetName, Credly skill name, tag, or the extracted phrase). */
  text: string;
  source: SkillHintSource;
  skillId: string | null;
  label: string | null;
  /** How `text` reached `skillId`: alignment ESCO URI, O*NET-SOC code, exact label/alias, or the extractor. */
  how: 'esco-uri' | 'onet-soc' | 'label-or-alias' | 'extractor' | null;
  unmapped?: true;
}

export interface VerifiedBadge {
  /** Position of the input in the request's `badges` array (a presentation's credentials share it). */
  index: number;
  format: BadgeInputFormat;
  name: string;
  issuer: string | null;
  /** ISO 8601 instants (or dates as given), null when absent. */
  issuedOn: string | null;
  expires: string | null;
  status: BadgeStatus;
  /** One sentence: why this status (for valid: what was verified). */
  reason: string;
  checks: BadgeCheck[];
  /** The tier its skills carry; expired and revoked badges give no held skills (`tier` is still reported). */
  tier: EvidenceTier;
  skills: VerifiedBadgeSkill[];
}

/** A badge as the caller sent it: a parsed JSON object, a string (compact JWS, VC-JWT, URL or JSON text), or image bytes. */
export type BadgeInput = unknown;

/** An uploaded badge image (multipart field `file`). */
export interface BadgeImageInput {
  kind: 'image';
  /** As declared by the upload; the verifier sniffs the bytes anyway. */
  mediaType: string | null;
  filename: string | null;
  bytes: Buffer;
}

/** The identity the caller says the badge was issued to; used for the check only, never stored. */
export interface RecipientIdentity {
  email?: string;
  url?: string;
}

/**
 * One badge after verification, before its skills are mapped to the taxonomy (the profile/verify services map
 * `description.skillHints` into `VerifiedBadge.skills`).
 */
export interface BadgeVerificationResult {
  index: number;
  format: BadgeInputFormat;
  /** What the badge says (name, issuer, dates, skill hints): from the verified copy where one was fetched. */
  description: BadgeDescription;
  status: BadgeStatus;
  reason: string;
  checks: BadgeCheck[];
  tier: EvidenceTier;
  /** True when a recipient was given and the badge's recipient identity did not match it (the API answers 422). */
  recipientMismatch: boolean;
}

export interface BadgeVerifierPort {
  /**
   * Verifies each input (a presentation yields one result per credential, all with the input's index).
   * Never throws for a bad badge: unreadable input is a result with status `invalid` and a `parse` check failed,
   * unless `strict` is set, in which case it throws `BadgeReadError` naming the input (the API turns that into 400).
   * @param now the check instant (default: the current time); expiry is judged against it
   */
  verify(
    inputs: Array<BadgeInput | BadgeImageInput>,
    options?: { recipient?: RecipientIdentity; now?: Date; strict?: boolean },
  ): Promise<BadgeVerificationResult[]>;
}

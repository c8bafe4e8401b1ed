/**
 * The checks made on one badge and what they imply, turned into its status, reason and evidence tier.
 * Pure: no I/O.
 *
 * Status order when several findings apply (strongest first): revoked > invalid > expired > unverified > valid.
 * A revoked badge is revoked whatever else is wrong with it; a failed check (bad signature, hosted copy that differs,
 * recipient mismatch) outranks an expiry because a forged badge's dates mean nothing; an expiry outranks a check that
 * could not be made because the badge gives no skills either way. The reason is the first finding of the winning status.
 */
import type { BadgeCheck, BadgeCheckName, BadgeStatus, EvidenceTier } from './badge-verification.types.js';

export type Finding = Exclude<BadgeStatus, 'valid'>;

const STATUS_RANK: Record<BadgeStatus, number> = { revoked: 0, invalid: 1, expired: 2, unverified: 3, valid: 4 };

interface LoggedCheck extends BadgeCheck {
  /** What a failed or skipped check means for the status (none for passed / not-applicable, or informational skips). */
  finding?: Finding;
}

export class VerificationLog {
  private readonly entries: LoggedCheck[] = [];
  /** True once a signature (JWS, VC-JWT or Data Integrity proof) was verified. */
  signatureVerified = false;
  /** True once the issuer's hosted copy of the assertion was fetched and matched. */
  hostedVerified = false;
  recipientMismatch = false;

  passed(check: BadgeCheckName, detail: string): void {
    this.entries.push({ check, outcome: 'passed', detail });
  }

  notApplicable(check: BadgeCheckName, detail: string): void {
    this.entries.push({ check, outcome: 'not-applicable', detail });
  }

  /** A check that was made and failed; `finding` is the status it implies (invalid, revoked or expired). */
  failed(check: BadgeCheckName, detail: string, finding: Finding = 'invalid'): void {
    this.entries.push({ check, outcome: 'failed', detail, finding });
  }

  /** A check that could not be made; the badge is `unverified` unless `finding` is null (informational). */
  skipped(check: BadgeCheckName, detail: string, finding: Finding | null = 'unverified'): void {
    this.entries.push({ check, outcome: 'skipped', detail, ...(finding ? { finding } : {}) });
  }

  has(check: BadgeCheckName, outcome?: BadgeCheck['outcome']): boolean {
    return this.entries.some((e) => e.check === check && (outcome === undefined || e.outcome === outcome));
  }

  checks(): BadgeCheck[] {
    return this.entries.map(({ check, outcome, detail }) => ({ check, outcome, detail }));
  }

  /** The status by the order above, and one sentence saying why. */
  verdict(validReason: () => string): { status: BadgeStatus; reason: string } {
    let worst: LoggedCheck | undefined;
    for (const entry of this.entries) {
      if (entry.finding && (!worst || STATUS_RANK[entry.finding] < STATUS_RANK[worst.finding!])) worst = entry;
    }
    if (!worst) return { status: 'valid', reason: sentence(validReason()) };
    if (worst.finding !== 'unverified') return { status: worst.finding!, reason: sentence(worst.detail) };
    // Everything out of reach is named (the key and the BadgeClass, say), so the caller knows what to supply.
    const details = this.entries.filter((e) => e.finding === 'unverified').map((e) => e.detail);
    return { status: 'unverified', reason: sentence([...new Set(details)].join('; ')) };
  }

  /** signature-verified > hosted-verified > unverified-badge (a badge is never self-declared). */
  tier(): EvidenceTier {
    if (this.signatureVerified) return 'signature-verified';
    if (this.hostedVerified) return 'hosted-verified';
    return 'unverified-badge';
  }
}

/** One sentence: capitalised, ending with a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The error's message, for a check detail. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

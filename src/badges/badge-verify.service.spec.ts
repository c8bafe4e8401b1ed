import { bestBadgeTiers, type CheckedBadge, verifiedShare } from './badge-verify.service.js';
import type { BadgeStatus, EvidenceTier, VerifiedBadge } from './verification/badge-verification.types.js';

const badge = (index: number, tier: EvidenceTier, status: BadgeStatus, skillIds: Array<string | null>): CheckedBadge => {
  const verified: VerifiedBadge = {
    index, format: 'ob2-assertion', name: `b${index}`, issuer: null, issuedOn: null, expires: null, status, reason: '', checks: [], tier,
    skills: skillIds.map((id) => (id ? { text: id, source: 'alignment', skillId: id, label: id, how: 'esco-uri' } : { text: 'x', source: 'tag', skillId: null, label: null, how: null, unmapped: true })),
  };
  return { result: {} as CheckedBadge['result'], badge: verified, held: status !== 'expired' && status !== 'revoked', warnings: [] };
};

describe('verifiedShare', () => {
  it.each<[EvidenceTier[], number]>([
    [[], 0],
    [['signature-verified'], 1],
    [['hosted-verified', 'unverified-badge'], 0.5],
    [['signature-verified', 'self-declared', 'self-declared'], 0.3333],
    [['unverified-badge', 'self-declared'], 0],
  ])('%j → %f', (tiers, share) => {
    expect(verifiedShare(tiers)).toBe(share);
  });
});

describe('bestBadgeTiers', () => {
  it('keeps the strongest tier per skill, skips unmapped skills and badges that are expired or revoked', () => {
    const best = bestBadgeTiers([
      badge(0, 'unverified-badge', 'unverified', ['sql', 'python', null]),
      badge(1, 'signature-verified', 'valid', ['sql']),
      badge(2, 'hosted-verified', 'expired', ['python', 'aws']),
      badge(3, 'signature-verified', 'revoked', ['python']),
    ]);
    expect(Object.fromEntries(best)).toEqual({ sql: 'signature-verified', python: 'unverified-badge' });
    expect(verifiedShare(best.values())).toBe(0.5);
  });
});

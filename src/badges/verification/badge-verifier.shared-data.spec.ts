/** BadgeVerifier on every file in the shared data set's badges/ folder, read in place, offline (no fetch reaches anything). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../../config/paths.js';
import { BadgeVerifier } from './badge-verifier.js';
import type { BadgeVerificationResult } from './badge-verification.types.js';
import { OFFLINE_HTTP } from '../../../test/support/badge-signing.js';

const BADGES_DIR = join(SHARED_DATA_DIR, 'badges');
const NOW = new Date('2026-11-29T00:00:00Z');
const OFFLINE = '(offline: no network in this test)';
const verifier = new BadgeVerifier(OFFLINE_HTTP, { maxImageBytes: 1024 * 1024 });

function file(relativePath: string): unknown {
  const raw = readFileSync(join(BADGES_DIR, relativePath), 'utf8');
  return relativePath.endsWith('.jws') ? raw.trim() : JSON.parse(raw);
}

async function verifyFile(relativePath: string): Promise<BadgeVerificationResult[]> {
  return verifier.verify([file(relativePath)], { now: NOW });
}

function outcomes(result: BadgeVerificationResult): string[] {
  return result.checks.map((c) => `${c.check}:${c.outcome}`);
}

describe('BadgeVerifier on the real badge files, offline', () => {
  it("the spec's signed OB 2.0 example cannot reach its key: unverified, saying so", async () => {
    const [result] = await verifyFile('ob2_spec_examples/signed_assertion.jws');
    expect([result.format, result.status, result.tier]).toEqual(['ob2-signed-jws', 'unverified', 'unverified-badge']);
    expect(result.reason).toBe(
      `The issuer's public key at https://example.org/publicKey could not be fetched ${OFFLINE}, so the signature was not checked; ` +
        `the BadgeClass at https://example.org/robotics-badge.json could not be fetched ${OFFLINE}; its name and skills could not be read.`,
    );
    expect(outcomes(result)).toEqual(['parse:passed', 'signature:skipped', 'badgeclass:skipped', 'revocation:not-applicable', 'expiry:not-applicable', 'recipient:not-applicable']);
  });

  it('the real Credly OB 2.0 assertion links its BadgeClass only by URL: unverified, naming the unreachable URL', async () => {
    const badgeClassUrl = 'https://www.credly.com/api/v1/obi/v2/issuers/7b741b5c-231d-4925-8041-c64b6846f1c8/badge_classes/c6fc4fc3-4b4c-4f95-92e2-59c29ac0e451';
    const [result] = await verifyFile('credly/credly_ob2_assertion_baked_aws-mle-associate.json');
    expect([result.format, result.status, result.tier]).toEqual(['ob2-assertion', 'unverified', 'unverified-badge']);
    expect(result.reason).toContain(`the BadgeClass at ${badgeClassUrl} could not be fetched ${OFFLINE}; its name and skills could not be read`);
    expect(result.checks.find((c) => c.check === 'badgeclass')).toEqual({
      check: 'badgeclass', outcome: 'skipped', detail: `the BadgeClass at ${badgeClassUrl} could not be fetched ${OFFLINE}; its name and skills could not be read`,
    });
    expect(outcomes(result)).toEqual(['parse:passed', 'hosted:skipped', 'badgeclass:skipped', 'expiry:passed', 'recipient:not-applicable']);
    expect(result.description).toMatchObject({ issuedOn: '2025-03-27T00:00:00.000Z', expires: '2028-03-27T00:00:00.000Z', skillHints: [] });
  });

  it('the real Credly OB 3.0 credential (did:web, earner name edited out): unverified with the reason, tags still hints', async () => {
    const [result] = await verifyFile('credly/credly_ob3_openbadgecredential_baked_lightbend-reactive-microservices.json');
    const issuer = 'did:web:www.credly.com:api:v1:obi:v3:issuers:fb3d27de-4f33-4ab5-a458-8ed2084a0212';
    expect([result.format, result.status, result.tier]).toEqual(['ob3-credential', 'unverified', 'unverified-badge']);
    expect(result.reason).toBe(
      `The key ${issuer}#key-0 could not be fetched from https://www.credly.com/api/v1/obi/v3/issuers/fb3d27de-4f33-4ab5-a458-8ed2084a0212/did.json ` +
        `${OFFLINE}; the proof was not checked; not checked: ` +
        `https://www.credly.com/api/v1/obi/v3/open_badge_credentials/edf48235-dc92-4eb8-adf3-58d497326f9a/revocation_list unreachable ${OFFLINE}.`,
    );
    expect(outcomes(result)).toEqual(['parse:passed', 'signature:skipped', 'credential-status:skipped', 'expiry:not-applicable', 'recipient:not-applicable']);
    expect(result.description).toMatchObject({
      name: 'Reactive Architecture: Reactive Microservices - Level 2', issuer: 'Lightbend, Inc.', issuedOn: '2022-08-30T00:00:00.000Z', expires: null,
    });
    expect(result.description.skillHints).toEqual([
      { text: 'Certified Reactive Architect', source: 'alignment' },
      ...['Reactive Architecture', 'Reactive Manifesto', 'Reactive Microservices', 'Reactive Systems', 'Technology Architecture'].map((text) => ({ text, source: 'tag' })),
    ]);
  });

  it('the Credly templates list: one unverified result per template (a description, not an award)', async () => {
    const results = await verifyFile('credly/credly_api_badge_templates_response_sandbox_2019.json');
    expect(results.map((r) => [r.index, r.format, r.status, r.description.name, r.description.skillHints])).toEqual([
      [0, 'credly-template', 'unverified', 'Anna1', [{ text: 'Ruby', source: 'credly_skill' }]],
      [0, 'credly-template', 'unverified', 'Anna2', [{ text: 'Ruby', source: 'credly_skill' }]],
    ]);
  });

  it.each<[string, string, string]>([
    ['ob2_spec_examples/assertion_hosted.json', 'expired', 'Expired on 2017-06-30T23:59:59.000Z.'],
    ['ob2_spec_examples/revoked_hosted_assertion.json', 'revoked',
      "Revoked: the issuer's hosted assertion https://example.org/beths-robotics-badge.json says revoked (Turns out the student's robot was just three stacked children in a trenchcoat with dryer vent hose arms.)."],
    ['ob2_spec_examples/assertion_with_embedded_badgeclass_and_issuer.json', 'unverified',
      `The hosted assertion at https://example.org/beths-robotics-badge.json could not be fetched ${OFFLINE}, so it was not verified.`],
    ['ob2_spec_examples/signed_assertion_claims.json', 'unverified',
      'The assertion\'s verification type is "SignedBadge" but it came as plain JSON, without its JWS, so its signature could not be checked; ' +
        `the BadgeClass at https://example.org/robotics-badge.json could not be fetched ${OFFLINE}; its name and skills could not be read.`],
    ['ob2_spec_examples/badgeclass_with_alignment_and_tags.json', 'unverified', 'An Open Badges BadgeClass describes a badge, it is not an award to anyone, so there is no proof to verify.'],
    ['ob3_spec_examples/basic_openbadgecredential.json', 'unverified', 'The credential carries no proof, so its issuer could not be verified.'],
    ['ob3_spec_examples/achievement_alignment_case.json', 'unverified', 'The credential carries no proof, so its issuer could not be verified.'],
    ['ob3_spec_examples/achievement_alignment_ctdl.json', 'unverified', 'The credential carries no proof, so its issuer could not be verified.'],
    ['ob3_spec_examples/skill_assertion_case.json', 'unverified', 'The credential carries no proof, so its issuer could not be verified.'],
    ['ob3_spec_examples/skill_assertion_ctdl.json', 'unverified', 'The credential carries no proof, so its issuer could not be verified.'],
    ['ob3_spec_examples/complete_openbadgecredential.json', 'unverified',
      `The credential carries no proof, so its issuer could not be verified; not checked: https://1edtech.edu/credentials/3732/revocations unreachable ${OFFLINE}.`],
  ])('%s → %s', async (relativePath, status, reason) => {
    const [result] = await verifyFile(relativePath);
    expect([result.status, result.reason]).toEqual([status, reason]);
  });

  it.each<[string, string]>([
    ['ob2_spec_examples/cryptographic_key.json', 'it is an Open Badges CryptographicKey'],
    ['ob2_spec_examples/issuer_profile.json', 'it is an Open Badges Issuer'],
    ['ob2_spec_examples/revocation_list.json', 'it is an Open Badges RevocationList'],
    ['ob2_spec_examples/endorsement_of_assertion.json', 'it is an Open Badges Endorsement'],
    ['ob2_spec_examples/endorsement_revoked.json', 'it is an Open Badges Endorsement'],
    ['ob3_spec_examples/endorsement_credential.json', 'it is an Open Badges EndorsementCredential'],
    ['ob2_spec_examples/signed_assertion_jws_header.json', 'no recognisable type'],
  ])('%s is not a badge: invalid, parse check failed', async (relativePath, what) => {
    const [result] = await verifyFile(relativePath);
    expect([result.status, outcomes(result)]).toEqual(['invalid', ['parse:failed']]);
    expect(result.checks[0].detail).toBe(`not an Open Badges Assertion, BadgeClass, OpenBadgeCredential or Credly badge: ${what}`);
  });
});

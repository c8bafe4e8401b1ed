/** BadgeVerifier on odd and hostile shapes: each gives a result with the right status, never an exception. */
import { BadgeVerifier } from './badge-verifier.js';
import { OFFLINE_HTTP } from '../../../test/support/badge-signing.js';

const NOW = new Date('2024-05-10T00:00:00Z');
const LEARNER = 'learner@example.org';
const verifier = new BadgeVerifier(OFFLINE_HTTP, { maxImageBytes: 64 * 1024 });

describe('BadgeVerifier: odd shapes never throw', () => {
  const odd: Array<[string, unknown, string, string]> = [
    ['assertion with a numeric badge', { type: 'Assertion', id: 5, badge: 7, recipient: 'x', verification: 3 }, 'invalid', 'The badge could not be read: Open Badges Assertion has no badge'],
    ['assertion with a badge object without a name', { type: 'Assertion', badge: { id: 'urn:x', issuer: 9 }, verification: { type: 'signed' } }, 'unverified', 'The assertion\'s verification type is "signed" but it came as plain JSON'],
    ['credential with numeric issuer and proof fields', { type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: 3, credentialSubject: { achievement: { name: 'A' } }, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: 'did:key:zzz', proofValue: 'z1' } }, 'invalid', 'The key did:key:zzz is malformed: multikey is neither an Ed25519 nor a P-256 public key.'],
    ['credential with a did:web method that is malformed', { type: ['OpenBadgeCredential'], credentialSubject: { achievement: { name: 'A' } }, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: 'did:web:%E0%A4%A' } }, 'invalid', 'The key did:web:%E0%A4%A is malformed: URI malformed.'],
    ['credential with odd credentialStatus entries', { type: ['OpenBadgeCredential'], credentialSubject: { achievement: { name: 'A' } }, credentialStatus: [1, { type: 'BitstringStatusListEntry' }, { type: 'X' }] }, 'invalid', 'Status list entry lacks statusListCredential or a non-negative statusListIndex.'],
    ['credential with odd identifiers', { type: ['OpenBadgeCredential'], credentialSubject: [{ identifier: [1, { identityHash: 'sha1$00', hashed: true }] }, { achievement: { name: 'A' } }] }, 'unverified', 'The credential carries no proof, so its issuer could not be verified.'],
    ['a VC-JWT whose kid is a malformed did:key', `${Buffer.from('{"alg":"EdDSA","kid":"did:key:z111"}').toString('base64url')}.${Buffer.from(JSON.stringify({ vc: { type: ['OpenBadgeCredential'], credentialSubject: { achievement: { name: 'A' } } } })).toString('base64url')}.AAAA`, 'invalid', 'The key did:key:z111 is malformed'],
    ['a VC-JWT with a bogus header jwk', `${Buffer.from('{"alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"!"}}').toString('base64url')}.${Buffer.from(JSON.stringify({ vc: { type: ['OpenBadgeCredential'], credentialSubject: { achievement: { name: 'A' } } } })).toString('base64url')}.AAAA`, 'invalid', 'The VC-JWT signature does not verify with the key embedded in the JWT header'],
    ['a Credly badge with odd fields', { badge_template: { name: 'T', skills: [1, null, { name: 'Go' }] }, state: 5, recipient_email: 3 }, 'unverified', 'A Credly API badge carries no signature'],
    ['a presentation with odd members', { type: 'VerifiablePresentation', verifiableCredential: [42] }, 'invalid', 'The badge could not be read: verifiableCredential[0]: not a credential object or VC-JWT string.'],
    ['a presentation of 101 credentials', { type: 'VerifiablePresentation', verifiableCredential: Array(101).fill({}) }, 'invalid', 'The badge could not be read: the VerifiablePresentation holds 101 badges; at most 100 are read from one input.'],
    ['an image input with empty bytes', { kind: 'image', mediaType: null, filename: null, bytes: Buffer.alloc(0) }, 'invalid', 'The badge could not be read: image is neither a PNG nor an SVG.'],
  ];
  it.each(odd)('%s → %s', async (_name, input, status, reason) => {
    const results = await verifier.verify([input], { now: NOW, recipient: { email: LEARNER } });
    expect(results.map((r) => [r.status, r.reason.startsWith(reason)])).toEqual([[status, true]]);
  });
});

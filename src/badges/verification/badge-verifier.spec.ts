/** BadgeVerifier offline: every badge form, signatures made here with generated keys, dates, recipients. */
import { BadgeReadError, BadgeReadErrorCode } from '../badge-read.exception.js';
import type { SkillHint } from '../badge.types.js';
import { BadgeVerifier } from './badge-verifier.js';
import type { BadgeVerificationResult } from './badge-verification.types.js';
import { OFFLINE_HTTP, compactJws, ed25519Issuer, signDataIntegrity, tamperedJws, vcJwt } from '../../../test/support/badge-signing.js';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { base58 } from '@scure/base';

const ESCO_POSTGRESQL = 'http://data.europa.eu/esco/skill/a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996';
const VC2 = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const VC1 = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const NOW = new Date('2024-05-10T00:00:00Z');
const ISSUED = '2024-01-15T00:00:00.000Z';
const EXPIRES = '2027-01-15T00:00:00.000Z';
const POSTGRESQL_HINT: SkillHint = { text: 'PostgreSQL', source: 'alignment', escoUri: ESCO_POSTGRESQL, framework: 'ESCO' };
const LEARNER = 'Learner@Example.org';

const verifier = new BadgeVerifier(OFFLINE_HTTP, { maxImageBytes: 64 * 1024 });
const issuer = ed25519Issuer();
const stranger = ed25519Issuer();

function achievement(alignment = true): Record<string, unknown> {
  return {
    id: 'https://academy.example/achievements/sql', type: ['Achievement'], name: 'SQL Fundamentals', description: 'Writes SQL queries.',
    criteria: { narrative: 'Pass the SQL exam.' },
    ...(alignment ? { alignment: [{ type: ['Alignment'], targetName: 'PostgreSQL', targetUrl: ESCO_POSTGRESQL, targetFramework: 'ESCO' }] } : {}),
  };
}

function credential(issuerId: string, extra: Record<string, unknown> = {}, withAlignment = true): Record<string, unknown> {
  return {
    '@context': VC2, id: 'urn:uuid:6f1c2a4e-1b7d-4c0e-9a55-3d2f8b7e1c01', type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Test Academy' }, validFrom: ISSUED, validUntil: EXPIRES, name: 'SQL Fundamentals',
    credentialSubject: { type: ['AchievementSubject'], achievement: achievement(withAlignment) }, ...extra,
  };
}

function vc11(issuerId: string): Record<string, unknown> {
  const { validFrom: _f, validUntil: _u, ...rest } = credential(issuerId);
  return { ...rest, '@context': VC1, issuanceDate: ISSUED, expirationDate: EXPIRES };
}

function ob2Assertion(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: 'https://academy.example/assertions/1',
    recipient: { type: 'email', hashed: true, salt: 'pepper', identity: `sha256$${createHash('sha256').update('learner@example.org' + 'pepper').digest('hex')}` },
    issuedOn: ISSUED, expires: EXPIRES, verification: { type: 'hosted' },
    badge: {
      type: 'BadgeClass', id: 'https://academy.example/badges/sql', name: 'SQL Fundamentals', description: 'Writes SQL queries.',
      criteria: { narrative: 'Pass the SQL exam.' }, issuer: { type: 'Profile', id: 'https://academy.example/issuer', name: 'Test Academy' },
      alignment: [{ targetName: 'PostgreSQL', targetUrl: ESCO_POSTGRESQL, targetFramework: 'ESCO' }],
    },
    ...extra,
  };
}

async function one(input: unknown, options: Parameters<BadgeVerifier['verify']>[1] = {}): Promise<BadgeVerificationResult> {
  const results = await verifier.verify([input], { now: NOW, ...options });
  expect(results).toHaveLength(1);
  return results[0];
}

function check(result: BadgeVerificationResult, name: string) {
  return result.checks.find((c) => c.check === name);
}

describe('BadgeVerifier: one achievement in every form gives the same skill hint and dates', () => {
  const presentation = () => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [credential(issuer.didKey)] });
  it.each<[string, () => unknown, string]>([
    ['(a) OB 3.0 credential, VC 2.0 validFrom/validUntil', () => credential(issuer.didKey), 'ob3-credential'],
    ['(b) OB 3.0 credential, VC 1.1 issuanceDate/expirationDate', () => vc11(issuer.didKey), 'ob3-credential'],
    ['(c) (a) inside a VerifiablePresentation', presentation, 'ob3-credential'],
    ['(d) OB 2.0 Assertion with a BadgeClass whose type is a plain string', () => ob2Assertion(), 'ob2-assertion'],
  ])('%s', async (_name, input, format) => {
    const result = await one(input());
    expect(result.format).toBe(format);
    expect(result.description.skillHints).toEqual([POSTGRESQL_HINT]);
    expect([result.description.issuedOn, result.description.expires]).toEqual([ISSUED, EXPIRES]);
    expect(result.description.name).toBe('SQL Fundamentals');
    expect(result.status).toBe('unverified'); // no proof (OB 3.0) / hosted copy out of reach (OB 2.0)
    expect(result.tier).toBe('unverified-badge');
  });

  it('(e) a badge with no alignment, tags or skills gives no hints and does not crash', async () => {
    const result = await one(credential(issuer.didKey, {}, false));
    expect(result.description.skillHints).toEqual([]);
    expect(result.status).toBe('unverified');
    expect(result.reason).toBe('The credential carries no proof, so its issuer could not be verified.');
  });

  it('a presentation of two credentials gives one result per credential, both with the input index', async () => {
    const results = await verifier.verify(['not used', { type: ['VerifiablePresentation'], verifiableCredential: [credential(issuer.didKey), vc11(issuer.didKey)] }], { now: NOW });
    expect(results.map((r) => [r.index, r.format])).toEqual([[0, 'ob2-assertion'], [1, 'ob3-credential'], [1, 'ob3-credential']]);
  });
});

describe('BadgeVerifier: dates', () => {
  it('an assertion that expired on 2023-01-01, checked on 2024-05-10, is expired', async () => {
    const result = await one(ob2Assertion({ expires: '2023-01-01T00:00:00Z' }));
    expect(result.status).toBe('expired');
    expect(result.reason).toBe('Expired on 2023-01-01T00:00:00.000Z.');
    expect(check(result, 'expiry')).toEqual({ check: 'expiry', outcome: 'failed', detail: 'expired on 2023-01-01T00:00:00.000Z' });
  });

  it('a signed credential past its validUntil is expired, and keeps its signature tier', async () => {
    const signed = await signDataIntegrity(credential(issuer.didKey, { validUntil: '2024-05-01T00:00:00Z' }), issuer.didKeyMethod, issuer.privateKey);
    const result = await one(signed);
    expect([result.status, result.tier]).toEqual(['expired', 'signature-verified']);
  });
});

describe('BadgeVerifier: OB 3.0 VC-JWT', () => {
  it('signed with an Ed25519 did:key: valid, signature-verified', async () => {
    const token = await vcJwt(credential(issuer.didKey), issuer.didKey, issuer.didKeyMethod, issuer.privateKey);
    const result = await one(token);
    expect([result.format, result.status, result.tier]).toEqual(['ob3-vc-jwt', 'valid', 'signature-verified']);
    expect(result.reason).toBe(`VC-JWT EdDSA signature verified with ${issuer.didKeyMethod}; not revoked or expired.`);
    expect(result.description.skillHints).toEqual([POSTGRESQL_HINT]);
  });

  it('signed with an Ed25519 did:jwk: valid', async () => {
    const token = await vcJwt(credential(issuer.didJwk), issuer.didJwk, `${issuer.didJwk}#0`, issuer.privateKey);
    const result = await one(token);
    expect([result.status, result.tier]).toEqual(['valid', 'signature-verified']);
  });

  it('a tampered payload is invalid', async () => {
    const token = await vcJwt(credential(issuer.didKey), issuer.didKey, issuer.didKeyMethod, issuer.privateKey);
    const forged = tamperedJws(token, { iss: issuer.didKey, vc: credential(issuer.didKey, { validUntil: '2099-01-01T00:00:00Z' }) });
    const result = await one(forged);
    expect(result.status).toBe('invalid');
    expect(result.reason).toMatch(/^The VC-JWT signature does not verify with did:key:/);
    expect(result.tier).toBe('unverified-badge');
  });

  it("signed with someone else's key (kid not the issuer's) is invalid", async () => {
    const token = await vcJwt(credential(issuer.didKey), issuer.didKey, stranger.didKeyMethod, stranger.privateKey);
    const result = await one(token);
    expect(result.status).toBe('invalid');
    expect(result.reason).toBe(`The key ${stranger.didKeyMethod} belongs to ${stranger.didKey}, not to the issuer ${issuer.didKey}.`);
  });

  it('signed with a P-256 did:key (ES256): valid', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { x, y } = publicKey.export({ format: 'jwk' });
    const compressed = Buffer.concat([Buffer.from([Buffer.from(y!, 'base64url')[31] & 1 ? 3 : 2]), Buffer.from(x!, 'base64url')]);
    const multikey = `z${base58.encode(Buffer.concat([Buffer.from([0x80, 0x24]), compressed]))}`;
    const did = `did:key:${multikey}`;
    const doc = credential(did);
    const token = await compactJws({ iss: did, vc: doc }, { alg: 'ES256', kid: `${did}#${multikey}` }, privateKey);
    const result = await one(token);
    expect([result.status, result.tier, result.reason]).toEqual(['valid', 'signature-verified', `VC-JWT ES256 signature verified with ${did}#${multikey}; not revoked or expired.`]);
  });

  it('a presentation carried as a JWT (vp claim) holding VC-JWTs: one result per credential', async () => {
    const token = await vcJwt(credential(issuer.didKey), issuer.didKey, issuer.didKeyMethod, issuer.privateKey);
    const vp = await compactJws({ vp: { type: ['VerifiablePresentation'], verifiableCredential: [token, token] } }, { alg: 'EdDSA' }, stranger.privateKey);
    const results = await verifier.verify([vp], { now: NOW });
    expect(results.map((r) => [r.index, r.format, r.status])).toEqual([[0, 'ob3-vc-jwt', 'valid'], [0, 'ob3-vc-jwt', 'valid']]);
  });

  it('an unsigned JWT (alg none) is invalid', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ vc: credential(issuer.didKey) })).toString('base64url');
    const result = await one(`${header}.${payload}.`);
    expect(result.status).toBe('invalid');
    expect(result.reason).toBe('The VC-JWT uses alg "none", which is not accepted.');
  });
});

describe('BadgeVerifier: eddsa-rdfc-2022 Data Integrity', () => {
  it('signed here with a did:key: valid, signature-verified', async () => {
    const signed = await signDataIntegrity(credential(issuer.didKey), issuer.didKeyMethod, issuer.privateKey);
    const result = await one(signed);
    expect([result.status, result.tier]).toEqual(['valid', 'signature-verified']);
    expect(check(result, 'signature')).toEqual({ check: 'signature', outcome: 'passed', detail: `Data Integrity proof (eddsa-rdfc-2022) verified with ${issuer.didKeyMethod}` });
    expect(check(result, 'credential-status')?.outcome).toBe('not-applicable');
  });

  it('VC 1.1 with the data-integrity context: valid', async () => {
    const doc = vc11(issuer.didKey);
    doc['@context'] = [...VC1, 'https://w3id.org/security/data-integrity/v2'];
    const result = await one(await signDataIntegrity(doc, issuer.didKeyMethod, issuer.privateKey));
    expect(result.status).toBe('valid');
  });

  it('tampered after signing (achievement renamed) is invalid', async () => {
    const signed = await signDataIntegrity(credential(issuer.didKey), issuer.didKeyMethod, issuer.privateKey);
    const subject = signed['credentialSubject'] as Record<string, Record<string, unknown>>;
    const forged = { ...signed, credentialSubject: { ...subject, achievement: { ...subject['achievement'], name: 'Advanced SQL' } } };
    const result = await one(forged);
    expect(result.status).toBe('invalid');
    expect(result.reason).toBe(`The eddsa-rdfc-2022 proof does not verify with ${issuer.didKeyMethod}: the credential was altered or signed by another key.`);
  });

  it('a proof naming a did:web key that is out of reach is unverified, naming the URL', async () => {
    const method = 'did:web:academy.example#key-0';
    const signed = await signDataIntegrity(credential('did:web:academy.example'), method, issuer.privateKey);
    const result = await one(signed);
    expect(result.status).toBe('unverified');
    expect(result.reason).toBe(
      'The key did:web:academy.example#key-0 could not be fetched from https://academy.example/.well-known/did.json ' +
        '(offline: no network in this test); the proof was not checked.',
    );
  });

  it('a context that is not bundled is never fetched: unverified, naming it', async () => {
    const signed = await signDataIntegrity(credential(issuer.didKey), issuer.didKeyMethod, issuer.privateKey);
    const result = await one({ ...signed, '@context': [...VC2, 'https://contexts.example/extra.jsonld'] });
    expect(result.status).toBe('unverified');
    expect(result.reason).toContain('the JSON-LD context https://contexts.example/extra.jsonld is not bundled'.replace(/^t/, 'T'));
  });
});

describe('BadgeVerifier: recipient', () => {
  it.each<[string, string, boolean]>([
    ['the same e-mail in other case', LEARNER, false],
    ['another e-mail', 'someone@example.org', true],
  ])('OB 2.0 sha256 with salt, %s', async (_name, email, mismatch) => {
    const result = await one(ob2Assertion(), { recipient: { email } });
    expect(result.recipientMismatch).toBe(mismatch);
    expect(check(result, 'recipient')?.outcome).toBe(mismatch ? 'failed' : 'passed');
    if (mismatch) expect([result.status, result.reason]).toEqual(['invalid', 'The badge was not issued to the given email.']);
  });

  it('OB 2.0 md5 and OB 3.0 identifier (identityHash, salt) are compared too', async () => {
    const md5 = ob2Assertion({ recipient: { type: 'email', hashed: true, salt: 's', identity: `md5$${createHash('md5').update('learner@example.org' + 's').digest('hex')}` } });
    const identifier = { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 'x', identityHash: `sha256$${createHash('sha256').update('learner@example.org' + 'x').digest('hex')}` };
    const ob3 = credential(issuer.didKey);
    (ob3['credentialSubject'] as Record<string, unknown>)['identifier'] = [identifier];
    const results = await verifier.verify([md5, ob3], { now: NOW, recipient: { email: LEARNER } });
    expect(results.map((r) => [check(r, 'recipient')?.outcome, r.recipientMismatch])).toEqual([['passed', false], ['passed', false]]);
    const other = await verifier.verify([md5, ob3], { now: NOW, recipient: { email: 'other@example.org' } });
    expect(other.map((r) => r.recipientMismatch)).toEqual([true, true]);
  });

  it('a URL recipient against an OB 2.0 url identity, and a Credly recipient_email', async () => {
    const byUrl = ob2Assertion({ recipient: { type: 'url', hashed: false, identity: 'https://learner.example/me' } });
    const credly = { state: 'accepted', recipient_email: 'learner@example.org', badge_template: { name: 'Cloud', skills: ['Cloud'] } };
    const [url, credlyResult] = await verifier.verify([byUrl, credly], { now: NOW, recipient: { url: 'https://learner.example/me' } });
    expect(check(url, 'recipient')?.outcome).toBe('passed');
    expect(check(credlyResult, 'recipient')).toEqual({ check: 'recipient', outcome: 'skipped', detail: 'the badge names its recipient by email, not by the url given' });
    const [mismatch] = await verifier.verify([credly], { now: NOW, recipient: { email: 'else@example.org' } });
    expect(mismatch.recipientMismatch).toBe(true);
  });

  it('without a recipient the check is not applicable', async () => {
    expect(check(await one(ob2Assertion()), 'recipient')?.outcome).toBe('not-applicable');
  });
});

describe('BadgeVerifier: Credly', () => {
  const template = { id: 't1', name: 'Cloud Basics', description: 'Knows the cloud.', skills: [{ name: 'Cloud Computing' }], owner: { name: 'Acme' } };
  it.each<[string, Record<string, unknown>, string, string]>([
    ['accepted', { state: 'accepted', issued_at: '2024-01-15T00:00:00Z', expires_at: '2026-01-01T00:00:00Z', badge_template: template }, 'unverified',
      'A Credly API badge carries no signature or hosted assertion to check (its Open Badges assertion on credly.com would be).'],
    ['revoked', { state: 'revoked', issued_at: '2024-01-15T00:00:00Z', badge_template: template }, 'revoked', "Revoked: the Credly badge's state is revoked."],
    ['expired', { state: 'accepted', issued_at: '2020-01-15T00:00:00Z', expires_at: '2023-01-01T00:00:00Z', badge_template: template }, 'expired', 'Expired on 2023-01-01T00:00:00.000Z.'],
  ])('an issued badge, %s', async (_name, badge, status, reason) => {
    const result = await one(badge);
    expect([result.format, result.status, result.reason]).toEqual(['credly-badge', status, reason]);
    expect(result.description.skillHints).toEqual([{ text: 'Cloud Computing', source: 'credly_skill' }]);
  });

  it('a template alone is unverified: a description, not an award', async () => {
    const result = await one(template);
    expect([result.format, result.status, result.reason]).toEqual([
      'credly-template', 'unverified', 'A Credly badge template describes a badge, it is not an award to anyone, so there is no proof to verify.',
    ]);
    expect([result.description.issuedOn, result.description.expires]).toEqual([null, null]);
  });
});

describe('BadgeVerifier: malformed input', () => {
  it.each<[string, unknown, string]>([
    ['a string that is no badge', 'hello badge', 'the badge string is neither JSON, a compact JWS / VC-JWT (three base64url parts) nor an http(s) URL'],
    ['JSON text that does not parse', '{"type": "Assertion",', 'the badge is not valid JSON text'],
    ['an object of no badge type', { type: 'Person', name: 'x' }, 'not an Open Badges Assertion, BadgeClass, OpenBadgeCredential or Credly badge: type "Person" is not supported'],
    ['a JWS whose payload is not JSON', 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln', 'the compact JWS payload is not base64url-encoded JSON'],
    ['a presentation with no credential', { type: 'VerifiablePresentation', verifiableCredential: [] }, 'the VerifiablePresentation holds no verifiableCredential'],
  ])('%s: invalid with the parse check failed, or BadgeReadError when strict', async (_name, input, message) => {
    const result = await one(input);
    expect([result.status, result.checks[0].check, result.checks[0].outcome]).toEqual(['invalid', 'parse', 'failed']);
    expect(result.checks[0].detail.startsWith(message)).toBe(true);
    await expect(verifier.verify([credential(issuer.didKey), input], { strict: true })).rejects.toThrow(new RegExp(`^badges\\[1\\]: ${message.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });

  it('strict errors are BadgeReadErrors with a code', async () => {
    const error = await verifier.verify(['hello'], { strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadgeReadError);
    expect((error as BadgeReadError).code).toBe(BadgeReadErrorCode.MALFORMED_INPUT);
  });

  it('an OB 2.0 JWS payload signed with an unexpected alg is invalid', async () => {
    const token = await compactJws(ob2Assertion({ verification: { type: 'signed', creator: 'https://academy.example/key' } }), { alg: 'EdDSA' }, issuer.privateKey);
    const result = await one(token);
    expect([result.format, result.status, result.reason]).toEqual(['ob2-signed-jws', 'invalid', 'The JWS uses alg "EdDSA"; Open Badges 2.0 signs with RS256.']);
  });
});

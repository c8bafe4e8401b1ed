/**
 * BadgeVerifier with the real SSRF-guarded HttpClient against a local node:http server (listed in allowHosts):
 * hosted OB 2.0 verification, signed OB 2.0 (RS256 key served as a CryptographicKey), revocation lists, OB 3.0
 * credentialStatus, URL and baked-URL inputs, and the SSRF guard refusing an address that is not allowed.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { HttpClient } from '../src/infra/http/http-client.js';
import type { HttpClientPort } from '../src/infra/http/http-client.types.js';
import { BadgeVerifier } from '../src/badges/verification/badge-verifier.js';
import type { BadgeVerificationResult } from '../src/badges/verification/badge-verification.types.js';
import { bakedPng, compactJws, ed25519Issuer, image, rsaKeyPair, signDataIntegrity, tamperedJws } from './support/badge-signing.js';

const NOW = new Date('2024-05-10T00:00:00Z');
const OB2 = 'https://w3id.org/openbadges/v2';
const ESCO_SQL = 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d';
const recipient = { type: 'email', hashed: true, salt: 'pepper', identity: `sha256$${createHash('sha256').update('learner@example.org' + 'pepper').digest('hex')}` };

const documents = new Map<string, { status: number; body: string; type: string }>();
let server: Server;
let base = '';
let http: HttpClient;
let verifier: BadgeVerifier;

function serve(path: string, body: unknown, status = 200): void {
  documents.set(path, { status, body: typeof body === 'string' ? body : JSON.stringify(body), type: typeof body === 'string' ? 'text/plain' : 'application/json' });
}

async function verifyOne(input: unknown, recipientEmail?: string): Promise<BadgeVerificationResult> {
  const results = await verifier.verify([input], { now: NOW, recipient: recipientEmail ? { email: recipientEmail } : undefined });
  expect(results).toHaveLength(1);
  return results[0];
}

const outcome = (r: BadgeVerificationResult, check: string) => r.checks.find((c) => c.check === check)?.outcome;

beforeAll(async () => {
  server = createServer((req, res) => {
    const doc = documents.get(req.url ?? '');
    res.writeHead(doc?.status ?? 404, { 'content-type': doc?.type ?? 'application/json' });
    res.end(doc?.body ?? '{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  http = new HttpClient({ allowHosts: [`127.0.0.1:${port}`], attempts: 1, hostMinIntervalMs: 0, timeoutMs: 5_000 });
  verifier = new BadgeVerifier(http, { maxImageBytes: 64 * 1024 });
  serve('/issuer', { '@context': OB2, type: 'Issuer', id: `${base}/issuer`, name: 'Test Academy', url: base, publicKey: `${base}/keys/1`, revocationList: `${base}/revocations` });
  serve('/badgeclasses/sql', {
    '@context': OB2, type: 'BadgeClass', id: `${base}/badgeclasses/sql`, name: 'SQL Fundamentals', description: 'Writes SQL.', issuer: `${base}/issuer`,
    criteria: { narrative: 'Pass the exam.' }, alignment: [{ targetName: 'SQL', targetUrl: ESCO_SQL, targetFramework: 'ESCO' }],
  });
  serve('/revocations', { '@context': OB2, type: 'RevocationList', id: `${base}/revocations`, revokedAssertions: [{ id: 'urn:uuid:revoked-1', revocationReason: 'Issued in error' }, { uid: 'uid-7' }] });
});

afterAll(async () => {
  await http.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function hosted(slug: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { '@context': OB2, type: 'Assertion', id: `${base}/assertions/${slug}`, recipient, badge: `${base}/badgeclasses/sql`, issuedOn: '2024-01-15T00:00:00Z', verification: { type: 'hosted' }, ...extra };
}

describe('OB 2.0 hosted verification through the HttpClient', () => {
  it('a hosted assertion whose URL answers 410 {"revoked": true} is revoked', async () => {
    serve('/assertions/gone', { revoked: true }, 410);
    const result = await verifyOne(hosted('gone'));
    expect([result.status, result.reason]).toEqual(['revoked', `Revoked: the issuer's hosted assertion at ${base}/assertions/gone answers 410 Gone.`]);
  });

  it.each([
    ['the boolean true', true],
    ['the string "true" (fail closed)', 'true'],
  ])('a hosted copy answering 200 with revoked as %s is revoked', async (_name, flag) => {
    serve('/assertions/flagged', hosted('flagged', { revoked: flag }));
    const result = await verifyOne(hosted('flagged'));
    expect([result.status, result.reason]).toEqual(['revoked', `Revoked: the issuer's hosted assertion at ${base}/assertions/flagged says revoked.`]);
  });

  it('a matching hosted copy, its BadgeClass and issuer followed: valid, hosted-verified, skills from the fetched BadgeClass', async () => {
    serve('/assertions/ok', hosted('ok'));
    const result = await verifyOne(hosted('ok'), 'Learner@example.org');
    expect([result.status, result.tier, result.reason]).toEqual(['valid', 'hosted-verified', `The issuer's hosted copy at ${base}/assertions/ok matches; not revoked or expired.`]);
    expect(result.checks.map((c) => `${c.check}:${c.outcome}`)).toEqual([
      'parse:passed', 'hosted:passed', 'revocation:passed', 'badgeclass:passed', 'issuer:passed', 'expiry:not-applicable', 'recipient:passed',
    ]);
    expect(result.description).toMatchObject({ name: 'SQL Fundamentals', issuer: 'Test Academy', skillHints: [{ text: 'SQL', source: 'alignment', escoUri: ESCO_SQL, framework: 'ESCO' }] });
  });

  it('the same badge given as its URL, and baked in a PNG as that URL, gives the same result', async () => {
    const fromObject = await verifyOne(hosted('ok'));
    const fromUrl = await verifyOne(`${base}/assertions/ok`);
    const fromPng = await verifyOne(image(bakedPng(`${base}/assertions/ok`)));
    for (const other of [fromUrl, fromPng]) expect({ ...other, format: null, checks: other.checks.slice(1) }).toEqual({ ...fromObject, format: null, checks: fromObject.checks.slice(1) });
    expect(fromPng.format).toBe('baked-png');
  });

  it('an expired hosted assertion (expires 2023-01-01, checked 2024-05-10) is expired', async () => {
    serve('/assertions/old', hosted('old', { expires: '2023-01-01T00:00:00Z' }));
    const result = await verifyOne(hosted('old', { expires: '2023-01-01T00:00:00Z' }));
    expect([result.status, result.tier, result.reason]).toEqual(['expired', 'hosted-verified', 'Expired on 2023-01-01T00:00:00.000Z.']);
  });

  it.each<[string, () => Record<string, unknown>, string]>([
    ['a hosted copy with another recipient', () => {
      serve('/assertions/other', hosted('other', { recipient: { ...recipient, identity: 'sha256$00' } }));
      return hosted('other');
    }, 'The issuer\'s hosted copy at BASE/assertions/other differs in recipient.'],
    ['an assertion the issuer no longer hosts (404)', () => hosted('missing'), 'The issuer no longer hosts the assertion at BASE/assertions/missing (404 Not Found).'],
    ['an assertion hosted off the issuer\'s origin', () => {
      const badge = { type: 'BadgeClass', id: 'urn:uuid:b', name: 'Elsewhere', issuer: { type: 'Issuer', id: 'https://academy.example/issuer', name: 'Elsewhere Academy' } };
      serve('/assertions/offorigin', hosted('offorigin', { badge }));
      return hosted('offorigin', { badge });
    }, "The assertion is hosted on HOST, not on the issuer's origin academy.example."],
  ])('%s is invalid', async (_name, input, reason) => {
    const result = await verifyOne(input());
    expect([result.status, result.reason]).toEqual(['invalid', reason.replace('BASE', base).replace('HOST', new URL(base).host)]);
  });

  it('a linked BadgeClass that cannot be fetched: unverified, naming its URL', async () => {
    serve('/assertions/lost', hosted('lost', { badge: `${base}/badgeclasses/lost` }));
    const result = await verifyOne(hosted('lost', { badge: `${base}/badgeclasses/lost` }));
    expect(result.status).toBe('unverified');
    expect(result.reason).toBe(`The BadgeClass at ${base}/badgeclasses/lost could not be fetched (HTTP 404 Not Found from ${base}/badgeclasses/lost); its name and skills could not be read.`);
  });
});

describe('OB 2.0 signed verification (RS256, key served as a CryptographicKey)', () => {
  const { privateKey, publicKeyPem } = rsaKeyPair();
  const other = rsaKeyPair();
  const signed = (extra: Record<string, unknown> = {}) => ({
    '@context': OB2, type: 'Assertion', id: 'urn:uuid:9d7e', recipient, badge: `${base}/badgeclasses/sql`, issuedOn: '2024-01-15T00:00:00Z',
    verification: { type: 'SignedBadge', creator: `${base}/keys/1` }, ...extra,
  });
  beforeAll(() => {
    serve('/keys/1', { '@context': OB2, type: 'CryptographicKey', id: `${base}/keys/1`, owner: `${base}/issuer`, publicKeyPem });
    serve('/keys/other', { '@context': OB2, type: 'CryptographicKey', id: `${base}/keys/other`, owner: `${base}/issuer`, publicKeyPem: other.publicKeyPem });
  });

  it('valid, signature-verified, revocation list checked', async () => {
    const result = await verifyOne(await compactJws(signed(), { alg: 'RS256' }, privateKey));
    expect([result.format, result.status, result.tier]).toEqual(['ob2-signed-jws', 'valid', 'signature-verified']);
    expect(result.reason).toBe(`RS256 signature verified with the issuer's key ${base}/keys/1; not revoked or expired.`);
    expect(result.checks.find((c) => c.check === 'revocation')).toEqual({ check: 'revocation', outcome: 'passed', detail: `not listed in the issuer's revocation list ${base}/revocations` });
    expect(result.description.skillHints.map((h) => h.escoUri)).toEqual([ESCO_SQL]);
  });

  it('a tampered payload is invalid', async () => {
    const token = await compactJws(signed(), { alg: 'RS256' }, privateKey);
    const result = await verifyOne(tamperedJws(token, signed({ issuedOn: '2020-01-01T00:00:00Z' })));
    expect(result.status).toBe('invalid');
    expect(result.reason).toMatch(new RegExp(`^The JWS signature does not verify with the key at ${base}/keys/1 \\(`));
  });

  it('signed with another key than the one named is invalid', async () => {
    const result = await verifyOne(await compactJws(signed(), { alg: 'RS256' }, other.privateKey));
    expect([result.status, outcome(result, 'signature')]).toEqual(['invalid', 'failed']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['by id', { id: 'urn:uuid:revoked-1' }, ` (Issued in error)`],
    ['by uid', { uid: 'uid-7' }, ''],
  ])('listed in the issuer revocationList %s: revoked', async (_name, extra, why) => {
    const result = await verifyOne(await compactJws(signed(extra), { alg: 'RS256' }, privateKey));
    expect([result.status, result.tier, result.reason]).toEqual(['revoked', 'signature-verified', `Revoked: listed in the issuer's revocation list ${base}/revocations${why}.`]);
  });

  it('a JWS baked in a PNG gives the same result as the JWS', async () => {
    const token = await compactJws(signed(), { alg: 'RS256' }, privateKey);
    const [plain, baked] = [await verifyOne(token), await verifyOne(image(bakedPng(token)))];
    expect([baked.format, baked.status, baked.reason, baked.tier]).toEqual(['baked-png', plain.status, plain.reason, plain.tier]);
  });
});

describe('OB 3.0 credentialStatus through the HttpClient', () => {
  const issuer = ed25519Issuer();
  const credential = (id: string, status: Record<string, unknown>) => ({
    // extensions.json defines 1EdTechRevocationList (as in Credly's credentials)
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
    id, type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: issuer.didKey, type: ['Profile'], name: 'Test Academy' }, validFrom: '2024-01-15T00:00:00Z',
    credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://academy.example/a/1', type: ['Achievement'], name: 'Docker', criteria: { narrative: 'Ship it.' } } },
    credentialStatus: status,
  });
  beforeAll(() => {
    serve('/ob3/revocations', { revokedCredentials: [{ id: 'urn:uuid:ob3-revoked', revoked: true, revocationReason: 'Academic misconduct' }] });
    const bits = Buffer.alloc(16 * 1024);
    bits[5] |= 0x80 >> 2; // index 42
    serve('/ob3/status', { type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: `u${gzipSync(bits).toString('base64url')}` } });
  });

  it.each<[string, string, () => Record<string, unknown>, string, string]>([
    ['1EdTechRevocationList listing it', 'urn:uuid:ob3-revoked', () => ({ id: `${base}/ob3/revocations`, type: '1EdTechRevocationList' }), 'revoked',
      "Revoked: listed in the issuer's revocation list BASE/ob3/revocations (Academic misconduct)."],
    ['1EdTechRevocationList not listing it', 'urn:uuid:ob3-fine', () => ({ id: `${base}/ob3/revocations`, type: '1EdTechRevocationList' }), 'valid', ''],
    ['BitstringStatusListEntry with its bit set', 'urn:uuid:ob3-b1', () => ({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '42', statusListCredential: `${base}/ob3/status` }), 'revoked',
      'Revoked: bit 42 is set in the status list BASE/ob3/status.'],
    ['BitstringStatusListEntry with its bit clear', 'urn:uuid:ob3-b2', () => ({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '43', statusListCredential: `${base}/ob3/status` }), 'valid', ''],
    ['a status list out of reach', 'urn:uuid:ob3-b3', () => ({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '1', statusListCredential: `${base}/ob3/missing` }), 'unverified',
      'Not checked: BASE/ob3/missing unreachable (HTTP 404 Not Found from BASE/ob3/missing).'],
  ])('%s → %s', async (_name, id, status, expected, reason) => {
    const signed = await signDataIntegrity(credential(id, status()), issuer.didKeyMethod, issuer.privateKey);
    const result = await verifyOne(signed);
    expect([result.status, result.tier]).toEqual([expected, 'signature-verified']);
    if (reason) expect(result.reason).toBe(reason.replaceAll('BASE', base));
    else expect(outcome(result, 'credential-status')).toBe('passed');
  });
});

describe('did:web keys fetched through the HttpClient', () => {
  // did:web is https-only; this port sends https://academy.example/… to the local server through the real client.
  const issuer = ed25519Issuer();
  const multikey = issuer.didKey.slice('did:key:'.length);
  let viaLocal: BadgeVerifier;
  const credential = (did: string) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:web-1', type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: did, type: ['Profile'], name: 'Web Academy' }, validFrom: '2024-01-15T00:00:00Z',
    credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://academy.example/a/2', type: ['Achievement'], name: 'Kubernetes', criteria: { narrative: 'Deploy.' } } },
  });
  beforeAll(() => {
    const port: HttpClientPort = { request: (url, options) => http.request(url.replace('https://academy.example', base), options) };
    viaLocal = new BadgeVerifier(port, { maxImageBytes: 1024 });
    for (const [path, did] of [['/.well-known/did.json', 'did:web:academy.example'], ['/issuers/7/did.json', 'did:web:academy.example:issuers:7']]) {
      serve(path, { '@context': ['https://www.w3.org/ns/did/v1'], id: did, verificationMethod: [{ id: `${did}#key-0`, type: 'Multikey', controller: did, publicKeyMultibase: multikey }], assertionMethod: [`${did}#key-0`] });
    }
  });

  it.each(['did:web:academy.example', 'did:web:academy.example:issuers:7'])('a Data Integrity proof by %s#key-0: valid', async (did) => {
    const [result] = await viaLocal.verify([await signDataIntegrity(credential(did), `${did}#key-0`, issuer.privateKey)], { now: NOW });
    expect([result.status, result.tier, result.reason]).toEqual(['valid', 'signature-verified', `Data Integrity proof (eddsa-rdfc-2022) verified with ${did}#key-0; not revoked or expired.`]);
  });

  it('a VC-JWT whose kid is relative (#key-0) to the did:web issuer: valid', async () => {
    const did = 'did:web:academy.example';
    const token = await compactJws({ iss: did, vc: credential(did) }, { alg: 'EdDSA', kid: '#key-0' }, issuer.privateKey);
    const [result] = await viaLocal.verify([token], { now: NOW });
    expect([result.status, result.reason]).toEqual(['valid', `VC-JWT EdDSA signature verified with ${did}#key-0; not revoked or expired.`]);
  });

  it('a key the DID document does not list: invalid', async () => {
    const did = 'did:web:academy.example';
    const [result] = await viaLocal.verify([await signDataIntegrity(credential(did), `${did}#key-9`, issuer.privateKey)], { now: NOW });
    expect([result.status, result.reason]).toEqual(['invalid', `The DID document at https://academy.example/.well-known/did.json has no key ${did}#key-9.`]);
  });
});

describe('the SSRF guard applies to every badge fetch', () => {
  it('a badge URL on a loopback address that is not allowed is refused, and the badge is unverified', async () => {
    const guarded = new HttpClient({ allowHosts: [], attempts: 1, hostMinIntervalMs: 0, timeoutMs: 5_000 });
    try {
      const [result] = await new BadgeVerifier(guarded, { maxImageBytes: 1024 }).verify([`${base}/assertions/ok`], { now: NOW });
      expect([result.status, outcome(result, 'hosted')]).toEqual(['unverified', 'skipped']);
      expect(result.reason).toMatch(new RegExp(`^The badge at ${base}/assertions/ok could not be fetched \\(.*127\\.0\\.0\\.1.*\\), so nothing about it could be verified\\.$`));
    } finally {
      await guarded.close();
    }
  });
});

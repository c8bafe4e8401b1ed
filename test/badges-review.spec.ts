/**
 * Review of badge verification: attacks and odd inputs that once passed. Keys are generated here; two local
 * node:http servers stand for two origins (an issuer's and someone else's), both listed in allowHosts.
 * - a key, a hosted copy or an allowedOrigins list only counts when it is tied to the issuer by the issuer's own
 *   origin or its Profile fetched from its id (never by what the badge itself embeds);
 * - an OB 3.0 key (VC-JWT `kid`/`jwk`, Data Integrity `verificationMethod`) must be the issuer's;
 * - a recipient e-mail hashed as the issuer wrote it (mixed case) matches;
 * - the API answers 400 (not 500) for JSON nested past the limit, and trims the recipient e-mail.
 */
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { BadgeVerifier } from '../src/badges/verification/badge-verifier.js';
import type { BadgeVerificationResult } from '../src/badges/verification/badge-verification.types.js';
import { HttpClient } from '../src/infra/http/http-client.js';
import { configureHttp } from '../src/main.js';
import { importTaxonomy } from '../src/taxonomy/import/taxonomy-importer.js';
import { compactJws, ed25519Issuer, rsaKeyPair, signDataIntegrity } from './support/badge-signing.js';
import { TestDatabase } from './support/test-database.js';

const NOW = new Date('2024-05-10T00:00:00Z');
const OB2 = 'https://w3id.org/openbadges/v2';
const VC2 = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const ESCO_PYTHON = 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d';
const LEARNER = 'learner@example.org';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const recipient = { type: 'email', hashed: true, salt: 'NaCl', identity: `sha256$${sha256(LEARNER + 'NaCl')}` };

/** A local origin serving documents by path (JSON, or a string as text/html). */
class Origin {
  private readonly documents = new Map<string, { status: number; body: unknown }>();
  private server!: Server;
  base = '';
  host = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const doc = this.documents.get(req.url ?? '');
      const text = typeof doc?.body === 'string';
      res.writeHead(doc?.status ?? 404, { 'content-type': text ? 'text/html' : 'application/json' });
      res.end(text ? (doc!.body as string) : JSON.stringify(doc?.body ?? { error: 'not found' }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.base = `http://${this.host}`;
  }

  serve(path: string, body: unknown, status = 200): string {
    this.documents.set(path, { status, body });
    return `${this.base}${path}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

// The configuration is read once per process (first config() call): set it before anything reads it.
const db = new TestDatabase('badges_review');
process.env.DATABASE_URL = db.url;
process.env.QUEUE_PREFIX = `skillpulse-test-badges-review-${process.pid}`;
process.env.FETCH_ATTEMPTS = '1';

const issuerOrigin = new Origin();
const otherOrigin = new Origin();
let http: HttpClient;
let verifier: BadgeVerifier;

async function verifyOne(input: unknown, email?: string): Promise<BadgeVerificationResult> {
  const results = await verifier.verify([input], { now: NOW, recipient: email ? { email } : undefined });
  expect(results).toHaveLength(1);
  return results[0];
}

const alignment = [{ targetName: 'programming in a snake language', targetUrl: ESCO_PYTHON, targetFramework: 'ESCO' }];

beforeAll(async () => {
  await issuerOrigin.start();
  await otherOrigin.start();
  http = new HttpClient({ allowHosts: [issuerOrigin.host, otherOrigin.host], attempts: 1, hostMinIntervalMs: 0, timeoutMs: 5_000 });
  verifier = new BadgeVerifier(http, { maxImageBytes: 64 * 1024 });
});

afterAll(async () => {
  await http?.close();
  await issuerOrigin.stop();
  await otherOrigin.stop();
});

describe('OB 2.0 signed: the key must be tied to the issuer', () => {
  const { privateKey, publicKeyPem } = rsaKeyPair();
  const issuerId = () => `${issuerOrigin.base}/issuer`;
  const signed = (creator: string) => ({
    '@context': OB2, type: 'Assertion', id: 'urn:uuid:0b6c', recipient, issuedOn: '2024-01-15T00:00:00Z',
    badge: { type: 'BadgeClass', id: 'urn:uuid:bc', name: 'Python', issuer: { type: 'Profile', id: issuerId(), name: 'Big University' }, alignment },
    verification: { type: 'SignedBadge', creator },
  });
  const key = (origin: Origin, path: string) => origin.serve(path, { '@context': OB2, type: 'CryptographicKey', id: `${origin.base}${path}`, owner: issuerId(), publicKeyPem });

  it('a key served by another origin, claiming the issuer as owner, that the issuer Profile does not list: invalid', async () => {
    issuerOrigin.serve('/issuer', { '@context': OB2, type: 'Issuer', id: issuerId(), name: 'Big University', publicKey: [] });
    const creator = key(otherOrigin, '/keys/forged');
    const result = await verifyOne(await compactJws(signed(creator), { alg: 'RS256' }, privateKey));
    expect([result.status, result.tier]).toEqual(['invalid', 'unverified-badge']);
    expect(result.reason).toBe(`The key ${creator} is not on the issuer's origin ${issuerOrigin.host} and the issuer Profile at ${issuerId()} does not list it in publicKey.`);
  });

  it('a key served by another origin that the issuer Profile (fetched from its id) lists: valid, signature-verified', async () => {
    const listingIssuer = `${issuerOrigin.base}/issuer-listing`;
    const creator = otherOrigin.serve('/keys/listed', { '@context': OB2, type: 'CryptographicKey', id: `${otherOrigin.base}/keys/listed`, owner: listingIssuer, publicKeyPem });
    issuerOrigin.serve('/issuer-listing', { '@context': OB2, type: 'Issuer', id: listingIssuer, name: 'Big University', publicKey: [creator] });
    const assertion = signed(creator);
    (assertion.badge.issuer as { id: string }).id = listingIssuer;
    const result = await verifyOne(await compactJws(assertion, { alg: 'RS256' }, privateKey));
    expect([result.status, result.tier]).toEqual(['valid', 'signature-verified']);
  });

  it('a key served by another origin when the issuer Profile cannot be fetched: unverified, saying why', async () => {
    const creator = otherOrigin.serve('/keys/orphan', { '@context': OB2, type: 'CryptographicKey', id: `${otherOrigin.base}/keys/orphan`, publicKeyPem });
    const assertion = signed(creator);
    (assertion.badge.issuer as { id: string }).id = `${issuerOrigin.base}/issuer-gone`;
    const result = await verifyOne(await compactJws(assertion, { alg: 'RS256' }, privateKey));
    expect([result.status, result.tier]).toEqual(['unverified', 'unverified-badge']);
    expect(result.reason).toMatch(new RegExp(`^The key ${creator} is not on the issuer's origin ${issuerOrigin.host} and the issuer Profile at ${issuerOrigin.base}/issuer-gone could not be fetched \\(`));
  });

  it('a key on the issuer\'s own origin: valid, signature-verified', async () => {
    issuerOrigin.serve('/issuer', { '@context': OB2, type: 'Issuer', id: issuerId(), name: 'Big University' });
    const creator = key(issuerOrigin, '/keys/own');
    const result = await verifyOne(await compactJws(signed(creator), { alg: 'RS256' }, privateKey), LEARNER);
    expect([result.status, result.tier]).toEqual(['valid', 'signature-verified']);
  });
});

describe('OB 2.0 hosted: only the issuer\'s own Profile can allow another origin', () => {
  const hosted = (slug: string, issuer: Record<string, unknown>) => {
    const assertion = {
      '@context': OB2, type: 'Assertion', id: `${otherOrigin.base}/assertions/${slug}`, recipient, issuedOn: '2024-01-15T00:00:00Z',
      badge: { type: 'BadgeClass', id: `urn:uuid:${slug}`, name: 'Python', issuer, alignment }, verification: { type: 'hosted' },
    };
    otherOrigin.serve(`/assertions/${slug}`, assertion);
    return assertion;
  };

  it('an embedded issuer whose allowedOrigins names the host, when its own Profile does not: invalid', async () => {
    const id = issuerOrigin.serve('/issuer-strict', { '@context': OB2, type: 'Issuer', id: `${issuerOrigin.base}/issuer-strict`, name: 'Big University' });
    const result = await verifyOne(hosted('forged', { type: 'Profile', id, name: 'Big University', verification: { allowedOrigins: [otherOrigin.host] } }));
    expect([result.status, result.tier]).toEqual(['invalid', 'unverified-badge']);
    expect(result.reason).toBe(`The assertion is hosted on ${otherOrigin.host}, not on the issuer's origin ${issuerOrigin.host}.`);
  });

  it('the issuer Profile fetched from its id allows the host: valid, hosted-verified', async () => {
    const id = issuerOrigin.serve('/issuer-open', { '@context': OB2, type: 'Issuer', id: `${issuerOrigin.base}/issuer-open`, name: 'Big University', verification: { allowedOrigins: [otherOrigin.host] } });
    const result = await verifyOne(hosted('allowed', { type: 'Profile', id, name: 'Big University' }));
    expect([result.status, result.tier]).toEqual(['valid', 'hosted-verified']);
  });

  it('an embedded issuer with no http(s) id cannot be tied to the host: unverified, not hosted-verified', async () => {
    const result = await verifyOne(hosted('urn-issuer', { type: 'Profile', id: 'urn:uuid:9f1e', name: 'Big University' }));
    expect([result.status, result.tier]).toEqual(['unverified', 'unverified-badge']);
    expect(result.reason).toBe(`The issuer "urn:uuid:9f1e" has no http(s) id, so the assertion's host ${otherOrigin.host} could not be tied to it.`);
  });
});

describe('OB 3.0: the key must be the issuer\'s', () => {
  const signer = ed25519Issuer();
  const credential = (issuer: string | null) => ({
    '@context': VC2, id: 'urn:uuid:5e2a', type: ['VerifiableCredential', 'OpenBadgeCredential'],
    ...(issuer ? { issuer: { id: issuer, type: ['Profile'], name: 'Big University' } } : {}),
    validFrom: '2024-01-15T00:00:00Z',
    credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:uuid:ach', type: ['Achievement'], name: 'Python', criteria: { narrative: 'Pass.' }, alignment: [{ type: ['Alignment'], ...alignment[0] }] } },
  });
  const vcJwt = (issuer: string | null, header: Record<string, unknown>) =>
    compactJws({ ...(issuer ? { iss: issuer } : {}), vc: credential(issuer) }, { alg: 'EdDSA', ...header }, signer.privateKey);
  const headerJwk = { kty: 'OKP', crv: 'Ed25519', x: signer.x };

  it.each<[string, string, () => Promise<unknown>, string]>([
    ['a VC-JWT for an https issuer signed with a did:key kid', 'invalid', () => vcJwt('https://bigu.example/issuer', { kid: signer.didKeyMethod }),
      `The key ${signer.didKeyMethod} belongs to ${signer.didKey}, not to the issuer https://bigu.example/issuer.`],
    ['a VC-JWT for another did:key issuer with our key in the header jwk', 'invalid', () => vcJwt(ed25519Issuer().didKey, { jwk: headerJwk }),
      'The key embedded in the JWT header is not the key of the issuer DID'],
    ['a VC-JWT for an https issuer with our key in the header jwk', 'unverified', () => vcJwt('https://bigu.example/issuer', { jwk: headerJwk }),
      'The VC-JWT carries its key in the header (jwk) and the issuer https://bigu.example/issuer is not a did:key or did:jwk, so the key could not be tied to the issuer'],
    ['a VC-JWT naming no issuer', 'unverified', () => vcJwt(null, { kid: signer.didKeyMethod }), 'The credential names no issuer, so the key could not be tied to one'],
    ['a Data Integrity proof for an https issuer made with a did:key', 'invalid', () => signDataIntegrity(credential('https://bigu.example/issuer'), signer.didKeyMethod, signer.privateKey),
      `The key ${signer.didKeyMethod} belongs to ${signer.didKey}, not to the issuer https://bigu.example/issuer.`],
    ['a Data Integrity proof naming no issuer', 'unverified', () => signDataIntegrity(credential(null), signer.didKeyMethod, signer.privateKey), 'The credential names no issuer, so the key could not be tied to one'],
  ])('%s: %s, never signature-verified', async (_name, status, input, reason) => {
    const result = await verifyOne(await input());
    expect([result.status, result.tier]).toEqual([status, 'unverified-badge']);
    expect(result.reason.startsWith(reason)).toBe(true);
  });

  it.each<[string, () => Promise<unknown>]>([
    ['the issuer did:key in the header jwk', () => vcJwt(signer.didKey, { jwk: headerJwk })],
    ['the issuer did:jwk in the header jwk', () => vcJwt(signer.didJwk, { jwk: headerJwk })],
    ['the issuer did:key as kid', () => vcJwt(signer.didKey, { kid: signer.didKeyMethod })],
  ])('a VC-JWT signed with %s: valid, signature-verified', async (_name, input) => {
    const result = await verifyOne(await input());
    expect([result.status, result.tier]).toEqual(['valid', 'signature-verified']);
  });
});

describe('VC-JWT dates: the JWT exp claim counts too', () => {
  const signer = ed25519Issuer();
  const credential = { '@context': VC2, id: 'urn:uuid:exp', type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: signer.didKey, name: 'B' }, validFrom: '2020-01-01T00:00:00Z',
    validUntil: '2099-01-01T00:00:00Z', credentialSubject: { achievement: { type: ['Achievement'], name: 'Python', alignment } } };

  it.each<[string, number, string, string]>([
    ['exp before validUntil and before the check time: expired on exp', Date.parse('2023-01-01T00:00:00Z') / 1000, 'expired', '2023-01-01T00:00:00.000Z'],
    ['exp after validUntil: validUntil stands', Date.parse('2100-01-01T00:00:00Z') / 1000, 'valid', '2099-01-01T00:00:00.000Z'],
  ])('%s', async (_name, exp, status, expires) => {
    const token = await compactJws({ iss: signer.didKey, exp, vc: credential }, { alg: 'EdDSA', kid: signer.didKeyMethod }, signer.privateKey);
    const result = await verifyOne(token);
    expect([result.status, result.description.expires]).toEqual([status, expires]);
  });
});

describe('a badge URL that answers with something else than a badge', () => {
  it('names the URL in the parse failure', async () => {
    const url = otherOrigin.serve('/page', 'not a badge: <html>');
    const result = await verifyOne(url);
    expect(result.checks.find((c) => c.check === 'parse')).toEqual({
      check: 'parse', outcome: 'failed',
      detail: `the badge URL ${url} does not answer with a badge: the badge string is neither JSON, a compact JWS / VC-JWT (three base64url parts) nor an http(s) URL`,
    });
  });
});

describe('recipient: the e-mail as the issuer hashed it', () => {
  const badge = (identity: Record<string, unknown>) => ({
    '@context': OB2, type: 'Assertion', id: 'urn:uuid:r1', recipient: identity, issuedOn: '2024-01-15T00:00:00Z',
    badge: { type: 'BadgeClass', id: 'urn:uuid:bc', name: 'Python', issuer: { type: 'Profile', id: 'https://bigu.example/issuer', name: 'B' }, alignment },
    verification: { type: 'SignedBadge' },
  });

  it.each<[string, 'passed' | 'failed', Record<string, unknown>, string]>([
    ['hashed from a mixed-case address, given as written', 'passed', { type: 'email', hashed: true, salt: 'NaCl', identity: `sha256$${sha256('Learner@Example.org' + 'NaCl')}` }, 'Learner@Example.org'],
    ['hashed lower-case, given mixed-case', 'passed', { type: 'email', hashed: true, salt: 'NaCl', identity: `sha256$${sha256('learner@example.org' + 'NaCl')}` }, 'Learner@Example.ORG'],
    ['md5 without salt, given lower-case', 'passed', { type: 'email', hashed: true, identity: `md5$${createHash('md5').update(LEARNER).digest('hex')}` }, LEARNER],
    ['hashed for someone else', 'failed', { type: 'email', hashed: true, salt: 'NaCl', identity: `sha256$${sha256('other@example.org' + 'NaCl')}` }, LEARNER],
  ])('%s: recipient check %s', async (_name, outcome, identity, email) => {
    const result = await verifyOne(badge(identity), email);
    expect(result.checks.find((c) => c.check === 'recipient')?.outcome).toBe(outcome);
    expect(result.recipientMismatch).toBe(outcome === 'failed');
  });
});

describe('the API on hostile JSON and untidy input', () => {
  let app: INestApplication;
  const post = (path: string, body: string | object) => request(app.getHttpServer()).post(path).set('content-type', 'application/json').send(body);
  const bare = { type: 'BadgeClass', name: 'Python basics', issuer: 'https://bigu.example/issuer', tags: ['Python'] };

  beforeAll(async () => {
    const ds = await db.open();
    await importTaxonomy(ds, {});
    // An occupation asking for Python only, to read a gap report against.
    await ds.query(`INSERT INTO occupation (id, scheme, preferred_label, onet_soc) VALUES ('15-1252.00', 'onet', 'Software Developers', '15-1252.00')`);
    await ds.query(`INSERT INTO occupation_skill (occupation_id, skill_id, relation) VALUES ('15-1252.00', $1, 'essential')`, [ESCO_PYTHON.split('/').pop()]);
    app = await NestFactory.create(AppModule.forRole('api'), { logger: ['error'] });
    configureHttp(app);
    await app.init();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db.close();
  });

  const deep = (depth: number) => `{"type":"BadgeClass","name":"N","issuer":"x","alignment":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  it.each<[string, (badge: string) => string, string]>([
    ['/v1/badges/verify', (badge) => `{"badges":[${badge}]}`, '/badges/0/alignment'],
    ['/v1/matches', (badge) => `{"badges":[${badge}]}`, '/badges/0/alignment'],
    ['/v1/gaps', (badge) => `{"badges":[${badge}],"target":{"occupation":"data analyst"}}`, '/badges/0/alignment'],
    ['/v1/gaps/cohort', (badge) => `{"learners":[{"id":"a","badges":[${badge}]}],"target":{"occupation":"data analyst"}}`, '/learners/0/badges/0/alignment'],
    ['/v1/recommendations', (badge) => `{"badges":[${badge}]}`, '/badges/0/alignment'],
  ])('%s answers 400 naming where JSON nested 5,000 deep goes past the limit', async (path, body, pointer) => {
    const res = await post(path, body(deep(5000))).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, type: expect.stringMatching(/\/validation$/) });
    expect(res.body.errors[0].pointer.startsWith(pointer)).toBe(true);
    expect(res.body.errors[0].detail).toMatch(/nested more than \d+ levels deep/);
  });

  it('a badge nested to an ordinary depth is still read', async () => {
    const res = await post('/v1/badges/verify', `{"badges":[${deep(5)}]}`).expect(200);
    expect(res.body.badges[0]).toMatchObject({ format: 'ob2-badgeclass', name: 'N' });
  });

  it('a VC-JWT whose kid is not the issuer\'s gives no held skill in gaps or matches; the issuer\'s own key does, at full weight', async () => {
    const signer = ed25519Issuer();
    const credential = (issuer: string) => ({
      '@context': VC2, id: 'urn:uuid:6c1d', type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: { id: issuer, type: ['Profile'], name: 'Big University' },
      validFrom: '2024-01-15T00:00:00Z', credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:uuid:py', type: ['Achievement'], name: 'Python', alignment: [{ type: ['Alignment'], ...alignment[0] }] } },
    });
    const forged = await compactJws({ iss: 'https://bigu.example/issuer', vc: credential('https://bigu.example/issuer') }, { alg: 'EdDSA', kid: signer.didKeyMethod }, signer.privateKey);
    const genuine = await compactJws({ iss: signer.didKey, vc: credential(signer.didKey) }, { alg: 'EdDSA', kid: signer.didKeyMethod }, signer.privateKey);
    const target = { occupation: '15-1252.00' };

    const forgedGap = await post('/v1/gaps', { badges: [forged], target }).expect(200);
    expect(forgedGap.body.profile.badges[0]).toMatchObject({ status: 'invalid', tier: 'unverified-badge' });
    expect([forgedGap.body.coverage, forgedGap.body.held, forgedGap.body.missing.map((m: { label: string }) => m.label)]).toEqual([0, [], ['Python (computer programming)']]);
    const forgedMatch = await post('/v1/matches', { badges: [forged] }).expect(200);
    expect([forgedMatch.body.profile.skills, forgedMatch.body.verifiedShare]).toEqual([[], 0]);

    const genuineGap = await post('/v1/gaps', { badges: [genuine], target }).expect(200);
    expect(genuineGap.body.held.map((h: { label: string; tier: string; weight: number }) => [h.label, h.tier, h.weight])).toEqual([['Python (computer programming)', 'signature-verified', 1]]);
    expect([genuineGap.body.coverage, genuineGap.body.verifiedShare]).toEqual([1, 1]);
  });

  it.each<[string, (req: request.Test) => request.Test, string, string]>([
    ['an image in another part than `file`', (req) => req.attach('image', Buffer.from('x'), 'b.png'), '/image', 'Unexpected file field - image'],
    ['more images than a request may carry', (req) => Array.from({ length: 51 }).reduce<request.Test>((r) => r.attach('file', Buffer.from('x'), 'b.png'), req), '/file', 'Too many files'],
  ])('a multipart request with %s is a 400 problem naming the part', async (_name, attach, pointer, detail) => {
    const res = await attach(request(app.getHttpServer()).post('/v1/badges/verify')).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ pointer, detail }]);
  });

  it('a recipient e-mail with spaces around it is trimmed, not refused', async () => {
    const badge = { '@context': OB2, type: 'Assertion', id: 'urn:uuid:r2', recipient, issuedOn: '2024-01-15T00:00:00Z', badge: { ...bare, type: 'BadgeClass' }, verification: { type: 'SignedBadge' } };
    const res = await post('/v1/badges/verify', { badges: [badge], recipient: { email: `  ${LEARNER.toUpperCase()} ` } }).expect(200);
    expect(res.body.badges[0].checks).toContainEqual(expect.objectContaining({ check: 'recipient', outcome: 'passed' }));
  });
});

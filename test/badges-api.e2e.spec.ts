import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
import { SHARED_DATA_DIR } from '../src/config/paths.js';
import { configureHttp } from '../src/main.js';
import { importTaxonomy } from '../src/taxonomy/import/taxonomy-importer.js';
import { BadgeServer, LEARNER, ob3Credential, OB2_CONTEXT, pgAlignment, POSTGRESQL } from './support/badge-fixtures.js';
import { bakedPng, ed25519Issuer, vcJwt } from './support/badge-signing.js';
import { TestDatabase } from './support/test-database.js';

/**
 * `POST /v1/badges/verify` on real parts: a throwaway database with the starter taxonomy, the app in role `api`, the
 * real verifier and HTTP client against a local server hosting our own badges (FETCH_ALLOW_HOSTS lists it).
 */
const db = new TestDatabase('badges_api');
const server = new BadgeServer();
let app: INestApplication;
const http = () => request(app.getHttpServer());
const verify = (body: object) => http().post('/v1/badges/verify').send(body);
const UPLOAD_MAX = 4096;

beforeAll(async () => {
  await server.start();
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `skillpulse-test-badges-api-${process.pid}`;
  process.env.FETCH_ALLOW_HOSTS = server.host;
  process.env.FETCH_ATTEMPTS = '1';
  process.env.FETCH_TIMEOUT_MS = '2000';
  process.env.BADGE_UPLOAD_MAX_BYTES = String(UPLOAD_MAX);
  const ds = await db.open();
  await importTaxonomy(ds, {});
  // An O*NET occupation listing PostgreSQL, for an alignment carrying its O*NET-SOC code.
  await ds.query(`INSERT INTO occupation (id, scheme, preferred_label, onet_soc) VALUES ('15-1243.00', 'onet', 'Database Architects', '15-1243.00')`);
  await ds.query(`INSERT INTO occupation_skill (occupation_id, skill_id, relation) VALUES ('15-1243.00', $1, 'technology')`, [POSTGRESQL]);
  app = await NestFactory.create(AppModule.forRole('api'), { logger: ['error'] });
  configureHttp(app);
  await app.init();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db.close();
  await server.stop();
});

describe('POST /v1/badges/verify: statuses', () => {
  it('an assertion that expired on 2023-01-01, checked as of 2024-05-10, is expired', async () => {
    const badge = server.assertion('expired', server.badgeClass('pg-expired', { alignment: [pgAlignment(false)] }), { expires: '2023-01-01T00:00:00Z' });
    const res = await verify({ badges: [badge], asOf: '2024-05-10T00:00:00Z' }).expect(200);
    const [b] = res.body.badges;
    expect(b.status).toBe('expired');
    expect(b.expires).toMatch(/^2023-01-01T00:00:00(\.000)?Z$/);
    expect(b.reason).toEqual(expect.any(String));
    expect(b.skills).toEqual([expect.objectContaining({ skillId: POSTGRESQL, source: 'alignment', how: 'esco-uri' })]);
    expect(b.warnings).toEqual([expect.stringMatching(/to renew/)]);
    expect(res.body.verifiedShare).toBe(0); // an expired badge gives no held skill
  });

  it('a hosted assertion whose URL answers 410 {"revoked": true} is revoked and gives no held skill', async () => {
    const badge = server.assertion('revoked', server.badgeClass('pg-revoked', { alignment: [pgAlignment(false)] }), {}, { revoked: true });
    const res = await verify({ badges: [badge] }).expect(200);
    expect(res.body.badges[0]).toMatchObject({ status: 'revoked', warnings: [expect.stringMatching(/^revoked/)] });
    expect(res.body.verifiedShare).toBe(0);
  });

  it('a hosted assertion served at its id is hosted-verified and valid; its skill counts as verified', async () => {
    const badge = server.assertion('valid', server.badgeClass('pg-valid', { alignment: [pgAlignment(false)] }));
    const res = await verify({ badges: [badge], recipient: { email: LEARNER } }).expect(200);
    expect(res.body.badges[0]).toMatchObject({ status: 'valid', tier: 'hosted-verified', issuer: 'Test Academy' });
    expect(res.body.badges[0].checks).toContainEqual(expect.objectContaining({ check: 'recipient', outcome: 'passed' }));
    expect(res.body.verifiedShare).toBe(1);
  });
});

describe('POST /v1/badges/verify: signed strings', () => {
  it('a VC-JWT string signed for a did:key issuer is signature-verified, and tampering makes it invalid', async () => {
    const issuer = ed25519Issuer();
    const credential = ob3Credential(issuer.didKey, { validFrom: '2024-01-15T00:00:00Z' });
    const token = await vcJwt(credential, issuer.didKey, issuer.didKeyMethod, issuer.privateKey);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ iss: issuer.didKey, vc: { ...credential, name: 'Forged' } })).toString('base64url')}.${signature}`;
    const res = await verify({ badges: [token, forged] }).expect(200);
    expect(res.body.badges[0]).toMatchObject({ format: 'ob3-vc-jwt', status: 'valid', tier: 'signature-verified' });
    expect(res.body.badges[0].skills.map((s: { skillId: string }) => s.skillId)).toEqual([POSTGRESQL]);
    expect(res.body.badges[1]).toMatchObject({ format: 'ob3-vc-jwt', status: 'invalid' });
    expect(res.body.badges[1].tier).not.toBe('signature-verified');
    expect(res.body.verifiedShare).toBe(1); // PostgreSQL's best tier is the valid token's
  });
});

describe('POST /v1/badges/verify: one achievement in four forms', () => {
  const dates = { issued: '2024-01-15T00:00:00Z', expires: '2027-01-15T00:00:00Z' };

  it('OB 3.0 with VC 2.0 dates, VC 1.1 dates, inside a presentation, and OB 2.0: same skill id and dates', async () => {
    const vc2 = ob3Credential(server.base + '/issuer', { validFrom: dates.issued, validUntil: dates.expires });
    const vc1 = ob3Credential(server.base + '/issuer', { issuanceDate: dates.issued, expirationDate: dates.expires }, true);
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'VerifiablePresentation', verifiableCredential: [vc2] };
    const ob2 = server.assertion('four-forms', server.badgeClass('relational-databases', { alignment: [pgAlignment(false)] }), {
      issuedOn: dates.issued, expires: dates.expires,
    });
    const res = await verify({ badges: [vc2, vc1, presentation, ob2], asOf: '2024-05-10T00:00:00Z' }).expect(200);
    expect(res.body.badges.map((b: { index: number }) => b.index)).toEqual([0, 1, 2, 3]);
    expect(res.body.badges.map((b: { format: string }) => b.format)).toEqual(['ob3-credential', 'ob3-credential', 'ob3-credential', 'ob2-assertion']);
    for (const b of res.body.badges) {
      expect(b.skills.map((s: { skillId: string; how: string }) => [s.skillId, s.how])).toEqual([[POSTGRESQL, 'esco-uri']]);
      expect(new Date(b.issuedOn).toISOString()).toBe(new Date(dates.issued).toISOString());
      expect(new Date(b.expires).toISOString()).toBe(new Date(dates.expires).toISOString());
    }
  });

  it('says how each skill was found: ESCO URI, O*NET-SOC code, label, tag, unmapped', async () => {
    const badgeClass = server.badgeClass('mixed', {
      alignment: [
        pgAlignment(false),
        { targetName: 'PostgreSQL', targetCode: '15-1243.00', targetFramework: 'O*NET-SOC' },
        { targetName: 'JavaScript', targetUrl: 'https://case.example.org/uri/4e5c0c1a', targetFramework: 'CASE' },
      ],
      tags: ['Kubernetes', 'Underwater basket weaving'],
    });
    const res = await verify({ badges: [badgeClass] }).expect(200);
    expect(res.body.badges[0].skills.map((s: { text: string; source: string; how: string | null; unmapped?: true }) => [s.text, s.source, s.how, s.unmapped ?? false])).toEqual([
      ['administer relational database systems', 'alignment', 'esco-uri', false],
      ['PostgreSQL', 'alignment', 'onet-soc', false],
      ['JavaScript', 'alignment', 'label-or-alias', false],
      ['Kubernetes', 'tag', 'label-or-alias', false],
      ['Underwater basket weaving', 'tag', null, true],
    ]);
  });

  it('a badge with no alignment, tags or skills gives skills: []', async () => {
    const bare = { '@context': OB2_CONTEXT, type: 'BadgeClass', id: 'urn:uuid:0d7c7a3e-31a6-4a8e-8f7e-4c6f2d3f9a01', name: 'Welcome', description: 'Thanks for joining.', issuer: server.issuer() };
    const res = await verify({ badges: [bare] }).expect(200);
    expect(res.body.badges[0]).toMatchObject({ format: 'ob2-badgeclass', name: 'Welcome', skills: [] });
    expect(res.body.badges[0].status).toEqual(expect.any(String));
    expect(res.body.verifiedShare).toBe(0);
  });
});

describe('POST /v1/badges/verify: errors', () => {
  it('answers 422 recipient-mismatch naming the badge when a badge was issued to someone else', async () => {
    const other = server.assertion('other', server.badgeClass('pg-other', { alignment: [pgAlignment(false)] }));
    const res = await verify({ badges: [other], recipient: { email: 'someone.else@example.org' } }).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toMatch(/\/recipient-mismatch$/);
    expect(res.body.badges).toEqual([0]);
    expect(res.body.errors).toEqual([{ pointer: '/badges/0', detail: expect.stringMatching(/not issued to the given email/) }]);
  });

  it('answers 400 naming each input that is not a badge', async () => {
    const res = await verify({ badges: [ob3Credential(server.base + '/issuer', { validFrom: '2024-01-15T00:00:00Z' }), 42, { hello: 'world' }] }).expect(400);
    expect(res.body.type).toMatch(/\/unreadable-badge$/);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/badges/1', '/badges/2']);
    expect(res.body.errors[0].detail).toMatch(/got number/);
    expect(res.body.errors[1].detail).toMatch(/not an Open Badges/);
  });

  it('answers 400 for no badge, a recipient naming neither email nor url, and an unknown field', async () => {
    expect((await verify({ badges: [] }).expect(400)).body.errors[0].pointer).toBe('/badges');
    expect((await verify({ badges: [{}], recipient: {} }).expect(400)).body.errors[0].pointer).toBe('/recipient');
    expect((await verify({ badges: [{}], foo: 1 }).expect(400)).body.errors[0].pointer).toBe('/foo');
  });
});

describe('POST /v1/badges/verify: multipart images', () => {
  it('reads a PNG baked with the assertion JSON from the part `file`', async () => {
    const badge = server.assertion('baked', server.badgeClass('pg-baked', { alignment: [pgAlignment(false)] }));
    const res = await http().post('/v1/badges/verify')
      .attach('file', bakedPng(JSON.stringify(badge)), { filename: 'badge.png', contentType: 'image/png' })
      .field('recipient', JSON.stringify({ email: LEARNER }))
      .expect(200);
    expect(res.body.badges).toHaveLength(1);
    expect(res.body.badges[0]).toMatchObject({ index: 0, format: 'baked-png', status: 'valid', tier: 'hosted-verified' });
    expect(res.body.badges[0].skills.map((s: { skillId: string }) => s.skillId)).toEqual([POSTGRESQL]);
  });

  it('numbers images after the JSON badges', async () => {
    const json = server.assertion('json-first', server.badgeClass('json-first', { alignment: [pgAlignment(false)] }));
    const baked = server.assertion('baked-second', server.badgeClass('baked-second', { alignment: [pgAlignment(false)] }));
    const res = await http().post('/v1/badges/verify')
      .field('badges', JSON.stringify([json]))
      .attach('file', bakedPng(baked.id as string), { filename: 'second.png', contentType: 'image/png' })
      .expect(200);
    expect(res.body.badges.map((b: { index: number; format: string; status: string }) => [b.index, b.format, b.status])).toEqual([
      [0, 'ob2-assertion', 'valid'], [1, 'baked-png', 'valid'],
    ]);
  });

  it('names an unreadable image by its part: /file/N', async () => {
    const res = await http().post('/v1/badges/verify')
      .field('badges', JSON.stringify([server.assertion('json-ok', server.badgeClass('json-ok'))]))
      .attach('file', Buffer.from('not a png at all'), { filename: 'x.png', contentType: 'image/png' })
      .expect(400);
    expect(res.body.errors).toEqual([{ pointer: '/file/0', detail: expect.any(String) }]);
  });

  it('answers 413 for an image over BADGE_UPLOAD_MAX_BYTES', async () => {
    const big = Buffer.concat([bakedPng('x'), Buffer.alloc(UPLOAD_MAX)]);
    const res = await http().post('/v1/badges/verify').attach('file', big, { filename: 'big.png', contentType: 'image/png' }).expect(413);
    expect(res.body.type).toMatch(/\/upload-too-large$/);
  });

  it('answers 400 naming a text part that is not JSON', async () => {
    const res = await http().post('/v1/badges/verify').field('badges', '[not json').expect(400);
    expect(res.body.errors[0].pointer).toBe('/badges');
  });
});

describe('POST /v1/badges/verify: the shared badge files, read in place', () => {
  const dir = join(SHARED_DATA_DIR, 'badges');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(json|jws)$/.test(f) && !/_claims\.json$|_header\.json$/.test(f)).sort();
  const NOT_BADGES = /cryptographic_key|endorsement|issuer_profile|revocation_list/;
  const input = (file: string) => (file.endsWith('.jws') ? readFileSync(join(dir, file), 'utf8').trim() : JSON.parse(readFileSync(join(dir, file), 'utf8')));

  it('reads every shared badge file it lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files.filter((f) => !NOT_BADGES.test(f)))('%s: every badge has a status, a reason and its checks', async (file) => {
    const res = await verify({ badges: [input(file)] }).expect(200);
    expect(res.body.badges.length).toBeGreaterThan(0);
    for (const b of res.body.badges) {
      expect(['valid', 'expired', 'revoked', 'unverified', 'invalid']).toContain(b.status);
      expect(b.reason.length).toBeGreaterThan(10);
      expect(b.checks.length).toBeGreaterThan(0);
      for (const s of b.skills) expect(s.skillId !== null || s.unmapped === true).toBe(true);
    }
  });

  it.each(files.filter((f) => NOT_BADGES.test(f)))('%s: is not a badge, a 400 naming /badges/0', async (file) => {
    const res = await verify({ badges: [input(file)] }).expect(400);
    expect(res.body.errors[0].pointer).toBe('/badges/0');
  });

  it('the Credly list response of two badge templates gives two badges, each only a description (unverified)', async () => {
    const res = await verify({ badges: [input('credly/credly_api_badge_templates_response_sandbox_2019.json')] }).expect(200);
    expect(res.body.badges.map((b: { index: number; format: string; status: string }) => [b.index, b.format, b.status])).toEqual([
      [0, 'credly-template', 'unverified'], [0, 'credly-template', 'unverified'],
    ]);
  });

  it('the spec\'s revoked hosted assertion body is revoked, with its reason, and gives no held skill', async () => {
    const res = await verify({ badges: [input('ob2_spec_examples/revoked_hosted_assertion.json')] }).expect(200);
    expect(res.body.badges[0].status).toBe('revoked');
    expect(res.body.badges[0].reason).toMatch(/trenchcoat/);
    expect(res.body.verifiedShare).toBe(0);
  });

  it('offline, the signed OB 2.0 example cannot reach its key: unverified, saying so', async () => {
    const res = await verify({ badges: [input('ob2_spec_examples/signed_assertion.jws')] }).expect(200);
    expect(res.body.badges[0]).toMatchObject({ format: 'ob2-signed-jws', status: 'unverified' });
    expect(res.body.badges[0].reason).toMatch(/key/i);
  });

  it('the Credly OB 2.0 assertion links its BadgeClass only by URL: unverified, naming the URL', async () => {
    const res = await verify({ badges: [input('credly/credly_ob2_assertion_baked_aws-mle-associate.json')] }).expect(200);
    expect(res.body.badges[0].status).toBe('unverified');
    expect(res.body.badges[0].reason).toMatch(/https:\/\/[^\s]*credly/);
  });

  it('the Credly OB 3.0 credential (did:web, edited): unverified or invalid with the reason, its tags still skills', async () => {
    const res = await verify({ badges: [input('credly/credly_ob3_openbadgecredential_baked_lightbend-reactive-microservices.json')] }).expect(200);
    const [b] = res.body.badges;
    expect(['unverified', 'invalid']).toContain(b.status);
    expect(b.reason).toMatch(/did:web|signature|proof|key/i);
    const tags = b.skills.filter((s: { source: string }) => s.source === 'tag').map((s: { text: string }) => s.text);
    expect(new Set(tags)).toEqual(new Set(['Reactive Architecture', 'Reactive Manifesto', 'Reactive Microservices', 'Reactive Systems', 'Technology Architecture']));
    for (const s of b.skills) expect(s.skillId !== null || s.unmapped === true).toBe(true);
  });
});

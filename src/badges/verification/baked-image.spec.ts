/** Baked PNG and SVG badges (baked here) read like the unbaked input; unsafe images are refused with a clear reason. */
import { BadgeReadError, BadgeReadErrorCode } from '../badge-read.exception.js';
import { BadgeVerifier } from './badge-verifier.js';
import type { BadgeVerificationResult } from './badge-verification.types.js';
import { MAX_PNG_PIXELS, readBakedImage } from './baked-image.js';
import { OFFLINE_HTTP, bakedPng, bakedSvg, ed25519Issuer, image, signDataIntegrity, vcJwt } from '../../../test/support/badge-signing.js';

const NOW = new Date('2024-05-10T00:00:00Z');
const MAX = 64 * 1024;
const verifier = new BadgeVerifier(OFFLINE_HTTP, { maxImageBytes: MAX });
const issuer = ed25519Issuer();

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:0b8e2f8a-3c1d-4a6b-9e7f-2a1b3c4d5e6f', type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer.didKey, type: ['Profile'], name: 'Test Academy' }, validFrom: '2024-01-15T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: { id: 'https://academy.example/achievements/git', type: ['Achievement'], name: 'Git Basics', description: 'Uses Git.', criteria: { narrative: 'Pass.' }, tag: ['Git'] },
  },
};

/** Everything but the form and the parse check's wording must be the same as the unbaked input's. */
function comparable(result: BadgeVerificationResult) {
  return { ...result, format: undefined, checks: result.checks.slice(1) };
}

async function verifyOne(input: unknown): Promise<BadgeVerificationResult> {
  const [result] = await verifier.verify([input], { now: NOW });
  return result;
}

describe('baked badges give the same result as the unbaked input', () => {
  let signed: Record<string, unknown>;
  let token: string;
  beforeAll(async () => {
    signed = await signDataIntegrity(credential, issuer.didKeyMethod, issuer.privateKey);
    token = await vcJwt(credential, issuer.didKey, issuer.didKeyMethod, issuer.privateKey);
  });

  it.each<[string, () => Buffer, () => unknown, string]>([
    ['PNG iTXt openbadges holding a Data Integrity credential (JSON)', () => bakedPng(JSON.stringify(signed)), () => signed, 'baked-png'],
    ['PNG iTXt openbadgecredential holding a VC-JWT', () => bakedPng(token, 'openbadgecredential'), () => token, 'baked-png'],
    ['PNG iTXt holding a URL (out of reach offline)', () => bakedPng('https://academy.example/assertions/7'), () => 'https://academy.example/assertions/7', 'baked-png'],
    ['SVG <openbadges:assertion> with the JSON as CDATA', () => bakedSvg(JSON.stringify(signed)), () => signed, 'baked-svg'],
    ['SVG <openbadges:assertion verify="JWS"/>', () => bakedSvg(null, token), () => token, 'baked-svg'],
    ['SVG <openbadges:credential> with the VC-JWT as CDATA', () => bakedSvg(token, null, 'openbadges:credential'), () => token, 'baked-svg'],
  ])('%s', async (_name, bake, unbaked, format) => {
    const [fromImage, plain] = [await verifyOne(image(bake())), await verifyOne(unbaked())];
    expect(fromImage.format).toBe(format);
    expect(fromImage.checks[0]).toEqual({ check: 'parse', outcome: 'passed', detail: expect.stringMatching(/ baked in an? (PNG|SVG)$/) });
    expect(comparable(fromImage)).toEqual(comparable(plain));
  });

  it('a signed baked PNG is valid and signature-verified', async () => {
    const result = await verifyOne(image(bakedPng(JSON.stringify(signed))));
    expect([result.status, result.tier, result.description.skillHints]).toEqual(['valid', 'signature-verified', [{ text: 'Git', source: 'tag' }]]);
  });
});

describe('unsafe or empty images are refused with a clear reason', () => {
  function lyingPng(): Buffer {
    const png = bakedPng('{"type":"Assertion"}');
    const itxt = png.indexOf('iTXt') - 4; // the chunk's length field
    png.writeUInt32BE(0x7ffffff0, itxt);
    return png;
  }
  const doctype = Buffer.from(
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="&lol2;"/></svg>',
  );
  it.each<[string, () => Buffer, string]>([
    ['an SVG with a DOCTYPE / ENTITY (billion laughs)', () => doctype, 'SVG has a DOCTYPE: DOCTYPE and ENTITY declarations are refused (entity expansion attacks)'],
    ['a PNG over the upload limit', () => bakedPng('x'.repeat(MAX)), `image is ${bakedPng('x'.repeat(MAX)).length} bytes, over the ${MAX}-byte upload limit`],
    ['a PNG whose chunk declares more bytes than the file has', lyingPng, 'PNG chunk "iTXt" declares 2147483632 bytes but only'],
    ['a PNG declaring 100000×100000 pixels', () => bakedPng('{}', 'openbadges', { width: 100_000, height: 100_000 }), `PNG declares 100000×100000 pixels (limit ${MAX_PNG_PIXELS} pixels)`],
    ['a compressed iTXt badge chunk', () => bakedPng('{"a":1}', 'openbadges', { compressed: true }), 'PNG iTXt chunk "openbadges" is compressed'],
    ['a PNG with no badge in it', () => bakedPng(null), 'PNG has no iTXt chunk "openbadges" or "openbadgecredential": it is not a baked badge'],
    ['an SVG with no badge in it', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'), 'SVG has no <openbadges:assertion> or <openbadges:credential> element'],
    ['an SVG that is not well-formed', () => Buffer.from('<svg><openbadges:assertion></svg>'), 'SVG is not well-formed XML'],
    ['a JPEG', () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image is neither a PNG nor an SVG'],
  ])('%s', async (_name, bytes, reason) => {
    const error = (() => {
      try {
        readBakedImage(bytes(), MAX);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BadgeReadError);
    expect((error as BadgeReadError).code).toBe(BadgeReadErrorCode.BAD_IMAGE);
    expect((error as BadgeReadError).message.startsWith(reason)).toBe(true);
    const result = await verifyOne(image(bytes()));
    expect([result.status, result.checks]).toEqual(['invalid', [{ check: 'parse', outcome: 'failed', detail: (error as Error).message }]]);
    expect(result.reason).toBe(`The badge could not be read: ${(error as Error).message}${/[.!?]$/.test((error as Error).message) ? '' : '.'}`);
  });
});

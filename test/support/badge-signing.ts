/**
 * Signed and baked badge fixtures made in the tests with keys generated there (never real issuers' keys):
 * OB 2.0 compact JWS (RS256), OB 3.0 VC-JWT (EdDSA, did:key / did:jwk), eddsa-rdfc-2022 Data Integrity proofs,
 * baked PNG (iTXt) and SVG badges, and an HttpClientPort that is offline (every request fails as a network error).
 */
import { type KeyObject, generateKeyPairSync, sign } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { base58 } from '@scure/base';
import { CompactSign } from 'jose';
import { encodeSync as encodeItxt } from 'png-chunk-itxt';
import encodeChunks from 'png-chunks-encode';
import { HttpError, HttpErrorCode, type HttpClientPort } from '../../src/infra/http/http-client.types.js';
import { eddsaRdfc2022HashData, encodeProofValue } from '../../src/badges/verification/data-integrity.js';

/** An HttpClientPort with no network: every request fails as NETWORK, as a host out of reach would. */
export const OFFLINE_HTTP: HttpClientPort = {
  request: async (url: string) => {
    throw new HttpError(HttpErrorCode.NETWORK, 'offline: no network in this test', url);
  },
};

export interface Ed25519Issuer {
  privateKey: KeyObject;
  /** Raw 32-byte public key as base64url (the JWK `x`). */
  x: string;
  didKey: string;
  /** `did:key:z6Mk…#z6Mk…`, the verification method. */
  didKeyMethod: string;
  didJwk: string;
}

export function ed25519Issuer(): Ed25519Issuer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  const multikey = `z${base58.encode(Buffer.concat([Buffer.from([0xed, 0x01]), Buffer.from(x, 'base64url')]))}`;
  const didJwk = `did:jwk:${Buffer.from(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x })).toString('base64url')}`;
  return { privateKey, x, didKey: `did:key:${multikey}`, didKeyMethod: `did:key:${multikey}#${multikey}`, didJwk };
}

export function rsaKeyPair(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A compact JWS of `payload` (JSON) with the given protected header. */
export async function compactJws(payload: object, header: Record<string, unknown>, key: KeyObject): Promise<string> {
  return new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader(header as never).sign(key);
}

/** The same JWS with its payload replaced (signature kept), as a forger would. */
export function tamperedJws(token: string, payload: object): string {
  const [header, , signature] = token.split('.');
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

/** A VC-JWT (VC Data Model 1.1 JWT encoding: the credential in `vc`, plus `iss`, `jti`, `nbf`) signed with EdDSA. */
export function vcJwt(credential: Record<string, unknown>, issuer: string, kid: string, key: KeyObject): Promise<string> {
  const payload = { iss: issuer, jti: credential['id'], nbf: Math.floor(Date.parse(String(credential['validFrom'] ?? credential['issuanceDate'])) / 1000), vc: credential };
  return compactJws(payload, { alg: 'EdDSA', typ: 'JWT', kid }, key);
}

/** The credential with an `eddsa-rdfc-2022` DataIntegrityProof made with `key` for `verificationMethod`. */
export async function signDataIntegrity(credential: Record<string, unknown>, verificationMethod: string, key: KeyObject): Promise<Record<string, unknown>> {
  const proof = {
    type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2024-01-15T00:00:00Z', verificationMethod, proofPurpose: 'assertionMethod',
  };
  const hashData = await eddsaRdfc2022HashData(credential, proof);
  return { ...credential, proof: { ...proof, proofValue: encodeProofValue(sign(null, hashData, key)) } };
}

/** A 1×1 RGBA PNG, with an iTXt chunk `keyword` holding `text` when given (before IDAT, as baking does). */
export function bakedPng(text: string | null, keyword = 'openbadges', options: { compressed?: boolean; width?: number; height?: number } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(options.width ?? 1, 0);
  ihdr.writeUInt32BE(options.height ?? 1, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const chunks = [{ name: 'IHDR', data: ihdr }];
  if (text !== null) {
    chunks.push({
      name: 'iTXt',
      data: Buffer.from(encodeItxt({ keyword, compressionFlag: options.compressed ?? false, compressionMethod: 0, languageTag: '', translatedKeyword: '', text })),
    });
  }
  chunks.push({ name: 'IDAT', data: deflateSync(Buffer.from([0, 0x33, 0x66, 0x99, 0xff])) }, { name: 'IEND', data: Buffer.alloc(0) });
  return Buffer.from(encodeChunks(chunks));
}

/** An SVG badge with `<openbadges:assertion>` holding `content` as CDATA and/or a `verify` attribute. */
export function bakedSvg(content: string | null, verify: string | null = null, element = 'openbadges:assertion'): Buffer {
  const attribute = verify === null ? '' : ` verify="${verify.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  const body = content === null ? `<${element}${attribute}/>` : `<${element}${attribute}><![CDATA[${content}]]></${element}>`;
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" width="10" height="10">\n  ${body}\n  <rect width="10" height="10" fill="#369"/>\n</svg>\n`,
  );
}

export function image(bytes: Buffer, mediaType: string | null = null) {
  return { kind: 'image' as const, mediaType, filename: null, bytes };
}

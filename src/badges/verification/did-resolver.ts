/**
 * Resolves a verification method (a key reference such as `did:key:z6Mk…#z6Mk…`, `did:jwk:…#0` or
 * `did:web:example.com#key-0`) to a public JWK.
 * - `did:key` (Ed25519 `z6Mk…` and P-256 `zDn…` multikeys) and `did:jwk` are resolved offline, from the DID itself;
 * - `did:web` fetches `https://<host>/.well-known/did.json` (or `https://<host>/<path>/did.json`) through the
 *   SSRF-guarded client; out of reach → `unverified`.
 * Keys in a DID document are read from `publicKeyMultibase` (Multikey) or `publicKeyJwk` (JsonWebKey / JsonWebKey2020).
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { base58 } from '@scure/base';
import { type JsonObject, isObject, list, text } from '../badge-fields.js';
import type { BadgeFetcher } from './badge-fetcher.js';

export interface ResolvedKey {
  /** The verification method id, absolute. */
  id: string;
  /** The DID that controls the key (the issuer, when it signed). */
  controller: string;
  jwk: JsonWebKey;
}

export type KeyResolution = { ok: true; key: ResolvedKey } | { ok: false; finding: 'unverified' | 'invalid'; reason: string };

/** SubjectPublicKeyInfo DER prefix of a compressed P-256 point (id-ecPublicKey, prime256v1, 33-byte BIT STRING). */
const P256_SPKI_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/** A multibase base58btc multikey (`z…`) as a JWK: Ed25519 (multicodec 0xed) or compressed P-256 (0x1200). */
export function multikeyToJwk(multibase: string): JsonWebKey {
  if (!multibase.startsWith('z')) throw new Error(`multikey ${multibase.slice(0, 12)}… is not base58btc ("z")`);
  const bytes = Buffer.from(base58.decode(multibase.slice(1)));
  if (bytes[0] === 0xed && bytes[1] === 0x01 && bytes.length === 34) {
    return { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(2).toString('base64url') };
  }
  if (bytes[0] === 0x80 && bytes[1] === 0x24 && bytes.length === 35) {
    const spki = Buffer.concat([P256_SPKI_PREFIX, bytes.subarray(2)]);
    return createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'jwk' });
  }
  throw new Error('multikey is neither an Ed25519 nor a P-256 public key');
}

/** The `did:web` DID document URL (did:web method specification, "Read (Resolve)"). */
export function didWebUrl(did: string): string {
  const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const host = parts.shift();
  if (!host) throw new Error(`${did} names no host`);
  return parts.length ? `https://${host}/${parts.join('/')}/did.json` : `https://${host}/.well-known/did.json`;
}

function keyOfMethod(method: JsonObject): JsonWebKey | null {
  const multibase = text(method['publicKeyMultibase']);
  if (multibase) return multikeyToJwk(multibase);
  const jwk = method['publicKeyJwk'];
  return isObject(jwk) ? (jwk as JsonWebKey) : null;
}

/** The verification method `ref` in a DID document (by absolute or `#fragment` id; the first assertionMethod without a fragment). */
function findMethod(document: JsonObject, did: string, ref: string): JsonObject | null {
  const methods = [...list(document['verificationMethod']), ...list(document['assertionMethod'])].filter(isObject);
  const absolute = (id: string) => (id.startsWith('#') ? `${did}${id}` : id);
  if (ref.includes('#')) return methods.find((m) => absolute(text(m['id']) ?? '') === ref) ?? null;
  const firstAssertion = list(document['assertionMethod'])[0];
  if (typeof firstAssertion === 'string') return methods.find((m) => absolute(text(m['id']) ?? '') === absolute(firstAssertion)) ?? null;
  return isObject(firstAssertion) ? firstAssertion : methods[0] ?? null;
}

async function resolveDidWeb(did: string, ref: string, fetcher: BadgeFetcher): Promise<KeyResolution> {
  const url = didWebUrl(did);
  const fetched = await fetcher.get(url);
  if (!fetched.ok) return { ok: false, finding: 'unverified', reason: `the key ${ref} could not be fetched from ${url} (${fetched.reason})` };
  if (!isObject(fetched.json)) return { ok: false, finding: 'unverified', reason: `${url} did not answer with a DID document` };
  const method = findMethod(fetched.json, did, ref);
  const jwk = method ? keyOfMethod(method) : null;
  if (!jwk) return { ok: false, finding: 'invalid', reason: `the DID document at ${url} has no key ${ref}` };
  return { ok: true, key: { id: ref, controller: did, jwk } };
}

/** The public key a verification method reference names. Never throws. */
export async function resolveKey(ref: string, fetcher: BadgeFetcher): Promise<KeyResolution> {
  const did = ref.split('#')[0];
  try {
    if (did.startsWith('did:key:')) {
      const jwk = multikeyToJwk(did.slice('did:key:'.length));
      return { ok: true, key: { id: ref, controller: did, jwk } };
    }
    if (did.startsWith('did:jwk:')) {
      const jwk = JSON.parse(Buffer.from(did.slice('did:jwk:'.length), 'base64url').toString('utf8')) as JsonWebKey;
      if (!isObject(jwk) || typeof jwk.kty !== 'string') throw new Error('did:jwk does not hold a JWK');
      return { ok: true, key: { id: ref, controller: did, jwk } };
    }
    if (did.startsWith('did:web:')) return await resolveDidWeb(did, ref, fetcher);
  } catch (error) {
    return { ok: false, finding: 'invalid', reason: `the key ${ref} is malformed: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: false, finding: 'unverified', reason: `the key ${ref} uses a DID method we do not resolve (did:key, did:jwk and did:web are supported)` };
}

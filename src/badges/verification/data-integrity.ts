/**
 * Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C "Data Integrity EdDSA Cryptosuites v1.0"):
 * the proof configuration (the proof without `proofValue`, with the document's `@context`) and the document without
 * its `proof` are each canonicalised with RDFC-1.0 (bundled contexts only) and hashed with SHA-256; the Ed25519
 * signature in `proofValue` (multibase base58btc, `z…`) is over proofConfigHash ‖ documentHash.
 */
import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { base58 } from '@scure/base';
import type { JsonObject } from '../badge-fields.js';
import { canonicalize } from './jsonld-contexts.js';

/**
 * The bytes an `eddsa-rdfc-2022` proof signs: SHA-256(canonical proof config) ‖ SHA-256(canonical document).
 * `proof` may carry `proofValue` (it is left out). Used to verify, and by tests to sign.
 * @throws ContextNotBundledError, or Error naming the JSON-LD problem
 */
export async function eddsaRdfc2022HashData(document: JsonObject, proof: JsonObject): Promise<Buffer> {
  const { proof: _proof, ...unsecured } = document;
  const { proofValue: _value, ...config } = proof;
  const proofConfig = { ...config, '@context': document['@context'] };
  const [canonicalConfig, canonicalDocument] = await Promise.all([canonicalize(proofConfig), canonicalize(unsecured)]);
  return Buffer.concat([
    createHash('sha256').update(canonicalConfig, 'utf8').digest(),
    createHash('sha256').update(canonicalDocument, 'utf8').digest(),
  ]);
}

/** `proofValue` as a signature: multibase base58btc. @throws Error when it is not */
export function decodeProofValue(proofValue: unknown): Buffer {
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) throw new Error('proofValue is not a multibase base58btc ("z…") string');
  return Buffer.from(base58.decode(proofValue.slice(1)));
}

/** The multibase base58btc encoding of a signature (`z…`), as `proofValue`. */
export function encodeProofValue(signature: Uint8Array): string {
  return `z${base58.encode(signature)}`;
}

/**
 * True when the proof's Ed25519 signature over the document verifies with `jwk` (an OKP Ed25519 key).
 * @throws ContextNotBundledError, or Error for a malformed proofValue or a JSON-LD problem
 */
export async function verifyEddsaRdfc2022(document: JsonObject, proof: JsonObject, jwk: JsonWebKey): Promise<boolean> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error(`eddsa-rdfc-2022 needs an Ed25519 key, the verification method holds ${jwk.kty}/${jwk.crv ?? '?'}`);
  const signature = decodeProofValue(proof['proofValue']);
  if (signature.length !== 64) throw new Error(`proofValue decodes to ${signature.length} bytes, an Ed25519 signature is 64`);
  const hashData = await eddsaRdfc2022HashData(document, proof);
  return verify(null, hashData, createPublicKey({ key: jwk, format: 'jwk' }), signature);
}

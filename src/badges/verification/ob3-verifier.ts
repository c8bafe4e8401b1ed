/**
 * Open Badges 3.0 credential verification (OpenBadgeCredential / AchievementCredential, W3C VC 1.1 or 2.0):
 * - VC-JWT: the JWS is verified with the key named by the header `kid` (a DID URL: did:key / did:jwk offline,
 *   did:web fetched) or given as the header `jwk`; the key's DID must be the issuer (an issuer that is not that DID:
 *   invalid); a header `jwk` counts only as the key of a did:key / did:jwk issuer (else unverified: nothing ties it to
 *   the issuer); `iss` must be the issuer; a credential naming no issuer is unverified;
 * - Data Integrity: a `DataIntegrityProof` with cryptosuite `eddsa-rdfc-2022`, key from `verificationMethod`
 *   (controlled by the issuer, as for `kid`), canonicalised with the bundled JSON-LD contexts only;
 * - `credentialStatus` where reachable, validity period (`validFrom`/`validUntil`, `issuanceDate`/`expirationDate`;
 *   for a VC-JWT the JWT `exp` too, the earlier of the two ending it), and the recipient's `identifier`.
 */
import type { JsonWebKey } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, importJWK } from 'jose';
import { type JsonObject, isObject, list, text } from '../badge-fields.js';
import { readOb3Credential } from '../open-badges.js';
import { checkCredentialStatus } from './credential-status.js';
import { verifyEddsaRdfc2022 } from './data-integrity.js';
import { type ResolvedKey, resolveKey } from './did-resolver.js';
import { ContextNotBundledError } from './jsonld-contexts.js';
import { type Verified, type VerifyContext, checkExpiry } from './ob2-verifier.js';
import { checkRecipient, ob3Identities } from './recipient.js';
import { VerificationLog, messageOf } from './verification-log.js';

/** JWS algorithms accepted on a VC-JWT (never `none`, never HMAC). */
const VC_JWT_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256', 'ES384', 'RS256', 'PS256'];

export interface VcJwt {
  token: string;
  header: JsonObject;
  payload: JsonObject;
}

function issuerIdOf(credential: JsonObject): string | null {
  const issuer = credential['issuer'];
  return typeof issuer === 'string' ? text(issuer) : isObject(issuer) ? text(issuer['id']) : null;
}

/**
 * The credential a VC-JWT carries: the `vc` claim (VC 1.1 JWT encoding) with `iss`, `jti`, `nbf` and `exp` filling its
 * absent `issuer`, `id`, `issuanceDate` and `expirationDate`; or the payload itself (VC 2.0 VC-JOSE-COSE).
 */
export function credentialOfJwt(payload: JsonObject): JsonObject {
  if (!isObject(payload['vc'])) return payload;
  const vc: JsonObject = { ...payload['vc'] };
  const seconds = (claim: unknown) => (typeof claim === 'number' ? new Date(claim * 1000).toISOString() : undefined);
  if (vc['issuer'] === undefined && text(payload['iss'])) vc['issuer'] = payload['iss'];
  if (vc['id'] === undefined && text(payload['jti'])) vc['id'] = payload['jti'];
  if (vc['issuanceDate'] === undefined && vc['validFrom'] === undefined && seconds(payload['nbf'])) vc['issuanceDate'] = seconds(payload['nbf']);
  if (vc['expirationDate'] === undefined && vc['validUntil'] === undefined && seconds(payload['exp'])) vc['expirationDate'] = seconds(payload['exp']);
  return vc;
}

type Binding = { finding: 'unverified' | 'invalid'; problem: string } | null;

/** The key's DID must be the issuer (a credential signed by someone else's key proves nothing), whatever the issuer's id. */
function controllerProblem(key: ResolvedKey, issuerId: string | null): Binding {
  if (!issuerId) return { finding: 'unverified', problem: 'the credential names no issuer, so the key could not be tied to one' };
  if (key.controller === issuerId) return null;
  return { finding: 'invalid', problem: `the key ${key.id} belongs to ${key.controller}, not to the issuer ${issuerId}` };
}

/**
 * A key carried in the JWT header (`jwk`) is the issuer's only when the issuer is a did:key or did:jwk whose own key it
 * is; for any other issuer nothing ties it to the issuer.
 */
async function headerJwkProblem(jwk: JsonWebKey, issuerId: string | null, ctx: VerifyContext): Promise<Binding> {
  if (!issuerId) return { finding: 'unverified', problem: 'the credential names no issuer, so the key could not be tied to one' };
  if (!issuerId.startsWith('did:key:') && !issuerId.startsWith('did:jwk:')) {
    return { finding: 'unverified', problem: `the VC-JWT carries its key in the header (jwk) and the issuer ${issuerId} is not a did:key or did:jwk, so the key could not be tied to the issuer` };
  }
  const own = await resolveKey(issuerId, ctx.fetcher);
  if (!own.ok) return { finding: own.finding, problem: own.reason };
  const [given, issuers] = await Promise.all([calculateJwkThumbprint(jwk as never), calculateJwkThumbprint(own.key.jwk as never)]);
  return given === issuers ? null : { finding: 'invalid', problem: `the key embedded in the JWT header is not the key of the issuer DID ${issuerId}` };
}

function logBinding(log: VerificationLog, binding: NonNullable<Binding>): void {
  if (binding.finding === 'invalid') log.failed('signature', binding.problem);
  else log.skipped('signature', `${binding.problem}; the signature proves nothing about the issuer`);
}

async function checkVcJwt(log: VerificationLog, jwt: VcJwt, issuerId: string | null, ctx: VerifyContext): Promise<void> {
  const alg = text(jwt.header['alg']);
  if (!alg || !VC_JWT_ALGORITHMS.includes(alg)) return log.failed('signature', `the VC-JWT uses alg ${JSON.stringify(jwt.header['alg'])}, which is not accepted`);
  const iss = text(jwt.payload['iss']);
  if (iss && issuerId && iss !== issuerId) return log.failed('signature', `the JWT iss ${iss} is not the credential's issuer ${issuerId}`);
  const kid = text(jwt.header['kid']);
  const owner = issuerId ?? iss;
  let jwk: JsonWebKey;
  let keyName: string;
  let binding: Binding;
  if (kid && (kid.startsWith('did:') || (kid.startsWith('#') && owner?.startsWith('did:')))) {
    const resolved = await resolveKey(kid.startsWith('#') ? `${owner}${kid}` : kid, ctx.fetcher);
    if (!resolved.ok) return resolved.finding === 'invalid' ? log.failed('signature', resolved.reason) : log.skipped('signature', `${resolved.reason}; the signature was not checked`);
    binding = controllerProblem(resolved.key, owner);
    jwk = resolved.key.jwk;
    keyName = resolved.key.id;
  } else if (isObject(jwt.header['jwk'])) {
    jwk = jwt.header['jwk'] as JsonWebKey;
    keyName = 'the key embedded in the JWT header';
    binding = await headerJwkProblem(jwk, owner, ctx).catch((error: unknown) => ({ finding: 'invalid' as const, problem: `the key embedded in the JWT header is malformed: ${messageOf(error)}` }));
  } else {
    return log.skipped('signature', `the VC-JWT names no key we can resolve (kid ${JSON.stringify(kid)}, no jwk)`);
  }
  if (binding?.finding === 'invalid') return logBinding(log, binding);
  try {
    await compactVerify(jwt.token, await importJWK(jwk as never, alg), { algorithms: [alg] });
  } catch (error) {
    return log.failed('signature', `the VC-JWT signature does not verify with ${keyName} (${messageOf(error)})`);
  }
  if (binding) return logBinding(log, binding);
  log.signatureVerified = true;
  log.passed('signature', `VC-JWT ${alg} signature verified with ${keyName}`);
}

async function checkDataIntegrity(log: VerificationLog, credential: JsonObject, issuerId: string | null, ctx: VerifyContext): Promise<void> {
  const proofs = list(credential['proof']).filter(isObject);
  if (proofs.length === 0) return log.skipped('signature', 'the credential carries no proof, so its issuer could not be verified');
  const proof = proofs.find((p) => p['type'] === 'DataIntegrityProof' && p['cryptosuite'] === 'eddsa-rdfc-2022');
  if (!proof) {
    const kinds = proofs.map((p) => [text(p['type']), text(p['cryptosuite'])].filter(Boolean).join('/')).join(', ');
    return log.skipped('signature', `proof ${kinds} is not supported (DataIntegrityProof eddsa-rdfc-2022 and VC-JWT are)`);
  }
  if (proof['proofPurpose'] !== 'assertionMethod') return log.failed('signature', `proofPurpose is ${JSON.stringify(proof['proofPurpose'])}, not "assertionMethod"`);
  const method = text(proof['verificationMethod']);
  if (!method) return log.failed('signature', 'the Data Integrity proof names no verificationMethod');
  const resolved = await resolveKey(method, ctx.fetcher);
  if (!resolved.ok) return resolved.finding === 'invalid' ? log.failed('signature', resolved.reason) : log.skipped('signature', `${resolved.reason}; the proof was not checked`);
  const binding = controllerProblem(resolved.key, issuerId);
  if (binding?.finding === 'invalid') return logBinding(log, binding);
  let verified: boolean;
  try {
    verified = await verifyEddsaRdfc2022(credential, proof, resolved.key.jwk);
  } catch (error) {
    if (error instanceof ContextNotBundledError) return log.skipped('signature', `${error.message}, so the proof was not checked`);
    return log.failed('signature', `the Data Integrity proof could not be checked: ${messageOf(error)}`);
  }
  if (!verified) return log.failed('signature', `the eddsa-rdfc-2022 proof does not verify with ${method}: the credential was altered or signed by another key`);
  if (binding) return logBinding(log, binding);
  log.signatureVerified = true;
  log.passed('signature', `Data Integrity proof (eddsa-rdfc-2022) verified with ${method}`);
}

/** The JWT `exp` claim (NumericDate, seconds) as an ISO instant, or null. */
function jwtExpiry(payload: JsonObject): string | null {
  const exp = payload['exp'];
  return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000).toISOString() : null;
}

/** The earlier of two ISO instants (either may be null). */
function earliest(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/**
 * Verifies an OB 3.0 credential given as JSON (Data Integrity proof, or none), or carried by a VC-JWT (`jwt`; the
 * credential is `credentialOfJwt(jwt.payload)`).
 * @throws BadgeReadError when the credential is not a readable OpenBadgeCredential
 */
export async function verifyOb3Credential(credential: JsonObject, ctx: VerifyContext, jwt?: VcJwt): Promise<Verified> {
  const read = readOb3Credential(credential);
  const description = jwt ? { ...read, expires: earliest(read.expires, jwtExpiry(jwt.payload)) } : read;
  const log = new VerificationLog();
  const issuerId = issuerIdOf(credential);
  if (jwt) await checkVcJwt(log, jwt, issuerId, ctx);
  else await checkDataIntegrity(log, credential, issuerId, ctx);
  await checkCredentialStatus(log, credential, ctx.fetcher);
  checkExpiry(log, description.expires, ctx.now, description.issuedOn);
  checkRecipient(log, ob3Identities(credential), ctx.recipient);
  return { description, log };
}

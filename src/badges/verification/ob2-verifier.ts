/**
 * Open Badges 2.0 Assertion verification (1EdTech Open Badges 2.0, "Verification"):
 * - hosted: the assertion is fetched at its `id` (410, or a body with `revoked: true` → revoked; 404 → invalid) and
 *   the issuer's copy must have the same `id`, `recipient` and `badge`; it must be hosted on the issuer's origin (or
 *   one of the `verification.allowedOrigins` of the issuer Profile fetched from the issuer's id, never an embedded
 *   copy's); an issuer without an http(s) id cannot be tied to the host (unverified); the fetched copy is described;
 * - signed: a compact JWS (RS256) verified with the PEM public key of the CryptographicKey at `verification.creator`
 *   (OB 1.x `verify.url`; else the issuer's `publicKey`); the key must be the issuer's: its `owner` (when given) the
 *   issuer's id, and served from the issuer's origin or listed in `publicKey` of the issuer Profile fetched from its
 *   id; the issuer's `revocationList` is checked where reachable (`revokedAssertions` by `id`, or by `uid`);
 * - both: the BadgeClass and Issuer are followed when given by URL, `expires` is compared with the check instant.
 * Every fetch goes through `BadgeFetcher` (the SSRF-guarded client).
 */
import { compactVerify, importSPKI } from 'jose';
import type { BadgeDescription } from '../badge.types.js';
import { type JsonObject, isObject, list, text, typesOf } from '../badge-fields.js';
import { readOb2Assertion } from '../open-badges.js';
import { type BadgeFetcher, type Fetched, isHttpUrl } from './badge-fetcher.js';
import type { RecipientIdentity } from './badge-verification.types.js';
import { checkRecipient, ob2Identities } from './recipient.js';
import { VerificationLog, messageOf } from './verification-log.js';

export interface VerifyContext {
  fetcher: BadgeFetcher;
  now: Date;
  recipient?: RecipientIdentity;
}

export interface Verified {
  description: BadgeDescription;
  log: VerificationLog;
}

/** `verification` (OB 2.0) or `verify` (OB 1.1, and the spec's signed example). */
function verificationOf(assertion: JsonObject): JsonObject {
  const v = assertion['verification'] ?? assertion['verify'];
  return isObject(v) ? v : {};
}

function idOf(value: unknown): string | null {
  return typeof value === 'string' ? text(value) : isObject(value) ? text(value['id']) : null;
}

/** A linked document (BadgeClass, Profile): embedded, or fetched from `fetchedFrom`, or null with `problem` saying why. */
interface Linked {
  object: JsonObject | null;
  fetchedFrom?: string;
  problem?: string;
}

async function follow(value: unknown, what: string, fetcher: BadgeFetcher): Promise<Linked> {
  if (isObject(value) && text(value['name'])) return { object: value };
  const url = idOf(value);
  if (!url) return { object: null, problem: `the assertion names no ${what}` };
  if (!isHttpUrl(url)) return { object: null, problem: `the ${what} ${url} is not an http(s) URL, so it cannot be fetched` };
  const fetched = await fetcher.get(url);
  if (!fetched.ok) return { object: null, problem: `the ${what} at ${url} could not be fetched (${fetched.reason})` };
  if (!isObject(fetched.json)) return { object: null, problem: `the ${what} at ${url} is not JSON` };
  return { object: fetched.json, fetchedFrom: url };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The hosted check; returns the issuer's copy when it matched. */
async function checkHosted(log: VerificationLog, assertion: JsonObject, fetcher: BadgeFetcher): Promise<JsonObject | null> {
  const id = text(assertion['id']);
  if (!isHttpUrl(id)) {
    log.failed('hosted', `a hosted assertion's id must be its http(s) URL, got ${JSON.stringify(id)}`);
    return null;
  }
  const fetched: Fetched = await fetcher.get(id, [404, 410]);
  if (!fetched.ok) {
    log.skipped('hosted', `the hosted assertion at ${id} could not be fetched (${fetched.reason}), so it was not verified`);
    return null;
  }
  const body = isObject(fetched.json) ? fetched.json : null;
  const revocationReason = body ? text(body['revocationReason']) : null;
  // Fail closed: an issuer that writes the flag as the string "true" still means revoked.
  const revokedFlag = body?.['revoked'] === true || (typeof body?.['revoked'] === 'string' && body['revoked'].trim().toLowerCase() === 'true');
  if (fetched.status === 410 || revokedFlag) {
    const how = fetched.status === 410 ? `answers 410 Gone` : 'says revoked';
    log.failed('revocation', `revoked: the issuer's hosted assertion at ${id} ${how}${revocationReason ? ` (${revocationReason})` : ''}`, 'revoked');
    return null;
  }
  if (fetched.status === 404) {
    log.failed('hosted', `the issuer no longer hosts the assertion at ${id} (404 Not Found)`);
    return null;
  }
  if (!body) {
    log.failed('hosted', `the hosted assertion at ${id} is not JSON`);
    return null;
  }
  const differs = [
    text(body['id']) !== id ? 'id' : null,
    !sameJson(body['recipient'], assertion['recipient']) ? 'recipient' : null,
    idOf(body['badge']) !== idOf(assertion['badge']) ? 'badge' : null,
  ].filter(Boolean);
  if (differs.length) {
    log.failed('hosted', `the issuer's hosted copy at ${id} differs in ${differs.join(', ')}`);
    return null;
  }
  log.passed('hosted', `the issuer's hosted copy at ${id} matches`);
  log.hostedVerified = true;
  log.passed('revocation', `the hosted assertion at ${id} is not revoked`);
  return body;
}

/** The issuer's own Profile: the one given when it was fetched from its id, else fetched from its id now. */
async function issuerProfile(issuerId: string, given: JsonObject | null, fetchedFrom: string | undefined, fetcher: BadgeFetcher): Promise<{ profile: JsonObject } | { problem: string }> {
  if (given && fetchedFrom === issuerId) return { profile: given };
  const fetched = await fetcher.get(issuerId);
  if (!fetched.ok) return { problem: `could not be fetched (${fetched.reason})` };
  return isObject(fetched.json) ? { profile: fetched.json } : { problem: 'is not JSON' };
}

/**
 * The hosted assertion must live on the issuer's origin (OB 2.0 "Hosted verification"), or on one its Profile allows
 * in `verification.allowedOrigins`. Only the Profile fetched from the issuer's own id can allow another origin: a
 * Profile embedded in the assertion or BadgeClass is written by whoever hosts them.
 */
async function checkHostedOrigin(log: VerificationLog, assertion: JsonObject, badgeClass: JsonObject | null, issuer: Linked, fetcher: BadgeFetcher): Promise<void> {
  if (!log.hostedVerified || !badgeClass) return;
  const issuerId = (issuer.object ? text(issuer.object['id']) : null) ?? idOf(badgeClass['issuer']);
  const host = new URL(text(assertion['id'])!).host;
  if (!isHttpUrl(issuerId)) {
    log.hostedVerified = false;
    return log.skipped('hosted', `the issuer ${JSON.stringify(issuerId)} has no http(s) id, so the assertion's host ${host} could not be tied to it`);
  }
  const issuerHost = new URL(issuerId).host;
  if (host === issuerHost) return;
  // Off the issuer's origin: allowed only by the issuer's own Profile (one out of reach allows nothing).
  const own = await issuerProfile(issuerId, issuer.object, issuer.fetchedFrom, fetcher);
  const verification = 'profile' in own && isObject(own.profile['verification']) ? own.profile['verification'] : {};
  if (list(verification['allowedOrigins']).map(String).includes(host)) return;
  log.hostedVerified = false;
  log.failed('hosted', `the assertion is hosted on ${host}, not on the issuer's origin ${issuerHost}`);
}

async function keyPem(url: string, fetcher: BadgeFetcher): Promise<{ pem: string; owner: string | null } | { problem: string; finding: 'unverified' | 'invalid' }> {
  const fetched = await fetcher.get(url);
  if (!fetched.ok) return { problem: `the issuer's public key at ${url} could not be fetched (${fetched.reason}), so the signature was not checked`, finding: 'unverified' };
  const json = isObject(fetched.json) ? fetched.json : null;
  const pem = json ? text(json['publicKeyPem']) : fetched.text.includes('BEGIN PUBLIC KEY') ? fetched.text.trim() : null;
  if (!pem) return { problem: `${url} holds no publicKeyPem`, finding: 'invalid' };
  return { pem, owner: json ? text(json['owner']) : null };
}

/**
 * Whether the key (whose `owner`, when given, was already compared) is the issuer's: served from the issuer's own
 * origin, or listed in `publicKey` of the issuer Profile fetched from the issuer's id (a Profile embedded in the badge
 * proves nothing: the signer wrote it). Null when tied; else the finding and why.
 */
async function keyBindingProblem(keyUrl: string, issuer: Linked, fetcher: BadgeFetcher): Promise<{ finding: 'unverified' | 'invalid'; problem: string } | null> {
  const issuerId = issuer.object ? text(issuer.object['id']) : null;
  if (!isHttpUrl(issuerId)) {
    return { finding: 'unverified', problem: `the issuer ${issuerId ? `${JSON.stringify(issuerId)} has no http(s) id` : 'is unknown'}, so the key ${keyUrl} could not be tied to it` };
  }
  const issuerHost = new URL(issuerId).host;
  if (new URL(keyUrl).host === issuerHost) return null;
  const own = await issuerProfile(issuerId, issuer.object, issuer.fetchedFrom, fetcher);
  const where = `the key ${keyUrl} is not on the issuer's origin ${issuerHost} and the issuer Profile at ${issuerId}`;
  if ('problem' in own) return { finding: 'unverified', problem: `${where} ${own.problem}, so the key could not be tied to the issuer` };
  if (list(own.profile['publicKey']).map(idOf).includes(keyUrl)) return null;
  return { finding: 'invalid', problem: `${where} does not list it in publicKey` };
}

async function checkSignature(log: VerificationLog, token: string, assertion: JsonObject, issuer: Linked, fetcher: BadgeFetcher): Promise<void> {
  const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as JsonObject;
  if (header['alg'] !== 'RS256') return log.failed('signature', `the JWS uses alg ${JSON.stringify(header['alg'])}; Open Badges 2.0 signs with RS256`);
  const verification = verificationOf(assertion);
  const keyUrl = text(verification['creator']) ?? text(verification['url']) ?? (issuer.object ? idOf(list(issuer.object['publicKey'])[0]) : null);
  if (!keyUrl) return log.skipped('signature', 'the signed assertion names no key (verification.creator) and its issuer lists no publicKey');
  if (!isHttpUrl(keyUrl)) return log.skipped('signature', `the key ${keyUrl} is not an http(s) URL, so it cannot be fetched`);
  const key = await keyPem(keyUrl, fetcher);
  if ('problem' in key) return key.finding === 'invalid' ? log.failed('signature', key.problem) : log.skipped('signature', key.problem);
  const issuerId = issuer.object ? text(issuer.object['id']) : null;
  if (key.owner && issuerId && key.owner !== issuerId) return log.failed('signature', `the key ${keyUrl} belongs to ${key.owner}, not to the issuer ${issuerId}`);
  try {
    await compactVerify(token, await importSPKI(key.pem, 'RS256'), { algorithms: ['RS256'] });
  } catch (error) {
    return log.failed('signature', `the JWS signature does not verify with the key at ${keyUrl} (${messageOf(error)})`);
  }
  // A signature that verifies proves only that the key's holder signed: the key must also be the issuer's.
  const binding = await keyBindingProblem(keyUrl, issuer, fetcher);
  if (binding) return binding.finding === 'invalid' ? log.failed('signature', binding.problem) : log.skipped('signature', binding.problem);
  log.signatureVerified = true;
  log.passed('signature', `RS256 signature verified with the issuer's key ${keyUrl}`);
}

async function checkRevocationList(log: VerificationLog, assertion: JsonObject, issuer: JsonObject | null, fetcher: BadgeFetcher): Promise<void> {
  const url = issuer ? idOf(issuer['revocationList']) : null;
  if (!url) return log.notApplicable('revocation', 'the issuer publishes no revocationList');
  const fetched = await fetcher.get(url);
  if (!fetched.ok || !isObject(fetched.json)) {
    return log.skipped('revocation', `not checked: the revocation list ${url} is unreachable (${fetched.ok ? 'not JSON' : fetched.reason})`);
  }
  const id = text(assertion['id']);
  const uid = text(assertion['uid']);
  const entry = list(fetched.json['revokedAssertions']).find((item) =>
    typeof item === 'string' ? item === id : isObject(item) && ((id !== null && text(item['id']) === id) || (uid !== null && text(item['uid']) === uid)),
  );
  if (!entry) return log.passed('revocation', `not listed in the issuer's revocation list ${url}`);
  const reason = isObject(entry) ? text(entry['revocationReason']) : null;
  log.failed('revocation', `revoked: listed in the issuer's revocation list ${url}${reason ? ` (${reason})` : ''}`, 'revoked');
}

/** Logs the `expiry` check for an instant given as an ISO string (null: not applicable). */
export function checkExpiry(log: VerificationLog, expires: string | null, now: Date, notBefore: string | null = null): void {
  if (notBefore && Date.parse(notBefore) > now.getTime()) {
    log.failed('expiry', `not valid before ${notBefore}, after the check time ${now.toISOString()}`);
    return;
  }
  if (!expires) return log.notApplicable('expiry', 'the badge does not expire');
  if (Date.parse(expires) <= now.getTime()) return log.failed('expiry', `expired on ${expires}`, 'expired');
  log.passed('expiry', `valid until ${expires}`);
}

/**
 * Verifies an OB 2.0 Assertion given as JSON, or as the payload of a compact JWS (`token`).
 * @throws BadgeReadError when the assertion (or the fetched copy) is not a readable Assertion
 */
export async function verifyOb2Assertion(assertion: JsonObject, ctx: VerifyContext, token?: string): Promise<Verified> {
  const log = new VerificationLog();
  readOb2Assertion(assertion); // throws BadgeReadError before any fetch when the input itself is unreadable
  const declared = text(verificationOf(assertion)['type']) ?? 'hosted';
  const type = declared.toLowerCase();
  let current = assertion;
  if (!token && (type === 'hosted' || type === 'hostedbadge')) {
    current = (await checkHosted(log, assertion, ctx.fetcher)) ?? assertion;
  } else if (!token) {
    log.skipped('signature', `the assertion's verification type is ${JSON.stringify(declared)} but it came as plain JSON, without its JWS, so its signature could not be checked`);
  }
  const badge = await follow(current['badge'], 'BadgeClass', ctx.fetcher);
  if (badge.object && !typesOf(badge.object).includes('BadgeClass') && badge.fetchedFrom) {
    badge.problem = `${badge.fetchedFrom} is not a BadgeClass`;
    badge.object = null;
  }
  const issuer: Linked = badge.object ? await follow(badge.object['issuer'], 'issuer Profile', ctx.fetcher) : { object: null };
  if (token) await checkSignature(log, token, assertion, issuer, ctx.fetcher);
  if (badge.problem) log.skipped('badgeclass', `${badge.problem}; its name and skills could not be read`);
  else log.passed('badgeclass', badge.fetchedFrom ? `BadgeClass fetched from ${badge.fetchedFrom}` : 'BadgeClass embedded in the assertion');
  if (badge.object) {
    if (issuer.problem) log.skipped('issuer', issuer.problem);
    else log.passed('issuer', issuer.fetchedFrom ? `issuer Profile fetched from ${issuer.fetchedFrom}` : 'issuer Profile embedded in the BadgeClass');
  }
  await checkHostedOrigin(log, current, badge.object, issuer, ctx.fetcher);
  if (token) await checkRevocationList(log, assertion, issuer.object, ctx.fetcher);
  const described = badge.object ? { ...current, badge: { ...badge.object, issuer: issuer.object ?? badge.object['issuer'] } } : current;
  const description = readOb2Assertion(described);
  checkExpiry(log, description.expires, ctx.now);
  checkRecipient(log, ob2Identities(current), ctx.recipient);
  return { description, log };
}

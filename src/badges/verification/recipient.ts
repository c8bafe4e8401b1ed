/**
 * The recipient check: does the identity the caller gives (e-mail or URL) match the identity the badge was issued to?
 * Reads Open Badges 2.0 `recipient` (IdentityObject: `type`, `hashed`, `salt`, `identity` plain or `sha256$<hex>` /
 * `md5$<hex>`), Open Badges 3.0 `credentialSubject.identifier[]` (IdentityObject: `identityType`, `hashed`, `salt`,
 * `identityHash`) and `credentialSubject.id`, and Credly's `recipient_email`.
 * The hash is of identity + salt (salt may be absent); an e-mail is tried as given (trimmed) and lower-cased.
 * Pure; the identity is only compared, never kept or logged.
 */
import { createHash } from 'node:crypto';
import { type JsonObject, isObject, list, text } from '../badge-fields.js';
import type { RecipientIdentity } from './badge-verification.types.js';
import type { VerificationLog } from './verification-log.js';

type IdentityKind = 'email' | 'url';

/** One identity a badge names: its kind and the stored value (plain, or `alg$hex` when hashed). */
export interface BadgeIdentity {
  kind: IdentityKind | string;
  hashed: boolean;
  value: string;
  salt: string;
}

const KIND_ALIASES: Record<string, IdentityKind> = { email: 'email', emailaddress: 'email', url: 'url' };

function kindOf(type: string | null): IdentityKind | string {
  const key = (type ?? 'email').toLowerCase();
  return KIND_ALIASES[key] ?? key;
}

/** OB 2.0 `recipient`. */
export function ob2Identities(assertion: JsonObject): BadgeIdentity[] {
  const recipient = assertion['recipient'];
  if (!isObject(recipient)) return [];
  const value = text(recipient['identity']);
  if (!value) return [];
  return [{ kind: kindOf(text(recipient['type'])), hashed: recipient['hashed'] === true, value, salt: text(recipient['salt']) ?? '' }];
}

/** OB 3.0 `credentialSubject.identifier[]`, plus a `credentialSubject.id` that is a URL. */
export function ob3Identities(credential: JsonObject): BadgeIdentity[] {
  const out: BadgeIdentity[] = [];
  for (const subject of list(credential['credentialSubject']).filter(isObject)) {
    for (const identifier of list(subject['identifier']).filter(isObject)) {
      const value = text(identifier['identityHash']);
      if (!value) continue;
      out.push({ kind: kindOf(text(identifier['identityType'])), hashed: identifier['hashed'] === true, value, salt: text(identifier['salt']) ?? '' });
    }
    const id = text(subject['id']);
    if (id && /^https?:\/\//i.test(id)) out.push({ kind: 'url', hashed: false, value: id, salt: '' });
  }
  return out;
}

/** Credly's issued-badge `recipient_email` (plain). */
export function credlyIdentities(badge: JsonObject): BadgeIdentity[] {
  const email = text(badge['recipient_email']);
  return email ? [{ kind: 'email', hashed: false, value: email, salt: '' }] : [];
}

function normalised(kind: string, value: string): string {
  return kind === 'email' ? value.trim().toLowerCase() : value.trim();
}

/**
 * The forms of the given identity an issuer may have hashed: an e-mail as the learner wrote it (trimmed) and
 * lower-cased (issuers differ in whether they lower-case before hashing); any other identity trimmed.
 */
function hashCandidates(kind: string, given: string): string[] {
  return [...new Set([given.trim(), normalised(kind, given)])];
}

/** True when `given` is the identity stored in `identity`; null when its hash algorithm is not one we know. */
export function identityMatches(identity: BadgeIdentity, given: string): boolean | null {
  if (!identity.hashed) return normalised(identity.kind, identity.value) === normalised(identity.kind, given);
  const match = /^(sha256|md5)\$([0-9a-f]+)$/i.exec(identity.value);
  if (!match) return null;
  const expected = match[2].toLowerCase();
  return hashCandidates(identity.kind, given).some((candidate) => createHash(match[1].toLowerCase()).update(candidate + identity.salt).digest('hex') === expected);
}

/**
 * Logs the `recipient` check: not-applicable without a caller identity; skipped when the badge names no identity of
 * the kind given; passed when one matches; failed (status invalid, `recipientMismatch`) when none does.
 */
export function checkRecipient(log: VerificationLog, identities: BadgeIdentity[], recipient: RecipientIdentity | undefined): void {
  const given: Array<[IdentityKind, string]> = [];
  if (recipient?.email) given.push(['email', recipient.email]);
  if (recipient?.url) given.push(['url', recipient.url]);
  if (given.length === 0) {
    log.notApplicable('recipient', 'no recipient identity was given to check against');
    return;
  }
  const comparable = identities.filter((identity) => given.some(([kind]) => kind === identity.kind));
  if (comparable.length === 0) {
    const kinds = [...new Set(identities.map((i) => i.kind))];
    log.skipped(
      'recipient',
      kinds.length ? `the badge names its recipient by ${kinds.join(', ')}, not by the ${given.map(([k]) => k).join(' or ')} given` : 'the badge names no recipient identity to compare with',
      null,
    );
    return;
  }
  const results = comparable.map((identity) => given.filter(([kind]) => kind === identity.kind).map(([, value]) => identityMatches(identity, value)));
  if (results.flat().includes(true)) {
    log.passed('recipient', `the given ${comparable[0].kind} matches the badge's ${comparable[0].hashed ? 'hashed ' : ''}recipient identity`);
    return;
  }
  if (results.flat().every((r) => r === null)) {
    log.skipped('recipient', 'the badge hashes its recipient identity with an algorithm other than sha256 or md5', null);
    return;
  }
  log.recipientMismatch = true;
  log.failed('recipient', `the badge was not issued to the given ${comparable[0].kind}`);
}

/**
 * Readers for Open Badges 2.0 (Assertion, BadgeClass) and Open Badges 3.0 (OpenBadgeCredential /
 * AchievementCredential, Achievement). Field names follow the 1EdTech specifications; see
 * /work/shared/data/badges/ob2_spec_examples and ob3_spec_examples for real examples.
 */
import type { BadgeDescription, SkillHint } from './badge.types.js';
import { type JsonObject, isObject, isoDate, issuerName, lastUrlSegment, list, text, typesOf } from './badge-fields.js';
import { BadgeReadError, BadgeReadErrorCode } from './badge-read.exception.js';
import { alignmentHints, dedupeHints, namedHints } from './skill-hints.js';

/** Criteria as text: the narrative (OB 2.0 Criteria / OB 3.0 Criteria). A criteria URL alone is not text, so null. */
function criteriaNarrative(criteria: unknown): string | null {
  return isObject(criteria) ? text(criteria['narrative']) : null;
}

/** Alignments first, then tags (OB 2.0 `tags`, OB 3.0 `tag`), deduplicated. */
function badgeHints(badge: JsonObject): SkillHint[] {
  return dedupeHints([
    ...alignmentHints(badge['alignment']),
    ...namedHints([...list(badge['tags']), ...list(badge['tag'])], 'tag'),
  ]);
}

function requireName(object: JsonObject, what: string): string {
  const name = text(object['name']);
  if (!name) throw new BadgeReadError(BadgeReadErrorCode.MISSING_FIELD, `${what} has no name`);
  return name;
}

/** An Open Badges 2.0 BadgeClass: name, description, criteria narrative, issuer (inline Profile or URL). */
export function readOb2BadgeClass(badgeClass: JsonObject): BadgeDescription {
  return {
    format: 'ob2-badgeclass',
    name: requireName(badgeClass, 'Open Badges BadgeClass'),
    description: text(badgeClass['description']),
    criteria: criteriaNarrative(badgeClass['criteria']),
    issuer: issuerName(badgeClass['issuer']),
    issuedOn: null,
    expires: null,
    skillHints: badgeHints(badgeClass),
  };
}

/**
 * An Open Badges 2.0 Assertion. With the BadgeClass embedded, name, description, criteria, issuer and hints come
 * from it. With only its URL there is nothing to read skills from: no hints, issuer null, and the name is the
 * assertion's own `name` if any, else the BadgeClass URL's last path segment (".json" dropped).
 * @throws BadgeReadError (MISSING_FIELD) when there is no `badge`.
 */
export function readOb2Assertion(assertion: JsonObject): BadgeDescription {
  const badge = assertion['badge'];
  const dates = {
    issuedOn: isoDate(assertion['issuedOn'], 'Assertion issuedOn'),
    expires: isoDate(assertion['expires'], 'Assertion expires'),
  };
  if (isObject(badge) && text(badge['name'])) {
    return { ...readOb2BadgeClass(badge), format: 'ob2-assertion', ...dates };
  }
  const badgeUrl = typeof badge === 'string' ? text(badge) : isObject(badge) ? text(badge['id']) : null;
  if (!badgeUrl) {
    throw new BadgeReadError(
      BadgeReadErrorCode.MISSING_FIELD,
      'Open Badges Assertion has no badge: expected a BadgeClass object or its URL in "badge"',
    );
  }
  return {
    format: 'ob2-assertion',
    name: text(assertion['name']) ?? lastUrlSegment(badgeUrl) ?? badgeUrl,
    description: text(assertion['description']),
    criteria: null,
    issuer: null,
    ...dates,
    skillHints: [],
  };
}

/** An Open Badges 3.0 Achievement on its own (no dates); the issuer is its `creator`. */
export function readOb3Achievement(achievement: JsonObject): BadgeDescription {
  return {
    format: 'ob3-achievement',
    name: requireName(achievement, 'Open Badges Achievement'),
    description: text(achievement['description']),
    criteria: criteriaNarrative(achievement['criteria']),
    issuer: issuerName(achievement['creator']),
    issuedOn: null,
    expires: null,
    skillHints: badgeHints(achievement),
  };
}

/**
 * An Open Badges 3.0 OpenBadgeCredential / AchievementCredential (W3C VC 1.1 or 2.0).
 * Name, description, criteria and hints come from `credentialSubject.achievement`; the credential's own `name` and
 * `description` are only fallbacks (Credly puts the earner's name in the credential `name`).
 * Issued: VC 2.0 `validFrom`, else VC 1.1 `issuanceDate`, else OB 3.0 `awardedDate`.
 * Expires: `validUntil`, else `expirationDate`. Issuer: the credential `issuer`, else the achievement `creator`.
 * @throws BadgeReadError (MISSING_FIELD) when no credentialSubject holds an achievement object.
 */
export function readOb3Credential(credential: JsonObject): BadgeDescription {
  const subject = list(credential['credentialSubject'])
    .filter(isObject)
    .find((s) => isObject(s['achievement']));
  const achievement = subject?.['achievement'];
  if (!isObject(achievement)) {
    throw new BadgeReadError(
      BadgeReadErrorCode.MISSING_FIELD,
      `${typesOf(credential).join(', ') || 'credential'} has no credentialSubject.achievement object`,
    );
  }
  const name = text(achievement['name']) ?? text(credential['name']);
  if (!name) throw new BadgeReadError(BadgeReadErrorCode.MISSING_FIELD, 'Open Badges credential achievement has no name');
  return {
    format: 'ob3-credential',
    name,
    description: text(achievement['description']) ?? text(credential['description']),
    criteria: criteriaNarrative(achievement['criteria']),
    issuer: issuerName(credential['issuer']) ?? issuerName(achievement['creator']),
    issuedOn:
      isoDate(credential['validFrom'], 'credential validFrom') ??
      isoDate(credential['issuanceDate'], 'credential issuanceDate') ??
      isoDate(credential['awardedDate'], 'credential awardedDate'),
    expires:
      isoDate(credential['validUntil'], 'credential validUntil') ??
      isoDate(credential['expirationDate'], 'credential expirationDate'),
    skillHints: badgeHints(achievement),
  };
}

/**
 * Reads a badge from any supported JSON form into a `BadgeDescription` (name, description, criteria, issuer, dates,
 * skill hints) for the skill-mapping step. Pure: no network, so referenced documents (an Assertion's BadgeClass URL,
 * an issuer URL) are not fetched.
 *
 * Supported forms (input is already-parsed JSON):
 * - Open Badges 2.0 `Assertion` (BadgeClass embedded or by URL) and `BadgeClass`;
 * - Open Badges 3.0 `OpenBadgeCredential` / `AchievementCredential` (VC 1.1 or 2.0) and a bare `Achievement`;
 * - Credly API issued badge (optionally wrapped as `{ data: badge }`) and badge template;
 * - containers, for `readBadges`: a `VerifiablePresentation` (its `verifiableCredential`), the Credly list response
 *   `{ data: [templates], metadata }`, and a JSON array of any of the above.
 */
import type { BadgeDescription } from './badge.types.js';
import { type JsonObject, isObject, text, typesOf } from './badge-fields.js';
import { BadgeReadError, BadgeReadErrorCode, NOT_A_BADGE_PREFIX } from './badge-read.exception.js';
import { isCredlyIssuedBadge, isCredlyTemplate, readCredlyIssuedBadge, readCredlyTemplate } from './credly.js';
import { readOb2Assertion, readOb2BadgeClass, readOb3Achievement, readOb3Credential } from './open-badges.js';

export { BadgeReadError, BadgeReadErrorCode } from './badge-read.exception.js';

/** Open Badges / VC types that are recognised but are not badges, so the error can say what the input is. */
const NON_BADGE_TYPES = [
  'Endorsement',
  'EndorsementCredential',
  'Issuer',
  'Profile',
  'CryptographicKey',
  'RevocationList',
] as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string (parse the JSON, or decode the signed badge, first)';
  return `a ${typeof value}`;
}

/** The badges inside a container, or null when the input is not one. */
function containerItems(input: unknown): { where: string; items: unknown[] } | null {
  if (Array.isArray(input)) return { where: '', items: input };
  if (!isObject(input)) return null;
  if (typesOf(input).includes('VerifiablePresentation')) {
    const credentials = input['verifiableCredential'];
    return { where: 'verifiableCredential', items: Array.isArray(credentials) ? credentials : credentials ? [credentials] : [] };
  }
  if (Array.isArray(input['data'])) return { where: 'data', items: input['data'] };
  return null;
}

/** A Credly single-object response `{ data: {...} }` unwrapped; anything else as it is. */
function unwrapCredlyData(input: unknown): unknown {
  return isObject(input) && isObject(input['data']) && typesOf(input).length === 0 ? input['data'] : input;
}

function readSingle(input: unknown): BadgeDescription {
  if (!isObject(input)) {
    throw new BadgeReadError(BadgeReadErrorCode.NOT_AN_OBJECT, `${NOT_A_BADGE_PREFIX}: expected a parsed JSON object, got ${describe(input)}`);
  }
  const types = typesOf(input);
  if (types.includes('Assertion')) return readOb2Assertion(input);
  if (types.includes('BadgeClass')) return readOb2BadgeClass(input);
  if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')) return readOb3Credential(input);
  if (types.includes('Achievement')) return readOb3Achievement(input);
  const nonBadge = NON_BADGE_TYPES.find((t) => types.includes(t));
  if (nonBadge) {
    throw new BadgeReadError(BadgeReadErrorCode.NOT_A_BADGE, `${NOT_A_BADGE_PREFIX}: it is an Open Badges ${nonBadge}`);
  }
  if (types.includes('VerifiableCredential')) return readOb3Credential(input);
  if (isCredlyIssuedBadge(input)) return readCredlyIssuedBadge(input);
  if (isCredlyTemplate(input)) return readCredlyTemplate(input);
  throw new BadgeReadError(BadgeReadErrorCode.UNRECOGNISED_TYPE, `${NOT_A_BADGE_PREFIX}: ${unrecognised(input, types)}`);
}

function unrecognised(input: JsonObject, types: string[]): string {
  if (types.length > 0) return `type ${types.map((t) => `"${t}"`).join(', ')} is not supported`;
  if (input['revoked'] === true) {
    const reason = text(input['revocationReason']);
    return `a revoked hosted Assertion with no badge${reason ? ` (revocationReason: ${JSON.stringify(reason)})` : ''}`;
  }
  return 'no recognisable type';
}

/**
 * Every badge in the input: a container (VerifiablePresentation, Credly `{ data: [...] }` list, JSON array; nested
 * containers are expanded too) gives one description per member, in order; a single badge gives one.
 * @throws BadgeReadError for the first member that is not a badge, its message prefixed with where it is
 *   (e.g. "verifiableCredential[1]: …"); nothing is returned then.
 */
export function readBadges(input: unknown): BadgeDescription[] {
  const container = containerItems(input);
  if (!container) return [readSingle(unwrapCredlyData(input))];
  return container.items.flatMap((item, index) => {
    try {
      return readBadges(item);
    } catch (error) {
      if (!(error instanceof BadgeReadError)) throw error;
      throw new BadgeReadError(error.code, `${container.where}[${index}]: ${error.message}`);
    }
  });
}

/**
 * The one badge in the input (see the module comment for the forms). A container holding exactly one badge gives it.
 * @throws BadgeReadError when the input is not a badge in a supported form (code NOT_AN_OBJECT, UNRECOGNISED_TYPE,
 *   NOT_A_BADGE), lacks a field it needs (MISSING_FIELD, e.g. an Assertion with no `badge`), has a bad date
 *   (INVALID_FIELD), or is a container with more or fewer than one badge (NOT_ONE_BADGE: use `readBadges`).
 */
export function readBadge(input: unknown): BadgeDescription {
  if (!containerItems(input)) return readSingle(unwrapCredlyData(input));
  const badges = readBadges(input);
  if (badges.length !== 1) {
    throw new BadgeReadError(
      BadgeReadErrorCode.NOT_ONE_BADGE,
      `expected one badge, found ${badges.length} in this ${Array.isArray(input) ? 'array' : 'container'}: use readBadges`,
    );
  }
  return badges[0];
}

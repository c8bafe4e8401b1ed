/** Small readers over untyped JSON, shared by the Open Badges and Credly readers. */
import { BadgeReadError, BadgeReadErrorCode } from './badge-read.exception.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string, or null. */
export function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** JSON-LD lets a one-element list be written as the element alone; this reads both as a list. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The `type` values of a JSON-LD object, with any IRI or prefix dropped
 * ("https://w3id.org/openbadges#Assertion" and "obi:Assertion" both read as "Assertion").
 */
export function typesOf(object: JsonObject): string[] {
  return list(object['type'])
    .map(text)
    .filter((t): t is string => t !== null)
    .map((t) => t.replace(/^.*[#/:]/, ''));
}

/**
 * A date as an ISO 8601 UTC string (`Date.toISOString()`, millisecond precision), or null when absent.
 * @throws BadgeReadError (INVALID_FIELD) when present but not a parseable date string.
 */
export function isoDate(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  const millis = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw new BadgeReadError(BadgeReadErrorCode.INVALID_FIELD, `${field} is not an ISO 8601 date: ${JSON.stringify(value)}`);
  }
  return new Date(millis).toISOString();
}

/**
 * The name of an issuer given inline, or its id (URL or DID) when it is only referenced.
 * Reads Open Badges Profiles (`name`, `id`) and Credly issuers (`entities[].entity.name`, `summary` "issued by X").
 */
export function issuerName(issuer: unknown): string | null {
  if (typeof issuer === 'string') return text(issuer);
  if (!isObject(issuer)) return null;
  const named = text(issuer['name']);
  if (named) return named;
  const entities = list(issuer['entities']).filter(isObject);
  const primary = entities.find((e) => e['primary'] === true) ?? entities[0];
  const entityName = primary && isObject(primary['entity']) ? text(primary['entity']['name']) : null;
  if (entityName) return entityName;
  const summary = text(issuer['summary']);
  if (summary) return summary.replace(/^issued by\s+/i, '');
  return text(issuer['id']);
}

/** The last path segment of a URL, decoded, without a ".json" suffix; null when there is none. */
export function lastUrlSegment(url: string): string | null {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not an absolute URL (a urn:, a relative path): use it as it is
  }
  const segment = path.split('/').filter((s) => s !== '').pop();
  if (!segment) return null;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // keep the raw segment when it is not valid percent-encoding
  }
  return text(decoded.replace(/\.json$/i, ''));
}

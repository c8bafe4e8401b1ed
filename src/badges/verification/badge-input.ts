/**
 * Decoding what the caller sent into something to verify: a parsed JSON object, a string (JSON text, a compact JWS /
 * VC-JWT of three base64url parts, or an http(s) URL of a hosted badge) or an uploaded image (a baked PNG or SVG whose
 * payload is one of those strings). Pure.
 */
import { type JsonObject, isObject, typesOf } from '../badge-fields.js';
import { BadgeReadError, BadgeReadErrorCode } from '../badge-read.exception.js';
import type { BadgeImageInput } from './badge-verification.types.js';

export type DecodedString =
  | { kind: 'json'; value: JsonObject }
  | { kind: 'jws'; token: string; header: JsonObject; payload: JsonObject }
  | { kind: 'url'; url: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function malformed(message: string): never {
  throw new BadgeReadError(BadgeReadErrorCode.MALFORMED_INPUT, message);
}

export function isImageInput(input: unknown): input is BadgeImageInput {
  return isObject(input) && input['kind'] === 'image' && Buffer.isBuffer(input['bytes']);
}

function base64urlJson(part: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    malformed(`the compact JWS ${what} is not base64url-encoded JSON`);
  }
  if (!isObject(value)) malformed(`the compact JWS ${what} is not a JSON object`);
  return value;
}

/** A compact JWS split into its decoded header and payload (the signature is not checked here). */
export function decodeJws(token: string): { token: string; header: JsonObject; payload: JsonObject } {
  const [header, payload] = token.split('.');
  return { token, header: base64urlJson(header, 'header'), payload: base64urlJson(payload, 'payload') };
}

/**
 * What a badge string is.
 * @throws BadgeReadError MALFORMED_INPUT when it is none of JSON object text, a compact JWS or an http(s) URL
 */
export function decodeString(input: string): DecodedString {
  const value = input.replace(/^\uFEFF/, '').trim();
  if (value.startsWith('{') || value.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      malformed(`the badge is not valid JSON text: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isObject(parsed)) malformed('the badge JSON text is an array: send each badge as its own input');
    return { kind: 'json', value: parsed };
  }
  if (/^https?:\/\//i.test(value)) {
    try {
      return { kind: 'url', url: new URL(value).toString() };
    } catch {
      malformed(`the badge URL ${JSON.stringify(value.slice(0, 200))} does not parse`);
    }
  }
  if (COMPACT_JWS.test(value)) return { kind: 'jws', ...decodeJws(value) };
  malformed('the badge string is neither JSON, a compact JWS / VC-JWT (three base64url parts) nor an http(s) URL');
}

/** True when a JWS payload is a Verifiable Credential or Presentation (a VC-JWT) rather than an OB 2.0 Assertion. */
export function isVcJwtPayload(payload: JsonObject): boolean {
  if (isObject(payload['vc']) || isObject(payload['vp'])) return true;
  const types = typesOf(payload);
  return ['VerifiableCredential', 'OpenBadgeCredential', 'AchievementCredential', 'VerifiablePresentation'].some((t) => types.includes(t));
}

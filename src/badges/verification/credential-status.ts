/**
 * The `credential-status` check of an Open Badges 3.0 credential: each `credentialStatus` entry is looked up where
 * reachable (through the SSRF-guarded client):
 * - `1EdTechRevocationList` (1EdTech Revocation List Status Method): the list at the entry's `id`; the credential is
 *   revoked when `revokedCredentials[]` names its `id` (and does not say `revoked: false`);
 * - `BitstringStatusListEntry` (W3C Bitstring Status List v1.0) and `StatusList2021Entry`: the status list credential
 *   at `statusListCredential`; its `credentialSubject.encodedList` is the GZIP-compressed bitstring (multibase
 *   base64url `u…`, or plain base64url for StatusList2021), most significant bit first; the bit at
 *   `statusListIndex` set → revoked (or suspended, for `statusPurpose: "suspension"`).
 * Out of reach → the check is skipped ("not checked: <url> unreachable") and the badge is `unverified`.
 * The status list credential's own proof is not verified (its URL is the issuer's).
 */
import { gunzipSync } from 'node:zlib';
import { type JsonObject, isObject, list, text, typesOf } from '../badge-fields.js';
import type { BadgeFetcher } from './badge-fetcher.js';
import { type VerificationLog, messageOf } from './verification-log.js';

/** Decompressed bitstring cap (bytes): the spec's minimum list is 16 KB; 16 MB is 134 million entries. */
const MAX_BITSTRING_BYTES = 16 * 1024 * 1024;

function decodeBitstring(encoded: string): Buffer {
  const base64url = encoded.startsWith('u') ? encoded.slice(1) : encoded;
  return gunzipSync(Buffer.from(base64url, 'base64url'), { maxOutputLength: MAX_BITSTRING_BYTES });
}

/** The status list credential: JSON, or the payload of a VC-JWT (`vc` claim or the payload itself). */
function statusListCredential(json: unknown, body: string): JsonObject | null {
  if (isObject(json)) return json;
  const parts = body.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return isObject(payload) ? (isObject(payload['vc']) ? payload['vc'] : payload) : null;
  } catch {
    return null;
  }
}

async function checkRevocationList(log: VerificationLog, credentialId: string | null, entry: JsonObject, fetcher: BadgeFetcher): Promise<void> {
  const url = text(entry['id']);
  if (!url) return log.failed('credential-status', '1EdTechRevocationList status entry has no id (the list URL)');
  const fetched = await fetcher.get(url);
  if (!fetched.ok) return log.skipped('credential-status', `not checked: ${url} unreachable (${fetched.reason})`);
  if (!isObject(fetched.json)) return log.skipped('credential-status', `not checked: ${url} did not answer with a revocation list`);
  const listed = list(fetched.json['revokedCredentials']).find((item) =>
    typeof item === 'string' ? item === credentialId : isObject(item) && text(item['id']) === credentialId && item['revoked'] !== false,
  );
  if (!listed) return log.passed('credential-status', `not listed in the issuer's revocation list ${url}`);
  const reason = isObject(listed) ? text(listed['revocationReason']) : null;
  log.failed('credential-status', `revoked: listed in the issuer's revocation list ${url}${reason ? ` (${reason})` : ''}`, 'revoked');
}

async function checkStatusList(log: VerificationLog, entry: JsonObject, fetcher: BadgeFetcher): Promise<void> {
  const url = text(entry['statusListCredential']);
  const index = Number.parseInt(String(entry['statusListIndex'] ?? ''), 10);
  if (!url || !Number.isInteger(index) || index < 0) {
    return log.failed('credential-status', 'status list entry lacks statusListCredential or a non-negative statusListIndex');
  }
  const fetched = await fetcher.get(url);
  if (!fetched.ok) return log.skipped('credential-status', `not checked: ${url} unreachable (${fetched.reason})`);
  const statusCredential = statusListCredential(fetched.json, fetched.text);
  const subject = statusCredential ? list(statusCredential['credentialSubject']).find(isObject) : undefined;
  const encoded = subject ? text(subject['encodedList']) : null;
  if (!encoded) return log.skipped('credential-status', `not checked: ${url} is not a status list credential (no encodedList)`);
  let bits: Buffer;
  try {
    bits = decodeBitstring(encoded);
  } catch (error) {
    return log.failed('credential-status', `the status list at ${url} does not decode: ${messageOf(error)}`);
  }
  if (index >= bits.length * 8) return log.failed('credential-status', `statusListIndex ${index} is past the end of the ${bits.length * 8}-entry list at ${url}`);
  const set = ((bits[index >> 3] >> (7 - (index & 7))) & 1) === 1;
  const purpose = text(entry['statusPurpose']) ?? 'revocation';
  if (!set) return log.passed('credential-status', `${purpose} bit ${index} is clear in the status list ${url}`);
  if (purpose === 'revocation' || purpose === 'suspension') {
    return log.failed('credential-status', `${purpose === 'revocation' ? 'revoked' : 'suspended'}: bit ${index} is set in the status list ${url}`, 'revoked');
  }
  log.passed('credential-status', `status bit ${index} (${purpose}) is set in ${url}; only revocation and suspension affect the badge`);
}

/** Logs one `credential-status` check per entry (not-applicable when there is none). */
export async function checkCredentialStatus(log: VerificationLog, credential: JsonObject, fetcher: BadgeFetcher): Promise<void> {
  const entries = list(credential['credentialStatus']).filter(isObject);
  if (entries.length === 0) return log.notApplicable('credential-status', 'the credential has no credentialStatus');
  for (const entry of entries) {
    const type = typesOf(entry)[0] ?? '(no type)';
    if (type === '1EdTechRevocationList') await checkRevocationList(log, text(credential['id']), entry, fetcher);
    else if (type === 'BitstringStatusListEntry' || type === 'StatusList2021Entry') await checkStatusList(log, entry, fetcher);
    else log.skipped('credential-status', `not checked: status type ${type} is not supported`);
  }
}

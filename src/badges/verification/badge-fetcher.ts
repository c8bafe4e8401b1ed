/**
 * Fetches the documents a badge points to (hosted assertions, BadgeClasses, issuer Profiles, keys, revocation and
 * status lists, did:web documents) through the SSRF-guarded `HttpClientPort`, once per URL per verification call.
 * Never throws: a failure is `{ ok: false, reason }` naming the URL and what went wrong.
 */
import { HttpError, type HttpClientPort } from '../../infra/http/http-client.types.js';
import { messageOf } from './verification-log.js';

/** Biggest badge-related document we read (bytes): assertions, profiles and keys are a few KB, status lists tens. */
export const BADGE_DOCUMENT_MAX_BYTES = 2 * 1024 * 1024;
/** Attempts per badge document (assertion, BadgeClass, key, status list), including the first. */
export const BADGE_FETCH_ATTEMPTS = 2;
/** Timeout per badge document request, milliseconds. */
export const BADGE_FETCH_TIMEOUT_MS = 5_000;

export type Fetched =
  | { ok: true; url: string; status: number; text: string; json: unknown }
  | { ok: false; url: string; reason: string };

export class BadgeFetcher {
  private readonly memo = new Map<string, Promise<Fetched>>();

  constructor(private readonly http: HttpClientPort) {}

  /**
   * GET `url`; `json` is the parsed body or undefined when it is not JSON.
   * @param acceptStatuses statuses besides 2xx to return rather than fail (e.g. [404, 410] for a hosted assertion)
   */
  get(url: string, acceptStatuses: number[] = []): Promise<Fetched> {
    const key = `${acceptStatuses.join(',')} ${url}`;
    let found = this.memo.get(key);
    if (!found) this.memo.set(key, (found = this.load(url, acceptStatuses)));
    return found;
  }

  private async load(url: string, acceptStatuses: number[]): Promise<Fetched> {
    try {
      const response = await this.http.request(url, {
        headers: { accept: 'application/ld+json, application/json;q=0.9, */*;q=0.5' },
        maxBytes: BADGE_DOCUMENT_MAX_BYTES,
        acceptStatuses,
        // A person waits on this request: one retry and a short timeout, so an issuer out of reach costs seconds, not tens.
        attempts: BADGE_FETCH_ATTEMPTS,
        timeoutMs: BADGE_FETCH_TIMEOUT_MS,
      });
      const text = response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { ok: true, url: response.url, status: response.status, text, json };
    } catch (error) {
      const reason = error instanceof HttpError ? error.message || error.code : messageOf(error);
      return { ok: false, url, reason };
    }
  }
}

/** True for http: and https: URLs (the only ones worth fetching; urn:uuid ids and DIDs are not). */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The contract of Skillpulse's outbound HTTP client (`HttpClient`, src/infra/http/http-client.ts): every fetch the
 * service makes (job-source connectors, hosted badge assertions, issuer keys, status lists) goes through it.
 *
 * What it guarantees:
 * - SSRF guard: the target's resolved addresses (after DNS, on the first request and on every redirect) must not be
 *   private, loopback, link-local, unique-local, multicast or unspecified, unless `host` or `host:port` is listed in
 *   `FETCH_ALLOW_HOSTS` (config `fetch.allowHosts`); only http: and https: URLs.
 * - Politeness: per-host concurrency and minimum interval between requests; a User-Agent naming the service.
 * - Timeouts (connect + whole response), a response size cap (bytes), at most `maxRedirects` redirects.
 * - Retries of transient faults (network errors, 408, 429, 5xx) with exponential backoff and full jitter, honouring
 *   `Retry-After` (seconds or HTTP date) on 429 and 503; never a retry on other 4xx.
 * - Conditional requests: `etag` / `lastModified` in the options become `If-None-Match` / `If-Modified-Since`; a 304 is
 *   returned as `status: 304, notModified: true` with an empty body.
 */
export interface HttpRequestOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  /** Request body for POST (already serialised). */
  body?: string;
  /** Validators from a previous response, sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  /** Whole-request timeout in milliseconds (default from config). */
  timeoutMs?: number;
  /** Response body cap in bytes (default from config); a bigger body fails with `HttpErrorCode.TOO_LARGE`. */
  maxBytes?: number;
  /** Attempts including the first (default from config; 1 = no retry). */
  attempts?: number;
  /** Statuses other than 2xx/304 to return rather than throw (e.g. [404, 410] for a revoked hosted assertion). */
  acceptStatuses?: number[];
  signal?: AbortSignal;
}

export interface HttpResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body decoded as UTF-8. */
  text(): string;
  /** The body parsed as JSON; throws `HttpError` with code INVALID_JSON when it is not JSON. */
  json<T = unknown>(): T;
  /** Attempts made (1 = no retry). */
  attempts: number;
}

export enum HttpErrorCode {
  /** The URL is not http(s) or cannot be parsed. */
  BAD_URL = 'bad-url',
  /** The host resolves to a private/loopback/link-local address and is not in FETCH_ALLOW_HOSTS. */
  BLOCKED_ADDRESS = 'blocked-address',
  TIMEOUT = 'timeout',
  TOO_LARGE = 'too-large',
  TOO_MANY_REDIRECTS = 'too-many-redirects',
  /** A non-2xx status not listed in `acceptStatuses`, after retries where retryable. */
  HTTP_STATUS = 'http-status',
  NETWORK = 'network',
  INVALID_JSON = 'invalid-json',
}

/** Every failure of `HttpClient.request`: `code` says which kind, `status` the last HTTP status when there was one. */
export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly url: string,
    readonly status: number | null = null,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface HttpClientPort {
  /** Fetches `url`; resolves with the response or rejects with an `HttpError`. */
  request(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
}

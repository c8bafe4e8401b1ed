import { STATUS_CODES } from 'node:http';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import PQueue from 'p-queue';
import { Agent, request as undiciRequest } from 'undici';
import { config } from '../../config/config.js';
import { BlockedAddressError, blockedRange, guardedLookup, isAllowedHost } from './address-guard.js';
import { buildResponse, flattenHeaders, readCappedBody } from './http-body.js';
import { HttpError, HttpErrorCode, type HttpClientPort, type HttpRequestOptions, type HttpResponse } from './http-client.types.js';
import { isRetryableStatus, retryDelayMs } from './retry-policy.js';

/** Settings of one HttpClient; every field defaults from the FETCH_* configuration (src/config/config.ts). */
export interface HttpClientOptions {
  /** FETCH_ALLOW_HOSTS: `host` or `host:port` entries allowed despite private/loopback/link-local addresses. */
  allowHosts: string[];
  /** Per request on the wire (connect, headers and body of one hop), milliseconds; queueing and backoff not counted. */
  timeoutMs: number;
  maxBytes: number;
  /** Attempts including the first. */
  attempts: number;
  /** Backoff base, milliseconds (doubles per retry, full jitter). */
  backoffMs: number;
  /** Longest wait between attempts, milliseconds; a longer Retry-After is shortened to this. */
  maxRetryDelayMs: number;
  /** Requests in flight per host (`host:port`), and the minimum gap between two request starts to one host (ms). */
  hostConcurrency: number;
  hostMinIntervalMs: number;
  userAgent: string;
  maxRedirects: number;
}

/** Nest provider token for {@link HttpClientOptions} overrides (optional: without it the configuration applies). */
export const HTTP_CLIENT_OPTIONS = Symbol('HTTP_CLIENT_OPTIONS');
/** Nest provider token for the `HttpClientPort` (bound to HttpClient by HttpClientModule). */
export const HTTP_CLIENT = Symbol('HTTP_CLIENT');

/** The client's settings from the validated configuration. */
export function httpClientOptionsFromConfig(): HttpClientOptions {
  const c = config();
  return {
    allowHosts: c.FETCH_ALLOW_HOSTS,
    timeoutMs: c.FETCH_TIMEOUT_MS,
    maxBytes: c.FETCH_MAX_BYTES,
    attempts: c.FETCH_ATTEMPTS,
    backoffMs: c.FETCH_BACKOFF_MS,
    maxRetryDelayMs: 60_000,
    hostConcurrency: c.FETCH_HOST_CONCURRENCY,
    hostMinIntervalMs: c.FETCH_HOST_MIN_INTERVAL_MS,
    userAgent: c.FETCH_USER_AGENT,
    maxRedirects: 5,
  };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface HostSlot {
  queue: PQueue;
  /** Date.now() before which no further request to the host may start. */
  nextStart: number;
}

/** Credentials that must not follow a redirect to another origin. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'authorization-key', 'cookie', 'proxy-authorization', 'host'];

interface Hop {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The guarded, polite outbound HTTP client (contract and guarantees: http-client.types.ts). Built on undici:
 * addresses are checked in the sockets' DNS lookup (so at connect time, after DNS, for every hop), literal IPs before
 * the request; redirects are followed here (manual mode), each hop re-checked, at most `maxRedirects`. Each host
 * has a p-queue (concurrency) and a next-start reservation (minimum interval between starts); every attempt and every
 * hop waits its turn, backoff waits do not hold a slot.
 */
@Injectable()
export class HttpClient implements HttpClientPort, OnModuleDestroy {
  private readonly logger = new Logger(HttpClient.name);
  private readonly settings: HttpClientOptions;
  /** Connections to hosts not in the allow-list: resolved addresses must be public. */
  private readonly guarded: Agent;
  /** Connections to allow-listed hosts. */
  private readonly trusted: Agent;
  /** Per host (`host:port`): the queue limiting requests in flight, and the earliest instant the next request may start. */
  private readonly hosts = new Map<string, HostSlot>();

  constructor(@Optional() @Inject(HTTP_CLIENT_OPTIONS) options: Partial<HttpClientOptions> = {}) {
    this.settings = { ...httpClientOptionsFromConfig(), ...options };
    this.settings.allowHosts = this.settings.allowHosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
    this.guarded = new Agent({ connect: { lookup: guardedLookup } });
    this.trusted = new Agent();
  }

  /**
   * Fetches `url` (http or https) with retries; resolves on 2xx, on 304 (`notModified`) and on `acceptStatuses`.
   * @throws HttpError: BAD_URL, BLOCKED_ADDRESS (names the address), TIMEOUT, TOO_LARGE, TOO_MANY_REDIRECTS,
   *   HTTP_STATUS (other statuses, after retries where retryable; `status` set), NETWORK (also when `signal` aborts).
   */
  async request(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
    const attempts = Math.max(1, options.attempts ?? this.settings.attempts);
    this.parseUrl(url); // BAD_URL before anything is queued or retried
    for (let attempt = 1; ; attempt++) {
      let hop: Hop;
      try {
        hop = await this.follow(url, options);
      } catch (error) {
        const failure = this.asHttpError(error, url, attempt);
        const retryable = failure.code === HttpErrorCode.NETWORK || failure.code === HttpErrorCode.TIMEOUT;
        if (!retryable || attempt >= attempts || options.signal?.aborted) throw failure;
        await this.backoff(attempt, null, null, url, failure.message, options.signal);
        continue;
      }
      const accepted = (hop.status >= 200 && hop.status < 300) || hop.status === 304 || options.acceptStatuses?.includes(hop.status);
      if (accepted) return buildResponse(hop.url, hop.status, hop.headers, hop.status === 304 ? Buffer.alloc(0) : hop.body, attempt);
      const message = `HTTP ${hop.status} ${STATUS_CODES[hop.status] ?? ''} from ${hop.url}`.replace(/ +/g, ' ');
      if (!isRetryableStatus(hop.status) || attempt >= attempts) {
        throw new HttpError(HttpErrorCode.HTTP_STATUS, attempt > 1 ? `${message} after ${attempt} attempts` : message, hop.url, hop.status, attempt);
      }
      await this.backoff(attempt, hop.status, hop.headers['retry-after'] ?? null, url, message, options.signal);
    }
  }

  /** Closes pooled connections (Nest calls it on shutdown; tests call it in afterAll). */
  async close(): Promise<void> {
    await Promise.all([this.guarded.close(), this.trusted.close()]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async backoff(retry: number, status: number | null, retryAfter: string | null, url: string, why: string, signal?: AbortSignal) {
    const delay = retryDelayMs({ retry, status, retryAfter, baseMs: this.settings.backoffMs, maxDelayMs: this.settings.maxRetryDelayMs });
    this.logger.debug(`retry ${retry} of ${url} in ${delay} ms (${why})`);
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      throw new HttpError(HttpErrorCode.NETWORK, `request to ${url} aborted`, url, status, retry);
    }
  }

  /** One attempt: the request and its redirects, each hop checked and queued on its host. */
  private async follow(startUrl: string, options: HttpRequestOptions): Promise<Hop> {
    let url = startUrl;
    let method = options.method ?? 'GET';
    let body = options.body;
    const headers = this.requestHeaders(options);
    for (let redirects = 0; ; redirects++) {
      const hop = await this.onHost(url, () => this.send(url, method, headers, body, options), options.signal);
      const location = hop.headers.location;
      if (!REDIRECTS.has(hop.status) || !location) return hop;
      if (redirects >= this.settings.maxRedirects) {
        throw new HttpError(HttpErrorCode.TOO_MANY_REDIRECTS, `more than ${this.settings.maxRedirects} redirects from ${startUrl}`, url, hop.status);
      }
      const next = this.parseUrl(location, url);
      if (next.origin !== new URL(url).origin) for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
      if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
      }
      url = next.href;
    }
  }

  private requestHeaders(options: HttpRequestOptions): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.settings.userAgent,
      accept: 'application/json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    return headers;
  }

  /**
   * Runs `task` in its host's turn: at most `hostConcurrency` at once, and each start at least `hostMinIntervalMs`
   * after the previous start to that host. The spacing is a reservation (`nextStart`) taken when a task gets its slot,
   * so it holds for retries and redirects alike. A host's entry is forgotten only once it is idle and its next start
   * is due (so a later request may start at once without breaking the spacing), keeping the map as small as the
   * hosts in use.
   */
  private async onHost<T>(url: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    let slot = this.hosts.get(host);
    if (!slot) {
      slot = { queue: new PQueue({ concurrency: this.settings.hostConcurrency }), nextStart: 0 };
      this.hosts.set(host, slot);
    }
    const entry = slot;
    try {
      return await entry.queue.add(async () => {
        const now = Date.now();
        const start = Math.max(now, entry.nextStart);
        entry.nextStart = start + this.settings.hostMinIntervalMs;
        if (start > now) await sleep(start - now, undefined, { signal });
        return task();
      }, { signal });
    } finally {
      this.forgetWhenIdle(host, entry);
    }
  }

  private forgetWhenIdle(host: string, slot: HostSlot): void {
    const forget = () => {
      if (this.hosts.get(host) !== slot || slot.queue.size > 0 || slot.queue.pending > 0) return;
      const due = slot.nextStart - Date.now();
      if (due <= 0) this.hosts.delete(host);
      else setTimeout(forget, due + 1).unref();
    };
    setTimeout(forget, 0).unref();
  }

  private parseUrl(value: string, base?: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(value, base);
    } catch {
      throw new HttpError(HttpErrorCode.BAD_URL, `not a URL: ${value}`, value);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new HttpError(HttpErrorCode.BAD_URL, `only http and https URLs are fetched, not ${parsed.protocol} (${parsed.href})`, parsed.href);
    }
    return parsed;
  }

  /** One request on the wire: address check, timeout, body read under the size cap. */
  private async send(url: string, method: string, headers: Record<string, string>, body: string | undefined, options: HttpRequestOptions): Promise<Hop> {
    const target = this.parseUrl(url);
    const hostname = target.hostname.replace(/^\[|\]$/g, '');
    const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
    const trusted = isAllowedHost(this.settings.allowHosts, hostname, port);
    if (!trusted && isIP(hostname)) {
      const range = blockedRange(hostname);
      if (range) throw new HttpError(HttpErrorCode.BLOCKED_ADDRESS, blockedMessage(hostname, hostname, range, port), url);
    }
    const timeoutMs = options.timeoutMs ?? this.settings.timeoutMs;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    const signal = options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal;
    try {
      const response = await undiciRequest(url, {
        dispatcher: trusted ? this.trusted : this.guarded,
        method: method as 'GET',
        headers,
        body: method === 'POST' ? body : undefined,
        signal,
      });
      const responseHeaders = flattenHeaders(response.headers);
      const status = response.statusCode;
      const wanted = (status >= 200 && status < 300) || options.acceptStatuses?.includes(status);
      // Redirects, 304, HEAD and error statuses carry no body we use: drain it (undici caps the drain) and move on.
      if (!wanted || method === 'HEAD') {
        await response.body.dump().catch(() => undefined);
        return { url, status: response.statusCode, headers: responseHeaders, body: Buffer.alloc(0) };
      }
      const maxBytes = options.maxBytes ?? this.settings.maxBytes;
      const content = await readCappedBody(response.body, responseHeaders, maxBytes, url, () => response.body.destroy());
      return { url, status: response.statusCode, headers: responseHeaders, body: content };
    } catch (error) {
      if (timer.signal.aborted && !options.signal?.aborted) {
        throw new HttpError(HttpErrorCode.TIMEOUT, `no complete response from ${url} within ${timeoutMs} ms`, url);
      }
      const blocked = findBlocked(error);
      if (blocked) throw new HttpError(HttpErrorCode.BLOCKED_ADDRESS, blockedMessage(blocked.hostname, blocked.address, blocked.range, port), url);
      throw error;
    } finally {
      clearTimeout(handle);
    }
  }

  private asHttpError(error: unknown, url: string, attempt: number): HttpError {
    if (error instanceof HttpError) {
      return error.attempts === attempt ? error : new HttpError(error.code, error.message, error.url, error.status, attempt);
    }
    const e = error as Error & { code?: string };
    const detail = [e?.code, e?.message].filter(Boolean).join(' ');
    return new HttpError(HttpErrorCode.NETWORK, `request to ${url} failed: ${detail || String(error)}`, url, null, attempt);
  }
}

function blockedMessage(hostname: string, address: string, range: string, port: number): string {
  const target = hostname === address ? address : `${hostname} (${address})`;
  // An IPv6 host takes brackets before a port ("[::1]:8080"); "::1:8080" would read as another address.
  const withPort = `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  return `refused to fetch ${target}: ${address} is a ${range} address; list "${hostname}" or "${withPort}" in FETCH_ALLOW_HOSTS to allow it`;
}

/** The BlockedAddressError behind an undici connect failure (it may be wrapped as `cause`). */
function findBlocked(error: unknown): BlockedAddressError | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof BlockedAddressError) return e;
  }
  return null;
}

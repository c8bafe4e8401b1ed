import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/**
 * A local HTTP server for tests of outbound fetching: serves recorded (or hand-written) responses by route and
 * records every request it got, with the instant it arrived, so tests can assert request counts, headers and the
 * gap between a 429 and its retry. Listens on 127.0.0.1, port 0 (any free port): list `server.host` in the
 * HttpClient's allowHosts.
 *
 * ```ts
 * const server = await RecordedServer.start();
 * server.on('/v0/postings/acme?mode=json&skip=2&limit=2', [{ status: 429, headers: { 'retry-after': '1' } }, { json: [c, d] }]);
 * server.on('/api', { file: join(SHARED_DATA_DIR, 'jobs/remoteok/remoteok_api_response_2026-03-17.json') });
 * ```
 */

/** One recorded request. */
export interface RecordedRequest {
  method: string;
  /** Path and query as sent, e.g. "/v0/postings/acme?mode=json&skip=0&limit=2". */
  url: string;
  /** Lower-cased header names. */
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when the request arrived, milliseconds. */
  receivedAt: number;
  /** Requests in flight at this server when this one arrived (itself included). */
  inFlight: number;
}

/** What the server answers. `json` is serialised; `file` is read in place (shared data is never copied). */
export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  json?: unknown;
  file?: string;
  /** Wait this long before answering, milliseconds (to keep requests in flight or trip a timeout). */
  delayMs?: number;
  /** Send the body gzip-compressed with Content-Encoding: gzip. */
  gzip?: boolean;
}

/** A function answer gets the request and how many times this route was hit before (0 for the first call). */
export type Responder = Answer | Answer[] | ((request: RecordedRequest, callIndex: number) => Answer | Promise<Answer>);

/** A route matches a path ("/api": any query), a path with query ("/x?a=1": exactly), a RegExp or a predicate on the URL. */
export type RouteMatcher = string | RegExp | ((url: URL) => boolean);

interface Route {
  matches: (url: URL) => boolean;
  responder: Responder;
  calls: number;
}

export class RecordedServer {
  readonly requests: RecordedRequest[] = [];
  /** The most requests that were in flight at once. */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly routes: Route[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Starts a server on 127.0.0.1 with a free port. */
  static async start(): Promise<RecordedServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const recorded = new RecordedServer(server, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        recorded.inFlight++;
        recorded.maxInFlight = Math.max(recorded.maxInFlight, recorded.inFlight);
        const request: RecordedRequest = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: Date.now(),
          inFlight: recorded.inFlight,
        };
        recorded.requests.push(request);
        res.on('close', () => recorded.inFlight--);
        recorded
          .answer(request)
          .then(async (answer) => {
            if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
            let body = answer.file ? await readFile(answer.file) : answer.json !== undefined ? JSON.stringify(answer.json) : (answer.body ?? '');
            const headers: Record<string, string> = { ...(answer.json !== undefined ? { 'content-type': 'application/json' } : {}), ...answer.headers };
            if (answer.gzip) {
              body = gzipSync(body);
              headers['content-encoding'] = 'gzip';
            }
            if (res.destroyed) return;
            res.writeHead(answer.status ?? 200, headers);
            res.end(request.method === 'HEAD' ? undefined : body);
          })
          .catch((error: Error) => {
            if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' });
            res.end(`recorded-server: ${error.message}`);
          });
      });
    });
    return recorded;
  }

  /** "http://127.0.0.1:<port>" */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** "127.0.0.1:<port>", the entry for allowHosts. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  /**
   * Adds a route (the first matching route answers). An array answers in order, its last element repeating:
   * `[{ status: 429, headers: { 'retry-after': '1' } }, { json: page }]` = first call 429, then the page.
   */
  on(matcher: RouteMatcher, responder: Responder): this {
    this.routes.push({ matches: toPredicate(matcher), responder, calls: 0 });
    return this;
  }

  /** Requests whose path (with query when `pathOrUrl` has one) equals `pathOrUrl`. */
  requestsTo(pathOrUrl: string): RecordedRequest[] {
    const match = toPredicate(pathOrUrl);
    return this.requests.filter((r) => match(new URL(r.url, this.origin)));
  }

  /** Forgets recorded requests, routes' call counts and the in-flight maximum (routes stay). */
  reset(): void {
    this.requests.length = 0;
    this.maxInFlight = 0;
    for (const route of this.routes) route.calls = 0;
  }

  /** Removes every route and recorded request. */
  clear(): void {
    this.reset();
    this.routes.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: RecordedRequest): Promise<Answer> {
    const url = new URL(request.url, this.origin);
    const route = this.routes.find((r) => r.matches(url));
    if (!route) return { status: 404, body: `recorded-server: no route for ${request.method} ${request.url}` };
    const callIndex = route.calls++;
    const { responder } = route;
    if (typeof responder === 'function') return responder(request, callIndex);
    if (Array.isArray(responder)) return responder[Math.min(callIndex, responder.length - 1)];
    return responder;
  }
}

function toPredicate(matcher: RouteMatcher): (url: URL) => boolean {
  if (typeof matcher === 'function') return matcher;
  if (matcher instanceof RegExp) return (url) => matcher.test(url.pathname + url.search);
  if (matcher.includes('?')) {
    const wanted = new URL(matcher, 'http://x');
    return (url) => url.pathname === wanted.pathname && sameQuery(url.searchParams, wanted.searchParams);
  }
  return (url) => url.pathname === matcher;
}

/** Same query parameters regardless of order. */
function sameQuery(a: URLSearchParams, b: URLSearchParams): boolean {
  const sort = (p: URLSearchParams) => [...p.entries()].map(([k, v]) => `${k}=${v}`).sort().join('&');
  return sort(a) === sort(b);
}

import { HttpClient, type HttpClientOptions } from '../src/infra/http/http-client.js';
import { HttpError, HttpErrorCode } from '../src/infra/http/http-client.types.js';
import { RecordedServer, type Answer } from './support/recorded-server.js';

/** The guarded HTTP client against real local servers (no mocks): SSRF guard, retries, limits, validators. */
describe('HttpClient', () => {
  let server: RecordedServer;
  let other: RecordedServer;
  const clients: HttpClient[] = [];

  /** A client with tiny backoffs that allows `server` (and nothing else private) unless told otherwise. */
  const client = (options: Partial<HttpClientOptions> = {}) => {
    const c = new HttpClient({
      allowHosts: [server.host],
      backoffMs: 10,
      attempts: 3,
      hostMinIntervalMs: 0,
      hostConcurrency: 4,
      timeoutMs: 5_000,
      userAgent: 'Skillpulse-test/1.0 (+https://example.org/skillpulse)',
      ...options,
    });
    clients.push(c);
    return c;
  };

  const failure = async (promise: Promise<unknown>): Promise<HttpError> => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      return error as HttpError;
    }
    throw new Error('expected the request to fail');
  };

  beforeAll(async () => {
    server = await RecordedServer.start();
    other = await RecordedServer.start();
  });
  afterEach(() => {
    server.clear();
    other.clear();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([server.close(), other.close()]);
  });

  describe('SSRF guard', () => {
    it('refuses 127.0.0.1 when it is not in allowHosts, naming the address, and sends nothing', async () => {
      server.on('/ok', { body: 'secret' });
      const error = await failure(client({ allowHosts: [] }).request(`${server.origin}/ok`));
      expect(error.code).toBe(HttpErrorCode.BLOCKED_ADDRESS);
      expect(error.message).toContain('127.0.0.1 is a loopback address');
      expect(error.attempts).toBe(1);
      expect(server.requests).toHaveLength(0);
    });

    it('refuses a name that resolves to loopback (checked after DNS)', async () => {
      const error = await failure(client({ allowHosts: [] }).request(`http://localhost:${server.port}/ok`));
      expect(error.code).toBe(HttpErrorCode.BLOCKED_ADDRESS);
      expect(error.message).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
      expect(server.requests).toHaveLength(0);
    });

    it.each([
      ['decimal IPv4', (port: number) => `http://2130706433:${port}/ok`, '127.0.0.1 is a loopback address'],
      ['IPv4-mapped IPv6', (port: number) => `http://[::ffff:127.0.0.1]:${port}/ok`, 'is a loopback address'],
      ['IPv6 loopback', (port: number) => `http://[::1]:${port}/ok`, '::1 is a loopback address'],
      ['metadata address', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a linkLocal address'],
    ])('refuses a %s spelling', async (_name, url, message) => {
      const error = await failure(client({ allowHosts: [] }).request(url(server.port)));
      expect(error.code).toBe(HttpErrorCode.BLOCKED_ADDRESS);
      expect(error.message).toContain(message);
      expect(server.requests).toHaveLength(0);
    });

    it('refuses a redirect from an allowed host to a disallowed private address', async () => {
      server.on('/jump', { status: 302, headers: { location: `${other.origin}/internal` } });
      other.on('/internal', { body: 'metadata' });
      const error = await failure(client().request(`${server.origin}/jump`));
      expect(error.code).toBe(HttpErrorCode.BLOCKED_ADDRESS);
      expect(error.message).toContain(`127.0.0.1 is a loopback address`);
      expect(error.message).toContain(`127.0.0.1:${other.port}`);
      expect(server.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
    });

    it('refuses a redirect to a disallowed name that resolves privately', async () => {
      server.on('/jump', { status: 301, headers: { location: `http://localhost:${other.port}/internal` } });
      const error = await failure(client().request(`${server.origin}/jump`));
      expect(error.code).toBe(HttpErrorCode.BLOCKED_ADDRESS);
      expect(other.requests).toHaveLength(0);
    });

    it('fetches a private host listed as host:port, and follows a redirect to another allowed one', async () => {
      server.on('/start', { status: 307, headers: { location: `${other.origin}/final` } });
      other.on('/final', { body: 'hello' });
      const response = await client({ allowHosts: [server.host, other.host] }).request(`${server.origin}/start`);
      expect(response.status).toBe(200);
      expect(response.text()).toBe('hello');
      expect(response.url).toBe(`${other.origin}/final`);
    });

    it('refuses non-http URLs and text that is no URL, without retrying', async () => {
      const http = client();
      const file = await failure(http.request('file:///etc/passwd'));
      expect(file.code).toBe(HttpErrorCode.BAD_URL);
      expect(file.message).toBe('only http and https URLs are fetched, not file: (file:///etc/passwd)');
      const garbage = await failure(http.request('not a url'));
      expect([garbage.code, garbage.attempts, garbage.message]).toEqual([HttpErrorCode.BAD_URL, 1, 'not a URL: not a url']);
    });
  });

  describe('retries', () => {
    it('429 with Retry-After: 1 → exactly one retry, at least a second later', async () => {
      server.on('/busy', [{ status: 429, headers: { 'retry-after': '1' } }, { json: { ok: true } }]);
      const response = await client().request(`${server.origin}/busy`);
      expect(response.json()).toEqual({ ok: true });
      expect(response.attempts).toBe(2);
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(950);
    });

    it('retries a 503', async () => {
      server.on('/flaky', [{ status: 503 }, { body: 'back' }]);
      const response = await client().request(`${server.origin}/flaky`);
      expect(response.text()).toBe('back');
      expect(server.requests).toHaveLength(2);
    });

    it('never retries a 404', async () => {
      server.on('/gone', { status: 404, body: 'nope' });
      const error = await failure(client().request(`${server.origin}/gone`));
      expect(error.code).toBe(HttpErrorCode.HTTP_STATUS);
      expect(error.status).toBe(404);
      expect(error.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
    });

    it('returns statuses listed in acceptStatuses instead of throwing', async () => {
      server.on('/revoked', { status: 410, body: 'revoked' });
      const response = await client().request(`${server.origin}/revoked`, { acceptStatuses: [404, 410] });
      expect(response.status).toBe(410);
      expect(response.text()).toBe('revoked');
    });

    it('a 500 every time → all attempts, then HTTP_STATUS', async () => {
      server.on('/broken', { status: 500 });
      const error = await failure(client().request(`${server.origin}/broken`, { attempts: 4 }));
      expect(error.code).toBe(HttpErrorCode.HTTP_STATUS);
      expect(error.status).toBe(500);
      expect(error.attempts).toBe(4);
      expect(error.message).toBe(`HTTP 500 Internal Server Error from ${server.origin}/broken after 4 attempts`);
      expect(server.requests).toHaveLength(4);
    });
  });

  describe('limits', () => {
    it('an error status with a body above the cap is still an HTTP_STATUS error (error bodies are drained, not read)', async () => {
      server.on('/error-page', { status: 404, body: 'x'.repeat(50_000) });
      const error = await failure(client().request(`${server.origin}/error-page`, { maxBytes: 1_024 }));
      expect([error.code, error.status]).toEqual([HttpErrorCode.HTTP_STATUS, 404]);
    });

    it('times out a slow response', async () => {
      server.on('/slow', { delayMs: 1_000, body: 'late' });
      const error = await failure(client().request(`${server.origin}/slow`, { timeoutMs: 150, attempts: 1 }));
      expect(error.code).toBe(HttpErrorCode.TIMEOUT);
      expect(error.message).toBe(`no complete response from ${server.origin}/slow within 150 ms`);
    });

    it('refuses a body above the size cap, and a gzip body that inflates above it', async () => {
      server.on('/big', { body: 'x'.repeat(5_000) });
      server.on('/bomb', { body: '0'.repeat(200_000), gzip: true });
      server.on('/small-gzip', { body: 'y'.repeat(900), gzip: true });
      const http = client();
      expect((await failure(http.request(`${server.origin}/big`, { maxBytes: 1_024 }))).code).toBe(HttpErrorCode.TOO_LARGE);
      expect((await failure(http.request(`${server.origin}/bomb`, { maxBytes: 10_000 }))).code).toBe(HttpErrorCode.TOO_LARGE);
      expect((await http.request(`${server.origin}/small-gzip`, { maxBytes: 1_024 })).text()).toBe('y'.repeat(900));
    });

    it('stops after 5 redirects', async () => {
      server.on('/loop', { status: 302, headers: { location: '/loop' } });
      const error = await failure(client().request(`${server.origin}/loop`));
      expect(error.code).toBe(HttpErrorCode.TOO_MANY_REDIRECTS);
      expect(server.requests).toHaveLength(6);
    });

    it('never has more requests in flight to one host than hostConcurrency', async () => {
      server.on('/page', { delayMs: 150, body: 'ok' });
      const http = client({ hostConcurrency: 2 });
      await Promise.all(Array.from({ length: 8 }, (_, i) => http.request(`${server.origin}/page?i=${i}`)));
      expect(server.requests).toHaveLength(8);
      expect(server.maxInFlight).toBe(2);
    });

    it('spaces request starts to one host by hostMinIntervalMs', async () => {
      server.on('/page', { body: 'ok' });
      const http = client({ hostMinIntervalMs: 300, hostConcurrency: 1 });
      await http.request(`${server.origin}/page?warm-up`); // opens the keep-alive connection the next requests reuse
      await Promise.all([0, 1, 2].map((i) => http.request(`${server.origin}/page?i=${i}`)));
      // The warm-up's arrival is late by the connection set-up, so the gaps are measured between the three that follow:
      // their starts are at least 300 ms apart; arrival times at the server jitter by some milliseconds on a busy machine.
      const times = server.requests.slice(1).map((r) => r.receivedAt);
      // The span, not each gap: one arrival can lag its start while the shared event loop is busy.
      expect(times).toHaveLength(3);
      expect(times[2] - times[0]).toBeGreaterThanOrEqual(2 * 300 - 100);
    });
  });

  describe('headers and validators', () => {
    it('sends the User-Agent naming the service; a caller header wins', async () => {
      server.on('/ua', { body: 'ok' });
      const http = client();
      await http.request(`${server.origin}/ua`);
      await http.request(`${server.origin}/ua`, { headers: { 'User-Agent': 'jobs@example.org' } });
      expect(server.requests.map((r) => r.headers['user-agent'])).toEqual(['Skillpulse-test/1.0 (+https://example.org/skillpulse)', 'jobs@example.org']);
    });

    it('ETag → If-None-Match → 304 → notModified with an empty body', async () => {
      server.on('/feed', (request): Answer =>
        request.headers['if-none-match'] === '"v1"'
          ? { status: 304, headers: { etag: '"v1"' } }
          : { body: '<rss/>', headers: { etag: '"v1"', 'last-modified': 'Tue, 03 Nov 2026 10:00:00 GMT' } },
      );
      const http = client();
      const first = await http.request(`${server.origin}/feed`);
      expect(first.notModified).toBe(false);
      expect(first.headers.etag).toBe('"v1"');
      const second = await http.request(`${server.origin}/feed`, { etag: first.headers.etag, lastModified: first.headers['last-modified'] });
      expect(second.status).toBe(304);
      expect(second.notModified).toBe(true);
      expect(second.body.length).toBe(0);
      expect(server.requests[1].headers['if-modified-since']).toBe('Tue, 03 Nov 2026 10:00:00 GMT');
    });

    it('drops credentials when a redirect leaves the origin', async () => {
      server.on('/api', { status: 302, headers: { location: `${other.origin}/elsewhere` } });
      other.on('/elsewhere', { body: 'ok' });
      await client({ allowHosts: [server.host, other.host] }).request(`${server.origin}/api`, { headers: { 'Authorization-Key': 'k-123' } });
      expect(server.requests[0].headers['authorization-key']).toBe('k-123');
      expect(other.requests[0].headers['authorization-key']).toBeUndefined();
    });

    it('json() on a non-JSON body fails with INVALID_JSON', async () => {
      server.on('/html', { body: '<html></html>' });
      const response = await client().request(`${server.origin}/html`);
      expect(() => response.json()).toThrow(expect.objectContaining({ code: HttpErrorCode.INVALID_JSON }));
    });
  });
});

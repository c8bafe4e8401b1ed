import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../src/infra/http/http-client.js';
import { rederive } from '../src/ingestion/normalize/rederive.js';
import '../src/sources/connectors/index.js'; // registers the connectors' rederivers
import { LeverConnector } from '../src/sources/connectors/lever.connector.js';
import { connectorContext, FETCHED_AT, postingsOf, readPages } from './support/connector-context.js';
import { RecordedServer } from './support/recorded-server.js';

/** Lever Postings API paging through a local server serving our fixture (written from Lever's documented shape). */
describe('LeverConnector', () => {
  const postings = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/sources/lever-postings.json'), 'utf8')) as Array<Record<string, unknown>>;
  const [a, b, c, d] = postings;
  const page = (skip: number) => `/v0/postings/northwind?mode=json&skip=${skip}&limit=2`;
  const connector = new LeverConnector();
  let server: RecordedServer;
  let http: HttpClient;
  const config = () => ({ site: 'northwind', pageSize: 2, baseUrl: server.origin });

  beforeAll(async () => {
    server = await RecordedServer.start();
    http = new HttpClient({ allowHosts: [server.host], attempts: 3, backoffMs: 10, hostMinIntervalMs: 0 });
  });
  afterEach(() => server.clear());
  afterAll(async () => {
    await http.close();
    await server.close();
  });

  it('limit=2 answering [a,b], [c,d], [] gives 4 postings from exactly 3 requests', async () => {
    server.on(page(0), { json: [a, b] }).on(page(2), { json: [c, d] }).on(page(4), { json: [] });
    const pages = await readPages(connector, config(), connectorContext(http));
    expect(server.requests.map((r) => r.url)).toEqual([page(0), page(2), page(4)]);
    expect(pages.map((p) => p.ok && p.records.length)).toEqual([2, 2, 0]);
    const got = postingsOf(pages);
    expect(got.map((p) => p.externalId)).toEqual([a.id, b.id, c.id, d.id]);
    expect(got.map((p) => p.title)).toEqual(['Senior Data Engineer', 'Product Designer', 'Warehouse Operations Intern', 'Account Executive, Mid-Market']);
    expect(got.map((p) => p.postedAt)).toEqual(['2026-03-03T10:40:00.000Z', '2026-03-04T10:40:00.000Z', '2026-03-05T10:40:00.000Z', '2026-03-06T10:40:00.000Z']);
    expect(got.map((p) => p.sourceKey)).toEqual(['lever:northwind', 'lever:northwind', 'lever:northwind', 'lever:northwind']);
    expect(got.map((p) => p.raw)).toEqual([a, b, c, d]);
    expect(new Set(got.map((p) => p.fetchedAt))).toEqual(new Set([FETCHED_AT.toISOString()]));
    expect(new Set(got.map((p) => p.rawFormat))).toEqual(new Set(['lever']));
  });

  it('maps every field of a Lever posting', async () => {
    server.on(page(0), { json: [a, b] }).on(page(2), { json: [c] });
    const [engineer, designer, intern] = postingsOf(await readPages(connector, config(), connectorContext(http)));
    expect(engineer).toMatchObject({
      sourceKind: 'lever',
      company: 'northwind',
      url: 'https://jobs.lever.co/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902',
      employmentType: 'full-time',
      workModeText: 'hybrid',
      location: { raw: 'Toronto, ON', city: 'Toronto', region: 'Ontario', regionCode: 'CA-ON', countryCode: 'CA', remote: false },
      salary: { min: 140000, max: 165000, currency: 'CAD', period: 'year', raw: null },
    });
    expect(engineer.descriptionText).toBe(
      [
        'Northwind builds forecasting tools for grocery chains.',
        'We are looking for a data engineer to own our ingestion pipelines.',
        '',
        'What you will do',
        '',
        'Build batch and streaming pipelines in Python and SQL',
        'Run Airflow and dbt in production',
        '',
        'What you bring',
        '',
        '5+ years of data engineering',
        'Experience with PostgreSQL and Kafka',
        '',
        'We offer a hybrid schedule: three days a week in our Toronto office.',
      ].join('\n'),
    );
    expect(designer.location).toMatchObject({ raw: 'Remote - Canada', countryCode: 'CA', remote: true });
    expect(designer.salary).toBeNull();
    expect(intern.location).toMatchObject({ raw: 'Montréal, QC | Laval, QC', region: 'Quebec', regionCode: 'CA-QC', countryCode: 'CA', remote: false });
    expect(intern.employmentType).toBe('internship');
    expect(intern.salary).toEqual({ min: 22, max: 24, currency: 'CAD', period: 'hour', raw: null });
    expect(server.requests).toHaveLength(2); // the second page was not full: no third call
  });

  it('second page answering 429 with Retry-After: 1 → exactly one retry at least a second later, still 4 postings', async () => {
    server
      .on(page(0), { json: [a, b] })
      .on(page(2), [{ status: 429, headers: { 'retry-after': '1' } }, { json: [c, d] }])
      .on(page(4), { json: [] });
    const pages = await readPages(connector, config(), connectorContext(http));
    expect(postingsOf(pages).map((p) => p.externalId)).toEqual([a.id, b.id, c.id, d.id]);
    expect(pages.every((p) => p.ok)).toBe(true);
    const second = server.requestsTo(page(2));
    expect(second).toHaveLength(2);
    expect(second[1].receivedAt - second[0].receivedAt).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(4);
  });

  it('second page answering 500 every time → a failed page after the retries, and no further page', async () => {
    server.on(page(0), { json: [a, b] }).on(page(2), { status: 500, body: 'upstream exploded' }).on(page(4), { json: [] });
    const pages = await readPages(connector, config(), connectorContext(http));
    expect(pages).toHaveLength(2);
    expect(pages[0].ok).toBe(true);
    expect(pages[1]).toEqual({
      ok: false,
      url: `${server.origin}${page(2)}`,
      status: 500,
      error: `http-status: HTTP 500 Internal Server Error from ${server.origin}${page(2)} after 3 attempts`,
    });
    expect(server.requestsTo(page(2))).toHaveLength(3);
    expect(server.requestsTo(page(4))).toHaveLength(0);
  });

  it('the backfill reads a stored Lever raw record back into the same posting', async () => {
    server.on(page(0), { json: [a] });
    const [stored] = postingsOf(await readPages(connector, config(), connectorContext(http)));
    const again = rederive('lever', stored.raw, { sourceKey: stored.sourceKey, postedAt: stored.postedAt, fetchedAt: stored.fetchedAt ?? null });
    expect(again).toEqual(stored);
  });

  it('refuses a config without site, and a bad pageSize', () => {
    expect(() => connector.validateConfig({})).toThrow('site: required');
    expect(() => connector.validateConfig({ site: 'northwind', pageSize: 0 })).toThrow('pageSize: must be an integer from 1 to 1000 (got 0)');
    expect(() => connector.validateConfig({ site: 'north/wind' })).toThrow(/^site: letters, digits/);
    expect(() => connector.validateConfig({ site: 'northwind', baseUrl: 'ftp://x' })).toThrow(/^baseUrl: must be an http/);
    expect(connector.sourceKey({ site: 'Northwind' })).toBe('lever:northwind');
  });
});

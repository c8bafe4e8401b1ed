import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../src/config/paths.js';
import { HttpClient } from '../src/infra/http/http-client.js';
import { contentId } from '../src/ingestion/formats/common.js';
import { GreenhouseConnector } from '../src/sources/connectors/greenhouse.connector.js';
import { connectorFor } from '../src/sources/connectors/index.js';
import { JsonLdConnector } from '../src/sources/connectors/jsonld.connector.js';
import { LeverConnector } from '../src/sources/connectors/lever.connector.js';
import { RssConnector } from '../src/sources/connectors/rss.connector.js';
import { parseXml } from '../src/sources/connectors/xml.js';
import { connectorContext, FETCHED_AT, postingsOf, readPages } from './support/connector-context.js';
import { RecordedServer } from './support/recorded-server.js';

/** Web-page and feed connectors (schema.org JSON-LD pages and sitemaps, RSS/Atom) and the SSRF guard as connectors see it. */
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/sources', name), 'utf8');
const SCHEMA_ORG_EXAMPLE = join(SHARED_DATA_DIR, 'jobs/schema_org/jobposting_eg-0028_software_engineer.jsonld');

describe('web connectors', () => {
  let server: RecordedServer;
  let http: HttpClient;

  beforeAll(async () => {
    server = await RecordedServer.start();
    http = new HttpClient({ allowHosts: [server.host], attempts: 2, backoffMs: 10, hostMinIntervalMs: 0 });
  });
  afterEach(() => server.clear());
  afterAll(async () => {
    await http.close();
    await server.close();
  });

  describe('jsonld', () => {
    const connector = new JsonLdConnector();
    const serveSite = () => {
      const withOrigin = (text: string) => text.replaceAll('{{ORIGIN}}', server.origin);
      server
        .on('/sitemap.xml', { body: withOrigin(fixture('sitemap-index.xml')), headers: { 'content-type': 'application/xml' } })
        .on('/sitemaps/jobs.xml', { body: withOrigin(fixture('sitemap-jobs.xml')), gzip: true })
        .on('/sitemaps/missing.xml', { status: 404 })
        .on('/careers/data-analyst', { body: fixture('jobposting-page.html'), headers: { 'content-type': 'text/html', etag: '"p1"' } })
        // The schema.org example from the shared data set, read in place and served inside a page.
        .on('/careers/software-engineer', () => ({
          body: `<html><head><script type="application/ld+json">${readFileSync(SCHEMA_ORG_EXAMPLE, 'utf8')}</script></head><body></body></html>`,
        }))
        .on('/careers/closed-role', { status: 410 });
    };

    it('reads a sitemap index one level deep: JobPosting nodes of every page, lost pages reported, the rest read', async () => {
      serveSite();
      const pages = await readPages(connector, { sitemapUrl: `${server.origin}/sitemap.xml` }, connectorContext(http));
      expect(pages.map((p) => [p.url.replace(server.origin, ''), p.ok])).toEqual([
        ['/sitemaps/missing.xml', false],
        ['/careers/data-analyst', true],
        ['/careers/software-engineer', true],
        ['/careers/closed-role', false],
      ]);
      expect(pages[3]).toMatchObject({ status: 410 });
      const analystPage = pages[1].ok ? pages[1].records : [];
      expect(analystPage.map((r) => [r.index, r.kind])).toEqual([[0, 'skipped'], [1, 'skipped'], [2, 'posting'], [3, 'rejected']]);
      const [analyst, engineer] = postingsOf(pages);
      const graph = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g.exec(fixture('jobposting-page.html').split('</script>')[1] + '</script>')![1])['@graph'];
      expect(analyst).toMatchObject({
        sourceKey: 'jsonld:127.0.0.1',
        sourceKind: 'jsonld',
        externalId: 'AH-2026-031',
        title: 'Data Analyst',
        company: 'Alder Health',
        location: { city: 'Columbus', region: 'Ohio', regionCode: 'US-OH', countryCode: 'US' },
        postedAt: '2026-03-04T00:00:00.000Z',
        url: 'https://alderhealth.example/careers/data-analyst',
        employmentType: 'full-time',
        salary: { min: 68000, max: 82000, currency: 'USD', period: 'year', raw: null },
        descriptionText: 'Turn claims data into dashboards for our clinics.\n\nSQL\nTableau',
        raw: graph[1],
        rawFormat: 'jsonld',
        fetchedAt: FETCHED_AT.toISOString(),
      });
      const example = JSON.parse(readFileSync(SCHEMA_ORG_EXAMPLE, 'utf8'));
      expect(engineer).toMatchObject({
        externalId: contentId(example),
        title: 'Software Engineer',
        company: null,
        location: { city: 'Kirkland', region: 'Washington', regionCode: 'US-WA', countryCode: 'US' },
        postedAt: '2011-10-31T00:00:00.000Z',
        employmentType: 'full-time',
        raw: example,
      });
    });

    it('reads a list of URLs, conditionally', async () => {
      serveSite();
      const url = `${server.origin}/careers/data-analyst`;
      const first = await readPages(connector, { urls: [url] }, connectorContext(http));
      expect(postingsOf(first).map((p) => p.title)).toEqual(['Data Analyst']);
      server.clear();
      server.on('/careers/data-analyst', (req) => (req.headers['if-none-match'] === '"p1"' ? { status: 304 } : { status: 500 }));
      const again = await readPages(connector, { urls: [url] }, connectorContext(http, { validators: new Map([[url, { etag: '"p1"', lastModified: null }]]) }));
      expect(again).toEqual([{ ok: true, url, notModified: true, records: [], etag: null, lastModified: null }]);
    });

    it('validates urls xor sitemapUrl', () => {
      expect(() => connector.validateConfig({})).toThrow(/^urls: give either urls/);
      expect(() => connector.validateConfig({ urls: ['https://a.example/x'], sitemapUrl: 'https://a.example/s.xml' })).toThrow(/^urls: give either/);
      expect(() => connector.validateConfig({ urls: ['javascript:alert(1)'] })).toThrow(/^urls\[0\]: must be an http/);
      expect(connector.sourceKey({ sitemapUrl: 'https://www.alderhealth.example/sitemap.xml' })).toBe('jsonld:alderhealth.example');
    });
  });

  describe('rss', () => {
    const connector = new RssConnector();

    it('reads an RSS 2.0 job feed; an item without id or link is rejected', async () => {
      server.on('/jobs.rss', { body: fixture('jobs-feed.rss.xml'), headers: { 'content-type': 'application/rss+xml' } });
      const pages = await readPages(connector, { feedUrl: `${server.origin}/jobs.rss` }, connectorContext(http));
      expect(pages[0].ok && pages[0].records.map((r) => r.kind)).toEqual(['posting', 'posting', 'rejected']);
      const items = (parseXml(fixture('jobs-feed.rss.xml')).rss as { channel: { item: unknown[] } }).channel.item;
      const [gis, helpDesk] = postingsOf(pages);
      expect(gis).toMatchObject({
        sourceKey: 'rss:127.0.0.1',
        sourceKind: 'rss',
        externalId: 'harborcity-4411',
        title: 'GIS Analyst',
        company: 'Harbor City Planning Department',
        location: { raw: 'Tacoma, WA', city: 'Tacoma', region: 'Washington', regionCode: 'US-WA', countryCode: 'US' },
        postedAt: '2026-03-03T15:30:00.000Z',
        url: 'https://jobs.harborcity.example/postings/4411',
        descriptionText: "Maintain the city's parcel and zoning layers.\n\nArcGIS Pro\nPython scripting",
        employmentType: 'full-time',
        raw: items[0],
        rawFormat: 'rss',
      });
      expect(helpDesk).toMatchObject({
        externalId: 'https://jobs.harborcity.example/postings/4420',
        title: 'Help Desk Technician (Part-Time)',
        company: 'Harbor City HR',
        postedAt: '2026-03-05T17:00:00.000Z',
        descriptionText: 'Support staff laptops and phones at City Hall.',
        location: { raw: null },
        raw: items[1],
      });
    });

    it('reads an Atom feed', async () => {
      server.on('/feed.atom', { body: fixture('jobs-feed.atom.xml'), headers: { 'content-type': 'application/atom+xml' } });
      const [electrician, agent] = postingsOf(await readPages(connector, { feedUrl: `${server.origin}/feed.atom` }, connectorContext(http)));
      expect(electrician).toMatchObject({
        externalId: 'urn:fjordline:job:2026-118',
        title: 'Marine Electrician & Technician',
        company: 'Fjordline AS',
        postedAt: '2026-03-06T06:00:00.000Z',
        url: 'https://careers.fjordline.example/jobs/2026-118',
        descriptionText: 'Maintain electrical systems on our coastal ferries.\n\nCertified marine electrician\nPLC troubleshooting',
        employmentType: 'contract',
      });
      expect(agent).toMatchObject({
        externalId: 'https://careers.fjordline.example/jobs/2026-121',
        title: 'Booking Agent',
        company: null,
        postedAt: '2026-03-09T10:00:00.000Z',
        descriptionText: 'Handle group and freight bookings by phone and e-mail.',
      });
    });

    it('a body that is not a feed is a failed page', async () => {
      server.on('/jobs.rss', { body: '<html><body>Jobs</body></html>' });
      const pages = await readPages(connector, { feedUrl: `${server.origin}/jobs.rss` }, connectorContext(http));
      expect(pages).toEqual([{ ok: false, url: `${server.origin}/jobs.rss`, status: null, error: `${server.origin}/jobs.rss is neither an RSS 2.0 nor an Atom feed` }]);
    });
  });

  describe('SSRF guard through connectors', () => {
    it('a baseUrl on 127.0.0.1 not in allowHosts gives a failed page naming the blocked address; nothing is sent', async () => {
      server.on('/v1/boards/acme/jobs', { json: { jobs: [] } });
      server.on('/v0/postings/acme', { json: [] });
      const strict = new HttpClient({ allowHosts: [], attempts: 3, backoffMs: 10 });
      try {
        const context = connectorContext(strict);
        const [greenhouse] = await readPages(new GreenhouseConnector(), { boardToken: 'acme', baseUrl: server.origin }, context);
        expect(greenhouse).toMatchObject({ ok: false, status: null, url: `${server.origin}/v1/boards/acme/jobs?content=true` });
        expect(!greenhouse.ok && greenhouse.error).toMatch(/^blocked-address: refused to fetch 127\.0\.0\.1: 127\.0\.0\.1 is a loopback address/);
        const lever = await readPages(new LeverConnector(), { site: 'acme', baseUrl: server.origin }, context);
        expect(lever).toHaveLength(1);
        expect(!lever[0].ok && lever[0].error).toContain('127.0.0.1 is a loopback address');
        expect(server.requests).toHaveLength(0);
      } finally {
        await strict.close();
      }
    });
  });

  it('the registry has a connector for every kind and refuses others', () => {
    for (const kind of ['greenhouse', 'lever', 'ashby', 'jsonld', 'rss', 'usajobs', 'remoteok', 'file'] as const) expect(connectorFor(kind).kind).toBe(kind);
    expect(() => connectorFor('workday' as never)).toThrow('kind: unknown source kind "workday" (known: greenhouse, lever, ashby, jsonld, rss, usajobs, remoteok, file)');
  });
});

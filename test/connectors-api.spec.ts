import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../src/config/paths.js';
import { HttpClient } from '../src/infra/http/http-client.js';
import { parsePostingFile } from '../src/ingestion/formats/index.js';
import type { NormalizedPosting } from '../src/ingestion/posting.types.js';
import { rederive } from '../src/ingestion/normalize/rederive.js';
import { AshbyConnector } from '../src/sources/connectors/ashby.connector.js';
import '../src/sources/connectors/index.js'; // registers the connectors' rederivers
import { GreenhouseConnector } from '../src/sources/connectors/greenhouse.connector.js';
import { RemoteOkConnector } from '../src/sources/connectors/remoteok.connector.js';
import { UsajobsConnector } from '../src/sources/connectors/usajobs.connector.js';
import { connectorContext, FETCHED_AT, postingsOf, readPages } from './support/connector-context.js';
import { RecordedServer } from './support/recorded-server.js';

/**
 * JSON API connectors against a local server: Greenhouse, Remote OK and USAJOBS serve the real recorded responses
 * of the shared data set in place; Ashby serves our fixture written from its documented shape.
 */
const JOBS = join(SHARED_DATA_DIR, 'jobs');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** A posting without the per-read stamps, to compare a file read with an API read. */
const comparable = ({ fetchedAt: _f, rawFormat: _r, ...rest }: NormalizedPosting) => rest;

describe('JSON API connectors', () => {
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

  describe('greenhouse', () => {
    const connector = new GreenhouseConnector();
    const catawiki = join(JOBS, 'greenhouse/boards_with_content/catawiki.json');

    it('reads a board with content, giving the same postings as the board file, raw kept', async () => {
      server.on('/v1/boards/catawiki/jobs', { file: catawiki, headers: { 'content-type': 'application/json', etag: '"gh-1"' } });
      const pages = await readPages(connector, { boardToken: 'catawiki', baseUrl: server.origin }, connectorContext(http));
      expect(server.requests.map((r) => r.url)).toEqual(['/v1/boards/catawiki/jobs?content=true']);
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatchObject({ ok: true, notModified: false, etag: '"gh-1"' });
      const got = postingsOf(pages);
      expect(got).toHaveLength(50);
      expect(got[0]).toMatchObject({
        sourceKey: 'greenhouse:catawiki',
        sourceKind: 'greenhouse',
        externalId: '6954117',
        title: 'Android Developer',
        company: 'Catawiki',
        location: { raw: 'Lisbon, Portugal', city: 'Lisbon', countryCode: 'PT' },
        postedAt: '2025-06-05T09:06:01.000Z',
        sourceUpdatedAt: '2025-06-13T06:50:32.000Z',
        url: 'https://job-boards.greenhouse.io/catawiki/jobs/6954117',
        fetchedAt: FETCHED_AT.toISOString(),
        rawFormat: 'greenhouse-board',
      });
      expect(got[0].descriptionText).toMatch(/^At Catawiki, every day brings the extraordinary! Whether it’s Daniel Ricciardo’s Formula 1 Car/);
      const file = json(catawiki).jobs;
      expect(got.map((p) => p.raw)).toEqual(file);
      const fromFile: NormalizedPosting[] = [];
      for await (const r of parsePostingFile(catawiki)) if (r.kind === 'posting') fromFile.push(r.posting);
      expect(got.map(comparable)).toEqual(fromFile.map(comparable));
    });

    it('keys a board whose jobs link to a custom career site by the configured token', async () => {
      server.on('/v1/boards/airbnb/jobs', { file: join(JOBS, 'greenhouse/boards/airbnb.json') });
      const got = postingsOf(await readPages(connector, { boardToken: 'airbnb', baseUrl: server.origin }, connectorContext(http)));
      expect(got).toHaveLength(189);
      expect(got[0]).toMatchObject({
        sourceKey: 'greenhouse:airbnb',
        externalId: '7995153',
        title: 'Acquisition Manager',
        company: 'Airbnb',
        location: { raw: 'Berlin, Germany', city: 'Berlin', countryCode: 'DE' },
        postedAt: '2026-06-10T12:50:56.000Z',
        workModeText: 'Hybrid',
        descriptionText: null,
      });
      // The backfill reads the stored raw record again through the board-file parser: the same posting.
      expect(rederive(got[0].rawFormat ?? null, got[0].raw, { sourceKey: got[0].sourceKey, postedAt: null, fetchedAt: got[0].fetchedAt ?? null })).toEqual(got[0]);
    });

    it('sends the stored ETag and yields a notModified page on 304', async () => {
      server.on('/v1/boards/catawiki/jobs', (req) => (req.headers['if-none-match'] === '"gh-1"' ? { status: 304 } : { status: 500 }));
      const url = `${server.origin}/v1/boards/catawiki/jobs?content=true`;
      const validators = new Map([[url, { etag: '"gh-1"', lastModified: null }]]);
      const pages = await readPages(connector, { boardToken: 'catawiki', baseUrl: server.origin }, connectorContext(http, { validators }));
      expect(pages).toEqual([{ ok: true, url, notModified: true, records: [], etag: null, lastModified: null }]);
    });

    it('requires a boardToken', () => {
      expect(() => connector.validateConfig({})).toThrow('boardToken: required');
    });
  });

  describe('ashby', () => {
    const connector = new AshbyConnector();
    const board = join(import.meta.dirname, 'fixtures/sources/ashby-job-board.json');

    it('reads the job board with compensation; unlisted jobs skipped', async () => {
      server.on('/posting-api/job-board/kestrel', { file: board });
      const pages = await readPages(connector, { jobBoardName: 'kestrel', baseUrl: server.origin }, connectorContext(http));
      expect(server.requests.map((r) => r.url)).toEqual(['/posting-api/job-board/kestrel?includeCompensation=true']);
      expect(pages[0].ok && pages[0].records.map((r) => r.kind)).toEqual(['posting', 'posting', 'skipped']);
      const [backend, support] = postingsOf(pages);
      const jobs = json(board).jobs;
      expect(backend).toMatchObject({
        sourceKey: 'ashby:kestrel',
        sourceKind: 'ashby',
        externalId: '7d1e4f90-2b3c-4a5d-8e6f-0a1b2c3d4e5f',
        title: 'Backend Engineer, Payments',
        company: 'kestrel',
        location: { raw: 'Berlin | Hamburg', city: 'Berlin', regionCode: 'DE-BE', countryCode: 'DE', remote: false },
        postedAt: '2026-03-02T09:15:00.000Z',
        url: 'https://jobs.ashbyhq.com/kestrel/7d1e4f90-2b3c-4a5d-8e6f-0a1b2c3d4e5f',
        employmentType: 'full-time',
        workModeText: 'Hybrid',
        salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year', raw: '€75K – €95K • Offers Equity' },
        descriptionText: 'About the role\n\nKestrel moves money for 4,000 online shops.\n\nRequirements\n\nGo or Kotlin in production\nPostgreSQL',
        raw: jobs[0],
        fetchedAt: FETCHED_AT.toISOString(),
      });
      expect(support).toMatchObject({
        title: 'Customer Support Specialist (German speaking)',
        location: { raw: 'Remote (Germany)', countryCode: 'DE', remote: true },
        employmentType: 'part-time',
        postedAt: '2026-03-05T14:00:00.000Z',
        salary: null,
        raw: jobs[1],
      });
      expect(rederive('ashby', backend.raw, { sourceKey: backend.sourceKey, postedAt: null, fetchedAt: backend.fetchedAt ?? null })).toEqual(backend);
    });
  });

  describe('remoteok', () => {
    const connector = new RemoteOkConnector();
    const file = join(JOBS, 'remoteok/remoteok_api_response_2026-03-17.json');

    it('reads /api: the legal notice skipped, the job without a position rejected, 96 postings, raw kept', async () => {
      server.on('/api', { file });
      const pages = await readPages(connector, { baseUrl: server.origin }, connectorContext(http));
      const records = pages[0].ok ? pages[0].records : [];
      expect(records[0]).toEqual({ kind: 'skipped', index: 0, reason: 'Remote OK legal notice (not a job)' });
      expect(records.filter((r) => r.kind === 'rejected')).toEqual([
        { kind: 'rejected', index: 5, reason: 'missing title', excerpt: expect.stringContaining('"id":"1130784"') },
      ]);
      const got = postingsOf(pages);
      expect(got).toHaveLength(96);
      expect(got[0]).toMatchObject({
        sourceKey: 'remoteok',
        externalId: '1130788',
        title: 'Benefits Advisor Leadership Training Program',
        company: 'Fisher Agencies',
        location: { raw: null, remote: true },
        postedAt: '2026-03-16T00:00:03.000Z',
        url: 'https://remoteOK.com/remote-jobs/remote-benefits-advisor-leadership-training-program-fisher-agencies-1130788',
        rawFormat: 'remoteok',
      });
      expect(got.map((p) => p.raw)).toEqual(json(file).filter((_: unknown, i: number) => i !== 0 && i !== 5));
    });
  });

  describe('usajobs', () => {
    const file = join(JOBS, 'usajobs/usajobs_search_response_2021-04.json');
    const secrets = { USAJOBS_API_KEY: 'test-key-0123456789', USAJOBS_USER_AGENT: 'jobs-research@example.org' };
    const connector = new UsajobsConnector(() => secrets);
    const config = () => ({ baseUrl: server.origin, pageSize: 25, query: { Keyword: 'attorney' } });

    it('pages through the Search API with the key and User-Agent headers, raw kept', async () => {
      server.on('/api/search?Keyword=attorney&Page=1&ResultsPerPage=25', { file });
      server.on('/api/search?Keyword=attorney&Page=2&ResultsPerPage=25', { json: { SearchResult: { SearchResultCount: 0, SearchResultItems: [], UserArea: { NumberOfPages: '400' } } } });
      const pages = await readPages(connector, config(), connectorContext(http, { secrets }));
      expect(server.requests).toHaveLength(2);
      expect(server.requests[0].headers['authorization-key']).toBe('test-key-0123456789');
      expect(server.requests[0].headers['user-agent']).toBe('jobs-research@example.org');
      expect(server.requests[0].headers.host).toBe(server.host);
      const got = postingsOf(pages);
      expect(got).toHaveLength(25);
      expect(got[0]).toMatchObject({
        sourceKey: 'usajobs',
        externalId: '451842500',
        title: 'Attorney and Assistant United States Attorney',
        company: 'Offices, Boards and Divisions',
        location: { raw: 'Washington, District of Columbia', countryCode: 'US', regionCode: 'US-DC' },
        postedAt: '2020-12-03T00:00:00.000Z',
        url: 'https://www.usajobs.gov:443/GetJob/ViewDetails/451842500',
        employmentType: 'full-time',
        salary: { min: 55204, max: 142180, currency: 'USD', period: 'year', raw: null },
        rawFormat: 'usajobs',
      });
      expect(got.map((p) => p.raw)).toEqual(json(file).SearchResult.SearchResultItems);
    });

    it('without USAJOBS_API_KEY: validateConfig and pages name the variable, nothing is fetched', async () => {
      expect(() => new UsajobsConnector(() => ({})).validateConfig({})).toThrow(/^USAJOBS_API_KEY is not configured/);
      const pages = await readPages(connector, config(), connectorContext(http, { secrets: {} }));
      expect(pages).toEqual([{ ok: false, url: `${server.origin}/api/search`, status: null, error: expect.stringMatching(/^USAJOBS_API_KEY is not configured/) }]);
      expect(server.requests).toHaveLength(0);
    });

    it('a refused key gives a failed page that does not contain the key', async () => {
      server.on('/api/search', { status: 401, body: 'Unauthorized' });
      const pages = await readPages(connector, config(), connectorContext(http, { secrets }));
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatchObject({ ok: false, status: 401 });
      expect(JSON.stringify(pages)).not.toContain('test-key-0123456789');
    });
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHARED_DATA_DIR } from '../src/config/paths.js';
import { HttpClient } from '../src/infra/http/http-client.js';
import { FileConnector } from '../src/sources/connectors/file.connector.js';
import { connectorContext, postingsOf, readPages } from './support/connector-context.js';

/** The `file` connector over the shared data set (read in place) and a scratch folder for escape attempts. */
describe('FileConnector', () => {
  const connector = new FileConnector(() => SHARED_DATA_DIR);
  const http = new HttpClient({ allowHosts: [] });
  const boards = join(SHARED_DATA_DIR, 'jobs/greenhouse/boards');
  let scratch: string;

  beforeAll(() => {
    // root/ holds a link to a file outside it; outside/ holds that file (our own two-line Greenhouse board).
    scratch = mkdtempSync(join(tmpdir(), 'skillpulse-file-connector-'));
    mkdirSync(join(scratch, 'root/boards'), { recursive: true });
    mkdirSync(join(scratch, 'outside'));
    const board = { jobs: [{ id: 1, title: 'Outside Job', absolute_url: 'https://boards.greenhouse.io/outside/jobs/1', internal_job_id: 1, location: { name: 'Paris' } }] };
    writeFileSync(join(scratch, 'outside/board.json'), JSON.stringify(board));
    writeFileSync(join(scratch, 'root/boards/inside.json'), JSON.stringify({ ...board, jobs: [{ ...board.jobs[0], title: 'Inside Job' }] }));
    symlinkSync(join(scratch, 'outside/board.json'), join(scratch, 'root/boards/link.json'));
    symlinkSync(join(scratch, 'outside'), join(scratch, 'root/outside-dir'));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await http.close();
  });

  it('reads one board file: postings with their format key, raw record and the file time', async () => {
    const file = join(boards, 'a24.json');
    const pages = await readPages(connector, { path: 'jobs/greenhouse/boards/a24.json' }, connectorContext(http));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ ok: true, url: pathToFileURL(file).href, notModified: false });
    const got = postingsOf(pages);
    expect(got).toHaveLength(7);
    expect(got[0]).toMatchObject({
      sourceKey: 'greenhouse:a24',
      externalId: '7913662',
      title: 'Digital Marketing',
      company: 'A24',
      location: { raw: 'Los Angeles', city: 'Los Angeles', countryCode: 'US' },
      postedAt: '2026-05-11T18:51:40.000Z',
      url: 'https://job-boards.greenhouse.io/a24/jobs/7913662',
      rawFormat: 'greenhouse-board',
      fetchedAt: statSync(file).mtime.toISOString(),
    });
    expect(got.map((p) => p.raw)).toEqual(JSON.parse(readFileSync(file, 'utf8')).jobs);
  });

  it('a glob gives one page per matching file, sorted', async () => {
    const pages = await readPages(connector, { path: 'jobs/greenhouse/boards/{a24,23andme}.json' }, connectorContext(http));
    expect(pages.map((p) => p.url)).toEqual([pathToFileURL(join(boards, '23andme.json')).href, pathToFileURL(join(boards, 'a24.json')).href]);
    expect(pages.map((p) => p.ok && p.records.filter((r) => r.kind === 'posting').length)).toEqual([11, 7]);
  });

  it('a folder is walked recursively, one page per posting file in path order', async () => {
    const pages = await readPages(connector, { path: 'jobs/schema_org' }, connectorContext(http));
    const files = readdirSync(join(SHARED_DATA_DIR, 'jobs/schema_org')).filter((f) => f.endsWith('.jsonld')).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(pages.map((p) => p.url.split('/').pop())).toEqual(files);
    expect(postingsOf(pages)[0]).toMatchObject({ title: 'Software Engineer', rawFormat: 'jsonld' });
  });

  it('an unchanged file (same ETag as the last run) is a notModified page', async () => {
    const [first] = await readPages(connector, { path: 'jobs/greenhouse/boards/a24.json' }, connectorContext(http));
    expect(first.ok && first.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const validators = new Map([[first.url, { etag: first.ok ? first.etag : null, lastModified: null }]]);
    const [again] = await readPages(connector, { path: 'jobs/greenhouse/boards/a24.json' }, connectorContext(http, { validators }));
    expect(again).toMatchObject({ ok: true, notModified: true, records: [] });
  });

  it('refuses paths that escape the root, with a message naming path', () => {
    expect(() => connector.validateConfig({})).toThrow('path: required (a file, folder or glob under the file root)');
    expect(() => connector.validateConfig({ path: '../secrets.json' })).toThrow('path: must not contain ".." segments (got "../secrets.json")');
    expect(() => connector.validateConfig({ path: 'jobs/../../x' })).toThrow(/^path: must not contain "\.\." segments/);
    expect(() => connector.validateConfig({ path: '/etc/passwd' })).toThrow(`path: "/etc/passwd" is outside the file root ${SHARED_DATA_DIR}`);
    expect(() => connector.validateConfig({ path: join(boards, 'a24.json') })).not.toThrow();
    const scratchConnector = new FileConnector(() => join(scratch, 'root'));
    expect(() => scratchConnector.validateConfig({ path: 'boards/link.json' })).toThrow(/^path: "boards\/link\.json" leads outside the file root .* \(symbolic link\)$/);
    expect(() => scratchConnector.validateConfig({ path: 'outside-dir' })).toThrow(/leads outside the file root/);
    expect(() => scratchConnector.validateConfig({ path: 'boards/inside.json' })).not.toThrow();
  });

  it('globs never follow symbolic links; a link named directly is refused when read', async () => {
    const root = join(scratch, 'root');
    const scratchConnector = new FileConnector(() => root);
    const context = connectorContext(http, { fileRoot: root });
    const globbed = await readPages(scratchConnector, { path: '**/*.json' }, context);
    expect(globbed.map((p) => [p.url.split('/').pop(), p.ok])).toEqual([['inside.json', true]]);
    expect(postingsOf(globbed).map((p) => p.title)).toEqual(['Inside Job']);
    const [linked] = await readPages(scratchConnector, { path: 'boards/link.json' }, context);
    expect(linked.ok).toBe(false);
    expect(!linked.ok && linked.error).toMatch(/link\.json leads outside the file root \(symbolic link to .*outside\/board\.json\); not read$/);
  });

  it('a path that names nothing is a failed page', async () => {
    const pages = await readPages(connector, { path: 'jobs/nothing-here.json' }, connectorContext(http));
    expect(pages).toEqual([
      { ok: false, url: pathToFileURL(join(SHARED_DATA_DIR, 'jobs/nothing-here.json')).href, status: null, error: `path: "jobs/nothing-here.json" does not exist under the file root ${SHARED_DATA_DIR}` },
    ]);
  });
});

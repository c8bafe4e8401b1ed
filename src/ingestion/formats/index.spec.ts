import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedRecord } from '../posting.types.js';
import { detectFormat, listPostingFiles, parsePostingFile, type ColumnMapping, type FormatId } from './index.js';
import { parseColumnMapping } from './format.types.js';

/** Hand-written miniature files in each API's real shape. */
const FIXTURES: Array<[string, string, FormatId | null]> = [
  ['remoteok.json', '[{"last_updated":1773720015,"legal":"API Terms"},{"id":"1","epoch":1773619203,"position":"Dev"}]', 'remoteok'],
  ['remotive.json', '{"00-warning":"x","0-legal-notice":"y","job-count":1,"jobs":[{"id":1,"candidate_required_location":"USA"}]}', 'remotive'],
  ['arbeitnow.json', '{"data":[{"slug":"a-1","title":"Koch","created_at":1771162285}]}', 'arbeitnow'],
  ['usa.json', '{"LanguageCode":"EN","SearchResult":{"SearchResultItems":[{"MatchedObjectId":"1","MatchedObjectDescriptor":{}}]}}', 'usajobs'],
  ['acme.json', '{"jobs":[{"id":5,"absolute_url":"https://boards.greenhouse.io/acme/jobs/5","internal_job_id":9,"title":"QA"}],"meta":{"total":1}}', 'greenhouse-board'],
  ['2026-01-01_raw.json', '{"sources":{"who_is_hiring_thread_id":1},"jobs":[{"id":2,"source":"who_is_hiring","time":1,"text":"x"}]}', 'hn-2026'],
  ['2017-02.json', '[{"url":"https://news.ycombinator.com/item?id=13562233","full_html":"A | B"}]', 'hn-2017'],
  ['job.jsonld', '{"@context":"https://schema.org/","@type":"JobPosting","title":"Nurse"}', 'jsonld'],
  ['flat.csv', 'board_token,company_name,job_id,internal_job_id,title\nacme,Acme,5,9,QA\n', 'greenhouse-csv'],
  ['chron.csv', 'Job ID,Job Title,Job URL,Diversity Job,Employer\n1,Prof,u,False,Uni\n', 'chronicle-csv'],
  ['li.csv', 'job_id,company_name,title,description,location,listed_time,job_posting_url\n1,A,B,C,D,1713397508000.0,u\n', 'linkedin-csv'],
  ['other.json', '{"items":[{"name":"x"}]}', null],
  ['other.csv', 'id,name\n1,x\n', null],
];

describe('detectFormat', () => {
  it.each(FIXTURES)('%s', (name, head, expected) => expect(detectFormat(name, head)).toBe(expected));
});

async function collect(path: string, options: { format?: FormatId; mapping?: ColumnMapping } = {}): Promise<ParsedRecord[]> {
  const out: ParsedRecord[] = [];
  for await (const r of parsePostingFile(path, options)) out.push(r);
  return out;
}

describe('parsePostingFile and listPostingFiles on hand-written files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skillpulse-formats-'));
    await mkdir(join(dir, 'sub'));
    for (const [name, text] of FIXTURES) await writeFile(join(dir, 'sub', name), text);
    await writeFile(join(dir, 'README.md'), '# notes');
    await writeFile(join(dir, 'broken.json'), '{"jobs": [');
    await writeFile(join(dir, 'jobs.jsonl'), '{"ref":"a1","name":"Data Engineer","when":"2026-03-01","where":"Austin, TX"}\nnot json\n{"ref":"","name":"x"}\n');
    await writeFile(
      join(dir, 'graph.jsonld'),
      JSON.stringify({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Organization', name: 'Acme' },
          { '@type': 'JobPosting', title: 'Welder', url: 'https://www.acme.example/jobs/7', datePosted: '2026-01-05', jobLocationType: 'TELECOMMUTE', skills: ['Welding', 'TIG'] },
          { '@type': 'JobPosting', title: 'Painter', identifier: { '@type': 'PropertyValue', value: 'P-1' }, hiringOrganization: { name: 'Acme Paint Co.' } },
        ],
      }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists recognised files sorted, and reports the others with a reason', async () => {
    const { files, ignored } = await listPostingFiles(dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'graph.jsonld', 'sub/2017-02.json', 'sub/2026-01-01_raw.json', 'sub/acme.json', 'sub/arbeitnow.json', 'sub/chron.csv',
      'sub/flat.csv', 'sub/job.jsonld', 'sub/li.csv', 'sub/remoteok.json', 'sub/remotive.json', 'sub/usa.json',
    ]);
    expect(ignored.map((i) => [i.path.slice(dir.length + 1), i.reason])).toEqual([
      ['README.md', 'not a data file (.md)'],
      ['broken.json', 'unrecognised format (no known posting-file markers in its first 64 KiB)'],
      ['jobs.jsonl', 'unrecognised format (no known posting-file markers in its first 64 KiB)'],
      ['sub/other.csv', 'unrecognised format (no known posting-file markers in its first 64 KiB)'],
      ['sub/other.json', 'unrecognised format (no known posting-file markers in its first 64 KiB)'],
    ]);
  });

  it('throws a clear error naming the file for invalid JSON and for unrecognised files', async () => {
    await expect(collect(join(dir, 'broken.json'), { format: 'greenhouse-board' })).rejects.toThrow(/broken\.json: invalid JSON/);
    await expect(collect(join(dir, 'sub', 'other.json'))).rejects.toThrow(/other\.json: unrecognised posting file format/);
  });

  it('reads generic JSONL through a column mapping; bad lines and missing ids are rejected, not fatal', async () => {
    const mapping: ColumnMapping = { sourceKey: 'acme-careers', externalId: 'ref', title: 'name', postedAt: 'when', location: 'where' };
    const rs = await collect(join(dir, 'jobs.jsonl'), { mapping });
    expect(rs.map((r) => r.kind)).toEqual(['posting', 'rejected', 'rejected']);
    expect(rs[0]).toMatchObject({
      posting: { sourceKey: 'acme-careers', sourceKind: 'generic', externalId: 'a1', title: 'Data Engineer', postedAt: '2026-03-01T00:00:00.000Z', location: { city: 'Austin', regionCode: 'US-TX' } },
    });
    expect(rs[1]).toEqual({ kind: 'rejected', index: 1, reason: 'invalid JSON on line 2', excerpt: 'not json' });
    expect(rs[2]).toMatchObject({ kind: 'rejected', reason: 'missing id' });
  });

  it('reads JSON-LD @graph: non-postings skipped, ids from identifier or url, sourceKey from host or organisation', async () => {
    const rs = await collect(join(dir, 'graph.jsonld'));
    expect(rs[0]).toEqual({ kind: 'skipped', index: 0, reason: 'schema.org Organization, not a JobPosting' });
    expect(rs[1]).toMatchObject({
      kind: 'posting',
      posting: { sourceKey: 'jsonld:acme.example', externalId: 'https://www.acme.example/jobs/7', title: 'Welder', postedAt: '2026-01-05T00:00:00.000Z', location: { remote: true }, descriptionText: 'Skills: Welding\nTIG' },
    });
    expect(rs[2]).toMatchObject({ kind: 'posting', posting: { sourceKey: 'jsonld:acme-paint-co', externalId: 'P-1', company: 'Acme Paint Co.', descriptionText: null } });
  });

  it('reads the Greenhouse API shape {jobs, meta}, token from the job URL', async () => {
    const rs = await collect(join(dir, 'sub', 'acme.json'));
    expect(rs).toMatchObject([{ kind: 'posting', posting: { sourceKey: 'greenhouse:acme', externalId: '5', title: 'QA', descriptionText: null } }]);
  });
});

describe('parseColumnMapping', () => {
  it('accepts the documented shape', () => {
    expect(parseColumnMapping({ sourceKey: 'acme-careers', externalId: 'req_id', title: 'role' })).toEqual({ sourceKey: 'acme-careers', externalId: 'req_id', title: 'role' });
  });

  it.each([
    [{ externalId: 'id', title: 't' }, /sourceKey/],
    [{ sourceKey: 'Acme Careers', externalId: 'id', title: 't' }, /sourceKey: lower-case/],
    [{ sourceKey: 'acme', externalId: 'id', title: 't', descripton: 'body' }, /descripton/],
    [{ sourceKey: 'acme', externalId: 'id', title: 't', delimiter: ';;' }, /delimiter/],
  ])('rejects %j naming the key', (mapping, message) => {
    expect(() => parseColumnMapping(mapping, 'mapping.json')).toThrow(message);
  });
});

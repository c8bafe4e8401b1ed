import { parseGreenhouseBoard, parseGreenhouseCsv } from '../formats/greenhouse.js';
import { parseHn2017 } from '../formats/hn.js';
import { parseLinkedinCsv } from '../formats/linkedin.js';
import { parseRemoteOk } from '../formats/remoteok.js';
import type { FormatParser } from '../formats/format.types.js';
import type { NormalizedPosting } from '../posting.types.js';
import { canRederive, rederive } from './rederive.js';

const first = (parser: FormatParser, text: string, path: string): NormalizedPosting => {
  for (const r of parser(text, path, {})) if (r.kind === 'posting') return r.posting;
  throw new Error('no posting');
};

const REMOTE_OK = [{ legal: 'notice' }, {
  id: '1130785', epoch: 1772874000, position: 'Senior Data Engineer', company: 'Acme', location: 'Worldwide',
  description: '<p>Python &amp; SQL</p>', salary_min: 120000, salary_max: 150000, url: 'https://remoteok.com/remote-jobs/1130785',
}];
const GREENHOUSE = { company: 'acme', jobs: [{
  id: 77, title: 'Analyst', absolute_url: 'https://boards.greenhouse.io/acme/jobs/77', first_published: '2026-03-01T10:00:00-05:00',
  location: { name: 'Berlin' }, metadata: [{ name: 'Workplace Type', value: 'Hybrid' }], content: '&lt;p&gt;Excel&lt;/p&gt;',
}] };
const GREENHOUSE_CSV = 'board_token,company_name,job_id,title,location,first_published,language,absolute_url\nacme,Acme,78,"Data Analyst, BI","New York, NY",2026-03-02,en,https://boards.greenhouse.io/acme/jobs/78\n';
const LINKEDIN_CSV = 'job_id,company_name,title,description,max_salary,pay_period,location,listed_time,job_posting_url,min_salary,currency,remote_allowed\n'
  + '99,Acme,Data Analyst,"SQL and ""Tableau""",60,HOURLY,"Austin, TX",1713397508000.0,https://www.linkedin.com/jobs/view/99,40,USD,1.0\n';
const HN_2017 = [{ url: 'https://news.ycombinator.com/item?id=13541681', full_html: 'Acme | Data Engineer | Berlin | Onsite<p>We use Python.</p>', location: 'Berlin', country: 'DE', remote: false }];

describe('rederive', () => {
  it.each<[string, FormatParser, string, string, (p: NormalizedPosting) => { postedAt: string | null }]>([
    ['remoteok', parseRemoteOk, JSON.stringify(REMOTE_OK), 'remoteok.json', (p) => p],
    ['greenhouse-board', parseGreenhouseBoard, JSON.stringify(GREENHOUSE), 'x.json', (p) => p],
    ['greenhouse-csv', parseGreenhouseCsv, GREENHOUSE_CSV, 'x.csv', (p) => p],
    ['linkedin-csv', parseLinkedinCsv, LINKEDIN_CSV, 'x.csv', (p) => p],
    ['hn-2017', parseHn2017, JSON.stringify(HN_2017), '2017-02.json', (p) => p],
  ])('reads a stored %s record again to the same posting', (format, parser, text, path, ctx) => {
    const parsed = first(parser, text, path);
    expect(parsed.raw).toBeDefined();
    expect(canRederive(format)).toBe(true);
    const again = rederive(format, JSON.parse(JSON.stringify(parsed.raw)), { sourceKey: parsed.sourceKey, postedAt: ctx(parsed).postedAt, fetchedAt: '2026-03-10T00:00:00.000Z' });
    expect(again).toEqual({ ...parsed, rawFormat: format, fetchedAt: '2026-03-10T00:00:00.000Z' });
  });

  it('gives null for formats it cannot read again', () => {
    expect(canRederive('generic')).toBe(false);
    expect(rederive('generic', { id: 1 }, { sourceKey: 'x', postedAt: null, fetchedAt: null })).toBeNull();
    expect(rederive(null, { id: 1 }, { sourceKey: 'x', postedAt: null, fetchedAt: null })).toBeNull();
    expect(rederive('remoteok', { id: '1' }, { sourceKey: 'remoteok', postedAt: null, fetchedAt: null })).toBeNull();
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../../config/paths.js';
import type { NormalizedPosting, ParsedRecord } from '../posting.types.js';
import { listPostingFiles, parsePostingFile } from './index.js';

/**
 * Parses the real job-posting files of SOURCES.md §3 in place (never copied) and checks exact counts and fields.
 * Each file is parsed once and shared between the tests that need it.
 */
const JOBS = join(SHARED_DATA_DIR, 'jobs');
const describeData = existsSync(JOBS) ? describe : describe.skip;
/** Whole-file passes (11 Chronicle files, the 40k-row Greenhouse CSV) outlast jest's 5 s default on a busy machine. */
const FILE_PASS_TIMEOUT_MS = 60_000;

const cache = new Map<string, Promise<ParsedRecord[]>>();
function records(relative: string): Promise<ParsedRecord[]> {
  if (!cache.has(relative)) {
    cache.set(relative, (async () => {
      const out: ParsedRecord[] = [];
      for await (const r of parsePostingFile(join(JOBS, relative))) out.push(r);
      return out;
    })());
  }
  return cache.get(relative)!;
}
const count = (rs: ParsedRecord[]) => ({
  posting: rs.filter((r) => r.kind === 'posting').length,
  rejected: rs.filter((r) => r.kind === 'rejected').length,
  skipped: rs.filter((r) => r.kind === 'skipped').length,
});
async function posting(relative: string, externalId: string): Promise<NormalizedPosting> {
  const found = (await records(relative)).find((r) => r.kind === 'posting' && r.posting.externalId === externalId);
  if (!found || found.kind !== 'posting') throw new Error(`${externalId} not in ${relative}`);
  return found.posting;
}

describeData('real posting files (shared data)', () => {
  it.each([
    ['remoteok/remoteok_api_response_2026-03-17.json', { posting: 96, rejected: 1, skipped: 1 }],
    ['remotive/remotive_api_response_2026-07.json', { posting: 31, rejected: 0, skipped: 0 }],
    ['arbeitnow/arbeitnow_api_data_2026-02.json', { posting: 100, rejected: 0, skipped: 0 }],
    ['usajobs/usajobs_search_response_2021-04.json', { posting: 25, rejected: 0, skipped: 0 }],
    ['greenhouse/boards/airbnb.json', { posting: 189, rejected: 0, skipped: 0 }],
    ['greenhouse/boards_with_content/catawiki.json', { posting: 50, rejected: 0, skipped: 0 }],
    ['greenhouse/greenhouse_open_jobs_2026-08_flat.csv', { posting: 40786, rejected: 0, skipped: 0 }],
    ['linkedin_kaggle_sample/linkedin_postings_2024-04_sample.csv', { posting: 165, rejected: 0, skipped: 0 }],
    ['linkedin_kaggle_sample/linkedin_postings_2024-04_sample_1000.csv', { posting: 1000, rejected: 0, skipped: 0 }],
    ['hn_whoishiring/2026/2026-02-01_raw.json', { posting: 413, rejected: 28, skipped: 0 }],
    ['hn_whoishiring/2017/2017-02.json', { posting: 823, rejected: 20, skipped: 0 }],
    ['chronicle_higher_ed/2023-01-18-chronicles_of_higher_ed.csv', { posting: 454, rejected: 0, skipped: 6 }],
    ['schema_org/jobposting_eg-0028_software_engineer.jsonld', { posting: 1, rejected: 0, skipped: 0 }],
    ['schema_org/occupation_eg-0252_salary_distribution.jsonld', { posting: 0, rejected: 0, skipped: 1 }],
  ])('%s', async (file, expected) => {
    expect(count(await records(file))).toEqual(expected);
  });

  it('Remote OK: element 0 is the legal notice, the empty job 1130784 is rejected, mojibake is repaired', async () => {
    const rs = await records('remoteok/remoteok_api_response_2026-03-17.json');
    expect(rs[0]).toEqual({ kind: 'skipped', index: 0, reason: 'Remote OK legal notice (not a job)' });
    expect(rs.find((r) => r.kind === 'rejected')).toMatchObject({ reason: 'missing title', excerpt: expect.stringContaining('"id":"1130784"') });
    const p = await posting('remoteok/remoteok_api_response_2026-03-17.json', '1130788');
    expect(p).toMatchObject({
      sourceKey: 'remoteok', title: 'Benefits Advisor Leadership Training Program', company: 'Fisher Agencies',
      postedAt: '2026-03-16T00:00:03.000Z', postedPrecision: 'day', language: 'en',
      location: { raw: null, city: null, countryCode: null, remote: true },
    });
    expect(p.descriptionText).toContain('What You’ll Do');
    expect(p.descriptionText).not.toMatch(/â|Â/);
    expect((await posting('remoteok/remoteok_api_response_2026-03-17.json', '1130779')).location.city).toBe('Gdańsk');
  });

  it('Chronicle: 2,318 postings and 18 duplicate rows skipped over the 11 weekly files', async () => {
    const { files } = await listPostingFiles(join(JOBS, 'chronicle_higher_ed'));
    expect(files).toHaveLength(11);
    const totals = { posting: 0, rejected: 0, skipped: 0 };
    for (const file of files) {
      const c = count(await records(file.slice(JOBS.length + 1)));
      totals.posting += c.posting;
      totals.rejected += c.rejected;
      totals.skipped += c.skipped;
    }
    expect(totals).toEqual({ posting: 2318, rejected: 0, skipped: 18 });
    expect(await posting('chronicle_higher_ed/2022-11-30-chronicles_of_higher_ed.csv', '37370098')).toMatchObject({
      sourceKey: 'chronicle', title: '2 Asst Professors in Developmental Science & Education at Portland State University',
      company: 'Portland State University', postedAt: '2022-11-30T00:00:00.000Z',
      location: { city: 'Portland', region: 'Oregon', regionCode: 'US-OR', countryCode: 'US' },
    });
  }, FILE_PASS_TIMEOUT_MS);

  it('the same Greenhouse job in a board file and in the flat CSV has the same (sourceKey, externalId)', async () => {
    const board = await posting('greenhouse/boards_with_content/catawiki.json', '7348691');
    const flat = await posting('greenhouse/greenhouse_open_jobs_2026-08_flat.csv', '7348691');
    expect([board.sourceKey, board.externalId]).toEqual(['greenhouse:catawiki', '7348691']);
    // Same job, renamed between the board fetch (2025-10) and the CSV snapshot (2026-08).
    expect([flat.sourceKey, flat.externalId, flat.title]).toEqual(['greenhouse:catawiki', '7348691', 'Senior Jewellery Expert']);
    expect(board.title).toBe('Expert New Jewellery (Belgium)');
    expect(board.descriptionText).not.toBeNull();
    expect(flat.descriptionText).toBeNull();
    const airbnb = await posting('greenhouse/boards/airbnb.json', '7995153');
    const airbnbFlat = await posting('greenhouse/greenhouse_open_jobs_2026-08_flat.csv', '7995153');
    expect(airbnbFlat.sourceKey).toBe(airbnb.sourceKey);
    expect(airbnb).toMatchObject({
      sourceKey: 'greenhouse:airbnb', title: 'Acquisition Manager', company: 'Airbnb', descriptionText: null, language: 'en',
      postedAt: '2026-06-10T12:50:56.000Z', location: { raw: 'Berlin, Germany', city: 'Berlin', regionCode: 'DE-BE', countryCode: 'DE', remote: false },
    });
  }, FILE_PASS_TIMEOUT_MS);

  it('Greenhouse content is unescaped and converted; Catawiki Lisbon posting', async () => {
    const p = await posting('greenhouse/boards_with_content/catawiki.json', '6954117');
    expect(p).toMatchObject({ title: 'Android Developer', company: 'Catawiki', location: { city: 'Lisbon', countryCode: 'PT' }, postedAt: '2025-06-05T09:06:01.000Z' });
    expect(p.descriptionText).toMatch(/^At Catawiki, every day brings the extraordinary!/);
    expect(p.descriptionText).not.toMatch(/&lt;|&amp;|<p>/);
  });

  it('USAJOBS: agency, hourly pay, structured location, description sections', async () => {
    const p = await posting('usajobs/usajobs_search_response_2021-04.json', '519687900');
    expect(p).toMatchObject({
      sourceKey: 'usajobs', title: 'Transportation Security Officer (TSO)', company: 'Transportation Security Administration',
      postedAt: '2020-08-03T00:00:00.000Z', employmentType: 'part-time',
      location: { raw: 'Aspen, Colorado', city: 'Aspen', regionCode: 'US-CO', countryCode: 'US' },
      salary: { min: 22.28, max: 29.36, currency: 'USD', period: 'hour', raw: null },
    });
    expect(p.descriptionText).toMatch(/^Summary\n/);
    expect(p.descriptionText).toContain('\n\nKey requirements\nMust be a U.S. Citizen');
  });

  it('LinkedIn: float epoch-ms listed_time, both column sets', async () => {
    expect(await posting('linkedin_kaggle_sample/linkedin_postings_2024-04_sample.csv', '3902356107')).toMatchObject({
      sourceKey: 'linkedin', title: 'Senior Product Manager - HTS Connect', company: 'Hopper', postedAt: '2024-04-19T15:20:00.000Z',
      location: { city: 'New York', regionCode: 'US-NY', countryCode: 'US', remote: true }, employmentType: 'full-time',
      salary: { min: 250000, max: 350000, currency: 'USD', period: 'year', raw: null },
    });
    expect(await posting('linkedin_kaggle_sample/linkedin_postings_2024-04_sample_1000.csv', '921716')).toMatchObject({
      title: 'Marketing Coordinator', company: 'Corcoran Sawyer Smith', postedAt: '2024-04-17T23:45:08.000Z',
      location: { city: 'Princeton', regionCode: 'US-NJ', remote: null }, salary: { min: 17, max: 20, period: 'hour' },
    });
  });

  it('HN: role (not company) as title; 2017 month precision; YC direct items', async () => {
    expect(await posting('hn_whoishiring/2017/2017-02.json', '13562233')).toMatchObject({
      sourceKey: 'hn:whoishiring', title: 'VP of Engineering, iOS/Android Developer', company: 'SpanishDict.com',
      postedAt: '2017-02-01T00:00:00.000Z', postedPrecision: 'month', url: 'https://news.ycombinator.com/item?id=13562233',
      location: { city: 'Arlington', regionCode: 'US-VA', countryCode: 'US', remote: false }, employmentType: 'full-time',
    });
    expect(await posting('hn_whoishiring/2026/2026-02-01_raw.json', '46857573')).toMatchObject({
      title: 'Senior Software Engineer - Transparency', company: 'Apple', postedPrecision: 'day',
      location: { city: 'Cupertino', regionCode: 'US-CA', countryCode: 'US', remote: false },
    });
    const direct = await posting('hn_whoishiring/2026/2026-02-01_raw.json', '47175013');
    expect(direct).toMatchObject({ title: 'Founding Reliability Performance Engineer', company: 'LiteLLM', postedAt: '2026-02-27T01:18:18.000Z', location: { city: 'San Francisco', countryCode: 'US' } });
    expect(direct.descriptionText).toMatch(/^About the role/);
  });

  it('Arbeitnow: German detected, remote flag used; Remotive: candidate location is remote', async () => {
    const rs = await records('arbeitnow/arbeitnow_api_data_2026-02.json');
    const langs = rs.flatMap((r) => (r.kind === 'posting' ? [r.posting.language] : []));
    expect(langs.filter((l) => l === 'de')).toHaveLength(85);
    expect(langs.filter((l) => l === 'en')).toHaveLength(15);
    expect(await posting('arbeitnow/arbeitnow_api_data_2026-02.json', 'recruiting-partner-projektbasis-remote-wutoschingen-469876')).toMatchObject({
      title: 'Recruiting Partner (m/w/d) - Projektbasis (Remote)', company: 'Global Treats GmbH', postedAt: '2026-02-15T13:31:25.000Z',
      language: 'de', location: { city: 'Wutöschingen', countryCode: null, remote: true },
    });
    expect(await posting('remotive/remotive_api_response_2026-07.json', '2091081')).toMatchObject({
      title: 'Senior Graphic Designer', company: 'Lemon.io', postedAt: '2026-07-28T14:23:05.000Z', employmentType: 'full-time',
      location: { raw: 'Americas, Europe, Asia, Africa, Oceania', countryCode: null, remote: true },
    });
  });

  it('listPostingFiles finds all 49 real files and ignores none', async () => {
    const { files, ignored } = await listPostingFiles(JOBS);
    expect(files).toHaveLength(49);
    expect(ignored).toEqual([]);
    expect([...files].sort()).toEqual(files);
  });
});

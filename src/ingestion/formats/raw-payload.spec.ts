import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedRecord } from '../posting.types.js';
import { parsePostingFile } from './index.js';

describe('raw payload of file postings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skillpulse-raw-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps each record as read, its format and the file time as the fetch time', async () => {
    const job = { id: '9', epoch: 1772874000, position: 'Analyst', company: 'Acme', location: 'Remote', description: '<p>SQL</p>', url: 'https://remoteok.com/remote-jobs/9' };
    const path = join(dir, 'remoteok.json');
    await writeFile(path, JSON.stringify([{ last_updated: 1, legal: 'notice' }, job]));
    const records: ParsedRecord[] = [];
    for await (const r of parsePostingFile(path)) records.push(r);
    const posting = records.find((r) => r.kind === 'posting');
    expect(posting).toMatchObject({ posting: { raw: job, rawFormat: 'remoteok', fetchedAt: (await stat(path)).mtime.toISOString() } });
  });

  it('keeps a CSV row as an object keyed by column', async () => {
    const path = join(dir, 'gh.csv');
    await writeFile(path, 'board_token,company_name,job_id,title,location,first_published,language,absolute_url\nacme,Acme,1,Analyst,Berlin,2026-03-01,en,https://x.test/1\n');
    const records: ParsedRecord[] = [];
    for await (const r of parsePostingFile(path)) records.push(r);
    expect(records[0]).toMatchObject({
      kind: 'posting',
      posting: { rawFormat: 'greenhouse-csv', raw: { board_token: 'acme', company_name: 'Acme', job_id: '1', title: 'Analyst', location: 'Berlin', first_published: '2026-03-01', language: 'en', absolute_url: 'https://x.test/1' } },
    });
  });
});

import { parseHn2017, parseHn2026, ROLE_NOT_STATED } from './hn.js';

const body = 'We build software for clinics and are growing the team that runs it. '.repeat(6);

const file2026 = (text: string) =>
  JSON.stringify({ jobs: [{ id: 47000001, source: 'who_is_hiring', by: 'someone', time: 1767312000, text }] });

describe('HN "Who is hiring?" comments', () => {
  it.each([
    ['Acme Health | Senior Backend Engineer | Boston, MA | Onsite<p>' + body, 'posting', 'Senior Backend Engineer', 'Acme Health'],
    ['Acme Health | Boston, MA | Full-time | Onsite<p>' + body, 'posting', ROLE_NOT_STATED, 'Acme Health'],
    ['What about europe', 'rejected', null, null],
    ['Upvoted for salary info; thanks for including it!', 'rejected', null, null],
  ])('%s → %s', (text, kind, title, company) => {
    const [record] = [...parseHn2026(file2026(text), '2026-01-01_raw.json')];
    expect(record.kind).toBe(kind);
    if (record.kind === 'posting') expect([record.posting.title, record.posting.company]).toEqual([title, company]);
    if (record.kind === 'rejected') expect(record.reason).toBe('not a job posting: no role and no company header (a reply in the thread)');
  });

  it('dates 2017 items by their thread month, with month precision', () => {
    const data = JSON.stringify([{ url: 'https://news.ycombinator.com/item?id=13541681', full_html: 'Acme | Data Engineer | Remote<p>' + body }]);
    const [record] = [...parseHn2017(data, '2017-02.json')];
    expect(record).toMatchObject({ kind: 'posting', posting: { externalId: '13541681', postedAt: '2017-02-01T00:00:00.000Z', postedPrecision: 'month', title: 'Data Engineer' } });
  });
});

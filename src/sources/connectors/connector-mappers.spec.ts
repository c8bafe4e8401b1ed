import { resolveUnderRoot } from './file.connector.js';
import { jsonLdBlocks } from './jsonld.connector.js';
import { feedItemPosting } from './rss.connector.js';
import { parseXml, xmlText } from './xml.js';

/** The pure pieces of the connectors, table by table (the HTTP paths are in test/connectors-*.spec.ts). */
describe('jsonLdBlocks', () => {
  it.each([
    ['<script type="application/ld+json">{"a":1}</script>', ['{"a":1}']],
    ['<SCRIPT TYPE="Application/LD+JSON; charset=utf-8">{"b":2}</SCRIPT>', ['{"b":2}']],
    ['<script type="text/javascript">var x = 1;</script><script type="application/ld+json">[1]</script>', ['[1]']],
    ['<script type="application/ld+json">{"t":"a &amp; b"}</script>', ['{"t":"a &amp; b"}']],
    ['<script type="application/ld+json">{"html":"<p>x</p>"}</script>', ['{"html":"<p>x</p>"}']],
    ['<p>no scripts</p>', []],
  ])('%s', (html, blocks) => {
    expect(jsonLdBlocks(html)).toEqual(blocks);
  });
});

describe('xmlText', () => {
  it.each([
    ['text', 'text'],
    [{ '#text': 'guid-1', '@_isPermaLink': 'false' }, 'guid-1'],
    [['first', 'second'], 'first'],
    [{ name: 'no text' }, null],
    [undefined, null],
  ])('%p → %p', (value, text) => {
    expect(xmlText(value)).toBe(text);
  });
});

describe('feedItemPosting', () => {
  const item = (xml: string) => (parseXml(`<rss><channel>${xml}</channel></rss>`).rss as { channel: { item: unknown[] } }).channel.item[0];

  it('takes the name from an RSS author "e-mail (name)", none from a bare e-mail', () => {
    const named = feedItemPosting(0, item('<item><title>T</title><link>https://x.example/1</link><author>a@x.example (Acme Hiring)</author></item>'), 'rss:x.example');
    const bare = feedItemPosting(0, item('<item><title>T</title><link>https://x.example/2</link><author>a@x.example</author></item>'), 'rss:x.example');
    expect(named.kind === 'posting' && named.posting.company).toBe('Acme Hiring');
    expect(bare.kind === 'posting' && bare.posting.company).toBeNull();
  });

  it('prefers the guid over the link as external id, and rejects an item with neither', () => {
    const withGuid = feedItemPosting(0, item('<item><title>T</title><guid>g-7</guid><link>https://x.example/7</link></item>'), 'rss:x.example');
    expect(withGuid.kind === 'posting' && withGuid.posting.externalId).toBe('g-7');
    expect(feedItemPosting(3, item('<item><title>T</title></item>'), 'rss:x.example')).toMatchObject({ kind: 'rejected', index: 3, reason: 'missing id' });
  });
});

describe('resolveUnderRoot', () => {
  const root = '/srv/data';
  it.each([
    ['jobs/a.json', '/srv/data/jobs/a.json'],
    ['jobs/**/*.json', '/srv/data/jobs/**/*.json'],
    ['/srv/data/jobs/b.json', '/srv/data/jobs/b.json'],
    ['.', '/srv/data'],
  ])('%s → %s', (path, absolute) => {
    expect(resolveUnderRoot(path, root)).toBe(absolute);
  });

  it.each([
    ['../etc/passwd', 'path: must not contain ".." segments (got "../etc/passwd")'],
    ['jobs/..\\..\\x', 'path: must not contain ".." segments (got "jobs/..\\\\..\\\\x")'],
    ['/srv/database/x.json', 'path: "/srv/database/x.json" is outside the file root /srv/data'],
    ['/etc/passwd', 'path: "/etc/passwd" is outside the file root /srv/data'],
    ['', 'path: required (a file, folder or glob under the file root)'],
  ])('refuses %p', (path, message) => {
    expect(() => resolveUnderRoot(path, root)).toThrow(message);
  });
});

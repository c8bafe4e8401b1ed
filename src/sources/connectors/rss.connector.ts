import { isRecord, normalizeEmploymentType, postingOrReject, reject, toIsoUtc } from '../../ingestion/formats/common.js';
import type { ParsedRecord } from '../../ingestion/posting.types.js';
import { htmlToText } from '../../ingestion/text/html-text.js';
import { parseLocation } from '../../ingestion/text/location.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { checkCommon, checkHttpUrl, failedPage, fetchPage, okPage, stamp } from './connector-support.js';
import { parseXml, xmlText } from './xml.js';

/** `rss:<feed host>` ("https://www.example.org/jobs.rss" → "rss:example.org"). */
export function feedSourceKey(feedUrl: string): string {
  return `rss:${new URL(feedUrl).hostname.toLowerCase().replace(/^www\./, '')}`;
}

const first = (...values: unknown[]): string | null => {
  for (const value of values) {
    const text = xmlText(value)?.trim();
    if (text) return text;
  }
  return null;
};

/** Atom `link` elements: the `alternate` one (or one without `rel`); RSS `link` text. */
function linkOf(item: Record<string, unknown>): string | null {
  const links = Array.isArray(item.link) ? item.link : item.link === undefined ? [] : [item.link];
  for (const link of links) {
    if (isRecord(link) && typeof link['@_href'] === 'string' && (!link['@_rel'] || link['@_rel'] === 'alternate')) return link['@_href'];
  }
  return first(...links);
}

/** Category labels: RSS text (or "#text"), Atom `term`/`label` attributes. */
function categoriesOf(item: Record<string, unknown>): string[] {
  const values = Array.isArray(item.category) ? item.category : [];
  return values.map((c) => (isRecord(c) ? (xmlText(c['@_term']) ?? xmlText(c['@_label']) ?? xmlText(c)) : xmlText(c))).filter((c): c is string => !!c?.trim());
}

/** Atom `author/name`, `dc:creator`, or the name of an RSS `author` ("hr@example.org (Example HR)"; a bare e-mail gives none). */
function authorOf(item: Record<string, unknown>): string | null {
  const authors = Array.isArray(item.author) ? item.author : [];
  const atomName = authors.map((a) => (isRecord(a) ? xmlText(a.name) : null)).find(Boolean);
  if (atomName) return atomName;
  const creator = first(item['dc:creator']);
  if (creator) return creator;
  const rss = first(...authors);
  if (!rss) return null;
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(rss);
  return named ? named[1].trim() : /^\S+@\S+$/.test(rss) ? null : rss;
}

/** A title as text: Atom `type="html"` titles are HTML (entities decoded, tags dropped). */
function titleOf(item: Record<string, unknown>): string {
  const text = first(item.title) ?? '';
  const html = isRecord(item.title) && (item.title['@_type'] === 'html' || item.title['@_type'] === 'xhtml');
  return html ? htmlToText(text) : text;
}

/**
 * One RSS 2.0 `<item>` or Atom `<entry>` (as parsed by fast-xml-parser) as a parsed record. externalId = `guid` /
 * Atom `id`, else the link; title = `title`; url = the link (Atom: `rel="alternate"` href); description =
 * `content:encoded` / Atom `content`, else `description` / `summary` (HTML converted to text); postedAt = `pubDate`
 * (RFC 822) / `published`, else `dc:date` / `updated`; company = a `company` / `job:company` element, else the item's
 * author (Atom `author/name`, `dc:creator`, the name in an RSS `author`); location from a `location` / `job:location` element when present;
 * employment type from a `type` / `job:type` element, else the categories. A record without id or title is rejected.
 */
export function feedItemPosting(index: number, item: unknown, sourceKey: string): ParsedRecord {
  if (!isRecord(item)) return reject(index, 'feed item is not an element', item);
  const link = linkOf(item);
  const body = first(item['content:encoded'], item.content, item.description, item.summary);
  const categories = categoriesOf(item);
  return postingOrReject(index, item, {
    sourceKey,
    sourceKind: 'rss',
    externalId: first(item.guid, item.id) ?? link ?? '',
    title: titleOf(item),
    company: first(item.company, item['job:company']) ?? authorOf(item),
    location: parseLocation(first(item.location, item['job:location'])),
    postedAt: toIsoUtc(first(item.pubDate, item.published, item['dc:date'], item.updated)),
    url: link,
    descriptionText: body ? htmlToText(body) || null : null,
    employmentType: normalizeEmploymentType(first(item.type, item['job:type']) ?? categories.join(' ')),
  });
}

/**
 * RSS 2.0 and Atom job feeds: `GET feedUrl` (conditional with the stored validators), one page; `rss/channel/item`
 * or `feed/entry` mapped by {@link feedItemPosting}; raw = the parsed item (elements, "@_" attributes, "#text").
 * A body that is neither (or not XML) is a failed page. sourceKey `rss:<feed host>`. Config: `feedUrl` (required).
 */
export class RssConnector implements SourceConnector {
  readonly kind = 'rss' as const;

  validateConfig(config: SourceConfig): void {
    checkCommon(config);
    if (config.feedUrl === undefined) throw new Error('feedUrl: required');
    checkHttpUrl(config.feedUrl, 'feedUrl');
  }

  sourceKey(config: SourceConfig): string {
    return feedSourceKey(String(config.feedUrl));
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    yield await this.read(config, context);
  }

  private async read(config: SourceConfig, context: ConnectorContext): Promise<ConnectorPage> {
    const fetched = await fetchPage(context, String(config.feedUrl), { conditional: true, headers: { Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' } });
    if (!fetched.ok) return fetched.page;
    const { response } = fetched;
    if (response.notModified) return okPage(fetched.url, response, []);
    let doc: Record<string, unknown>;
    try {
      doc = parseXml(response.text());
    } catch (error) {
      return failedPage(fetched.url, new Error(`feed at ${response.url} is not well-formed XML: ${(error as Error).message}`));
    }
    const channel = isRecord(doc.rss) && isRecord(doc.rss.channel) ? doc.rss.channel : null;
    const feed = isRecord(doc.feed) ? doc.feed : null;
    const items = channel ? channel.item : feed?.entry;
    if (!channel && !feed) return failedPage(fetched.url, new Error(`${response.url} is neither an RSS 2.0 nor an Atom feed`));
    const list = Array.isArray(items) ? items : [];
    const key = this.sourceKey(config);
    const records = stamp(
      list.map((item, index) => feedItemPosting(index, item, key)),
      { rawOf: (index) => list[index], fetchedAt: context.fetchedAt, kind: this.kind },
    );
    return okPage(fetched.url, response, records);
  }
}

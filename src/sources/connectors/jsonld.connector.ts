import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';
import type { HttpResponse } from '../../infra/http/http-client.types.js';
import { isRecord, reject } from '../../ingestion/formats/common.js';
import { parseJsonLd } from '../../ingestion/formats/jsonld.js';
import type { ParsedRecord } from '../../ingestion/posting.types.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { checkCommon, checkHttpUrl, failedPage, fetchPage, okPage, stamp } from './connector-support.js';
import { parseXml, xmlText } from './xml.js';

/** Most pages one source reads from its sitemaps (a guard against whole-site sitemaps). */
export const MAX_SITEMAP_PAGES = 5000;
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

/**
 * The contents of every `<script type="application/ld+json">` element of an HTML page, in document order,
 * found with htmlparser2 (script content is raw text: no entity decoding, as in browsers).
 */
export function jsonLdBlocks(html: string): string[] {
  const blocks: string[] = [];
  let current: string | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'script' && /^\s*application\/ld\+json\s*(;|$)/i.test(attributes.type ?? '')) current = '';
    },
    ontext(text) {
      if (current !== null) current += text;
    },
    onclosetag(name) {
      if (name === 'script' && current !== null) {
        blocks.push(current);
        current = null;
      }
    },
  });
  parser.write(html);
  parser.end();
  return blocks;
}

/** JSON-LD nodes in the order formats/jsonld.ts numbers them: array elements and `@graph` members, flattened. */
function nodesOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data.flatMap(nodesOf);
  if (isRecord(data) && Array.isArray(data['@graph'])) return data['@graph'].flatMap(nodesOf);
  return [data];
}

/**
 * The records of one HTML page: each JSON-LD block mapped by the schema.org parser (src/ingestion/formats/jsonld.ts),
 * only `JobPosting` nodes becoming postings (other node types are `skipped`, a block that is not JSON `rejected`);
 * record indexes run on across blocks.
 */
export function jsonLdPageRecords(html: string, pageUrl: string): Array<{ record: ParsedRecord; raw: unknown }> {
  const out: Array<{ record: ParsedRecord; raw: unknown }> = [];
  for (const block of jsonLdBlocks(html)) {
    let nodes: unknown[];
    try {
      nodes = nodesOf(JSON.parse(block));
    } catch (error) {
      out.push({ record: reject(out.length, `JSON-LD block is not JSON (${(error as Error).message})`, block.trim()), raw: block });
      continue;
    }
    const offset = out.length;
    for (const record of parseJsonLd(block, pageUrl)) {
      out.push({ record: { ...record, index: offset + record.index }, raw: nodes[record.index] });
    }
  }
  return out;
}

/**
 * schema.org JobPosting pages: each URL of `urls`, or of the sitemap `sitemapUrl` (a `<urlset>`, or a
 * `<sitemapindex>` whose sitemaps are read one level deep; gzip sitemaps too), is fetched (conditionally, with the
 * stored validators) and its `<script type="application/ld+json">` blocks read by {@link jsonLdPageRecords}; one
 * page per URL, raw = the JSON-LD node. A lost page does not stop the others; a lost sitemap index or urlset does
 * (nothing to read). At most {@link MAX_SITEMAP_PAGES} pages: more listed is a lost page (the run is partial).
 * sourceKey `jsonld:<host of sitemapUrl or urls[0]>` (the parser's key for postings whose `url` is on that host), set
 * on every posting.
 * Config: `urls` (http(s) URLs) or `sitemapUrl`, not both.
 */
export class JsonLdConnector implements SourceConnector {
  readonly kind = 'jsonld' as const;

  /** @param limits.maxPages pages read at most; more listed is a lost page (partial run). */
  constructor(private readonly limits: { maxPages: number } = { maxPages: MAX_SITEMAP_PAGES }) {}

  validateConfig(config: SourceConfig): void {
    checkCommon(config);
    const hasUrls = config.urls !== undefined;
    if (hasUrls === (config.sitemapUrl !== undefined)) throw new Error('urls: give either urls (a list of pages) or sitemapUrl, not both');
    if (hasUrls) {
      if (!Array.isArray(config.urls) || config.urls.length === 0) throw new Error('urls: must be a non-empty list of URLs');
      config.urls.forEach((url, i) => checkHttpUrl(url, `urls[${i}]`));
    } else {
      checkHttpUrl(config.sitemapUrl, 'sitemapUrl');
    }
  }

  sourceKey(config: SourceConfig): string {
    const url = new URL(String(config.sitemapUrl ?? config.urls?.[0]));
    return `jsonld:${url.hostname.toLowerCase().replace(/^www\./, '')}`;
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    const sourceKey = this.sourceKey(config);
    let urls: string[];
    if (config.urls) {
      urls = config.urls;
    } else {
      urls = [];
      for await (const item of this.sitemapUrls(String(config.sitemapUrl), context)) {
        if (typeof item === 'string') urls.push(item);
        else yield item;
      }
    }
    const unique = [...new Set(urls)];
    for (const url of unique.slice(0, this.limits.maxPages)) {
      const fetched = await fetchPage(context, url, { conditional: true, headers: { Accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' } });
      if (!fetched.ok) {
        yield fetched.page;
        continue;
      }
      const { response } = fetched;
      if (response.notModified) {
        yield okPage(fetched.url, response, []);
        continue;
      }
      const found = jsonLdPageRecords(response.text(), response.url);
      const records = stamp(
        found.map((f) => f.record),
        { rawOf: (index) => found[index]?.raw, fetchedAt: context.fetchedAt, kind: this.kind, rawFormat: 'jsonld', sourceKey },
      );
      yield okPage(fetched.url, response, records);
    }
    if (unique.length > this.limits.maxPages) {
      // Not a complete read: the pages past the cap were never seen, so the run must not close their postings.
      const listedBy = config.sitemapUrl ? `sitemap ${config.sitemapUrl}` : 'urls';
      const url = config.sitemapUrl ?? unique[this.limits.maxPages];
      yield { ok: false, url, status: null, error: `${listedBy} lists ${unique.length} pages; at most ${this.limits.maxPages} are read` };
    }
  }

  /** Page URLs of a sitemap (strings), and failed pages for sitemaps that could not be read. */
  private async *sitemapUrls(sitemapUrl: string, context: ConnectorContext, depth = 0): AsyncIterable<string | ConnectorPage> {
    const fetched = await fetchPage(context, sitemapUrl, { maxBytes: MAX_SITEMAP_BYTES, headers: { Accept: 'application/xml, text/xml;q=0.9, */*;q=0.5' } });
    if (!fetched.ok) {
      yield fetched.page;
      return;
    }
    let doc: Record<string, unknown>;
    try {
      doc = parseXml(sitemapText(fetched.response));
    } catch (error) {
      yield failedPage(sitemapUrl, new Error(`sitemap ${sitemapUrl} is not well-formed XML: ${(error as Error).message}`));
      return;
    }
    const locs = (list: unknown) => (Array.isArray(list) ? list : []).map((e) => (isRecord(e) ? xmlText(e.loc)?.trim() : null)).filter((u): u is string => !!u);
    if (isRecord(doc.urlset)) {
      yield* locs(doc.urlset.url);
    } else if (isRecord(doc.sitemapindex) && depth === 0) {
      for (const child of locs(doc.sitemapindex.sitemap)) yield* this.sitemapUrls(child, context, depth + 1);
    } else {
      yield failedPage(sitemapUrl, new Error(`${sitemapUrl} is not a sitemap (<urlset>${depth === 0 ? ' or <sitemapindex>' : ''})`));
    }
  }
}

/** A sitemap body as text; `.xml.gz` sitemaps served without Content-Encoding are gunzipped here (capped). */
function sitemapText(response: HttpResponse): string {
  const body = response.body;
  if (body.length > 2 && body[0] === 0x1f && body[1] === 0x8b) return gunzipSync(body, { maxOutputLength: MAX_SITEMAP_BYTES }).toString('utf8');
  return response.text();
}

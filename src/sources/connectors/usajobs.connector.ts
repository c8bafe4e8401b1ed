import { config as appConfig } from '../../config/config.js';
import { isRecord } from '../../ingestion/formats/common.js';
import { parseUsajobs } from '../../ingestion/formats/usajobs.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { apiBase, checkCommon, failedPage, fetchJson, okPage, stamp } from './connector-support.js';

export const USAJOBS_API = 'https://data.usajobs.gov';
const DEFAULT_PAGE_SIZE = 250;
/** USAJOBS answers at most 10,000 results per search, so 500 pages is already beyond any real search. */
const MAX_PAGES = 500;

/** USAJOBS credentials by name (never stored on a source). */
export type UsajobsSecrets = Record<string, string | undefined>;

const MISSING_KEY = 'USAJOBS_API_KEY is not configured: the USAJOBS Search API needs an API key (https://developer.usajobs.gov)';

/**
 * USAJOBS Search API: `GET {baseUrl}/api/search?Page=n&ResultsPerPage={pageSize}&{query}` with the headers
 * `Authorization-Key: <USAJOBS_API_KEY>`, `User-Agent: <USAJOBS_USER_AGENT>` (the e-mail address the key was
 * requested with; the service's User-Agent when unset) and `Host: data.usajobs.gov` (left out when `baseUrl`
 * overrides the host). Pages 1…`SearchResult.UserArea.NumberOfPages`; each page's
 * `SearchResultItems[].MatchedObjectDescriptor` is mapped by the USAJOBS file parser (src/ingestion/formats/usajobs.ts).
 * Page numbers are absolute, so a lost page does not stop the others (unless it is page 1, which says how many there
 * are). More pages announced than the cap (500) is a lost page (the run is partial). sourceKey "usajobs".
 * Config: `query` (e.g. {"Keyword": "data", "LocationName": "Denver"}), `pageSize` (1..500, default 250), `baseUrl`.
 * The key is never put in a URL, an error or a log line.
 */
export class UsajobsConnector implements SourceConnector {
  readonly kind = 'usajobs' as const;

  /**
   * @param secrets where validateConfig looks for the key (the process configuration by default).
   * @param limits.maxPages pages read at most; more pages announced is a lost page (partial run).
   */
  constructor(
    private readonly secrets: () => UsajobsSecrets = () => ({ USAJOBS_API_KEY: appConfig().USAJOBS_API_KEY }),
    private readonly limits: { maxPages: number } = { maxPages: MAX_PAGES },
  ) {}

  validateConfig(config: SourceConfig): void {
    checkCommon(config, 500);
    if (config.query !== undefined) {
      if (!isRecord(config.query)) throw new Error('query: must be an object of query parameters');
      for (const [name, value] of Object.entries(config.query)) {
        if (typeof value !== 'string') throw new Error(`query.${name}: must be a string`);
        if (/^(page|resultsperpage)$/i.test(name)) throw new Error(`query.${name}: set by the connector (use pageSize)`);
      }
    }
    if (!this.secrets().USAJOBS_API_KEY) throw new Error(MISSING_KEY);
  }

  sourceKey(): string {
    return 'usajobs';
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    const base = apiBase(config, USAJOBS_API);
    const key = context.secrets.USAJOBS_API_KEY;
    if (!key) {
      yield { ok: false, url: `${base}/api/search`, error: MISSING_KEY, status: null };
      return;
    }
    const headers: Record<string, string> = { 'Authorization-Key': key, Accept: 'application/json' };
    if (context.secrets.USAJOBS_USER_AGENT) headers['User-Agent'] = context.secrets.USAJOBS_USER_AGENT;
    if (!config.baseUrl) headers.Host = 'data.usajobs.gov';
    const size = config.pageSize ?? DEFAULT_PAGE_SIZE;
    let pageCount = 1;
    const maxPages = this.limits.maxPages;
    for (let page = 1; page <= pageCount && page <= maxPages; page++) {
      const params = new URLSearchParams({ ...(config.query ?? {}), Page: String(page), ResultsPerPage: String(size) });
      const got = await fetchJson(context, `${base}/api/search?${params}`, { headers });
      if ('done' in got) {
        yield got.done;
        if (page === 1) return;
        continue;
      }
      const result = isRecord(got.data) && isRecord(got.data.SearchResult) ? got.data.SearchResult : null;
      const items = result?.SearchResultItems;
      if (!result || !Array.isArray(items)) {
        yield failedPage(got.url, new Error(`USAJOBS response from ${got.response.url} has no SearchResult.SearchResultItems array`));
        if (page === 1) return;
        continue;
      }
      if (page === 1) pageCount = Number(isRecord(result.UserArea) ? result.UserArea.NumberOfPages : 1) || 1;
      const records = stamp(parseUsajobs(got.response.text(), 'usajobs-api.json'), {
        rawOf: (index) => items[index],
        fetchedAt: context.fetchedAt,
        kind: this.kind,
        rawFormat: 'usajobs',
        indexOffset: (page - 1) * size,
      });
      yield okPage(got.url, got.response, records);
      if (items.length === 0) return;
    }
    if (pageCount > maxPages) {
      // Not a complete read: the postings on the pages past the cap were never seen, so the run must not close them.
      const params = new URLSearchParams({ ...(config.query ?? {}), Page: String(maxPages + 1), ResultsPerPage: String(size) });
      yield { ok: false, url: `${base}/api/search?${params}`, status: null, error: `USAJOBS announced ${pageCount} pages; at most ${maxPages} are read (narrow the query or raise pageSize)` };
    }
  }
}

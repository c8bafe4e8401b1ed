import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from '../../src/sources/connectors/connector.types.js';
import type { NormalizedPosting } from '../../src/ingestion/posting.types.js';
import { HttpError } from '../../src/infra/http/http-client.types.js';

/**
 * Small real connectors for tests of the run logic (they implement `SourceConnector` and fetch through the real
 * HttpClient from a local server). `pagedJsonConnector`: Lever-style `GET {baseUrl}/v0/postings/{site}?mode=json&skip=N&limit=M`
 * answering an array of `{ id, text, descriptionPlain }`, read until an empty page; a lost page is yielded and ends
 * the reading. A record without `text` is rejected.
 */
export function pagedJsonConnector(kind: 'lever' | 'greenhouse' = 'lever'): SourceConnector {
  return {
    kind,
    validateConfig(config: SourceConfig) {
      if (!config.site) throw new Error('site is required');
    },
    sourceKey: (config) => `${kind}:${config.site}`,
    async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
      const limit = config.pageSize ?? 100;
      for (let skip = 0; skip < 10_000; skip += limit) {
        const url = `${config.baseUrl}/v0/postings/${config.site}?mode=json&skip=${skip}&limit=${limit}`;
        const previous = context.validators.get(url);
        try {
          const response = await context.http.request(url, { etag: previous?.etag, lastModified: previous?.lastModified });
          if (response.notModified) {
            yield { ok: true, url, notModified: true, records: [], etag: previous?.etag ?? null, lastModified: previous?.lastModified ?? null };
            continue;
          }
          const items = response.json<Array<{ id: string; text?: string; descriptionPlain?: string }>>();
          if (items.length === 0) return;
          yield {
            ok: true,
            url,
            notModified: false,
            etag: response.headers.etag ?? null,
            lastModified: response.headers['last-modified'] ?? null,
            records: items.map((item, index) =>
              item.text
                ? { kind: 'posting' as const, index, posting: posting(kind, config.site!, item.id, item.text, item.descriptionPlain ?? null) }
                : { kind: 'rejected' as const, index, reason: 'no title', excerpt: JSON.stringify(item) },
            ),
          };
        } catch (error) {
          const status = error instanceof HttpError ? error.status : null;
          yield { ok: false, url, status, error: error instanceof Error ? error.message : String(error) };
          return;
        }
      }
    },
  };
}

function posting(kind: string, site: string, id: string, title: string, description: string | null): NormalizedPosting {
  return {
    sourceKey: `${kind}:${site}`,
    sourceKind: kind,
    externalId: id,
    title,
    company: site,
    location: { raw: null, city: null, region: null, regionCode: null, countryCode: null, remote: null },
    postedAt: null,
    postedPrecision: null,
    url: null,
    descriptionText: description,
    language: 'en',
    employmentType: null,
    salary: null,
  };
}

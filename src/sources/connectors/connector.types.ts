import type { HttpClientPort } from '../../infra/http/http-client.types.js';
import type { ParsedRecord } from '../../ingestion/posting.types.js';

/**
 * The contract between a configured job source and the ingestion run that reads it.
 * One connector per `kind` (src/sources/connectors/<kind>.connector.ts), registered in connectors/index.ts.
 */
export type SourceKind = 'greenhouse' | 'lever' | 'ashby' | 'jsonld' | 'rss' | 'usajobs' | 'remoteok' | 'file';

/** A source's `config` as stored and as `POST /v1/sources` takes it; which fields apply depends on `kind`. */
export interface SourceConfig {
  /** greenhouse */
  boardToken?: string;
  /** lever */
  site?: string;
  /** ashby */
  jobBoardName?: string;
  /** jsonld: the pages to read */
  urls?: string[];
  /** jsonld: a sitemap listing the pages */
  sitemapUrl?: string;
  /** rss: an RSS 2.0 or Atom feed */
  feedUrl?: string;
  /** file: a path or glob under the configured file root */
  path?: string;
  /** Overrides the API's host (mirrors, tests), e.g. "http://127.0.0.1:4010". */
  baseUrl?: string;
  /** Page size for paginated APIs (lever `limit`, usajobs `ResultsPerPage`). */
  pageSize?: number;
  /** usajobs: search keyword etc. (free-form query parameters). */
  query?: Record<string, string>;
}

/** What a connector may use: the guarded HTTP client, validators from the previous run, the clock, secrets by name. */
export interface ConnectorContext {
  http: HttpClientPort;
  /** ETag / Last-Modified per URL from the previous run, for conditional requests. */
  validators: Map<string, { etag: string | null; lastModified: string | null }>;
  /** The instant the run started (relative dates such as "3 days ago" count from it). */
  fetchedAt: Date;
  /** Secrets from the environment (never stored on the source): USAJOBS_API_KEY, USAJOBS_USER_AGENT. */
  secrets: Record<string, string | undefined>;
  /** Root that `file` sources must lie under (absolute). */
  fileRoot: string;
  signal?: AbortSignal;
}

/** One page (request) of a source: the records read from it, or the error that lost it after retries. */
export type ConnectorPage =
  | {
      ok: true;
      url: string;
      /** 304 Not Modified: the page is unchanged; `records` is empty and the run must not treat its postings as gone. */
      notModified: boolean;
      records: ParsedRecord[];
      etag: string | null;
      lastModified: string | null;
    }
  | { ok: false; url: string; error: string; status: number | null };

export interface SourceConnector {
  kind: SourceKind;
  /** Throws an Error whose message names the bad field when the config cannot work (checked on POST/PATCH). */
  validateConfig(config: SourceConfig): void;
  /** The source key its postings are stored under (`posting.source_id`), e.g. "greenhouse:acme". */
  sourceKey(config: SourceConfig): string;
  /**
   * Reads every page, in order. A failed page is yielded as `ok: false` (never thrown) so the run can be marked
   * partial; pagination continues past it where the API allows, otherwise stops.
   */
  pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage>;
}

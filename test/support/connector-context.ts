import type { HttpClientPort } from '../../src/infra/http/http-client.types.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from '../../src/sources/connectors/connector.types.js';
import type { NormalizedPosting } from '../../src/ingestion/posting.types.js';
import { SHARED_DATA_DIR } from '../../src/config/paths.js';

/** The instant test runs start at (postings' `fetchedAt`). */
export const FETCHED_AT = new Date('2026-03-10T12:00:00.000Z');

/** A connector context around a real HttpClient: no validators, no secrets, the shared data folder as file root. */
export function connectorContext(http: HttpClientPort, overrides: Partial<ConnectorContext> = {}): ConnectorContext {
  return { http, validators: new Map(), fetchedAt: FETCHED_AT, secrets: {}, fileRoot: SHARED_DATA_DIR, ...overrides };
}

/** Every page a connector yields for `config`, in order. */
export async function readPages(connector: SourceConnector, config: SourceConfig, context: ConnectorContext): Promise<ConnectorPage[]> {
  const pages: ConnectorPage[] = [];
  for await (const page of connector.pages(config, context)) pages.push(page);
  return pages;
}

/** The postings of the pages that were read, in order. */
export function postingsOf(pages: ConnectorPage[]): NormalizedPosting[] {
  return pages.flatMap((p) => (p.ok ? p.records.flatMap((r) => (r.kind === 'posting' ? [r.posting] : [])) : []));
}

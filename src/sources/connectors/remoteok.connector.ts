import { parseRemoteOk } from '../../ingestion/formats/remoteok.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { apiBase, checkCommon, failedPage, fetchJson, okPage, stamp } from './connector-support.js';

export const REMOTEOK_API = 'https://remoteok.com';

/**
 * Remote OK API: `GET {baseUrl}/api` → a JSON array whose element 0 is the legal notice (a `skipped` record, not a
 * job); every other element is mapped by the Remote OK file parser (src/ingestion/formats/remoteok.ts: mojibake
 * repaired, HTML description, remote = true, salary_min/max in USD a year), so file and API agree. One page,
 * conditional requests with the stored validators. sourceKey "remoteok". Config: `baseUrl` only.
 * Remote OK's terms (in element 0) ask for a link back and naming it as the source.
 */
export class RemoteOkConnector implements SourceConnector {
  readonly kind = 'remoteok' as const;

  validateConfig(config: SourceConfig): void {
    checkCommon(config);
  }

  sourceKey(): string {
    return 'remoteok';
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    yield await this.read(config, context);
  }

  private async read(config: SourceConfig, context: ConnectorContext): Promise<ConnectorPage> {
    const got = await fetchJson(context, `${apiBase(config, REMOTEOK_API)}/api`, { conditional: true });
    if ('done' in got) return got.done;
    const items = got.data;
    if (!Array.isArray(items)) return failedPage(got.url, new Error(`Remote OK response from ${got.response.url} is not a JSON array`));
    const records = stamp(parseRemoteOk(got.response.text(), 'remoteok-api.json'), {
      rawOf: (index) => items[index],
      fetchedAt: context.fetchedAt,
      kind: this.kind,
      rawFormat: 'remoteok',
    });
    return okPage(got.url, got.response, records);
  }
}

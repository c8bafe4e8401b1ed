import { isRecord } from '../../ingestion/formats/common.js';
import { parseGreenhouseBoard } from '../../ingestion/formats/greenhouse.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { apiBase, checkCommon, checkToken, failedPage, fetchJson, okPage, stamp } from './connector-support.js';

export const GREENHOUSE_API = 'https://boards-api.greenhouse.io';

/**
 * Greenhouse job board API: `GET {baseUrl}/v1/boards/{boardToken}/jobs?content=true` → `{jobs: [...], meta: {total}}`,
 * one page. Each job is mapped by the file parser of Greenhouse board files (src/ingestion/formats/greenhouse.ts:
 * title, company_name, location.name, first_published, updated_at, absolute_url, HTML-escaped `content`, metadata
 * "Workplace Type"/"Time Type"), so a board read from a file and from the API gives the same postings under the same
 * key `greenhouse:<board token, lower-case>`. Conditional requests with the stored ETag / Last-Modified.
 * Config: `boardToken` (required), `baseUrl`.
 */
export class GreenhouseConnector implements SourceConnector {
  readonly kind = 'greenhouse' as const;

  validateConfig(config: SourceConfig): void {
    checkCommon(config);
    checkToken(config.boardToken, 'boardToken');
  }

  sourceKey(config: SourceConfig): string {
    return `greenhouse:${String(config.boardToken).toLowerCase()}`;
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    yield await this.read(config, context);
  }

  private async read(config: SourceConfig, context: ConnectorContext): Promise<ConnectorPage> {
    const url = `${apiBase(config, GREENHOUSE_API)}/v1/boards/${encodeURIComponent(String(config.boardToken))}/jobs?content=true`;
    const got = await fetchJson(context, url, { conditional: true });
    if ('done' in got) return got.done;
    const jobs = isRecord(got.data) && Array.isArray(got.data.jobs) ? got.data.jobs : null;
    if (!jobs) return failedPage(got.url, new Error(`Greenhouse response from ${got.response.url} has no "jobs" array`));
    const token = String(config.boardToken).toLowerCase();
    const records = stamp(parseGreenhouseBoard(got.response.text(), `${token}.json`), {
      rawOf: (index) => jobs[index],
      fetchedAt: context.fetchedAt,
      kind: this.kind,
      rawFormat: 'greenhouse-board',
      sourceKey: this.sourceKey(config),
    });
    return okPage(got.url, got.response, records);
  }
}

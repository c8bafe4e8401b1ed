import { isRecord, normalizeEmploymentType, postingOrReject, reject, str, toIsoUtc } from '../../ingestion/formats/common.js';
import type { ParsedRecord, PostingSalary } from '../../ingestion/posting.types.js';
import { htmlToText, normalizeWhitespace } from '../../ingestion/text/html-text.js';
import { parseLocation } from '../../ingestion/text/location.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { apiBase, checkCommon, checkToken, failedPage, fetchJson, okPage, stamp } from './connector-support.js';

export const LEVER_API = 'https://api.lever.co';
const DEFAULT_PAGE_SIZE = 100;
/** A runaway guard: 1,000 pages of postings is far beyond any real Lever site. */
const MAX_PAGES = 1000;

/** Lever `salaryRange.interval` → our period. */
const INTERVALS: Record<string, string> = {
  'per-year-salary': 'year',
  'per-month-salary': 'month',
  'per-week-salary': 'week',
  'per-day-wage': 'day',
  'per-hour-wage': 'hour',
};

/**
 * One Lever posting (Postings API v0, `mode=json`) as a parsed record. externalId = `id`; title = `text`;
 * company = the Lever site name (the API does not return the employer's name); location = `categories.allLocations`
 * (several joined with " | ") else `categories.location`, remote from `workplaceType` (remote → true, onsite/hybrid →
 * false; also kept as `workModeText`); postedAt = `createdAt` (epoch milliseconds); url = `hostedUrl`; employment type = `categories.commitment`;
 * salary = `salaryRange` {min, max, currency, interval}; description = `description` HTML, each of `lists`
 * (heading `text`, items `content` HTML) and `additional` HTML, else the `descriptionPlain`/`additionalPlain` text.
 * A record without `id` or `text` is rejected.
 */
export function leverPosting(index: number, item: unknown, site: string): ParsedRecord {
  if (!isRecord(item)) return reject(index, 'posting is not an object', item);
  const categories = isRecord(item.categories) ? item.categories : {};
  const all = Array.isArray(categories.allLocations) ? categories.allLocations.map(str).filter((s): s is string => !!s) : [];
  const locationText = all.length > 1 ? all.join(' | ') : (str(categories.location) ?? all[0] ?? null);
  const workplace = str(item.workplaceType)?.toLowerCase() ?? '';
  const remote = workplace === 'remote' ? true : workplace === 'onsite' || workplace === 'hybrid' ? false : null;
  const record = postingOrReject(index, item, {
    sourceKey: `lever:${site.toLowerCase()}`,
    sourceKind: 'lever',
    externalId: str(item.id) ?? '',
    title: str(item.text) ?? '',
    company: site,
    location: parseLocation(locationText, { remote }),
    postedAt: toIsoUtc(item.createdAt),
    url: str(item.hostedUrl),
    descriptionText: leverDescription(item),
    employmentType: normalizeEmploymentType(str(categories.commitment)),
    salary: leverSalary(item.salaryRange),
  });
  // The workplace type is kept as text too: normalisation reads it beside the location and description.
  const workModeText = workplace && workplace !== 'unspecified' ? str(item.workplaceType) : null;
  return record.kind === 'posting' && workModeText ? { ...record, posting: { ...record.posting, workModeText } } : record;
}

function leverDescription(item: Record<string, unknown>): string | null {
  const html: string[] = [];
  const description = str(item.description);
  if (description) html.push(description);
  for (const list of Array.isArray(item.lists) ? item.lists.filter(isRecord) : []) {
    const heading = str(list.text);
    const content = str(list.content);
    if (heading) html.push(`<h3>${heading}</h3>`);
    if (content) html.push(/<li[\s>]/i.test(content) && !/<[uo]l[\s>]/i.test(content) ? `<ul>${content}</ul>` : content);
  }
  const additional = str(item.additional);
  if (additional) html.push(additional);
  if (html.length > 0) return htmlToText(html.join('\n')) || null;
  const plain = [str(item.descriptionPlain), str(item.additionalPlain)].filter(Boolean).join('\n\n');
  return normalizeWhitespace(plain) || null;
}

function leverSalary(range: unknown): PostingSalary | null {
  if (!isRecord(range)) return null;
  const min = Number(range.min) || null;
  const max = Number(range.max) || null;
  if (min === null && max === null) return null;
  return { min, max, currency: str(range.currency), period: INTERVALS[str(range.interval) ?? ''] ?? null, raw: null };
}

/**
 * Lever Postings API: `GET {baseUrl}/v0/postings/{site}?mode=json&skip={n}&limit={pageSize}` → a JSON array of
 * postings. Pages are read while they come back full; a full last page is followed by one more call (which returns
 * []). A page lost after the client's retries is yielded `ok: false` and reading stops: skip offsets cannot be
 * trusted after a gap. Reaching the page cap (1,000) with full pages is a lost page too (the run is partial).
 * sourceKey `lever:<site>`. Config: `site` (required), `pageSize` (1..1000, default 100), `baseUrl`.
 */
export class LeverConnector implements SourceConnector {
  readonly kind = 'lever' as const;

  /** @param limits.maxPages pages read at most; a site still answering full pages then is a lost page (partial run). */
  constructor(private readonly limits: { maxPages: number } = { maxPages: MAX_PAGES }) {}

  validateConfig(config: SourceConfig): void {
    checkCommon(config);
    checkToken(config.site, 'site');
  }

  sourceKey(config: SourceConfig): string {
    return `lever:${String(config.site).toLowerCase()}`;
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    const site = String(config.site);
    const limit = config.pageSize ?? DEFAULT_PAGE_SIZE;
    const base = `${apiBase(config, LEVER_API)}/v0/postings/${encodeURIComponent(site)}`;
    for (let page = 0, skip = 0; ; page++, skip += limit) {
      const url = `${base}?mode=json&skip=${skip}&limit=${limit}`;
      if (page >= this.limits.maxPages) {
        // Not a complete read: the postings past the cap were never seen, so the run must not close them.
        yield { ok: false, url, status: null, error: `stopped after ${page} pages of ${limit}: the site still answers full pages (raise pageSize)` };
        return;
      }
      const got = await fetchJson(context, url);
      if ('done' in got) {
        yield got.done;
        return;
      }
      if (!Array.isArray(got.data)) {
        yield failedPage(got.url, new Error(`Lever response from ${got.response.url} is not a JSON array`));
        return;
      }
      const items = got.data;
      const records = stamp(
        items.map((item, i) => leverPosting(skip + i, item, site)),
        { rawOf: (index) => items[index - skip], fetchedAt: context.fetchedAt, kind: this.kind },
      );
      yield okPage(got.url, got.response, records);
      if (items.length < limit) return;
    }
  }
}

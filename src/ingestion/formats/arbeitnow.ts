import type { ParsedRecord } from '../posting.types.js';
import { htmlToText } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { isRecord, normalizeEmploymentType, parseJsonFile, postingOrReject, reject, str, toIsoUtc } from './common.js';

/**
 * Arbeitnow job-board API data (`arbeitnow.com/api/job-board-api`, SOURCES.md §3k): `{data: [...]}` (the API's
 * `links`/`meta` may or may not be present); each item {slug (the id), company_name, title, description (HTML),
 * remote (bool), url, job_types[], location (usually a bare German city), created_at (Unix seconds)}.
 * No country is assumed for bare cities beyond the location gazetteer. Throws when there is no `data` array.
 */
export function* parseArbeitnow(text: string, filePath: string): Iterable<ParsedRecord> {
  const data = parseJsonFile(text, filePath);
  const items = isRecord(data) ? data.data : undefined;
  if (!Array.isArray(items)) throw new Error(`${filePath}: Arbeitnow file has no "data" array`);
  for (const [index, item] of items.entries()) {
    if (!isRecord(item)) {
      yield reject(index, 'item is not an object', item);
      continue;
    }
    const description = str(item.description);
    const jobTypes = Array.isArray(item.job_types) ? item.job_types.filter((t): t is string => typeof t === 'string') : [];
    yield postingOrReject(index, item, {
      sourceKey: 'arbeitnow',
      sourceKind: 'arbeitnow',
      externalId: str(item.slug) ?? '',
      title: str(item.title) ?? '',
      company: str(item.company_name),
      location: parseLocation(str(item.location), { remote: typeof item.remote === 'boolean' ? item.remote : null }),
      postedAt: toIsoUtc(item.created_at),
      url: str(item.url),
      descriptionText: description ? htmlToText(description) : null,
      employmentType: jobTypes.map(normalizeEmploymentType).find((t) => t !== null) ?? null,
    });
  }
}

import type { ParsedRecord } from '../posting.types.js';
import { htmlToText, repairMojibake } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { isRecord, numericSalary, parseJsonFile, postingOrReject, reject, str, toIsoUtc } from './common.js';

/**
 * Remote OK API response (`GET remoteok.com/api`, SOURCES.md §3b): a JSON array whose element 0 is the legal notice
 * (`{last_updated, legal}`) → `skipped`; every other element is a job {id, epoch, date, company, position,
 * description (HTML with double-encoded UTF-8), location, salary_min/max (0 = not given, USD a year), url}.
 * Mojibake is repaired before HTML conversion. All Remote OK jobs are remote, so `remote` is true.
 * Throws when the file is not JSON or not an array.
 */
export function* parseRemoteOk(text: string, filePath: string): Iterable<ParsedRecord> {
  const data = parseJsonFile(text, filePath);
  if (!Array.isArray(data)) throw new Error(`${filePath}: Remote OK file must be a JSON array`);
  for (const [index, item] of data.entries()) {
    if (!isRecord(item)) {
      yield reject(index, 'element is not an object', item);
      continue;
    }
    if ('legal' in item && !('position' in item)) {
      yield { kind: 'skipped', index, reason: 'Remote OK legal notice (not a job)' };
      continue;
    }
    const description = str(item.description);
    yield postingOrReject(index, item, {
      sourceKey: 'remoteok',
      sourceKind: 'remoteok',
      externalId: str(item.id) ?? '',
      title: repairMojibake(str(item.position) ?? ''),
      company: repairMojibake(str(item.company) ?? ''),
      location: parseLocation(repairMojibake(str(item.location) ?? ''), { remote: true }),
      postedAt: toIsoUtc(item.epoch) ?? toIsoUtc(item.date),
      url: str(item.url),
      descriptionText: description ? htmlToText(repairMojibake(description), { preserveNewlines: true }) : null,
      salary: numericSalary(item.salary_min, item.salary_max, 'USD', 'year'),
    });
  }
}

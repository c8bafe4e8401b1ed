import { basename, extname } from 'node:path';
import type { ParsedRecord } from '../posting.types.js';
import { unescapeGreenhouseContent } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { isRecord, normalizeEmploymentType, parseCsvFile, parseJsonFile, postingOrReject, reject, str, toIsoUtc } from './common.js';

/**
 * Greenhouse board token from a job URL ("https://boards.greenhouse.io/10xgenomics/jobs/8075670",
 * "https://job-boards.greenhouse.io/catawiki/jobs/6954117"); null for custom career sites (careers.airbnb.com).
 */
export function boardTokenFromUrl(url: string | null): string | null {
  const m = url ? /greenhouse\.io\/(?:embed\/job_app\?for=)?([A-Za-z0-9_-]+)\/jobs\//.exec(url) : null;
  return m ? m[1].toLowerCase() : null;
}

/**
 * Greenhouse job board file (SOURCES.md §3c, §3l): the scraper's wrapper `{company, fetched_at, job_count, jobs}` or
 * the real API shape `{jobs, meta}`, with or without `content` (HTML-escaped HTML). sourceKey is
 * `greenhouse:<board token>`, the token taken from the wrapper's `company`, else the job URLs, else the file name
 * ("airbnb.json" → "airbnb"); externalId is the Greenhouse job `id`, so a job matches its row in the flat CSV.
 * Without `content` the posting is title-only (descriptionText null). remote/employment type come from the
 * `metadata` custom fields "Workplace Type" (Remote → true, Onsite/Hybrid → false) and "Time Type"/"Employment Type".
 * Throws when the file is not JSON or has no `jobs` array.
 */
export function* parseGreenhouseBoard(text: string, filePath: string): Iterable<ParsedRecord> {
  const data = parseJsonFile(text, filePath);
  const jobs = isRecord(data) ? data.jobs : undefined;
  if (!isRecord(data) || !Array.isArray(jobs)) throw new Error(`${filePath}: Greenhouse file has no "jobs" array`);
  const firstUrl = jobs.map((j) => (isRecord(j) ? str(j.absolute_url) : null)).find(Boolean) ?? null;
  const token =
    str(data.company)?.trim().toLowerCase() || boardTokenFromUrl(firstUrl) || basename(filePath, extname(filePath)).toLowerCase();
  for (const [index, job] of jobs.entries()) {
    if (!isRecord(job)) {
      yield reject(index, 'job is not an object', job);
      continue;
    }
    const custom = metadataValues(job.metadata);
    const workplace = custom.get('workplace type')?.toLowerCase() ?? '';
    const remote = workplace.includes('remote') ? true : /onsite|on-site|office|hybrid/.test(workplace) ? false : null;
    const content = str(job.content);
    yield postingOrReject(index, job, {
      sourceKey: `greenhouse:${token}`,
      sourceKind: 'greenhouse',
      externalId: str(job.id) ?? '',
      title: str(job.title) ?? '',
      company: str(job.company_name),
      location: parseLocation(isRecord(job.location) ? str(job.location.name) : null, { remote }),
      postedAt: toIsoUtc(job.first_published),
      url: str(job.absolute_url),
      descriptionText: content ? unescapeGreenhouseContent(content) : null,
      languageHint: str(job.language),
      sourceUpdatedAt: toIsoUtc(job.updated_at),
      employmentType: normalizeEmploymentType(custom.get('time type') ?? custom.get('employment type')),
      workModeText: custom.get('workplace type') ?? null,
    });
  }
}

/** Greenhouse `metadata` custom fields as lower-case name → string value (non-string values dropped). */
function metadataValues(metadata: unknown): Map<string, string> {
  const values = new Map<string, string>();
  if (!Array.isArray(metadata)) return values;
  for (const field of metadata) {
    if (isRecord(field) && typeof field.name === 'string' && typeof field.value === 'string') {
      values.set(field.name.toLowerCase(), field.value);
    }
  }
  return values;
}

/**
 * The derived flat CSV of Greenhouse open jobs (SOURCES.md §3c): columns board_token, company_name, job_id, title,
 * location, first_published, language, absolute_url, … One title-only posting per row, sourceKey
 * `greenhouse:<board_token>`, externalId job_id (the same key as the board files). Rows without job_id, title or
 * board_token are rejected. Throws on malformed CSV.
 */
export function* parseGreenhouseCsv(text: string, filePath: string): Iterable<ParsedRecord> {
  const rows = parseCsvFile(text, filePath);
  for (const [index, row] of rows.entries()) {
    const token = row.board_token?.trim().toLowerCase();
    if (!token) {
      yield reject(index, 'missing board_token', row);
      continue;
    }
    yield postingOrReject(index, row, {
      sourceKey: `greenhouse:${token}`,
      sourceKind: 'greenhouse',
      externalId: row.job_id?.trim() ?? '',
      title: row.title ?? '',
      company: row.company_name,
      location: parseLocation(row.location),
      postedAt: toIsoUtc(row.first_published),
      url: row.absolute_url,
      descriptionText: null,
      languageHint: row.language,
      sourceUpdatedAt: toIsoUtc(row.updated_at),
    });
  }
}

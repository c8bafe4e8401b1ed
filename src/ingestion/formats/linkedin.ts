import type { ParsedRecord, PostingSalary } from '../posting.types.js';
import { normalizeWhitespace } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { normalizeEmploymentType, parseCsvFile, postingOrReject, toIsoUtc } from './common.js';

/** BIWEEKLY (pay per two weeks) has no period of ours: it stays null, so the figure is kept but not annualised. */
const PAY_PERIODS: Record<string, string> = { HOURLY: 'hour', DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' };

/**
 * LinkedIn postings CSV in the Kaggle "LinkedIn Job Postings (2023–2024)" `postings.csv` schema (SOURCES.md §3d, §3i;
 * both column sets). sourceKey "linkedin", externalId job_id, postedAt = listed_time (epoch ms written as a float,
 * "1713397508000.0"), description plain text, location free text ("New York, NY"), remote = remote_allowed ("1"/"1.0"
 * → true, empty → unknown), employment type from work_type/formatted_work_type, salary min/max (or med) with
 * pay_period and currency. Throws on malformed CSV.
 */
export function* parseLinkedinCsv(text: string, filePath: string): Iterable<ParsedRecord> {
  const rows = parseCsvFile(text, filePath);
  for (const [index, row] of rows.entries()) {
    const remoteAllowed = Number(row.remote_allowed) === 1 ? true : null;
    yield postingOrReject(index, row, {
      sourceKey: 'linkedin',
      sourceKind: 'linkedin',
      externalId: row.job_id?.trim() ?? '',
      title: row.title ?? '',
      company: row.company_name,
      location: parseLocation(row.location, { remote: remoteAllowed }),
      postedAt: toIsoUtc(row.listed_time) ?? toIsoUtc(row.original_listed_time),
      url: row.job_posting_url,
      descriptionText: row.description ? normalizeWhitespace(row.description) : null,
      employmentType: normalizeEmploymentType(row.work_type || row.formatted_work_type),
      salary: salary(row),
    });
  }
}

function salary(row: Record<string, string>): PostingSalary | null {
  const min = Number(row.min_salary) || Number(row.med_salary) || null;
  const max = Number(row.max_salary) || Number(row.med_salary) || null;
  if (min === null && max === null) return null;
  return { min, max, currency: row.currency?.trim() || null, period: PAY_PERIODS[row.pay_period?.trim() ?? ''] ?? null, raw: null };
}

import type { ParsedRecord } from '../posting.types.js';
import { htmlToText } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { isRecord, normalizeEmploymentType, parseJsonFile, parseSalaryText, postingOrReject, reject, str, toIsoUtc } from './common.js';

/**
 * Remotive API response (`GET remotive.com/api/remote-jobs`, SOURCES.md §3j): `{"0-legal-notice", "job-count", jobs[]}`;
 * each job {id, url, title, company_name, job_type, publication_date (ISO without zone, read as UTC),
 * candidate_required_location (where candidates may live; every Remotive job is remote), salary (free text),
 * description (HTML)}. Throws when the file is not JSON or has no `jobs` array.
 */
export function* parseRemotive(text: string, filePath: string): Iterable<ParsedRecord> {
  const data = parseJsonFile(text, filePath);
  const jobs = isRecord(data) ? data.jobs : undefined;
  if (!Array.isArray(jobs)) throw new Error(`${filePath}: Remotive file has no "jobs" array`);
  for (const [index, job] of jobs.entries()) {
    if (!isRecord(job)) {
      yield reject(index, 'job is not an object', job);
      continue;
    }
    const description = str(job.description);
    yield postingOrReject(index, job, {
      sourceKey: 'remotive',
      sourceKind: 'remotive',
      externalId: str(job.id) ?? '',
      title: str(job.title) ?? '',
      company: str(job.company_name),
      location: parseLocation(str(job.candidate_required_location), { remote: true }),
      postedAt: toIsoUtc(job.publication_date),
      url: str(job.url),
      descriptionText: description ? htmlToText(description) : null,
      employmentType: normalizeEmploymentType(str(job.job_type)),
      salary: parseSalaryText(str(job.salary)),
    });
  }
}

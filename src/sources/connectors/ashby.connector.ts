import { isRecord, normalizeEmploymentType, postingOrReject, reject, str, toIsoUtc } from '../../ingestion/formats/common.js';
import type { ParsedRecord, PostingSalary } from '../../ingestion/posting.types.js';
import { htmlToText, normalizeWhitespace } from '../../ingestion/text/html-text.js';
import { parseLocation } from '../../ingestion/text/location.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { apiBase, checkCommon, checkToken, failedPage, fetchJson, okPage, stamp } from './connector-support.js';

export const ASHBY_API = 'https://api.ashbyhq.com';

/** Ashby compensation `interval` ("1 YEAR", "1 HOUR"…) → our period. */
const INTERVALS: Record<string, string> = { YEAR: 'year', MONTH: 'month', WEEK: 'week', DAY: 'day', HOUR: 'hour' };

/**
 * One job of Ashby's public job posting API as a parsed record. externalId = `id`; company = the job board name
 * (the API does not return the employer's name); location from `address.postalAddress` (addressLocality,
 * addressRegion, addressCountry) when given, else the `location` text, whose raw text is kept (with
 * `secondaryLocations` after " | "); remote from `workplaceType` ("Remote" → true, "OnSite"/"Hybrid" → false) else
 * `isRemote`, also kept as `workModeText`; postedAt = `publishedAt`; url = `jobUrl`; employment type =
 * `employmentType` ("FullTime", "Intern"…); salary from the `compensation.summaryComponents` entry of type "Salary"
 * (minValue, maxValue, currencyCode, interval), raw = `compensationTierSummary`; description = `descriptionHtml`
 * else `descriptionPlain`. A job without `id` or `title` is rejected.
 */
export function ashbyPosting(index: number, job: unknown, jobBoardName: string): ParsedRecord {
  if (!isRecord(job)) return reject(index, 'job is not an object', job);
  const workplace = str(job.workplaceType);
  const remote = workplace === 'Remote' ? true : workplace === 'OnSite' || workplace === 'Hybrid' ? false : typeof job.isRemote === 'boolean' ? job.isRemote : null;
  const secondary = Array.isArray(job.secondaryLocations) ? job.secondaryLocations.filter(isRecord).map((l) => str(l.location)).filter(Boolean) : [];
  const rawLocation = [str(job.location), ...secondary].filter(Boolean).join(' | ') || null;
  const postal = isRecord(job.address) && isRecord(job.address.postalAddress) ? job.address.postalAddress : null;
  const postalText = postal ? [str(postal.addressLocality), str(postal.addressRegion), str(postal.addressCountry)].filter(Boolean).join(', ') : '';
  const location = parseLocation(postalText || str(job.location), { remote });
  const html = str(job.descriptionHtml);
  const record = postingOrReject(index, job, {
    sourceKey: `ashby:${jobBoardName.toLowerCase()}`,
    sourceKind: 'ashby',
    externalId: str(job.id) ?? '',
    title: str(job.title) ?? '',
    company: jobBoardName,
    location: { ...location, raw: rawLocation },
    postedAt: toIsoUtc(job.publishedAt),
    url: str(job.jobUrl),
    descriptionText: html ? htmlToText(html) : normalizeWhitespace(str(job.descriptionPlain) ?? ''),
    employmentType: normalizeEmploymentType(str(job.employmentType)),
    salary: ashbySalary(job.compensation),
  });
  return record.kind === 'posting' && workplace ? { ...record, posting: { ...record.posting, workModeText: workplace } } : record;
}

function ashbySalary(compensation: unknown): PostingSalary | null {
  if (!isRecord(compensation)) return null;
  const summary = str(compensation.compensationTierSummary) ?? str(compensation.scrapeableCompensationSalarySummary);
  const components = Array.isArray(compensation.summaryComponents) ? compensation.summaryComponents.filter(isRecord) : [];
  const pay = components.find((c) => str(c.compensationType)?.toLowerCase() === 'salary');
  if (!pay) return summary ? { min: null, max: null, currency: null, period: null, raw: summary } : null;
  const unit = /\b(YEAR|MONTH|WEEK|DAY|HOUR)\b/i.exec(str(pay.interval) ?? '')?.[1]?.toUpperCase();
  return {
    min: Number(pay.minValue) || null,
    max: Number(pay.maxValue) || null,
    currency: str(pay.currencyCode),
    period: unit ? INTERVALS[unit] : null,
    raw: summary,
  };
}

/**
 * Ashby public job posting API: `GET {baseUrl}/posting-api/job-board/{jobBoardName}?includeCompensation=true` →
 * `{jobs: [...]}`, one page, conditional requests with the stored validators. Jobs with `isListed: false` are
 * skipped. sourceKey `ashby:<job board name, lower-case>`. Config: `jobBoardName` (required), `baseUrl`.
 */
export class AshbyConnector implements SourceConnector {
  readonly kind = 'ashby' as const;

  validateConfig(config: SourceConfig): void {
    checkCommon(config);
    checkToken(config.jobBoardName, 'jobBoardName', /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/);
  }

  sourceKey(config: SourceConfig): string {
    return `ashby:${String(config.jobBoardName).toLowerCase()}`;
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    yield await this.read(config, context);
  }

  private async read(config: SourceConfig, context: ConnectorContext): Promise<ConnectorPage> {
    const name = String(config.jobBoardName);
    const url = `${apiBase(config, ASHBY_API)}/posting-api/job-board/${encodeURIComponent(name)}?includeCompensation=true`;
    const got = await fetchJson(context, url, { conditional: true });
    if ('done' in got) return got.done;
    const jobs = isRecord(got.data) && Array.isArray(got.data.jobs) ? got.data.jobs : null;
    if (!jobs) return failedPage(got.url, new Error(`Ashby response from ${got.response.url} has no "jobs" array`));
    const records = jobs.map((job, index): ParsedRecord =>
      isRecord(job) && job.isListed === false ? { kind: 'skipped', index, reason: 'Ashby job not listed (isListed: false)' } : ashbyPosting(index, job, name),
    );
    return okPage(got.url, got.response, stamp(records, { rawOf: (index) => jobs[index], fetchedAt: context.fetchedAt, kind: this.kind }));
  }
}

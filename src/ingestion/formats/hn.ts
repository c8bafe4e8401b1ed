import { basename } from 'node:path';
import type { ParsedRecord } from '../posting.types.js';
import { htmlToText } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { isRecord, parseJsonFile, postingOrReject, reject, str, toIsoUtc } from './common.js';
import { parseHnHeader, roleFromBody, type HnHeader } from './hn-header.js';

const SOURCE_KEY = 'hn:whoishiring';
const itemUrl = (id: string) => `https://news.ycombinator.com/item?id=${id}`;

/**
 * Header of a comment from its plain text (htmlToText with preserved newlines, so the first line is the text before
 * the first "<p>" or newline); when that line names no role, the role is looked for in the next lines.
 */
function headerOf(plain: string): HnHeader {
  const [first = '', ...rest] = plain.split('\n').filter((l) => l.trim() !== '');
  const header = parseHnHeader(first);
  return header.title ? header : { ...header, title: roleFromBody(rest) };
}

/** Title of a posting whose header and first lines name no role: the opening is kept, its role marked as unknown. */
export const ROLE_NOT_STATED = 'Role not stated';
/** Below this many characters, a comment without a role is a reply in the thread, not a job posting. */
const MIN_POSTING_CHARS = 300;

/**
 * The title to store, or the reason the comment is not a posting: a comment that names a company in a header
 * ("Company | Location | Full-time") and has a posting's length is kept with the title "Role not stated";
 * short comments without a role (replies such as "What about europe") are rejected.
 */
function titleOrReason(header: HnHeader, plain: string): { title: string } | { reason: string } {
  if (header.title) return { title: header.title };
  if (header.company && plain.length >= MIN_POSTING_CHARS) return { title: ROLE_NOT_STATED };
  return { reason: 'not a job posting: no role and no company header (a reply in the thread)' };
}

/**
 * A YC "direct" job story (scraped YC job page): the page text holds "<Role> at <Company> | Y Combinator" and
 * "… • <location> Job type …"; the description starts at "About the role" (navigation boilerplate dropped).
 */
function directHeader(text: string): { header: HnHeader; description: string } {
  const plain = htmlToText(text, { preserveNewlines: true });
  const page = /(?:^|\n)(.+?) at (.+?) \| Y Combinator/.exec(plain);
  const where = /•\s*([^•\n]+?)\s+Job type/.exec(plain);
  const about = plain.indexOf('About the role');
  const start = about >= 0 ? about : plain.search(/Apply to role ›/);
  const header: HnHeader = {
    company: page ? page[2].trim() : null,
    title: page ? page[1].trim() : null,
    location: where ? where[1].trim() : null,
    remote: where && /remote/i.test(where[1]) ? true : null,
    employmentType: null,
  };
  return { header, description: start >= 0 ? plain.slice(start).replace(/^Apply to role ›\s*/, '') : plain };
}

/**
 * HN "Who is hiring?" raw items, 2026 pipeline files (SOURCES.md §3f): `{sources, jobs: [{id, source
 * ("who_is_hiring" | "direct"), by, time (Unix s), text (HN HTML)}]}`. Title, company and location come from the
 * comment's first line (see parseHnHeader); a posting whose header names no role is kept as "Role not stated", and a
 * short comment with neither role nor company header (a reply in the thread) is rejected.
 * sourceKey "hn:whoishiring", externalId the HN item id, postedAt = `time`. Throws when there is no `jobs` array.
 */
export function* parseHn2026(text: string, filePath: string): Iterable<ParsedRecord> {
  const data = parseJsonFile(text, filePath);
  const jobs = isRecord(data) ? data.jobs : undefined;
  if (!Array.isArray(jobs)) throw new Error(`${filePath}: HN file has no "jobs" array`);
  for (const [index, job] of jobs.entries()) {
    if (!isRecord(job)) {
      yield reject(index, 'item is not an object', job);
      continue;
    }
    const id = str(job.id) ?? '';
    const html = str(job.text) ?? '';
    if (!html.trim()) {
      yield reject(index, 'empty text (deleted or dead comment)', job);
      continue;
    }
    const direct = job.source === 'direct';
    const plain = direct ? '' : htmlToText(html, { preserveNewlines: true });
    const { header, description } = direct ? directHeader(html) : { header: headerOf(plain), description: plain };
    const title = titleOrReason(header, description);
    if ('reason' in title) {
      yield reject(index, title.reason, html.slice(0, 200));
      continue;
    }
    yield postingOrReject(index, job, {
      sourceKey: SOURCE_KEY,
      sourceKind: 'hn',
      externalId: id,
      title: title.title,
      company: header.company,
      location: parseLocation(header.location, { remote: header.remote }),
      postedAt: toIsoUtc(job.time),
      url: id ? itemUrl(id) : null,
      descriptionText: description,
      employmentType: header.employmentType,
    });
  }
}

/**
 * HN "Who is hiring?" parsed monthly files of 2017 (SOURCES.md §3g): a JSON array of {url (…item?id=N), user,
 * full_html, location, country, remote, …}. No per-post time: postedAt is the first day of the month in the file
 * name ("2017-02.json" → 2017-02-01T00:00:00.000Z) with postedPrecision "month". Location text = the file's own
 * `location` (the author's parse of the header), else the header's; country hint = the file's `country`.
 * externalId = the item id from `url`. Throws when the file is not a JSON array.
 */
export function* parseHn2017(text: string, filePath: string): Iterable<ParsedRecord> {
  const data = parseJsonFile(text, filePath);
  if (!Array.isArray(data)) throw new Error(`${filePath}: HN 2017 file must be a JSON array`);
  const month = /(\d{4})-(\d{2})/.exec(basename(filePath));
  const postedAt = month ? `${month[1]}-${month[2]}-01T00:00:00.000Z` : null;
  for (const [index, item] of data.entries()) {
    if (!isRecord(item)) {
      yield reject(index, 'item is not an object', item);
      continue;
    }
    const id = /[?&]id=(\d+)/.exec(str(item.url) ?? '')?.[1] ?? '';
    const html = str(item.full_html) ?? '';
    if (!id) {
      yield reject(index, 'no item id in url', item);
      continue;
    }
    const plain = htmlToText(html, { preserveNewlines: true });
    const header = headerOf(plain);
    const title = titleOrReason(header, plain);
    if ('reason' in title) {
      yield reject(index, title.reason, html.slice(0, 200));
      continue;
    }
    const remote = header.remote ?? (item.remote === true ? true : null);
    yield postingOrReject(index, item, {
      sourceKey: SOURCE_KEY,
      sourceKind: 'hn',
      externalId: id,
      title: title.title,
      company: header.company,
      location: parseLocation(str(item.location) ?? header.location, { remote, countryCode: str(item.country) }),
      postedAt,
      postedPrecision: 'month',
      url: itemUrl(id),
      descriptionText: plain,
      employmentType: header.employmentType,
    });
  }
}

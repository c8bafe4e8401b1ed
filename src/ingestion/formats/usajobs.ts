import type { ParsedRecord, PostingSalary } from '../posting.types.js';
import { normalizeWhitespace } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { isRecord, normalizeEmploymentType, parseJsonFile, postingOrReject, reject, str, toIsoUtc } from './common.js';

/** Sections of `UserArea.Details` that describe the work and its requirements (boilerplate such as HowToApply left out). */
const DETAIL_SECTIONS: Array<[string, string]> = [
  ['JobSummary', 'Summary'],
  ['MajorDuties', 'Duties'],
  ['KeyRequirements', 'Key requirements'],
  ['Education', 'Education'],
  ['Requirements', 'Requirements'],
];

const PERIODS: Record<string, string> = { 'Per Year': 'year', 'Per Hour': 'hour', 'Per Day': 'day', 'Per Week': 'week', 'Bi-weekly': 'week', 'Per Month': 'month' };

/**
 * USAJOBS Search API response (`/api/Search`, SOURCES.md §3a): `{SearchResult: {SearchResultItems: [{MatchedObjectId,
 * MatchedObjectDescriptor}]}}`. Title = PositionTitle, company = OrganizationName (the hiring agency), postedAt =
 * PublicationStartDate (a day), salary from PositionRemuneration[0] (USD), location from PositionLocation[]
 * (fields kept only where all listed places agree; raw = PositionLocationDisplay). Description = JobSummary,
 * MajorDuties (one per line), QualificationSummary, KeyRequirements (one per line), Education and Requirements, each
 * under a heading line and separated by blank lines. Throws when the file has no SearchResultItems array.
 */
export function* parseUsajobs(text: string, filePath: string): Iterable<ParsedRecord> {
  const data = parseJsonFile(text, filePath);
  const result = isRecord(data) && isRecord(data.SearchResult) ? data.SearchResult : undefined;
  const items = result?.SearchResultItems;
  if (!Array.isArray(items)) throw new Error(`${filePath}: USAJOBS file has no SearchResult.SearchResultItems array`);
  for (const [index, item] of items.entries()) {
    const d = isRecord(item) && isRecord(item.MatchedObjectDescriptor) ? item.MatchedObjectDescriptor : undefined;
    if (!isRecord(item) || !d) {
      yield reject(index, 'item has no MatchedObjectDescriptor', item);
      continue;
    }
    const places = Array.isArray(d.PositionLocation) ? d.PositionLocation.filter(isRecord) : [];
    const location = parseLocation(places.map((p) => str(p.LocationName) ?? str(p.CityName) ?? '').filter(Boolean).join(' | '));
    const schedule = Array.isArray(d.PositionSchedule) && isRecord(d.PositionSchedule[0]) ? str(d.PositionSchedule[0].Name) : null;
    yield postingOrReject(index, item, {
      sourceKey: 'usajobs',
      sourceKind: 'usajobs',
      externalId: str(item.MatchedObjectId) ?? '',
      title: str(d.PositionTitle) ?? '',
      company: str(d.OrganizationName) ?? str(d.DepartmentName),
      location: { ...location, raw: str(d.PositionLocationDisplay) ?? location.raw },
      postedAt: toIsoUtc(d.PublicationStartDate),
      url: str(d.PositionURI),
      descriptionText: describe(d),
      employmentType: normalizeEmploymentType(schedule),
      salary: remuneration(d.PositionRemuneration),
    });
  }
}

function describe(d: Record<string, unknown>): string | null {
  const details = isRecord(d.UserArea) && isRecord(d.UserArea.Details) ? d.UserArea.Details : {};
  const sections: string[] = [];
  const add = (heading: string, value: unknown) => {
    const body = Array.isArray(value) ? value.map(str).filter(Boolean).join('\n') : (str(value) ?? '');
    if (body.trim()) sections.push(`${heading}\n${body}`);
  };
  for (const [key, heading] of DETAIL_SECTIONS.slice(0, 2)) add(heading, details[key]);
  add('Qualifications', d.QualificationSummary);
  for (const [key, heading] of DETAIL_SECTIONS.slice(2)) add(heading, details[key]);
  const text = normalizeWhitespace(sections.join('\n\n'));
  return text || null;
}

function remuneration(value: unknown): PostingSalary | null {
  const r = Array.isArray(value) && isRecord(value[0]) ? value[0] : undefined;
  if (!r) return null;
  const min = Number(r.MinimumRange) || null;
  const max = Number(r.MaximumRange) || null;
  if (min === null && max === null) return null; // "Without Compensation" interns: 0.0 - 0.0
  return { min, max, currency: 'USD', period: PERIODS[str(r.RateIntervalCode) ?? ''] ?? null, raw: null };
}

import type { ParsedRecord, PostingLocation, PostingSalary } from '../posting.types.js';
import { htmlToText } from '../text/html-text.js';
import { parseLocation } from '../text/location.js';
import { contentId, isRecord, normalizeEmploymentType, parseJsonFile, postingOrReject, reject, str, toIsoUtc } from './common.js';

/** Text-bearing JobPosting properties appended to `description`, in this order, under these labels. */
const TEXT_PROPERTIES: Array<[string, string]> = [
  ['responsibilities', 'Responsibilities'],
  ['qualifications', 'Qualifications'],
  ['skills', 'Skills'],
  ['educationRequirements', 'Education'],
  ['experienceRequirements', 'Experience'],
];

/** Every node of a JSON-LD document: the top object, array elements and `@graph` members. */
function nodesOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data.flatMap(nodesOf);
  if (isRecord(data) && Array.isArray(data['@graph'])) return data['@graph'].flatMap(nodesOf);
  return [data];
}

const typesOf = (node: Record<string, unknown>): string[] =>
  (Array.isArray(node['@type']) ? node['@type'] : [node['@type']]).filter((t): t is string => typeof t === 'string');

/**
 * schema.org JSON-LD files (SOURCES.md §3e): a JobPosting object, an array, or `{@graph: [...]}`. Nodes of other
 * types (Occupation, Organization…) are `skipped` with their type. title = `title` ?? `name`; company =
 * hiringOrganization.name; location from jobLocation.address (locality, region, country), else
 * applicantLocationRequirements; jobLocationType TELECOMMUTE → remote. externalId = `identifier` (text or
 * PropertyValue.value) ?? `url` ?? a content hash (16 hex of SHA-256 of the node's JSON, stable across runs).
 * sourceKey `jsonld:<hostname of url>` ?? `jsonld:<organisation name slug>` ?? "jsonld:unknown". Description =
 * description (HTML allowed) plus responsibilities, qualifications, skills, education and experience requirements.
 * Throws when the file is not JSON.
 */
export function* parseJsonLd(text: string, filePath: string): Iterable<ParsedRecord> {
  const nodes = nodesOf(parseJsonFile(text, filePath));
  for (const [index, node] of nodes.entries()) {
    if (!isRecord(node)) {
      yield reject(index, 'node is not an object', node);
      continue;
    }
    const types = typesOf(node);
    if (!types.includes('JobPosting')) {
      yield { kind: 'skipped', index, reason: `schema.org ${types.join('/') || 'untyped node'}, not a JobPosting` };
      continue;
    }
    const url = str(node.url);
    const org = isRecord(node.hiringOrganization) ? str(node.hiringOrganization.name) : str(node.hiringOrganization);
    const host = url ? safeHost(url) : null;
    const slug = org?.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const employment = Array.isArray(node.employmentType) ? node.employmentType.map(str).join(' ') : str(node.employmentType);
    yield postingOrReject(index, node, {
      sourceKey: `jsonld:${host ?? (slug || 'unknown')}`,
      sourceKind: 'jsonld',
      externalId: identifier(node.identifier) ?? url ?? contentId(node),
      title: str(node.title) ?? str(node.name) ?? '',
      company: org,
      location: location(node),
      postedAt: toIsoUtc(node.datePosted),
      url,
      descriptionText: description(node),
      employmentType: normalizeEmploymentType(employment),
      salary: salary(node),
    });
  }
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function identifier(value: unknown): string | null {
  if (isRecord(value)) return str(value.value) ?? str(value['@id']) ?? str(value.name);
  return str(value);
}

/** Plain text of a property value: strings, arrays, and objects such as EducationalOccupationalCredential. */
function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join('\n');
  if (!isRecord(value)) return str(value) ?? (typeof value === 'boolean' ? '' : '');
  const months = str(value.monthsOfExperience);
  const parts = [str(value.credentialCategory), str(value.about), str(value.name), str(value.description)].filter(Boolean);
  if (months) parts.push(`${months} months of experience`);
  return parts.join(', ');
}

function description(node: Record<string, unknown>): string | null {
  const sections: string[] = [];
  const main = str(node.description);
  if (main) sections.push(htmlToText(main));
  for (const [key, label] of TEXT_PROPERTIES) {
    const body = textOf(node[key]).trim();
    if (body) sections.push(`${label}: ${body}`);
  }
  return sections.length > 0 ? sections.join('\n\n') : null;
}

function location(node: Record<string, unknown>): PostingLocation {
  const places = Array.isArray(node.jobLocation) ? node.jobLocation : [node.jobLocation];
  const remote = /telecommute/i.test(str(node.jobLocationType) ?? '') ? true : null;
  const texts = places.filter(isRecord).map((place) => {
    const a = isRecord(place.address) ? place.address : {};
    const country = isRecord(a.addressCountry) ? str(a.addressCountry.name) : str(a.addressCountry);
    return [str(a.addressLocality), str(a.addressRegion), country].filter(Boolean).join(', ');
  });
  const text = texts.filter(Boolean).join(' | ');
  if (text) return parseLocation(text, { remote });
  const req = Array.isArray(node.applicantLocationRequirements) ? node.applicantLocationRequirements : [node.applicantLocationRequirements];
  const areas = req.filter(isRecord).map((r) => str(r.name)).filter(Boolean).join(' | ');
  return parseLocation(areas || null, { remote });
}

function salary(node: Record<string, unknown>): PostingSalary | null {
  const base = node.baseSalary;
  if (base === undefined || base === null) return null;
  const fallbackCurrency = str(node.salaryCurrency);
  if (!isRecord(base)) {
    const n = Number(base);
    return Number.isFinite(n) ? { min: n, max: n, currency: fallbackCurrency, period: null, raw: str(base) } : null;
  }
  const value = isRecord(base.value) ? base.value : { value: base.value };
  const unit = (str(value.unitText) ?? '').toLowerCase();
  const min = Number(value.minValue ?? value.value) || null;
  const max = Number(value.maxValue ?? value.value) || null;
  return { min, max, currency: str(base.currency) ?? fallbackCurrency, period: unit || null, raw: null };
}

import { normalizeEmploymentType } from './common.js';
import { parseLocation } from '../text/location.js';

/** What the first line of a "Who is hiring?" comment yields. */
export interface HnHeader {
  company: string | null;
  /** The role(s) being hired for, never the company; null when the line names none. */
  title: string | null;
  /** The location parts of the line joined with " | ", or null. */
  location: string | null;
  /** true for remote, false for onsite/hybrid, null when the line says neither. */
  remote: boolean | null;
  employmentType: string | null;
}

/** Words that make a header part a job title (checked as whole words, case-insensitive). */
const ROLE = /\b(engineers?|engineering|developers?|devs?|programmers?|designers?|scientists?|architects?|managers?|leads?|head of|directors?|analysts?|researchers?|sre|devops|cto|vp|founding|interns?|internships?|specialists?|consultants?|administrators?|recruiters?|marketers?|marketing|sales|account executives?|writers?|advocates?|technicians?|officers?|roles|positions|mles?|swes?|full[- ]?stack|front[- ]?end|back[- ]?end|qa|testers?|accountants?|counsel|attorneys?|nurses?|teachers?|professors?|product|hackers?|staff|ml|ai|ios|android|data|security|support|operations|sdes?|sdms?|tpms?|qaes?|opportunities|openings|jobs)\b/i;
const SALARY = /[$€£¥]\s?\d|\b\d+(\.\d+)?\s?k\b|\bsalary\b|\bequity\b|\bcompensation\b|\bper (hour|year|annum)\b/i;
const EMPLOYMENT = /^(full[\s-]?time|part[\s-]?time|contract(or)?|intern(ship)?s?|freelance|ft|pt|permanent|temporary|full[\s-]?time\s*(\/|,|and|&)\s*part[\s-]?time)\b/i;
const URL_ONLY = /^(https?:\/\/\S+|(www\.)?[\w-]+\.(com|io|ai|dev|co|org|net|app|eu|de|xyz|tech|so|sh)(\/\S*)?)$/i;
const YC_TAG = /\s*\((?:YC\s+)?[SWFX]\d{2}\)\s*/gi;

/**
 * Parses the header line of an HN "Who is hiring?" comment, by convention "Company | Role | Location | Remote |
 * Salary …", but robust to " - " / " — " / "," separators, "Role @ Company (Location)" and "Company is hiring Role".
 * The first part is the company (unless the line uses "@"/"is hiring"); among the other parts, salary and
 * employment-type parts are recognised first, then location parts (a country, region, big city or remote/onsite
 * word), then the first part containing a role word is the title. URLs are dropped.
 * @param line the first line as plain text (HTML already converted).
 * @returns the parts found; `title` null when no part reads as a role.
 */
export function parseHnHeader(line: string): HnHeader {
  return parseHeaderLine(withoutUrls(line));
}

/**
 * The line without link targets: "Flip (https://flip.lease) | …" → "Flip | …", "Engineer https://x.io/jobs" →
 * "Engineer". HN's HTML keeps the URL as link text, and a URL inside a part would cut it at "(".
 */
function withoutUrls(line: string): string {
  return line
    .replace(/\(\s*(?:https?:\/\/|www\.)[^)]*\)/gi, ' ')
    .replace(/(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/\(\s*\)/g, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** Sentence openings that mark a body line as prose, not a role heading. */
const PROSE = /^(we|we're|we’re|i|i'm|i’m|our|at|the|do|are|if|you|this|as|in|it|hi|hey|hello)\b/i;

/**
 * Role of a comment whose header line names none: a "Role:"/"Position:" line, else the first short line (≤ 80
 * characters) among the next few lines that contains a role word and does not read as prose
 * ("DevOps Engineer - Apply: …" → "DevOps Engineer - Apply: …" cut at " - Apply").
 * @param lines the comment's plain-text lines after the header line.
 */
export function roleFromBody(lines: string[]): string | null {
  const labelled = lines.map((l) => /^(?:roles?|positions?|title|hiring|job|open roles?)\s*:\s*(.{3,150})$/i.exec(l)).find(Boolean);
  if (labelled) return labelled[1].trim();
  const candidate = lines
    .slice(0, 6)
    .find((l) => l.length >= 3 && l.length <= 80 && ROLE.test(l) && !PROSE.test(l) && !/^https?:/.test(l));
  return candidate ? candidate.replace(/\s+[-–—]\s+apply\b.*$/i, '').trim() : null;
}

function parseHeaderLine(line: string): HnHeader {
  const clean = line.replace(/https?:\/\/\S+/g, ' ').replace(/\s+/g, ' ').trim();
  const remote = /\bremote\b/i.test(clean) ? true : /\b(on-?site|in[- ]office|in[- ]person|hybrid)\b/i.test(clean) ? false : null;

  const at = /^(.+?)\s+@\s*([^|(,]+?)\s*(?:[(|,]\s*(.*?)\)?)?$/.exec(clean);
  if (at && !clean.includes('|') && ROLE.test(at[1])) {
    const [company, where] = at[2].split(/\s+in\s+/);
    return finish(company, at[1], [where, at[3]].filter((x): x is string => Boolean(x)), remote, null);
  }
  const hiring = /^(.+?)\s+(?:is|are)\s+hiring(?:\s+for)?(?:\s+an?)?\s+(.+)$/i.exec(clean);
  if (hiring && !clean.includes('|')) {
    const [role, ...rest] = hiring[2].split(/\s+in\s+|\s+[-–—]\s+|\s*[([]/);
    return finish(hiring[1], ROLE.test(role) ? role : null, rest.map((r) => r.replace(/[)\].]+$/, '')), remote, null);
  }

  const separator = clean.includes('|') ? /\s*\|\s*/ : /\s+[-–—]\s+|\s*[–—]\s*/.test(clean) ? /\s+[-–—]\s+|\s*[–—]\s*/ : /\s*,\s*/;
  // The first part is the company even when it looks like a domain ("SpanishDict.com", "LWN.net").
  const parts = clean.split(separator).map((p) => p.trim()).filter((p, i) => p && (i === 0 || !URL_ONLY.test(p)));
  if (parts.length < 2) return { company: null, title: null, location: null, remote, employmentType: null };

  let title: string | null = null;
  let employmentType: string | null = null;
  const locations: string[] = [];
  const others: string[] = [];
  for (const part of parts.slice(1)) {
    if (EMPLOYMENT.test(part) && part.length <= 40) {
      employmentType ??= normalizeEmploymentType(part);
      continue;
    }
    if (SALARY.test(part) && !ROLE.test(part)) continue;
    if (isLocationLike(part) && !(title === null && ROLE.test(part) && !/\bremote\b/i.test(part))) {
      locations.push(part);
      continue;
    }
    if (title === null && ROLE.test(part)) title = part;
    else others.push(part);
  }
  // "Data Scientists & Growth Analysts | MarketInvoice | London": the roles come first and the company second.
  if (title === null && ROLE.test(parts[0]) && others.length > 0 && !ROLE.test(others[0])) {
    return finish(others[0], parts[0], locations, remote, employmentType);
  }
  return finish(parts[0], title, locations, remote, employmentType);
}

function isLocationLike(part: string): boolean {
  const loc = parseLocation(part);
  return loc.countryCode !== null || loc.regionCode !== null || loc.remote !== null;
}

function finish(company: string, title: string | null, locations: string[], remote: boolean | null, employmentType: string | null): HnHeader {
  const name = company.replace(YC_TAG, ' ').replace(/\s+/g, ' ').trim();
  return {
    company: name || null,
    title: title?.replace(/\s+/g, ' ').trim().slice(0, 200) || null,
    location: locations.length > 0 ? locations.join(' | ') : null,
    remote,
    employmentType,
  };
}

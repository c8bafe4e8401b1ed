/**
 * Reader for catalogue files in the format of a Coursera catalogue scrape (e.g. shared/data/credentials/coursera/
 * coursera_courses_skills.csv; SOURCES.md §5). Columns: partner, course, skills (Coursera's own skill names,
 * comma-separated in one cell), rating, reviewcount, level, certificatetype, duration, crediteligibility.
 * Pure: CSV text in, one `CourseraCourse` per distinct (partner, course) out. Mapping the skill names to the taxonomy
 * needs the database and happens in credential-import.ts.
 *
 * Defects handled: stray spaces around level/certificatetype/duration; the string "None" (and "") for missing;
 * rows whose skills cell holds something else ("(36.9k reviews)", "Beginner · Course · 1 - 3 Months", "Course")
 * → no skills; a certificate type shifted into the level column; repeated rows of one course (the one with most
 * skills wins, ties to the first); the skill name "Extract, Transform, Load", which contains commas.
 */
import { parse } from 'csv-parse/sync';
import { slugify } from '../taxonomy/import/taxonomy-ids.js';
import type { CredentialDuration, CredentialKind, CredentialLevel } from './credential.types.js';

export interface CourseraCourse {
  /** `coursera-` + slug of partner and course name: stable across reruns. */
  id: string;
  partner: string;
  course: string;
  /** Coursera skill names, de-duplicated, in file order. */
  skills: string[];
  level: CredentialLevel | null;
  kind: CredentialKind;
  duration: CredentialDuration | null;
}

export interface CourseraReadStats {
  rows: number;
  courses: number;
  /** Rows dropped because an earlier or richer row describes the same (partner, course). */
  duplicateRows: number;
  /** Rows whose skills cell held no skill names (a review count, a metadata line, a certificate type). */
  junkSkillCells: number;
  /** Non-missing duration texts that are not a recognisable span, e.g. "15+ hours of study/wk per course". */
  unparsedDurations: string[];
}

/** Coursera skill names that contain the separator. */
const COMPOUND_SKILLS = ['Extract, Transform, Load'];

const KINDS: Record<string, CredentialKind> = {
  course: 'course', specialization: 'specialization', 'professional certificate': 'professional-certificate', degree: 'degree',
  'university certificate': 'university-certificate', 'graduate certificate': 'graduate-certificate',
  'postgraduate diploma': 'postgraduate-diploma', mastertrack: 'mastertrack', 'guided project': 'guided-project',
};

const LEVELS: Record<string, CredentialLevel> = { beginner: 'beginner', intermediate: 'intermediate', advanced: 'advanced', mixed: 'mixed' };

/** Trimmed cell, with "None" and "" as null. */
export function cell(value: string | undefined): string | null {
  const v = (value ?? '').replace(/\s+/g, ' ').trim();
  return v === '' || v === 'None' ? null : v;
}

const UNITS: Record<string, CredentialDuration['unit']> = {
  hour: 'hours', hours: 'hours', week: 'weeks', weeks: 'weeks', month: 'months', months: 'months', mes: 'months', meses: 'months',
  year: 'years', years: 'years',
};

/**
 * A published duration as a span: "3 - 6 Months" → 3..6 months; "24 meses." → 24..24 months; "Less Than 2 Hours" →
 * ..2 hours; "2 to 4 years depending on…" → 2..4 years. Null for missing values and for anything that is not a
 * span of calendar time (a weekly pace such as "15+ hours of study/wk per course").
 */
export function parseDuration(value: string | undefined): CredentialDuration | null {
  const text = cell(value);
  if (!text) return null;
  const t = text.toLowerCase().replace(/[\u2013\u2014]/g, '-');
  if (/\/\s*wk|per week|a week|per course|\+/.test(t)) return null;
  const m = /^(less than\s+)?(\d+(?:\.\d+)?)(?:\s*(?:-|to|or|a)\s*(\d+(?:\.\d+)?))?\s*(hours?|weeks?|months?|years?|mes|meses)\b/.exec(t);
  if (!m) return null;
  const first = Number(m[2]);
  const second = m[3] === undefined ? null : Number(m[3]);
  const unit = UNITS[m[4]!]!;
  if (m[1]) return { min: null, max: first, unit, text };
  return { min: first, max: second ?? first, unit, text };
}

/** True when a skills cell holds no skill names but a review count, a "level · type · duration" line or a type. */
function isJunkSkillsCell(value: string): boolean {
  return /^\(\s*[\d.,]+k?\s+reviews?\s*\)$/i.test(value) || value.includes('·') || KINDS[value.toLowerCase()] !== undefined;
}

/** Splits a skills cell on commas, keeping the compound names whole; trims, drops "None", de-duplicates. */
export function splitSkills(value: string): string[] {
  let protectedText = value;
  COMPOUND_SKILLS.forEach((name, i) => {
    protectedText = protectedText.split(name).join(`\u0000${i}\u0000`);
  });
  const out: string[] = [];
  for (const part of protectedText.split(',')) {
    const name = part.replace(/\u0000(\d+)\u0000/g, (_, i: string) => COMPOUND_SKILLS[Number(i)]!).replace(/\s+/g, ' ').trim();
    if (name && name !== 'None' && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Reads a whole file's text. Throws when the header lacks partner, course or skills. */
export function readCourseraCatalogue(csvText: string): { courses: CourseraCourse[]; stats: CourseraReadStats } {
  const records = parse(csvText, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Array<Record<string, string>>;
  const header = records[0] ? Object.keys(records[0]) : [];
  for (const column of ['partner', 'course', 'skills']) {
    if (records.length && !header.includes(column)) throw new Error(`Not a Coursera catalogue file: no "${column}" column`);
  }
  const stats: CourseraReadStats = { rows: records.length, courses: 0, duplicateRows: 0, junkSkillCells: 0, unparsedDurations: [] };
  const byId = new Map<string, CourseraCourse>();
  for (const r of records) {
    const partner = cell(r.partner);
    const course = cell(r.course)?.replace(/\s*:$/, '') ?? null;
    if (!partner || !course) continue;
    const skillsCell = cell(r.skills);
    const junk = skillsCell !== null && isJunkSkillsCell(skillsCell);
    if (junk) stats.junkSkillCells += 1;
    const levelCell = cell(r.level)?.toLowerCase() ?? null;
    const typeCell = cell(r.certificatetype)?.toLowerCase() ?? null;
    const duration = parseDuration(r.duration);
    const durationText = cell(r.duration);
    if (durationText && !duration && !stats.unparsedDurations.includes(durationText)) stats.unparsedDurations.push(durationText);
    const parsed: CourseraCourse = {
      id: `coursera-${slugify(`${partner} ${course}`)}`,
      partner,
      course,
      skills: skillsCell && !junk ? splitSkills(skillsCell) : [],
      level: (levelCell ? LEVELS[levelCell] : undefined) ?? null,
      // A certificate type shifted one column left sits in `level`.
      kind: (typeCell && KINDS[typeCell]) || (levelCell && KINDS[levelCell]) || 'other',
      duration,
    };
    const seen = byId.get(parsed.id);
    if (seen) {
      stats.duplicateRows += 1;
      if (richness(parsed) > richness(seen)) byId.set(parsed.id, parsed);
    } else {
      byId.set(parsed.id, parsed);
    }
  }
  stats.courses = byId.size;
  return { courses: [...byId.values()], stats };
}

/** How much a row tells: skills first, then the filled metadata fields. */
function richness(c: CourseraCourse): number {
  return c.skills.length * 10 + (c.level ? 1 : 0) + (c.kind !== 'other' ? 1 : 0) + (c.duration ? 1 : 0);
}

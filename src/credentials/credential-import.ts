/**
 * Imports credentials into tables `credential` and `credential_skill`:
 * - always our catalogue, data/credentials/catalogue.json (source `skillpulse`): every credential in it is written,
 *   credentials of that source no longer in it are deleted, each skill ref must name an imported taxonomy skill
 *   (a ref that does not is kept in `unmapped_skills` and reported as a warning);
 * - optionally a file in the Coursera catalogue format (source `coursera-file`; see coursera-reader.ts): each skill
 *   name maps to a taxonomy skill when it resolves exactly (`SkillsService.resolve`: id, ESCO URI, label or alias,
 *   case-insensitive) or, failing that, through our hand-written map data/credentials/coursera-skill-names.json;
 *   names that map to nothing are kept in `unmapped_skills`.
 * Idempotent: a second run with the same inputs writes nothing. One transaction, serialised by an advisory lock.
 * Run after a taxonomy import (the FK to `skill` needs the skills).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { DATA_DIR } from '../config/paths.js';
import { skillIdOf } from '../taxonomy/import/curated-layer.js';
import { SkillsService } from '../taxonomy/skills.service.js';
import { CATALOGUE_FILE, catalogueRecord, contentVersion, loadCatalogue } from './catalogue.js';
import type { CredentialRecord } from './credential.types.js';
import { type CourseraCourse, type CourseraReadStats, readCourseraCatalogue } from './coursera-reader.js';
import { deleteCredentialsNotIn, syncCredentialSkills, upsertCredentials, upsertRelease, type WriteCounts } from './credential-writer.js';

export const COURSERA_SKILL_NAMES_FILE = join(DATA_DIR, 'credentials', 'coursera-skill-names.json');

export interface CredentialImportOptions {
  /** Our catalogue; default data/credentials/catalogue.json. */
  catalogueFile?: string;
  /** A file in the Coursera catalogue format to import as well. */
  courseraFile?: string;
}

export interface CourseraImportReport {
  version: string;
  read: CourseraReadStats;
  /** Distinct skill names in the file, and how many of them map: exactly, through our map, not at all. */
  skillNames: { distinct: number; exact: number; curated: number; unmapped: number; mappedShare: number };
  /** Skill mentions (course × name), and the share of them that map to a taxonomy skill. */
  mentions: { total: number; mapped: number; mappedShare: number };
  /** Unmapped names with the number of courses naming them, most frequent first. */
  unmappedNames: Array<{ name: string; courses: number }>;
}

export interface CredentialImportReport {
  catalogue: { version: string; credentials: number; skillLinks: number };
  coursera?: CourseraImportReport;
  /** Rows this run wrote. */
  credentials: WriteCounts & { deleted: number };
  credentialSkills: { inserted: number; updated: number; deleted: number };
  warnings: string[];
  durationMs: number;
}

const nameMapSchema = z.strictObject({ names: z.array(z.strictObject({ name: z.string().trim().min(1), skill: z.string().trim().min(1) })) });

/** Our map of Coursera skill names to taxonomy refs, by lower-cased name. */
export async function loadCourseraSkillNames(path = COURSERA_SKILL_NAMES_FILE): Promise<Map<string, string>> {
  const parsed = nameMapSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return new Map(parsed.data.names.map((n) => [n.name.toLowerCase(), skillIdOf(n.skill)]));
}

/** Imports the catalogue (and a Coursera file when given). See the file comment for the rules. */
export async function importCredentials(db: DataSource, options: CredentialImportOptions = {}): Promise<CredentialImportReport> {
  const started = Date.now();
  const warnings: string[] = [];
  const catalogue = await loadCatalogue(options.catalogueFile ?? CATALOGUE_FILE);
  const known = await existingSkillIds(db, catalogue.entries.flatMap((e) => e.skills.map(skillIdOf)));
  const ours = catalogue.entries.map((e) => {
    const record = catalogueRecord(e);
    const missing = e.skills.filter((ref) => !known.has(skillIdOf(ref)));
    if (missing.length) warnings.push(`credential "${e.id}": skills not in the taxonomy: ${missing.join(', ')}`);
    return { ...record, skills: record.skills.filter((s) => known.has(s.skillId)), unmappedSkills: missing };
  });

  let coursera: { records: CredentialRecord[]; report: CourseraImportReport } | undefined;
  if (options.courseraFile) coursera = await readCoursera(db, options.courseraFile);

  const all = [...ours, ...(coursera?.records ?? [])];
  const result = await db.transaction(async (tx) => {
    const q = tx.queryRunner!;
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('skillpulse.credential_import'))`);
    const written = await upsertCredentials(q, all);
    const deleted = await deleteCredentialsNotIn(q, 'skillpulse', ours.map((r) => r.id));
    const links = await syncCredentialSkills(q, all);
    await upsertRelease(q, 'skillpulse', catalogue.version, { credentials: ours.length });
    if (coursera) await upsertRelease(q, 'coursera-file', coursera.report.version, { courses: coursera.records.length });
    return { credentials: { ...written, deleted }, credentialSkills: links };
  });
  return {
    catalogue: { version: catalogue.version, credentials: ours.length, skillLinks: ours.reduce((n, r) => n + r.skills.length, 0) },
    ...(coursera ? { coursera: coursera.report } : {}),
    ...result,
    warnings,
    durationMs: Date.now() - started,
  };
}

/** The stored version of a source's last import, or null. */
export async function importedVersion(db: DataSource, source: 'skillpulse' | 'coursera-file'): Promise<string | null> {
  const [row] = await db.query(`SELECT version FROM credential_catalogue_release WHERE source = $1`, [source]);
  return row?.version ?? null;
}

async function existingSkillIds(db: DataSource, ids: string[]): Promise<Set<string>> {
  const rows: Array<{ id: string }> = await db.query(`SELECT id FROM skill WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
  return new Set(rows.map((r) => r.id));
}

async function readCoursera(db: DataSource, path: string): Promise<{ records: CredentialRecord[]; report: CourseraImportReport }> {
  const bytes = await readFile(path);
  const { courses, stats } = readCourseraCatalogue(bytes.toString('utf8'));
  const mapped = await mapCourseraSkillNames(db, courses);
  const records = courses.map((c) => courseraRecord(c, mapped.map));
  const mentions = courses.reduce((n, c) => n + c.skills.length, 0);
  const mappedMentions = courses.reduce((n, c) => n + c.skills.filter((s) => mapped.map.has(s)).length, 0);
  const distinct = mapped.exact + mapped.curated + mapped.unmapped.length;
  return {
    records,
    report: {
      version: contentVersion(bytes),
      read: stats,
      skillNames: {
        distinct, exact: mapped.exact, curated: mapped.curated, unmapped: mapped.unmapped.length,
        mappedShare: distinct ? round((mapped.exact + mapped.curated) / distinct) : 0,
      },
      mentions: { total: mentions, mapped: mappedMentions, mappedShare: mentions ? round(mappedMentions / mentions) : 0 },
      unmappedNames: mapped.unmapped,
    },
  };
}

/** Coursera skill name → taxonomy skill id, exact resolution first, then our map (only to skills that exist). */
async function mapCourseraSkillNames(db: DataSource, courses: CourseraCourse[]) {
  const frequency = new Map<string, number>();
  for (const c of courses) for (const s of c.skills) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  const curatedNames = await loadCourseraSkillNames();
  const curatedKnown = await existingSkillIds(db, [...curatedNames.values()]);
  const skills = new SkillsService(db);
  const map = new Map<string, string>();
  let exact = 0;
  let curated = 0;
  const unmapped: Array<{ name: string; courses: number }> = [];
  const names = [...frequency.keys()];
  const resolved = await mapLimit(names, 8, (name) => skills.resolve(name));
  names.forEach((name, i) => {
    const hit = resolved[i];
    const ours = curatedNames.get(name.toLowerCase());
    if (hit) {
      map.set(name, hit.id);
      exact += 1;
    } else if (ours && curatedKnown.has(ours)) {
      map.set(name, ours);
      curated += 1;
    } else {
      unmapped.push({ name, courses: frequency.get(name)! });
    }
  });
  unmapped.sort((a, b) => b.courses - a.courses || a.name.localeCompare(b.name));
  return { map, exact, curated, unmapped };
}

function courseraRecord(c: CourseraCourse, map: Map<string, string>): CredentialRecord {
  const skills = new Map<string, string>();
  for (const name of c.skills) {
    const id = map.get(name);
    if (id && !skills.has(id)) skills.set(id, name);
  }
  return {
    id: c.id, source: 'coursera-file', provider: c.partner, platform: 'coursera', name: c.course, url: null, kind: c.kind,
    level: c.level, hours: null, duration: c.duration, cost: null,
    skills: [...skills].map(([skillId, sourceLabel]) => ({ skillId, sourceLabel })),
    unmappedSkills: c.skills.filter((s) => !map.has(s)),
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

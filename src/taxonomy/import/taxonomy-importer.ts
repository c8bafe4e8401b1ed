/**
 * Imports the shared taxonomy: always our curated layer (`<dataDir>/taxonomy/`), plus ESCO and O*NET when their
 * directories are given. Everything is read and merged in memory, then written in one transaction with idempotent
 * upserts, so a second run with the same inputs changes nothing and reports 0 inserted / 0 updated.
 *
 * Not done yet: rows that vanished from a newer ESCO/O*NET release are kept, not retired.
 */
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { DataSource, QueryRunner } from 'typeorm';
import { DATA_DIR } from '../../config/paths.js';
import type { OccupationAliasKind, OccupationAliasRow, OccupationRow, OccupationSkillRow, SkillAliasKind, SkillAliasRow, SkillRelationRow, SkillRow } from '../taxonomy.types.js';
import { progressReporter } from './import-progress.js';
import { curatedRows, loadCuratedLayer, starterSkillId, surfaceFlags, type CuratedLayer, type CuratedRows, type SurfaceFlags } from './curated-layer.js';
import {
  detectEscoVersion, ESCO_FILES, readEscoBroaderSkills, readEscoLanguageSkillUris, readEscoOccupations, readEscoOccupationSkills,
  readEscoSkillRelations, readEscoSkills,
} from './esco.reader.js';
import { addToEscoLabelIndex, aggregateExamples, decideMerges, emptyEscoLabelIndex, type EscoLabelIndex, type MergeDecision } from './onet-merge.js';
import { detectOnetVersion, ONET_FILES, readOnetAlternateTitles, readOnetOccupations, readOnetReportedTitles, readOnetTechnologySkills, type OnetTechnologySkill } from './onet.reader.js';
import { escoIdFromUri, normalizeSurface } from './taxonomy-ids.js';
import {
  applySurfaceFlags, emptyCounts, syncOnetColumns, upsertOccupationAliases, upsertOccupations, upsertOccupationSkills, upsertRelease,
  upsertSkillAliases, upsertSkillRelations, upsertSkills, type WriteCounts,
} from './taxonomy-writer.js';

export interface ImportProgress {
  /** E.g. "read skills_en.csv", "write skill_alias". */
  phase: string;
  done: number;
  total: number;
  unit: 'bytes' | 'rows';
}

export interface ImportOptions {
  /** ESCO CSV export directory (e.g. shared/data/esco/v1.1.1). */
  escoDir?: string;
  /** ESCO version when the directory name is not `vX.Y.Z`. */
  escoVersion?: string;
  /** O*NET text database directory (e.g. shared/data/onet/29.2). */
  onetDir?: string;
  /** Folder holding `taxonomy/*.json`; default the repository's data/. */
  dataDir?: string;
  onProgress?: (event: ImportProgress) => void;
  /** Without `onProgress`: true draws progress bars on stderr (see import-progress.ts). */
  progress?: boolean;
}

export const TAXONOMY_TABLES = ['skill', 'skill_alias', 'skill_relation', 'occupation', 'occupation_alias', 'occupation_skill', 'taxonomy_release'] as const;
export type TaxonomyTable = (typeof TAXONOMY_TABLES)[number];

export interface ImportReport {
  versions: { esco?: string; onet?: string; skillpulse: string };
  /** Rows this run wrote per table: inserted, updated (changed), unchanged (same values, not rewritten). */
  tables: Record<TaxonomyTable, WriteCounts>;
  /** Rows changed by the two passes after the upserts (O*NET columns of skills; surface-form flags of aliases). */
  /**
   * Rows changed outside the upserts: O*NET columns on skills, surface-form flags on aliases, and curated aliases
   * retired because they left our curated layer (`data/taxonomy/`), which every import reads whole.
   */
  flagUpdates: { skillOnetColumns: number; aliasSurfaceFlags: number; curatedAliasesRetired: number };
  /** What was read and merged, per scheme (also stored in taxonomy_release.counts). */
  counts: { esco?: Record<string, number>; onet?: Record<string, number>; skillpulse: Record<string, number> };
  warnings: string[];
  durationMs: number;
}

const SKILL_ALIAS_RANK: SkillAliasKind[] = ['preferred', 'alt', 'hidden', 'onet_example', 'curated'];
const OCCUPATION_ALIAS_RANK: OccupationAliasKind[] = ['preferred', 'alt', 'hidden', 'alternate_title', 'short_title', 'reported_title'];

/** Everything one run will write, keyed by primary key so each row is written once. */
class TaxonomyDraft {
  readonly skills = new Map<string, SkillRow>();
  readonly aliases = new Map<string, SkillAliasRow>();
  readonly relations = new Map<string, SkillRelationRow>();
  readonly occupations = new Map<string, OccupationRow>();
  readonly occupationAliases = new Map<string, OccupationAliasRow>();
  readonly occupationSkills = new Map<string, OccupationSkillRow>();
  constructor(private readonly flags: SurfaceFlags) {}

  alias(skillId: string, surface: string, normalized: string, kind: SkillAliasKind): void {
    const key = `${skillId}\u0000${surface}`;
    const seen = this.aliases.get(key);
    if (seen && SKILL_ALIAS_RANK.indexOf(seen.kind) <= SKILL_ALIAS_RANK.indexOf(kind)) return;
    const flags = this.flags.get(normalized);
    this.aliases.set(key, { skillId, surface, normalized, kind, caseSensitive: flags?.caseSensitive ?? false, ambiguous: flags?.ambiguous ?? false });
  }

  relation(row: SkillRelationRow): void {
    this.relations.set(`${row.skillId}\u0000${row.relatedSkillId}\u0000${row.relation}`, row);
  }

  occupationAlias(occupationId: string, label: string, kind: OccupationAliasKind): void {
    const key = `${occupationId}\u0000${label}`;
    const seen = this.occupationAliases.get(key);
    if (seen && OCCUPATION_ALIAS_RANK.indexOf(seen.kind) <= OCCUPATION_ALIAS_RANK.indexOf(kind)) return;
    this.occupationAliases.set(key, { occupationId, label, kind });
  }
}

function tracked(path: string, phase: string, onProgress?: (event: ImportProgress) => void): Readable {
  const total = statSync(path).size;
  const stream = createReadStream(path);
  let done = 0;
  if (onProgress) {
    stream.on('data', (chunk) => {
      done += chunk.length;
      onProgress({ phase, done, total, unit: 'bytes' });
    });
  }
  return stream;
}

/**
 * Runs the import. Throws (and writes nothing) when a file is missing or malformed or a write fails.
 * Concurrent imports are serialised by a transaction-level advisory lock.
 */
export async function importTaxonomy(dataSource: DataSource, options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const reporter = !options.onProgress && options.progress ? progressReporter() : undefined;
  try {
    const report = await runImport(dataSource, { ...options, onProgress: options.onProgress ?? reporter?.onProgress }, started);
    const written = Object.values(report.tables).some((t) => t.inserted + t.updated > 0);
    // Fresh planner statistics after a bulk load: without them alias look-ups plan as scans of the whole skill table.
    if (written) await dataSource.query(`ANALYZE ${TAXONOMY_TABLES.join(', ')}`);
    return report;
  } finally {
    reporter?.stop();
  }
}

async function runImport(dataSource: DataSource, options: ImportOptions, started: number): Promise<ImportReport> {
  const { onProgress } = options;
  const layer = await loadCuratedLayer(options.dataDir ?? DATA_DIR);
  const flags = surfaceFlags(layer);
  const draft = new TaxonomyDraft(flags);
  const warnings: string[] = [];
  const report: Omit<ImportReport, 'tables' | 'flagUpdates' | 'durationMs'> = {
    versions: { skillpulse: layer.version },
    counts: { skillpulse: {} },
    warnings,
  };

  const escoIndex = emptyEscoLabelIndex();
  if (options.escoDir) {
    report.versions.esco = detectEscoVersion(options.escoDir, options.escoVersion);
    report.counts.esco = await readEsco(options.escoDir, draft, escoIndex, onProgress);
  }
  const curated = curatedRows(layer);
  addStarterSkills(curated, draft, warnings);

  let onetColumns: Parameters<typeof syncOnetColumns>[1] | undefined;
  if (options.onetDir) {
    if (!options.escoDir) await loadEscoIndexFromDatabase(dataSource, draft, escoIndex);
    const onet = await readOnet(options.onetDir, layer, draft, escoIndex, warnings, onProgress);
    report.versions.onet = onet.version;
    report.counts.onet = onet.counts;
    onetColumns = onet.columns;
  }
  // After O*NET, so aliases and broader links may name `onet-` skills read in this run.
  report.counts.skillpulse = await addCuratedLinks(dataSource, layer, curated, draft, warnings, { esco: Boolean(options.escoDir), onet: Boolean(options.onetDir) });

  const q = dataSource.createQueryRunner();
  await q.connect();
  try {
    await q.startTransaction();
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('skillpulse.taxonomy_import'))`);
    const tables = await writeDraft(q, draft, onProgress);
    const flagUpdates = {
      skillOnetColumns: onetColumns ? await syncOnetColumns(q, onetColumns) : 0,
      aliasSurfaceFlags: await applySurfaceFlags(q, flags),
      curatedAliasesRetired: await retireCuratedAliases(q, [...draft.aliases.values()]),
    };
    for (const scheme of ['esco', 'onet', 'skillpulse'] as const) {
      const version = report.versions[scheme];
      if (version === undefined) continue;
      const counts = await upsertRelease(q, scheme, version, report.counts[scheme] ?? {});
      for (const key of ['inserted', 'updated', 'unchanged'] as const) tables.taxonomy_release[key] += counts[key];
    }
    await q.commitTransaction();
    return { ...report, tables, flagUpdates, durationMs: Date.now() - started };
  } catch (error) {
    if (q.isTransactionActive) await q.rollbackTransaction();
    throw error;
  } finally {
    await q.release();
  }
}

/**
 * Deletes stored aliases of kind `curated` that this import no longer holds: the curated layer is read whole on every
 * import, so a surface removed from `data/taxonomy/*.json` must stop matching. ESCO and O*NET aliases are never touched
 * here (a starter-only run does not read them). Returns the number of rows deleted.
 */
async function retireCuratedAliases(q: QueryRunner, aliases: Array<{ skillId: string; surface: string }>): Promise<number> {
  // TypeORM answers a DELETE with [rows, rowCount].
  const [, deleted]: [unknown[], number] = await q.query(
    `DELETE FROM skill_alias a
      WHERE a.kind = 'curated'
        AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS k(skill_id, surface) WHERE k.skill_id = a.skill_id AND k.surface = a.surface)
      RETURNING a.id`,
    [aliases.map((a) => a.skillId), aliases.map((a) => a.surface)],
  );
  return deleted;
}

async function writeDraft(q: QueryRunner, draft: TaxonomyDraft, onProgress?: (event: ImportProgress) => void): Promise<Record<TaxonomyTable, WriteCounts>> {
  const progress = (phase: string, total: number) => (done: number) => onProgress?.({ phase, done, total, unit: 'rows' });
  const aliases = [...draft.aliases.values()];
  const occupationSkills = [...draft.occupationSkills.values()];
  return {
    skill: await upsertSkills(q, [...draft.skills.values()], progress('write skill', draft.skills.size)),
    skill_alias: await upsertSkillAliases(q, aliases, progress('write skill_alias', aliases.length)),
    skill_relation: await upsertSkillRelations(q, [...draft.relations.values()]),
    occupation: await upsertOccupations(q, [...draft.occupations.values()]),
    occupation_alias: await upsertOccupationAliases(q, [...draft.occupationAliases.values()]),
    occupation_skill: await upsertOccupationSkills(q, occupationSkills, progress('write occupation_skill', occupationSkills.length)),
    taxonomy_release: emptyCounts(),
  };
}

async function readEsco(dir: string, draft: TaxonomyDraft, index: EscoLabelIndex, onProgress?: (event: ImportProgress) => void): Promise<Record<string, number>> {
  const open = (file: string) => tracked(join(dir, file), `read ${file}`, onProgress);
  const languageUris = await readEscoLanguageSkillUris(open(ESCO_FILES.languageSkills));
  const counts = { skills: 0, languageSkills: 0, broaderEdges: 0, relatedEdges: 0, edgesSkippedUnknownSkill: 0, occupations: 0, occupationSkills: 0, occupationSkillsSkippedUnknownOccupation: 0, occupationSkillsSkippedUnknownSkill: 0 };
  for await (const s of readEscoSkills(open(ESCO_FILES.skills))) {
    const language = languageUris.has(s.uri);
    counts.skills += 1;
    if (language) counts.languageSkills += 1;
    draft.skills.set(s.id, {
      id: s.id, preferredLabel: s.preferredLabel, skillType: language ? 'language' : s.skillType, description: s.description, escoUri: s.uri,
      origin: 'esco', onetCommodityCode: null, onetHotTechnology: false, onetInDemand: false,
    });
    addAlias(draft, s.id, s.preferredLabel, 'preferred');
    for (const label of s.altLabels) addAlias(draft, s.id, label, 'alt');
    for (const label of s.hiddenLabels) addAlias(draft, s.id, label, 'hidden');
    addToEscoLabelIndex(index, s.id, s.preferredLabel, s.altLabels);
  }
  const edges = async (source: ReturnType<typeof readEscoBroaderSkills>, counter: 'broaderEdges' | 'relatedEdges') => {
    for await (const edge of source) {
      const skillId = escoIdFromUri(edge.skillUri);
      const relatedSkillId = escoIdFromUri(edge.relatedSkillUri);
      if (!draft.skills.has(skillId) || !draft.skills.has(relatedSkillId)) {
        counts.edgesSkippedUnknownSkill += 1;
        continue;
      }
      draft.relation({ skillId, relatedSkillId, relation: edge.relation, origin: 'esco' });
      counts[counter] += 1;
    }
  };
  await edges(readEscoBroaderSkills(open(ESCO_FILES.broaderSkills)), 'broaderEdges');
  await edges(readEscoSkillRelations(open(ESCO_FILES.skillSkill)), 'relatedEdges');
  for await (const o of readEscoOccupations(open(ESCO_FILES.occupations))) {
    counts.occupations += 1;
    draft.occupations.set(o.id, { id: o.id, scheme: 'esco', preferredLabel: o.preferredLabel, description: o.description, escoUri: o.uri, iscoCode: o.iscoCode, code: o.code, onetSoc: null });
    draft.occupationAlias(o.id, o.preferredLabel, 'preferred');
    for (const label of o.altLabels) draft.occupationAlias(o.id, label, 'alt');
    for (const label of o.hiddenLabels) draft.occupationAlias(o.id, label, 'hidden');
  }
  for await (const link of readEscoOccupationSkills(open(ESCO_FILES.occupationSkill))) {
    const occupationId = escoIdFromUri(link.occupationUri);
    const skillId = escoIdFromUri(link.skillUri);
    if (!draft.occupations.has(occupationId)) counts.occupationSkillsSkippedUnknownOccupation += 1;
    else if (!draft.skills.has(skillId)) counts.occupationSkillsSkippedUnknownSkill += 1;
    else {
      counts.occupationSkills += 1;
      draft.occupationSkills.set(`${occupationId}\u0000${skillId}`, { occupationId, skillId, relation: link.relation, hotTechnology: false, inDemand: false });
    }
  }
  return counts;
}

function addAlias(draft: TaxonomyDraft, skillId: string, surface: string, kind: SkillAliasKind): void {
  const normalized = normalizeSurface(surface);
  if (normalized) draft.alias(skillId, surface.trim(), normalized, kind);
}

/** Skill ids among `ids` already stored (for curated references to skills this run did not read). */
async function storedSkillIds(dataSource: DataSource, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await dataSource.query(`SELECT id FROM skill WHERE id = ANY($1::text[])`, [ids])) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

function addStarterSkills(rows: CuratedRows, draft: TaxonomyDraft, warnings: string[]): void {
  for (const skill of rows.skills) {
    const seen = draft.skills.get(skill.id);
    if (!seen) draft.skills.set(skill.id, { ...skill });
    else if (seen.preferredLabel !== skill.preferredLabel || seen.skillType !== skill.skillType) {
      warnings.push(`starter-skills.json: ${skill.id} is "${skill.preferredLabel}" (${skill.skillType}) but ESCO says "${seen.preferredLabel}" (${seen.skillType})`);
    }
  }
}

/**
 * Curated aliases and broader links. One naming a skill that is neither in this run nor stored is skipped; that is
 * only worth a warning when the skill's own source was read in this run (an ESCO id with ESCO, an `onet-` id with
 * O*NET, an `sp-` id always); otherwise it just names a skill not imported yet.
 */
async function addCuratedLinks(
  dataSource: DataSource, layer: CuratedLayer, rows: CuratedRows, draft: TaxonomyDraft, warnings: string[], read: { esco: boolean; onet: boolean },
): Promise<Record<string, number>> {
  const referenced = [...new Set([...rows.aliases.map((a) => a.skillId), ...rows.relations.map((r) => r.relatedSkillId)])];
  const stored = await storedSkillIds(dataSource, referenced.filter((id) => !draft.skills.has(id)));
  const known = (id: string) => draft.skills.has(id) || stored.has(id);
  const expected = (id: string) => (id.startsWith('sp-') ? true : id.startsWith('onet-') ? read.onet : read.esco);
  for (const a of rows.aliases) {
    if (known(a.skillId)) addAlias(draft, a.skillId, a.surface, a.kind);
    else if (expected(a.skillId)) warnings.push(`aliases.json: skill ${a.skillId} (alias "${a.surface}") is not in the taxonomy; skipped`);
  }
  for (const r of rows.relations) {
    if (known(r.relatedSkillId)) draft.relation(r);
    else if (expected(r.relatedSkillId)) warnings.push(`starter-skills.json: broader skill ${r.relatedSkillId} of ${r.skillId} is not in the taxonomy; skipped`);
  }
  return {
    starterSkills: layer.starterSkills.length,
    starterEsco: layer.starterSkills.filter((s) => 'esco' in s).length,
    starterOnet: layer.starterSkills.filter((s) => 'onet' in s).length,
    starterOwn: layer.starterSkills.filter((s) => 'id' in s).length,
    curatedAliases: rows.aliases.filter((a) => a.kind === 'curated').length,
    curatedBroader: rows.relations.length,
    surfaceForms: layer.surfaceForms.length,
    onetEscoLinks: layer.onetEscoLinks.size,
  };
}

/** Without ESCO in this run, automatic merging uses the ESCO skills already stored plus the starter ones. */
async function loadEscoIndexFromDatabase(dataSource: DataSource, draft: TaxonomyDraft, index: EscoLabelIndex): Promise<void> {
  const rows = (await dataSource.query(
    `SELECT s.id, s.preferred_label, COALESCE(array_agg(a.surface) FILTER (WHERE a.surface IS NOT NULL), '{}') AS alts
     FROM skill s LEFT JOIN skill_alias a ON a.skill_id = s.id AND a.kind = 'alt'
     WHERE s.origin = 'esco' GROUP BY s.id, s.preferred_label`,
  )) as { id: string; preferred_label: string; alts: string[] }[];
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(r.id);
    addToEscoLabelIndex(index, r.id, r.preferred_label, r.alts);
  }
  for (const s of draft.skills.values()) if (s.origin === 'esco' && !seen.has(s.id)) addToEscoLabelIndex(index, s.id, s.preferredLabel, []);
}

async function readOnet(
  dir: string, layer: CuratedLayer, draft: TaxonomyDraft, index: EscoLabelIndex, warnings: string[], onProgress?: (event: ImportProgress) => void,
): Promise<{ version: string; counts: Record<string, number>; columns: Parameters<typeof syncOnetColumns>[1] }> {
  const open = (file: string) => tracked(join(dir, file), `read ${file}`, onProgress);
  const version = detectOnetVersion(await readFile(join(dir, ONET_FILES.readMe), 'utf8'));
  const counts = { occupations: 0, titles: 0, titlesSkippedUnknownOccupation: 0, technologyRows: 0, technologyRowsSkippedUnknownOccupation: 0, examples: 0, examplesMergedCurated: 0, examplesMergedAuto: 0, onetSkills: 0 };
  for await (const o of readOnetOccupations(open(ONET_FILES.occupations))) {
    counts.occupations += 1;
    draft.occupations.set(o.soc, { id: o.soc, scheme: 'onet', preferredLabel: o.title, description: o.description, escoUri: null, iscoCode: null, code: o.soc, onetSoc: o.soc });
    draft.occupationAlias(o.soc, o.title, 'preferred');
  }
  for (const source of [readOnetAlternateTitles(open(ONET_FILES.alternateTitles)), readOnetReportedTitles(open(ONET_FILES.reportedTitles))]) {
    for await (const t of source) {
      if (!draft.occupations.has(t.soc)) counts.titlesSkippedUnknownOccupation += 1;
      else {
        counts.titles += 1;
        draft.occupationAlias(t.soc, t.title, t.kind);
      }
    }
  }
  const rows: OnetTechnologySkill[] = [];
  for await (const row of readOnetTechnologySkills(open(ONET_FILES.technologySkills))) rows.push(row);
  counts.technologyRows = rows.length;
  const examples = aggregateExamples(rows);
  counts.examples = examples.size;
  const knownEsco = new Set([...index.preferredOf.keys()]);
  const merged = decideMerges(examples.values(), layer.onetEscoLinks, layer.noAutoMerge, index, (id) => knownEsco.has(id));
  warnings.push(...merged.warnings);

  // Group by target skill: several examples can land on one skill (merged, or the same onet- slug).
  // Display labels the curated layer gives O*NET skills; the example name stays an alias.
  const starterLabels = new Map(
    layer.starterSkills.flatMap((e) => ('onet' in e && e.label ? [[starterSkillId(e), e.label] as const] : [])),
  );
  const bySkill = new Map<string, MergeDecision[]>();
  for (const d of merged.decisions) {
    if (d.how === 'curated') counts.examplesMergedCurated += 1;
    if (d.how === 'auto') counts.examplesMergedAuto += 1;
    const group = bySkill.get(d.skillId);
    if (group) group.push(d);
    else bySkill.set(d.skillId, [d]);
  }
  const skillOf = new Map(merged.decisions.map((d) => [d.example.name, d.skillId]));
  const columns: Parameters<typeof syncOnetColumns>[1] = [];
  for (const [skillId, decisions] of bySkill) {
    decisions.sort((a, b) => b.example.rows - a.example.rows || a.example.name.localeCompare(b.example.name));
    const main = decisions[0]!.example;
    const onet = {
      skillId, commodityCode: main.commodityCode,
      hotTechnology: decisions.some((d) => d.example.hotTechnology), inDemand: decisions.some((d) => d.example.inDemand),
    };
    columns.push(onet);
    if (decisions[0]!.how === 'own') {
      counts.onetSkills += 1;
      const starter = draft.skills.get(skillId);
      const label = starterLabels.get(skillId);
      if (starter && !label && starter.preferredLabel !== main.name) warnings.push(`starter-skills.json: ${skillId} is "${starter.preferredLabel}" but O*NET names it "${main.name}"`);
      draft.skills.set(skillId, {
        id: skillId, preferredLabel: label ?? main.name, skillType: 'tool/technology', description: null, escoUri: null, origin: 'onet',
        onetCommodityCode: onet.commodityCode, onetHotTechnology: onet.hotTechnology, onetInDemand: onet.inDemand,
      });
      addAlias(draft, skillId, main.name, 'preferred');
    } else {
      const skill = draft.skills.get(skillId);
      if (skill) Object.assign(skill, { onetCommodityCode: onet.commodityCode, onetHotTechnology: onet.hotTechnology, onetInDemand: onet.inDemand });
    }
    for (const d of decisions) addAlias(draft, skillId, d.example.name, 'onet_example');
  }
  const decisionOf = new Map(merged.decisions.map((d) => [d.example.name, d]));
  for (const entry of layer.starterSkills) {
    if (!('onet' in entry)) continue;
    const decision = decisionOf.get(entry.onet);
    if (!decision) warnings.push(`starter-skills.json: "${entry.onet}" is not an example in ${ONET_FILES.technologySkills}`);
    else if (decision.how !== 'own') warnings.push(`starter-skills.json: O*NET example "${entry.onet}" is merged into ESCO skill ${decision.skillId}; list it by its ESCO URI`);
  }
  for (const row of rows) {
    if (!draft.occupations.has(row.soc)) {
      counts.technologyRowsSkippedUnknownOccupation += 1;
      continue;
    }
    const skillId = skillOf.get(row.example)!;
    const key = `${row.soc}\u0000${skillId}`;
    const seen = draft.occupationSkills.get(key);
    draft.occupationSkills.set(key, {
      occupationId: row.soc, skillId, relation: 'technology',
      hotTechnology: row.hotTechnology || (seen?.hotTechnology ?? false), inDemand: row.inDemand || (seen?.inDemand ?? false),
    });
  }
  return { version, counts, columns };
}


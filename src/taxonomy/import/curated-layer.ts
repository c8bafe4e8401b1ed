/**
 * Our own curated layer in `data/taxonomy/` (see data/taxonomy/README.md): a starter taxonomy that works with no
 * external files, extra aliases, case-sensitive/ambiguous surface forms and O*NET→ESCO links. Loaded and validated
 * here, turned into rows by `curatedRows`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SkillAliasRow, SkillRelationRow, SkillRow } from '../taxonomy.types.js';
import { escoIdFromUri, isEscoSkillUri, normalizeSurface, onetSkillId } from './taxonomy-ids.js';

export const CURATED_FILES = {
  starterSkills: 'starter-skills.json',
  aliases: 'aliases.json',
  surfaceForms: 'surface-forms.json',
  onetEscoLinks: 'onet-esco-links.json',
} as const;

const escoSkillUri = z.string().refine(isEscoSkillUri, 'must be an ESCO skill concept URI (http://data.europa.eu/esco/skill/<uuid>)');
/** A skill named by its ESCO concept URI or by its id (`sp-…`, `onet-…`, or an ESCO UUID). */
const skillRef = z.string().min(1);
const surfaces = z.array(z.string().trim().min(1)).default([]);

const starterSkill = z.union([
  z.strictObject({
    esco: escoSkillUri,
    label: z.string().min(1),
    type: z.enum(['knowledge', 'skill/competence', 'language']),
    aliases: surfaces,
    broader: z.array(skillRef).default([]),
  }),
  z.strictObject({
    onet: z.string().min(1),
    /** Display label when O*NET's example name reads badly ("Amazon Web Services AWS software" → "Amazon Web Services (AWS)"). */
    label: z.string().min(1).optional(),
    commodityCode: z.string().regex(/^\d{8}$/).optional(),
    aliases: surfaces,
    broader: z.array(skillRef).default([]),
  }),
  z.strictObject({
    id: z.string().regex(/^sp-[a-z0-9]+(-[a-z0-9]+)*$/, 'must be sp- + slug'),
    label: z.string().min(1),
    type: z.enum(['knowledge', 'skill/competence', 'tool/technology', 'certification', 'language']),
    aliases: surfaces,
    broader: z.array(skillRef).default([]),
  }),
]);

const schemas = {
  starterSkills: z.strictObject({ skills: z.array(starterSkill).min(1) }),
  aliases: z.strictObject({ aliases: z.array(z.strictObject({ skill: skillRef, surfaces: z.array(z.string().trim().min(1)).min(1) })) }),
  surfaceForms: z.strictObject({
    forms: z.array(z.strictObject({ surface: z.string().trim().min(1), caseSensitive: z.boolean(), ambiguous: z.boolean(), note: z.string().optional() })),
  }),
  onetEscoLinks: z.strictObject({
    links: z.array(z.strictObject({ example: z.string().min(1), esco: escoSkillUri, note: z.string().optional() })),
    noAutoMerge: z.array(z.string().min(1)).default([]),
  }),
};

export type StarterSkill = z.infer<typeof starterSkill>;

export interface CuratedLayer {
  starterSkills: StarterSkill[];
  aliases: z.infer<typeof schemas.aliases>['aliases'];
  surfaceForms: z.infer<typeof schemas.surfaceForms>['forms'];
  /** O*NET example name → ESCO skill id. */
  onetEscoLinks: Map<string, string>;
  /** Normalised O*NET example names never merged automatically. */
  noAutoMerge: Set<string>;
  /** `sha256:` + 12 hex digits of the four files' bytes: the 'skillpulse' release version. */
  version: string;
}

/** Flags of a surface form, by normalised surface. */
export type SurfaceFlags = Map<string, { caseSensitive: boolean; ambiguous: boolean }>;

/** Resolves a skill reference (ESCO URI or id) to a skill id. */
export function skillIdOf(ref: string): string {
  return isEscoSkillUri(ref) ? escoIdFromUri(ref) : ref;
}

/** Reads and validates `<dataDir>/taxonomy/*.json`. Throws naming the file and the bad entry. */
export async function loadCuratedLayer(dataDir: string): Promise<CuratedLayer> {
  const hash = createHash('sha256');
  const read = async <K extends keyof typeof schemas>(key: K): Promise<z.infer<(typeof schemas)[K]>> => {
    const path = join(dataDir, 'taxonomy', CURATED_FILES[key]);
    const bytes = await readFile(path);
    hash.update(bytes);
    const parsed = schemas[key].safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
    return parsed.data as z.infer<(typeof schemas)[K]>;
  };
  const starter = await read('starterSkills');
  const aliases = await read('aliases');
  const forms = await read('surfaceForms');
  const links = await read('onetEscoLinks');
  return {
    starterSkills: starter.skills,
    aliases: aliases.aliases,
    surfaceForms: forms.forms,
    onetEscoLinks: new Map(links.links.map((link) => [link.example, escoIdFromUri(link.esco)])),
    noAutoMerge: new Set(links.noAutoMerge.map(normalizeSurface)),
    version: `sha256:${hash.digest('hex').slice(0, 12)}`,
  };
}

export function surfaceFlags(layer: Pick<CuratedLayer, 'surfaceForms'>): SurfaceFlags {
  return new Map(layer.surfaceForms.map((f) => [normalizeSurface(f.surface), { caseSensitive: f.caseSensitive, ambiguous: f.ambiguous }]));
}

/** The id a starter entry gets: the ESCO UUID, `onet-` + slug of the O*NET example, or its own `sp-` id. */
export function starterSkillId(entry: StarterSkill): string {
  if ('esco' in entry) return escoIdFromUri(entry.esco);
  if ('onet' in entry) return onetSkillId(entry.onet);
  return entry.id;
}

export interface CuratedRows {
  skills: SkillRow[];
  /** Preferred labels (kind 'preferred') and our aliases (kind 'curated'); flags not yet applied. */
  aliases: Omit<SkillAliasRow, 'caseSensitive' | 'ambiguous'>[];
  relations: SkillRelationRow[];
}

/**
 * Rows of the starter taxonomy and aliases.json. Starter ESCO skills carry ESCO's own label and type (hand-copied
 * facts) and no description, so a full ESCO import later only adds the description.
 */
export function curatedRows(layer: CuratedLayer): CuratedRows {
  const skills: SkillRow[] = [];
  const aliases: CuratedRows['aliases'] = [];
  const relations: SkillRelationRow[] = [];
  const alias = (skillId: string, surface: string, kind: 'preferred' | 'curated') =>
    aliases.push({ skillId, surface, normalized: normalizeSurface(surface), kind });
  for (const entry of layer.starterSkills) {
    const id = starterSkillId(entry);
    const base = { id, description: null, onetHotTechnology: false, onetInDemand: false };
    if ('esco' in entry) {
      skills.push({ ...base, preferredLabel: entry.label, skillType: entry.type, escoUri: entry.esco, origin: 'esco', onetCommodityCode: null });
    } else if ('onet' in entry) {
      skills.push({ ...base, preferredLabel: entry.label ?? entry.onet, skillType: 'tool/technology', escoUri: null, origin: 'onet', onetCommodityCode: entry.commodityCode ?? null });
    } else {
      skills.push({ ...base, preferredLabel: entry.label, skillType: entry.type, escoUri: null, origin: 'skillpulse', onetCommodityCode: null });
    }
    alias(id, skills.at(-1)!.preferredLabel, 'preferred');
    if ('onet' in entry && entry.label) alias(id, entry.onet, 'curated');
    for (const surface of entry.aliases) alias(id, surface, 'curated');
    for (const ref of entry.broader) relations.push({ skillId: id, relatedSkillId: skillIdOf(ref), relation: 'broader', origin: 'skillpulse' });
  }
  for (const entry of layer.aliases) for (const surface of entry.surfaces) alias(skillIdOf(entry.skill), surface, 'curated');
  return { skills, aliases, relations };
}

/**
 * Readers of the ESCO v1.1.x CSV export (classification, English): skills_en.csv, occupations_en.csv,
 * broaderRelationsSkillPillar.csv, skillSkillRelations.csv, occupationSkillRelations.csv and
 * languageSkillsCollection_en.csv. Pure: each takes a byte stream and yields plain records.
 */
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { SkillRelationKind, SkillType } from '../taxonomy.types.js';
import { cellOrNull, readDelimited, splitLines } from './delimited-records.js';
import { escoIdFromUri } from './taxonomy-ids.js';

/** File names inside an ESCO export directory. */
export const ESCO_FILES = {
  skills: 'skills_en.csv',
  occupations: 'occupations_en.csv',
  broaderSkills: 'broaderRelationsSkillPillar.csv',
  skillSkill: 'skillSkillRelations.csv',
  occupationSkill: 'occupationSkillRelations.csv',
  languageSkills: 'languageSkillsCollection_en.csv',
} as const;

export interface EscoSkill {
  id: string;
  uri: string;
  preferredLabel: string;
  /** ESCO skillType; a blank cell (6 rows in v1.1.1) becomes 'skill/competence'. */
  skillType: Extract<SkillType, 'knowledge' | 'skill/competence'>;
  altLabels: string[];
  hiddenLabels: string[];
  description: string | null;
}

export interface EscoOccupation {
  id: string;
  uri: string;
  preferredLabel: string;
  /** ISCO-08 unit group, e.g. "2654". */
  iscoCode: string | null;
  /** ESCO occupation code, e.g. "2654.1.7". */
  code: string | null;
  altLabels: string[];
  hiddenLabels: string[];
  description: string | null;
}

/** A skill→skill edge; for 'broader' the related skill is the broader one. */
export interface EscoSkillEdge {
  skillUri: string;
  relatedSkillUri: string;
  relation: SkillRelationKind;
}

export interface EscoOccupationSkill {
  occupationUri: string;
  skillUri: string;
  relation: 'essential' | 'optional';
}

function skillType(value: string | undefined): EscoSkill['skillType'] {
  return value?.trim() === 'knowledge' ? 'knowledge' : 'skill/competence';
}

/** skills_en.csv: one record per skill concept; columns conceptUri, skillType, preferredLabel, altLabels, hiddenLabels, description. */
export async function* readEscoSkills(input: Readable): AsyncGenerator<EscoSkill> {
  for await (const r of readDelimited(input, 'csv')) {
    const uri = r['conceptUri']!.trim();
    yield {
      id: escoIdFromUri(uri),
      uri,
      preferredLabel: r['preferredLabel']!.trim(),
      skillType: skillType(r['skillType']),
      altLabels: splitLines(r['altLabels']),
      hiddenLabels: splitLines(r['hiddenLabels']),
      description: cellOrNull(r['description']),
    };
  }
}

/** occupations_en.csv: conceptUri, iscoGroup, preferredLabel, altLabels, hiddenLabels, description, code. */
export async function* readEscoOccupations(input: Readable): AsyncGenerator<EscoOccupation> {
  for await (const r of readDelimited(input, 'csv')) {
    const uri = r['conceptUri']!.trim();
    yield {
      id: escoIdFromUri(uri),
      uri,
      preferredLabel: r['preferredLabel']!.trim(),
      iscoCode: cellOrNull(r['iscoGroup']),
      code: cellOrNull(r['code']),
      altLabels: splitLines(r['altLabels']),
      hiddenLabels: splitLines(r['hiddenLabels']),
      description: cellOrNull(r['description']),
    };
  }
}

/**
 * broaderRelationsSkillPillar.csv: only skill→skill edges (both types KnowledgeSkillCompetence). Edges to or between
 * skill groups are skipped: groups are not skills and have no row in `skill`.
 */
export async function* readEscoBroaderSkills(input: Readable): AsyncGenerator<EscoSkillEdge> {
  for await (const r of readDelimited(input, 'csv')) {
    if (r['conceptType'] !== 'KnowledgeSkillCompetence' || r['broaderType'] !== 'KnowledgeSkillCompetence') continue;
    yield { skillUri: r['conceptUri']!.trim(), relatedSkillUri: r['broaderUri']!.trim(), relation: 'broader' };
  }
}

/** skillSkillRelations.csv: relationType essential/optional → 'related_essential'/'related_optional'. */
export async function* readEscoSkillRelations(input: Readable): AsyncGenerator<EscoSkillEdge> {
  for await (const r of readDelimited(input, 'csv')) {
    const type = r['relationType']?.trim();
    if (type !== 'essential' && type !== 'optional') throw new Error(`skillSkillRelations.csv: unknown relationType ${JSON.stringify(type)}`);
    yield { skillUri: r['originalSkillUri']!.trim(), relatedSkillUri: r['relatedSkillUri']!.trim(), relation: `related_${type}` };
  }
}

/** occupationSkillRelations.csv: occupationUri, relationType (essential/optional), skillUri. */
export async function* readEscoOccupationSkills(input: Readable): AsyncGenerator<EscoOccupationSkill> {
  for await (const r of readDelimited(input, 'csv')) {
    const type = r['relationType']?.trim();
    if (type !== 'essential' && type !== 'optional') throw new Error(`occupationSkillRelations.csv: unknown relationType ${JSON.stringify(type)}`);
    yield { occupationUri: r['occupationUri']!.trim(), skillUri: r['skillUri']!.trim(), relation: type };
  }
}

/** languageSkillsCollection_en.csv: the concept URIs of the language skills collection. */
export async function readEscoLanguageSkillUris(input: Readable): Promise<Set<string>> {
  const uris = new Set<string>();
  for await (const r of readDelimited(input, 'csv')) uris.add(r['conceptUri']!.trim());
  return uris;
}

/**
 * The ESCO release of an export directory: the explicit `override` (CLI `--esco-version`) or a `vX.Y.Z`
 * directory name (e.g. `.../esco/v1.1.1` → "1.1.1"). Throws when neither gives one.
 */
export function detectEscoVersion(dir: string, override?: string): string {
  if (override?.trim()) return override.trim().replace(/^v/, '');
  const match = /^v?(\d+\.\d+(?:\.\d+)?)$/.exec(basename(dir.replace(/[\\/]+$/, '')));
  if (!match) throw new Error(`Cannot tell the ESCO version from the directory name ${JSON.stringify(dir)}: pass --esco-version`);
  return match[1]!;
}

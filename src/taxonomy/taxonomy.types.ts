/**
 * Rows of the taxonomy tables as the importer writes them (see migrations/1764400000000-InitialSchema.ts).
 * Plain data: readers produce them, the importer merges and upserts them.
 */

export type SkillType = 'knowledge' | 'skill/competence' | 'tool/technology' | 'certification' | 'language';
export type SkillOrigin = 'esco' | 'onet' | 'skillpulse';
export type SkillAliasKind = 'preferred' | 'alt' | 'hidden' | 'onet_example' | 'curated';
export type SkillRelationKind = 'broader' | 'related_essential' | 'related_optional';
export type OccupationScheme = 'esco' | 'onet';
/** ESCO: preferred, alt, hidden. O*NET: preferred (Title), alternate_title, short_title, reported_title. */
export type OccupationAliasKind = 'preferred' | 'alt' | 'hidden' | 'alternate_title' | 'short_title' | 'reported_title';
export type OccupationSkillRelation = 'essential' | 'optional' | 'technology';

export interface SkillRow {
  id: string;
  preferredLabel: string;
  skillType: SkillType;
  /** Null when this run has no description for the skill (an existing one is then kept). */
  description: string | null;
  escoUri: string | null;
  origin: SkillOrigin;
  onetCommodityCode: string | null;
  onetHotTechnology: boolean;
  onetInDemand: boolean;
}

export interface SkillAliasRow {
  skillId: string;
  surface: string;
  normalized: string;
  kind: SkillAliasKind;
  caseSensitive: boolean;
  ambiguous: boolean;
}

export interface SkillRelationRow {
  skillId: string;
  relatedSkillId: string;
  relation: SkillRelationKind;
  origin: SkillOrigin;
}

export interface OccupationRow {
  id: string;
  scheme: OccupationScheme;
  preferredLabel: string;
  description: string | null;
  escoUri: string | null;
  iscoCode: string | null;
  code: string | null;
  onetSoc: string | null;
}

export interface OccupationAliasRow {
  occupationId: string;
  label: string;
  kind: OccupationAliasKind;
}

export interface OccupationSkillRow {
  occupationId: string;
  skillId: string;
  relation: OccupationSkillRelation;
  hotTechnology: boolean;
  inDemand: boolean;
}

/**
 * Loads the taxonomy's alias table through ExtractionService's own reader (`readAliasEntries`), for
 * the evaluation runner, the benchmark and the regression-floor test. Refuses a database without ESCO and O*NET.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AliasEntry } from '../extraction/extraction.types.js';
import { readAliasEntries } from '../extraction/extraction.service.js';
import { ESCO_FILES, readEscoSkills } from '../taxonomy/import/esco.reader.js';

/** What a full taxonomy looks like: the hint printed when it is missing. */
export const TAXONOMY_HINT =
  'Load the full taxonomy first, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/skillpulse_eval ' +
  'npm run taxonomy:import -- --esco ../shared/data/esco/v1.1.1 --onet ../shared/data/onet/29.2 ' +
  '(or point DATABASE_URL at postgres://postgres@127.0.0.1:5432/skillpulse_real, which holds it).';

export interface TaxonomyAliases {
  aliases: AliasEntry[];
  /** Our skill id -> ESCO concept URI (ESCO skills, and O*NET examples merged into them). */
  escoUriOf: Map<string, string>;
  /** scheme -> release version, from taxonomy_release. */
  versions: Record<string, string>;
}

/**
 * Reads every alias with its skill's preferred label, and the ESCO URIs of skills.
 * @throws Error with {@link TAXONOMY_HINT} when the schema is missing or ESCO or O*NET was never imported.
 */
export async function loadTaxonomyAliases(db: DataSource): Promise<TaxonomyAliases> {
  let releases: Array<{ scheme: string; version: string }>;
  try {
    releases = await db.query(`SELECT scheme, version FROM taxonomy_release`);
  } catch (error) {
    throw new Error(`No taxonomy tables in this database (${(error as Error).message}). ${TAXONOMY_HINT}`);
  }
  const versions = Object.fromEntries(releases.map((r) => [r.scheme, r.version]));
  const missing = ['esco', 'onet'].filter((s) => !(s in versions));
  if (missing.length > 0) throw new Error(`The database's taxonomy lacks ${missing.join(' and ')}. ${TAXONOMY_HINT}`);
  const aliases = await readAliasEntries(db);
  const uris: Array<{ id: string; esco_uri: string }> = await db.query(`SELECT id, esco_uri FROM skill WHERE esco_uri IS NOT NULL`);
  return {
    aliases,
    escoUriOf: new Map(uris.map((u) => [u.id, u.esco_uri])),
    versions,
  };
}

/** ESCO preferredLabel -> concept URI from an ESCO export's skills_en.csv (the benchmark's gold labels join on it). */
export async function readEscoLabelUris(escoDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const skill of readEscoSkills(createReadStream(join(escoDir, ESCO_FILES.skills)))) out.set(skill.preferredLabel, skill.uri);
  return out;
}

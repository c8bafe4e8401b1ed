/**
 * Our own credential catalogue, `data/credentials/catalogue.json` (shape in data/credentials/README.md): read,
 * validated (unknown keys refused, ids unique) and turned into `CredentialRecord`s. Pure apart from reading the file.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../config/paths.js';
import { skillIdOf } from '../taxonomy/import/curated-layer.js';
import { CREDENTIAL_KINDS, CREDENTIAL_LEVELS, CREDENTIAL_PLATFORMS, type CredentialRecord } from './credential.types.js';

export const CATALOGUE_FILE = join(DATA_DIR, 'credentials', 'catalogue.json');

const entry = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case slug'),
  provider: z.string().trim().min(1),
  platform: z.enum(CREDENTIAL_PLATFORMS),
  name: z.string().trim().min(1),
  url: z.url({ protocol: /^https$/ }).nullable(),
  kind: z.enum(CREDENTIAL_KINDS),
  level: z.enum(CREDENTIAL_LEVELS).nullable(),
  hours: z.number().positive().nullable(),
  cost: z.strictObject({ amount: z.number().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/), note: z.string().min(1).nullable() }).nullable(),
  /** Taxonomy refs: ESCO skill concept URIs or skill ids (`onet-…`, `sp-…`). */
  skills: z.array(z.string().trim().min(1)).min(1),
});

const catalogueSchema = z.strictObject({ credentials: z.array(entry).min(1) });

export type CatalogueEntry = z.infer<typeof entry>;

export interface Catalogue {
  entries: CatalogueEntry[];
  /** `sha256:` + 12 hex digits of the file's bytes. */
  version: string;
}

/** Validates a parsed catalogue; throws naming the bad entry, or a duplicate id or skill ref. */
export function parseCatalogue(json: unknown, version: string, label = 'catalogue'): Catalogue {
  const parsed = catalogueSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${label}: ${z.prettifyError(parsed.error)}`);
  const ids = new Set<string>();
  for (const e of parsed.data.credentials) {
    if (ids.has(e.id)) throw new Error(`${label}: duplicate credential id "${e.id}"`);
    ids.add(e.id);
    const skillIds = e.skills.map(skillIdOf);
    if (new Set(skillIds).size !== skillIds.length) throw new Error(`${label}: credential "${e.id}" names a skill twice`);
  }
  return { entries: parsed.data.credentials, version };
}

/** The version of an imported file: `sha256:` + 12 hex digits of its bytes. */
export function contentVersion(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
}

/** Reads and validates the catalogue file (default: the repository's `data/credentials/catalogue.json`). */
export async function loadCatalogue(path = CATALOGUE_FILE): Promise<Catalogue> {
  const bytes = await readFile(path);
  const version = contentVersion(bytes);
  return parseCatalogue(JSON.parse(bytes.toString('utf8')), version, path);
}

/** The catalogue entry as a record; skill refs become ids (ESCO URI → UUID), to be checked against the taxonomy. */
export function catalogueRecord(e: CatalogueEntry): CredentialRecord {
  return {
    id: e.id,
    source: 'skillpulse',
    provider: e.provider,
    platform: e.platform,
    name: e.name,
    url: e.url,
    kind: e.kind,
    level: e.level,
    hours: e.hours,
    duration: null,
    cost: e.cost,
    skills: e.skills.map((ref) => ({ skillId: skillIdOf(ref), sourceLabel: null })),
    unmappedSkills: [],
  };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../config/paths.js';
import type { OccupationLabel } from './title-classifier.js';

const schema = z.strictObject({
  note: z.string().optional(),
  exclude: z.array(z.strictObject({ occupation: z.string().min(1), label: z.string().min(1), why: z.string().optional() })),
  include: z.array(z.strictObject({ occupation: z.string().min(1), label: z.string().min(1) })),
});

export type TitleCorrections = z.infer<typeof schema>;

/** Our corrections to the imported occupation labels (`data/taxonomy/occupation-titles.json`). */
export async function loadTitleCorrections(dataDir = DATA_DIR): Promise<TitleCorrections> {
  const path = join(dataDir, 'taxonomy', 'occupation-titles.json');
  const parsed = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * The labels the title classifier compiles, corrected: excluded (occupation, label) pairs dropped (case-insensitive),
 * our own labels added (as an alternate title or alt label, by scheme) for occupations that exist among `labels` (others are ignored, e.g. on a starter-only
 * taxonomy).
 */
export function applyTitleCorrections(labels: OccupationLabel[], corrections: TitleCorrections): OccupationLabel[] {
  const key = (occupation: string, label: string) => `${occupation}\u0000${label.toLowerCase()}`;
  const excluded = new Set(corrections.exclude.map((e) => key(e.occupation, e.label)));
  const kept = labels.filter((l) => !excluded.has(key(l.occupationId, l.label)));
  const known = new Map(labels.map((l) => [l.occupationId, l]));
  for (const inc of corrections.include) {
    const occupation = known.get(inc.occupation);
    if (occupation) kept.push({ ...occupation, label: inc.label, kind: occupation.scheme === 'onet' ? 'alternate_title' : 'alt' });
  }
  return kept;
}

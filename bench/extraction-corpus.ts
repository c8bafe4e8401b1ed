/**
 * The corpus and taxonomy shared by `bench:extraction` and the output check (extraction-check.ts).
 *
 * Texts: every posting's description text in `<SHARED_DATA_DIR>/jobs`, read with the ingestion parsers (title-only
 * postings left out; identical texts kept once, in first-seen order, so the list is the same on every run).
 * Taxonomy: the alias table of the database at DATABASE_URL (ESCO + O*NET + our curated layer), as the service loads it.
 */
import { join } from 'node:path';
import { config } from '../src/config/config.js';
import { SHARED_DATA_DIR } from '../src/config/paths.js';
import { loadTaxonomyAliases, TAXONOMY_HINT, type TaxonomyAliases } from '../src/evaluation/taxonomy-source.js';
import { createDataSource } from '../src/infra/database/data-source.js';
import { listPostingFiles, parsePostingFile } from '../src/ingestion/formats/index.js';

export interface PostingCorpus {
  /** Distinct description texts, first-seen order. */
  texts: string[];
  /** Postings parsed. */
  postings: number;
  /** Postings with a description text (before de-duplication). */
  withText: number;
}

/** Reads the taxonomy's aliases from DATABASE_URL; the error names the import command when it is missing. */
export async function loadBenchTaxonomy(): Promise<TaxonomyAliases> {
  const db = createDataSource(config().DATABASE_URL, { poolSize: 1 });
  await db.initialize().catch((error: Error) => {
    throw new Error(`Cannot open ${config().DATABASE_URL}: ${error.message}. ${TAXONOMY_HINT}`);
  });
  return loadTaxonomyAliases(db).finally(() => db.destroy());
}

/** Reads the posting texts (see the module comment). */
export async function loadPostingCorpus(): Promise<PostingCorpus> {
  const { files } = await listPostingFiles(join(SHARED_DATA_DIR, 'jobs'));
  const texts = new Set<string>();
  let postings = 0;
  let withText = 0;
  for (const file of files) {
    for await (const record of parsePostingFile(file)) {
      if (record.kind !== 'posting') continue;
      postings += 1;
      if (!record.posting.descriptionText) continue;
      withText += 1;
      texts.add(record.posting.descriptionText);
    }
  }
  return { texts: [...texts], postings, withText };
}

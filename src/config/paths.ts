import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file holding package.json (works from src/ and dist/src/). */
export const REPO_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
})();

/** Our own curated files (starter taxonomy, aliases, sample postings and badges). */
export const DATA_DIR = join(REPO_ROOT, 'data');

/**
 * The shared real data set (ESCO, O*NET, job postings, badges, evaluation sets), read in place and never copied
 * into the repository. Defaults to `../shared/data` beside the checkout; `SKILLPULSE_SHARED_DATA` overrides it.
 */
export const SHARED_DATA_DIR = resolve(process.env.SKILLPULSE_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data'));

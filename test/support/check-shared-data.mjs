// Jest global setup: many specs read the shared real data set (ESCO, O*NET, job postings, badges, evaluation sets) in
// place. Without it they would fail one by one with ENOENT; say once, up front, what is missing and how to point at it.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export default function checkSharedData(globalConfig) {
  const rootDir = globalConfig.rootDir ?? process.cwd();
  const dir = resolve(process.env.SKILLPULSE_SHARED_DATA ?? join(rootDir, '..', 'shared', 'data'));
  const missing = ['esco', 'onet', 'jobs', 'badges', 'eval'].filter((name) => !existsSync(join(dir, name)));
  if (missing.length > 0) {
    throw new Error(
      `The tests read the shared data set in place, but ${dir} lacks ${missing.join(', ')}. ` +
        'Clone Skillpulse beside the shared folder (../shared/data) or set SKILLPULSE_SHARED_DATA to the data folder.',
    );
  }
}

import { existsSync, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob, isDynamicPattern } from 'tinyglobby';
import { config as appConfig } from '../../config/config.js';
import { REPO_ROOT, SHARED_DATA_DIR } from '../../config/paths.js';
import { listPostingFiles, parsePostingFile } from '../../ingestion/formats/index.js';
import type { ParsedRecord } from '../../ingestion/posting.types.js';
import type { ConnectorContext, ConnectorPage, SourceConfig, SourceConnector } from './connector.types.js';
import { failedPage, stamp } from './connector-support.js';

/** The root `file` sources must lie under: SOURCE_FILE_ROOT (relative to the repository) or the shared data folder. */
export function defaultFileRoot(): string {
  return resolve(REPO_ROOT, appConfig().SOURCE_FILE_ROOT ?? SHARED_DATA_DIR);
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * The absolute path or glob of `config.path` under `root`.
 * @throws Error naming `path` when it is missing, has a ".." segment, or lies (lexically) outside the root.
 */
export function resolveUnderRoot(path: unknown, root: string): string {
  if (typeof path !== 'string' || !path.trim()) throw new Error('path: required (a file, folder or glob under the file root)');
  if (path.includes('\0')) throw new Error('path: must not contain NUL characters');
  if (path.split(/[\\/]+/).includes('..')) throw new Error(`path: must not contain ".." segments (got ${JSON.stringify(path)})`);
  const absolute = resolve(root, path);
  if (!inside(root, absolute)) throw new Error(`path: ${JSON.stringify(path)} is outside the file root ${root}`);
  return absolute;
}

/**
 * Posting files on the local disk: `path` is a file, a folder (walked recursively) or a glob ("greenhouse/boards/*.json"),
 * relative to the file root (SOURCE_FILE_ROOT, default the shared data folder) or absolute inside it. Each file is
 * one page, parsed by `parsePostingFile` (format detected as for `npm run demo -- --postings`; files of no known
 * format, or not data files, are left out); raw = the record, rawFormat = the file's format, fetchedAt = the file's
 * modification time. Postings keep their format's source key ("greenhouse:airbnb"), so a board read from a file and
 * from its API are one posting; `sourceKey(config)` ("file:<path>") names the source only.
 * Paths escaping the root — "..", an absolute path elsewhere, or a symlink whose target is outside — are refused:
 * in validateConfig (lexically, and by real path when the path exists) and again per file (by real path) in `pages`,
 * where such a file is a failed page. Globs do not follow symbolic links at all.
 * A file unchanged since the last run (same size and modification time as the stored ETag) is a 304-like
 * `notModified` page.
 */
export class FileConnector implements SourceConnector {
  readonly kind = 'file' as const;

  /** @param fileRoot the root validateConfig checks against (pages use `context.fileRoot`). */
  constructor(private readonly fileRoot: () => string = defaultFileRoot) {}

  validateConfig(config: SourceConfig): void {
    if (typeof config !== 'object' || config === null) throw new Error('config: must be an object');
    const root = this.fileRoot();
    const absolute = resolveUnderRoot(config.path, root);
    if (!isDynamicPattern(config.path as string) && existsSync(absolute) && existsSync(root)) {
      if (!inside(realpathSync(root), realpathSync(absolute))) throw new Error(`path: ${JSON.stringify(config.path)} leads outside the file root ${root} (symbolic link)`);
    }
  }

  sourceKey(config: SourceConfig): string {
    return `file:${String(config.path)}`;
  }

  async *pages(config: SourceConfig, context: ConnectorContext): AsyncIterable<ConnectorPage> {
    const root = resolve(context.fileRoot);
    let files: string[];
    try {
      files = await this.files(String(config.path), root);
    } catch (error) {
      yield failedPage(pathToFileURL(resolve(root, String(config.path))).href, error);
      return;
    }
    const realRoot = await realpath(root);
    for (const file of files) {
      if (context.signal?.aborted) return;
      yield await this.read(file, realRoot, context);
    }
  }

  /** The posting files `path` names, sorted; throws when it escapes the root or names nothing. */
  private async files(path: string, root: string): Promise<string[]> {
    const absolute = resolveUnderRoot(path, root);
    if (isDynamicPattern(path)) {
      const matches = await glob(path, { cwd: root, absolute: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false });
      const listed = await Promise.all(matches.sort().map((m) => listPostingFiles(m)));
      return listed.flatMap((l) => l.files);
    }
    if (!existsSync(absolute)) throw new Error(`path: ${JSON.stringify(path)} does not exist under the file root ${root}`);
    return (await listPostingFiles(absolute)).files;
  }

  private async read(file: string, realRoot: string, context: ConnectorContext): Promise<ConnectorPage> {
    const url = pathToFileURL(file).href;
    try {
      const real = await realpath(file);
      if (!inside(realRoot, real)) throw new Error(`${file} leads outside the file root (symbolic link to ${real}); not read`);
      const info = await stat(real);
      const etag = `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
      const lastModified = info.mtime.toUTCString();
      if (context.validators.get(url)?.etag === etag) return { ok: true, url, notModified: true, records: [], etag, lastModified };
      const parsed: ParsedRecord[] = [];
      for await (const record of parsePostingFile(real)) parsed.push(record);
      const records = stamp(parsed, { rawOf: () => undefined, fetchedAt: context.fetchedAt, kind: this.kind });
      return { ok: true, url, notModified: false, records, etag, lastModified };
    } catch (error) {
      return failedPage(url, error);
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ThrottledStamp } from '../infra/throttled-stamp.js';
import { config } from '../config/config.js';
import type { AliasEntry, ExtractedSkill, ExtractOptions } from './extraction.types.js';
import { SkillExtractor } from './extractor.js';
import { TAXONOMY_STAMP_SQL } from './extractor-version.js';

/** Every extraction call checks the taxonomy version; this bounds those reads (one per 2 s per process). */
const TAXONOMY_STAMP_TTL_MS = 2_000;

/**
 * Holds the extractor compiled from the taxonomy's aliases (table `skill_alias`), recompiling it when a taxonomy
 * import has happened since (`taxonomy_release.imported_at`). One compiled matcher per process.
 */
@Injectable()
export class ExtractionService {
  private readonly logger = new Logger(ExtractionService.name);
  private compiled: CompiledExtractor | null = null;
  private compiling: Promise<CompiledExtractor> | null = null;

  private readonly stamp: ThrottledStamp;

  constructor(private readonly db: DataSource) {
    this.stamp = new ThrottledStamp(() => this.readStamp(), TAXONOMY_STAMP_TTL_MS);
  }

  /** The current extractor (compiled on first use, and within 2 s after each taxonomy import). */
  async extractor(): Promise<SkillExtractor> {
    return (await this.current()).extractor;
  }

  /**
   * The current extractor with the taxonomy stamp it was compiled from ("esco=v1.1.1,onet=29.2,…", see
   * TAXONOMY_STAMP_SQL), which postings extracted with it are marked with. `fresh` reads the taxonomy's state now
   * instead of within the last 2 s (one small query; extraction jobs use it so a job right after an import uses it).
   */
  async current(options: { fresh?: boolean } = {}): Promise<CompiledExtractor> {
    const stamp = options.fresh ? await this.readStamp() : await this.stamp.get();
    const current = this.compiled;
    if (current && current.stamp === stamp) return current;
    const compiling = (this.compiling ??= this.compile(stamp).finally(() => (this.compiling = null)));
    return compiling;
  }

  /** Extracts skills from free text with the current taxonomy; `minConfidence` defaults to EXTRACT_MIN_CONFIDENCE. */
  async extract(text: string, options: ExtractOptions = {}): Promise<ExtractedSkill[]> {
    const extractor = await this.extractor();
    return extractor.extract(text, { minConfidence: options.minConfidence ?? config().EXTRACT_MIN_CONFIDENCE });
  }

  private async readStamp(): Promise<string> {
    const [{ stamp }] = await this.db.query(
      `SELECT coalesce(max(imported_at)::text, '') || ':' || count(*) || ':' || ${TAXONOMY_STAMP_SQL} AS stamp FROM taxonomy_release`,
    );
    return stamp as string;
  }

  private async compile(stamp: string): Promise<CompiledExtractor> {
    const started = Date.now();
    // Read before the aliases: an import in between marks postings with the older stamp, so they are re-extracted.
    const [{ taxonomy }] = await this.db.query(`SELECT ${TAXONOMY_STAMP_SQL} AS taxonomy`);
    const aliases = await readAliasEntries(this.db);
    const extractor = SkillExtractor.compile(aliases);
    this.compiled = { stamp, extractor, taxonomyStamp: taxonomy as string };
    this.logger.log(`Extractor compiled from ${aliases.length} aliases in ${Date.now() - started} ms`);
    return this.compiled;
  }
}

/**
 * Every alias (table `skill_alias`) with its skill's preferred label (table `skill`), in a fixed order (skill id, then
 * surface) so that the extractor compiled from them is the same on every read. The one source of the extractor's
 * aliases: ExtractionService, the evaluation runner and the benchmarks all compile from it.
 */
export async function readAliasEntries(db: DataSource): Promise<AliasEntry[]> {
  const rows: Array<{ skill_id: string; label: string; surface: string; kind: AliasEntry['kind']; case_sensitive: boolean; ambiguous: boolean }> =
    await db.query(
      `SELECT a.skill_id, s.preferred_label AS label, a.surface, a.kind, a.case_sensitive, a.ambiguous
         FROM skill_alias a JOIN skill s ON s.id = a.skill_id
        ORDER BY a.skill_id, a.surface`,
    );
  return rows.map((r) => ({ skillId: r.skill_id, label: r.label, surface: r.surface, kind: r.kind, caseSensitive: r.case_sensitive, ambiguous: r.ambiguous }));
}

/** A compiled extractor, the import stamp it was compiled at, and the taxonomy (scheme=version list) it holds. */
export interface CompiledExtractor {
  stamp: string;
  extractor: SkillExtractor;
  taxonomyStamp: string;
}

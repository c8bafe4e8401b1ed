import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ThrottledStamp } from '../infra/throttled-stamp.js';
import { config } from '../config/config.js';
import type { AliasEntry, ExtractedSkill, ExtractOptions } from './extraction.types.js';
import { SkillExtractor } from './extractor.js';

/** Every extraction call checks the taxonomy version; this bounds those reads (one per 2 s per process). */
const TAXONOMY_STAMP_TTL_MS = 2_000;

/**
 * Holds the extractor compiled from the taxonomy's aliases (table `skill_alias`), recompiling it when a taxonomy
 * import has happened since (`taxonomy_release.imported_at`). One compiled matcher per process.
 */
@Injectable()
export class ExtractionService {
  private readonly logger = new Logger(ExtractionService.name);
  private compiled: { stamp: string; extractor: SkillExtractor } | null = null;
  private compiling: Promise<SkillExtractor> | null = null;

  private readonly stamp: ThrottledStamp;

  constructor(private readonly db: DataSource) {
    this.stamp = new ThrottledStamp(async () => {
      const [{ stamp }] = await this.db.query(`SELECT coalesce(max(imported_at)::text, '') || ':' || count(*) AS stamp FROM taxonomy_release`);
      return stamp as string;
    }, TAXONOMY_STAMP_TTL_MS);
  }

  /** The current extractor (compiled on first use, and within 2 s after each taxonomy import). */
  async extractor(): Promise<SkillExtractor> {
    const stamp = await this.stamp.get();
    const current = this.compiled;
    if (current && current.stamp === stamp) return current.extractor;
    const compiling = (this.compiling ??= this.compile(stamp).finally(() => (this.compiling = null)));
    return compiling;
  }

  /** Extracts skills from free text with the current taxonomy; `minConfidence` defaults to EXTRACT_MIN_CONFIDENCE. */
  async extract(text: string, options: ExtractOptions = {}): Promise<ExtractedSkill[]> {
    const extractor = await this.extractor();
    return extractor.extract(text, { minConfidence: options.minConfidence ?? config().EXTRACT_MIN_CONFIDENCE });
  }

  private async compile(stamp: string): Promise<SkillExtractor> {
    const started = Date.now();
    const rows: Array<{ skill_id: string; label: string; surface: string; kind: AliasEntry['kind']; case_sensitive: boolean; ambiguous: boolean }> =
      await this.db.query(
        `SELECT a.skill_id, s.preferred_label AS label, a.surface, a.kind, a.case_sensitive, a.ambiguous
           FROM skill_alias a JOIN skill s ON s.id = a.skill_id`,
      );
    const extractor = SkillExtractor.compile(
      rows.map((r) => ({ skillId: r.skill_id, label: r.label, surface: r.surface, kind: r.kind, caseSensitive: r.case_sensitive, ambiguous: r.ambiguous })),
    );
    this.compiled = { stamp, extractor };
    this.logger.log(`Extractor compiled from ${rows.length} aliases in ${Date.now() - started} ms`);
    return extractor;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ExtractedSkill, TextSpan } from './extraction.types.js';
import { awaitingExtraction, EXTRACTOR_VERSION } from './extractor-version.js';

export interface PostingText {
  id: string;
  title: string;
  description: string | null;
  contentHash: string;
}

/** A span of a stored posting: `field` says which stored text the offsets index (`description`, or `title`). */
export interface StoredSpan extends TextSpan {
  field: 'description' | 'title';
}

export interface PostingSkills {
  postingId: string;
  contentHash: string;
  skills: Array<ExtractedSkill & { spans: StoredSpan[] }>;
}

/** Reads postings awaiting extraction and replaces their `posting_skill` rows, one transaction per batch. */
@Injectable()
export class PostingSkillRepository {
  constructor(private readonly db: DataSource) {}

  /** The given postings whose content changed since their last extraction (or that were never extracted). */
  async awaiting(ids: string[]): Promise<PostingText[]> {
    const rows = await this.db.query(
      `SELECT p.id::text AS id, p.title, p.description, p.content_hash FROM posting p
        WHERE p.id = ANY($1::bigint[]) AND ${awaitingExtraction('$2')} ORDER BY p.id`,
      [ids, EXTRACTOR_VERSION],
    );
    return rows.map((r: { id: string; title: string; description: string | null; content_hash: string }) => ({
      id: r.id, title: r.title, description: r.description, contentHash: r.content_hash,
    }));
  }

  /** Ids of every posting awaiting extraction, oldest first. */
  async allAwaitingIds(): Promise<string[]> {
    const rows = await this.db.query(`SELECT p.id::text AS id FROM posting p WHERE ${awaitingExtraction('$1')} ORDER BY p.id`, [EXTRACTOR_VERSION]);
    return rows.map((r: { id: string }) => r.id);
  }

  /**
   * Replaces the skills of each posting and marks it extracted at the content hash it was extracted from
   * (a posting whose content changed meanwhile stays awaiting). Idempotent: a rerun writes the same rows.
   */
  async replace(results: PostingSkills[]): Promise<number> {
    if (results.length === 0) return 0;
    const postingIds: string[] = [];
    const skillIds: string[] = [];
    const requirements: Array<string | null> = [];
    const confidences: number[] = [];
    const mentionCounts: number[] = [];
    const spans: string[] = [];
    for (const r of results) {
      for (const s of r.skills) {
        postingIds.push(r.postingId);
        skillIds.push(s.skillId);
        requirements.push(s.requirement);
        confidences.push(s.confidence);
        mentionCounts.push(s.spans.length);
        spans.push(JSON.stringify(s.spans));
      }
    }
    await this.db.transaction(async (tx) => {
      const ids = results.map((r) => r.postingId);
      await tx.query(`DELETE FROM posting_skill WHERE posting_id = ANY($1::bigint[])`, [ids]);
      if (postingIds.length > 0) {
        await tx.query(
          `INSERT INTO posting_skill (posting_id, skill_id, requirement, confidence, mention_count, spans)
           SELECT p, s, r, c, m, sp::jsonb FROM unnest($1::bigint[], $2::text[], $3::text[], $4::real[], $5::int[], $6::text[]) AS t(p, s, r, c, m, sp)`,
          [postingIds, skillIds, requirements, confidences, mentionCounts, spans],
        );
      }
      await tx.query(
        `UPDATE posting p SET extracted_hash = t.h, extracted_at = now(), extractor_version = $3
           FROM unnest($1::bigint[], $2::text[]) AS t(id, h) WHERE p.id = t.id`,
        [ids, results.map((r) => r.contentHash), EXTRACTOR_VERSION],
      );
    });
    return postingIds.length;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ExtractedSkill, TextSpan } from './extraction.types.js';
import type { ExtractTarget } from '../infra/queue/queues.js';
import { awaitingExtraction, EXTRACTOR_VERSION, TAXONOMY_STAMP_SQL } from './extractor-version.js';

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

  /** Every posting awaiting extraction (id and content hash), oldest first, and the taxonomy stamp now. */
  async allAwaiting(): Promise<{ postings: ExtractTarget[]; taxonomyStamp: string }> {
    const rows: Array<{ id: string; content_hash: string }> = await this.db.query(
      `SELECT p.id::text AS id, p.content_hash FROM posting p WHERE ${awaitingExtraction('$1')} ORDER BY p.id`,
      [EXTRACTOR_VERSION],
    );
    const [{ stamp }] = await this.db.query(`SELECT ${TAXONOMY_STAMP_SQL} AS stamp`);
    return { postings: rows.map((r) => ({ id: r.id, contentHash: r.content_hash })), taxonomyStamp: stamp };
  }

  /**
   * Replaces the skills of each posting and marks it extracted at the content hash it was extracted from, with
   * EXTRACTOR_VERSION and `taxonomyStamp` (a posting whose content changed meanwhile stays awaiting).
   *
   * Idempotent, also under concurrency: the postings' rows are locked (in id order) first, and a posting already
   * extracted at that (content hash, extractor version, taxonomy) — by a duplicate or earlier run of the job — is left
   * alone; the others get delete + insert of their rows in the same transaction. A rerun leaves one set of rows.
   * @returns the posting-skill rows written.
   */
  async replace(results: PostingSkills[], taxonomyStamp: string): Promise<number> {
    if (results.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      // Lock the postings in id order (as every writer here, so two jobs never deadlock), then re-check under the lock.
      await tx.query(`SELECT 1 FROM posting WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, [results.map((r) => r.postingId)]);
      const done: Array<{ id: string }> = await tx.query(
        `SELECT p.id::text AS id FROM posting p JOIN unnest($1::bigint[], $2::text[]) AS t(id, h) ON p.id = t.id
          WHERE p.extracted_hash = t.h AND p.extractor_version = $3 AND p.extracted_taxonomy = $4`,
        [results.map((r) => r.postingId), results.map((r) => r.contentHash), EXTRACTOR_VERSION, taxonomyStamp],
      );
      const skip = new Set(done.map((d) => d.id));
      const todo = results.filter((r) => !skip.has(r.postingId));
      if (todo.length === 0) return 0;
      const rows = skillRows(todo);
      const ids = todo.map((r) => r.postingId);
      await tx.query(`DELETE FROM posting_skill WHERE posting_id = ANY($1::bigint[])`, [ids]);
      if (rows.postingIds.length > 0) {
        await tx.query(
          `INSERT INTO posting_skill (posting_id, skill_id, requirement, confidence, mention_count, spans)
           SELECT p, s, r, c, m, sp::jsonb FROM unnest($1::bigint[], $2::text[], $3::text[], $4::real[], $5::int[], $6::text[]) AS t(p, s, r, c, m, sp)`,
          [rows.postingIds, rows.skillIds, rows.requirements, rows.confidences, rows.mentionCounts, rows.spans],
        );
      }
      await tx.query(
        `UPDATE posting p SET extracted_hash = t.h, extracted_at = now(), extractor_version = $3, extracted_taxonomy = $4
           FROM unnest($1::bigint[], $2::text[]) AS t(id, h) WHERE p.id = t.id`,
        [ids, todo.map((r) => r.contentHash), EXTRACTOR_VERSION, taxonomyStamp],
      );
      return rows.postingIds.length;
    });
  }
}

/** The posting_skill rows of extraction results, one array per column. */
function skillRows(results: PostingSkills[]) {
  const rows = { postingIds: [] as string[], skillIds: [] as string[], requirements: [] as Array<string | null>, confidences: [] as number[], mentionCounts: [] as number[], spans: [] as string[] };
  for (const r of results) {
    for (const s of r.skills) {
      rows.postingIds.push(r.postingId);
      rows.skillIds.push(s.skillId);
      rows.requirements.push(s.requirement);
      rows.confidences.push(s.confidence);
      rows.mentionCounts.push(s.spans.length);
      rows.spans.push(JSON.stringify(s.spans));
    }
  }
  return rows;
}

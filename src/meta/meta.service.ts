import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { awaitingExtraction, EXTRACTOR_VERSION } from '../extraction/extractor-version.js';

export interface Meta {
  skills: number;
  aliases: number;
  occupations: number;
  /**
   * Stored postings: open and closed rows, title-only rows, and `alternates` = rows that are another copy of a canonical
   * posting (same opening seen elsewhere; demand figures and matches count canonical postings only).
   */
  postings: { open: number; closed: number; titleOnly: number; alternates: number };
  postingSkills: number;
  awaitingExtraction: number;
  taxonomy: { esco: string | null; onet: string | null };
}

/** Counts over what is loaded, and the taxonomy versions imported (table `taxonomy_release`). */
@Injectable()
export class MetaService {
  constructor(private readonly db: DataSource) {}

  async meta(): Promise<Meta> {
    const [row] = await this.db.query(`
      SELECT
        (SELECT count(*) FROM skill)::int AS skills,
        (SELECT count(*) FROM skill_alias)::int AS aliases,
        (SELECT count(*) FROM occupation)::int AS occupations,
        (SELECT count(*) FILTER (WHERE status = 'open') FROM posting)::int AS open,
        (SELECT count(*) FILTER (WHERE status = 'closed') FROM posting)::int AS closed,
        (SELECT count(*) FILTER (WHERE NOT has_description) FROM posting)::int AS title_only,
        (SELECT count(*) FILTER (WHERE canonical_id IS NOT NULL) FROM posting)::int AS alternates,
        (SELECT count(*) FROM posting_skill)::int AS posting_skills,
        (SELECT count(*) FROM posting p WHERE ${awaitingExtraction('$1')})::int AS awaiting,
        (SELECT version FROM taxonomy_release WHERE scheme = 'esco') AS esco,
        (SELECT version FROM taxonomy_release WHERE scheme = 'onet') AS onet`, [EXTRACTOR_VERSION]);
    return {
      skills: row.skills,
      aliases: row.aliases,
      occupations: row.occupations,
      postings: { open: row.open, closed: row.closed, titleOnly: row.title_only, alternates: row.alternates },
      postingSkills: row.posting_skills,
      awaitingExtraction: row.awaiting,
      taxonomy: { esco: row.esco, onet: row.onet },
    };
  }
}

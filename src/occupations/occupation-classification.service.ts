import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applyTitleCorrections, loadTitleCorrections } from './title-corrections.js';
import { type OccupationLabel, TitleClassifier } from './title-classifier.js';

/** Bump when the classifier's rules change: every posting is then reclassified by the next sweep. */
export const CLASSIFIER_VERSION = 'occ-3';

/** Postings per classification transaction (7 parameters arrays per batch, so no parameter limit applies). */
export const CLASSIFY_BATCH_SIZE = 1_000;

export interface ClassifyResult {
  /** Postings (re)classified. */
  postings: number;
  /** Of those, postings that got an ESCO occupation / an O*NET-SOC occupation. */
  esco: number;
  onet: number;
}

/**
 * Classifies postings' titles to occupations (columns `posting.esco_occupation_id`, `onet_soc`, confidences) with the
 * {@link TitleClassifier} compiled from `occupation` and `occupation_alias`. A posting is classified when its
 * `occupation_classified_hash` differs from md5(classifier version, taxonomy import stamp, title): new postings, changed
 * titles, a taxonomy import or a classifier change. Idempotent: a rerun finds nothing stale and writes nothing.
 */
@Injectable()
export class OccupationClassificationService {
  private readonly logger = new Logger(OccupationClassificationService.name);
  private compiled: { stamp: string; classifier: TitleClassifier } | null = null;
  private compiling: Promise<TitleClassifier> | null = null;

  constructor(private readonly db: DataSource) {}

  /** Classifies the given postings whose classification is stale; returns how many were (re)classified. */
  async classifyPostings(ids: string[]): Promise<ClassifyResult> {
    if (ids.length === 0) return { postings: 0, esco: 0, onet: 0 };
    const stamp = await this.stamp();
    const rows: Array<{ id: string; title: string }> = await this.db.query(
      `SELECT p.id::text AS id, p.title FROM posting p
        WHERE p.id = ANY($1::bigint[]) AND p.occupation_classified_hash IS DISTINCT FROM md5($2 || p.title) ORDER BY p.id`,
      [ids, stamp],
    );
    return this.classifyRows(rows, stamp);
  }

  /**
   * Classifies every stale posting in batches of {@link CLASSIFY_BATCH_SIZE}, one transaction each (the backfill after
   * this feature's migration, and the reclassification after a taxonomy import). A crash leaves the rest stale for next time.
   */
  async classifyStale(): Promise<ClassifyResult> {
    const stamp = await this.stamp();
    const total: ClassifyResult = { postings: 0, esco: 0, onet: 0 };
    let afterId = '0';
    for (;;) {
      const rows: Array<{ id: string; title: string }> = await this.db.query(
        // Ordered by the bigint id (not its text form), so the keyset `p.id > afterId` walks every row once.
        `SELECT p.id::text AS id, p.title FROM posting p
          WHERE p.id > $1::bigint AND p.occupation_classified_hash IS DISTINCT FROM md5($2 || p.title) ORDER BY p.id LIMIT $3`,
        [afterId, stamp, CLASSIFY_BATCH_SIZE],
      );
      if (rows.length === 0) break;
      const r = await this.classifyRows(rows, stamp);
      total.postings += r.postings;
      total.esco += r.esco;
      total.onet += r.onet;
      afterId = rows[rows.length - 1].id;
    }
    if (total.postings > 0) this.logger.log(`Classified ${total.postings} posting(s): ${total.esco} ESCO, ${total.onet} O*NET-SOC`);
    return total;
  }

  /** The current classifier (compiled on first use and after each taxonomy import). */
  async classifier(): Promise<TitleClassifier> {
    return this.classifierAt(await this.stamp());
  }

  /** The classifier compiled for this taxonomy stamp (the one a batch's hashes are written with). */
  private async classifierAt(stamp: string): Promise<TitleClassifier> {
    if (this.compiled?.stamp === stamp) return this.compiled.classifier;
    return (this.compiling ??= this.compile(stamp).finally(() => (this.compiling = null)));
  }

  private async classifyRows(rows: Array<{ id: string; title: string }>, stamp: string): Promise<ClassifyResult> {
    if (rows.length === 0) return { postings: 0, esco: 0, onet: 0 };
    const classifier = await this.classifierAt(stamp);
    const results = rows.map((r) => ({ id: r.id, title: r.title, ...classifier.classify(r.title) }));
    // The hash is of the title read here: a title changed meanwhile no longer matches it and stays stale.
    await this.db.query(
      `UPDATE posting p
          SET esco_occupation_id = t.esco, occupation_confidence = t.esco_c, onet_soc = t.onet, onet_soc_confidence = t.onet_c,
              occupation_classified_hash = md5($6 || t.title), occupation_classified_at = now()
         FROM unnest($1::bigint[], $2::text[], $3::real[], $4::text[], $5::real[], $7::text[]) AS t(id, esco, esco_c, onet, onet_c, title)
        WHERE p.id = t.id`,
      [
        results.map((r) => r.id),
        results.map((r) => r.esco?.id ?? null),
        results.map((r) => r.esco?.confidence ?? null),
        results.map((r) => r.onet?.id ?? null),
        results.map((r) => r.onet?.confidence ?? null),
        stamp,
        results.map((r) => r.title),
      ],
    );
    return { postings: results.length, esco: results.filter((r) => r.esco).length, onet: results.filter((r) => r.onet).length };
  }

  /** Classifier version and taxonomy import stamp (`taxonomy_release`): what a classification depends on besides the title. */
  private async stamp(): Promise<string> {
    const [{ stamp }] = await this.db.query(
      `SELECT coalesce(max(imported_at)::text, '') || ':' || count(*) AS stamp FROM taxonomy_release`,
    );
    return `${CLASSIFIER_VERSION}:${stamp}:`;
  }

  private async compile(stamp: string): Promise<TitleClassifier> {
    const started = Date.now();
    const rows: Array<{ id: string; scheme: 'esco' | 'onet'; occupation_label: string; label: string; kind: OccupationLabel['kind'] }> =
      await this.db.query(
        `SELECT o.id, o.scheme, o.preferred_label AS occupation_label, o.preferred_label AS label, 'preferred' AS kind FROM occupation o
         UNION ALL
         SELECT o.id, o.scheme, o.preferred_label, a.label, a.kind FROM occupation_alias a JOIN occupation o ON o.id = a.occupation_id`,
      );
    const corrections = await loadTitleCorrections();
    const labels = applyTitleCorrections(
      rows.map((r) => ({ occupationId: r.id, scheme: r.scheme, occupationLabel: r.occupation_label, label: r.label, kind: r.kind })),
      corrections,
    );
    const classifier = TitleClassifier.compile(labels);
    this.compiled = { stamp, classifier };
    this.logger.log(`Title classifier compiled from ${rows.length} occupation labels in ${Date.now() - started} ms`);
    return classifier;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExtractTarget } from '../../infra/queue/queues.js';
import type { UpsertResult } from '../posting.repository.js';
import { dedupKey, normalizeCity, normalizeLocationRaw } from './opening-key.js';
import { assignCanonical, DEFAULT_SIMILARITY_THRESHOLD, type OpeningFacts } from './same-opening.js';
import { signatureFromBytes, signatureToBytes, textSignature } from './text-fingerprint.js';

export interface AssignResult {
  /** Postings (ids as decimal strings) whose canonical posting changed, the given ones and others of their blocks. */
  reassigned: string[];
  /** Postings looked at: the given ones and every other posting sharing a blocking key with one of them. */
  compared: number;
}

/** A posting as `GET /v1/postings/{id}` shows it (schema.org JobPosting terms where they exist). */
export interface PostingWithAlternates {
  id: string;
  /** `source.id`: origin system and board ("greenhouse:acme", "hn:whoishiring"). */
  sourceId: string;
  externalId: string;
  title: string;
  company: string | null;
  /** The location as the source wrote it. */
  location: string | null;
  url: string | null;
  /** ISO 8601 UTC, or null when the source gives no date. */
  postedAt: string | null;
  status: 'open' | 'closed';
  hasDescription: boolean;
  /** The canonical posting of this opening, or null when this posting is canonical. */
  canonicalId: string | null;
  /** Estimated Jaccard similarity (0..1) of this posting's text to its canonical posting's; null when canonical. */
  similarity: number | null;
  /** The other copies of this opening pointing at this posting (empty on alternates), earliest seen first. */
  alternates: Array<{ id: string; sourceId: string; url: string | null; similarity: number | null }>;
}

/** Columns of a posting that assignment reads (the block's facts and its current assignment). */
const BLOCK_COLUMNS = `id::text AS id, source_id, external_id, dedup_key, city, location_raw, posted_at, text_signature, first_seen_at,
  canonical_id::text AS canonical_id, canonical_score`;

interface BlockRow {
  id: string;
  source_id: string;
  external_id: string;
  dedup_key: string | null;
  city: string | null;
  location_raw: string | null;
  posted_at: Date | null;
  text_signature: Buffer | null;
  first_seen_at: Date;
  canonical_id: string | null;
  canonical_score: number | null;
}

interface GivenRow extends BlockRow {
  title: string;
  company: string | null;
  content_hash: string;
  has_description: boolean;
  /** True when the fingerprint is missing or was computed from other content. */
  stale: boolean;
  /** The description text, read only when stale. */
  description: string | null;
}

/** Ids per `assign` transaction: bounds the locks one transaction holds and the rows it reads. */
const MAX_IDS_PER_CALL = 5_000;

/**
 * One canonical posting per real opening (the storage side of src/ingestion/dedup). Called after every
 * `PostingRepository.upsert` (file ingestion and source runs) with the ids it upserted:
 * 1. fingerprints (in memory) the given postings whose content changed since their last assignment: `dedup_key`,
 *    `text_signature`, and `dedup_hash` = the `content_hash` they came from;
 * 2. takes one advisory lock per blocking key, old and new (sorted, so concurrent workers never deadlock);
 * 3. reads every other posting of those keys (index `posting_dedup_key_idx`) and reassigns each block with
 *    `assignCanonical`: the earliest-seen copy is canonical, the others point at it (`canonical_id`, `canonical_score`);
 * 4. writes new fingerprints and changed assignments in one UPDATE, all in one transaction.
 * Idempotent: a rerun on the same rows changes nothing. Title-only postings are skipped (no key, no signature: they
 * never merge) and postings without a company stay canonical (see same-opening.ts for every rule).
 */
@Injectable()
export class CanonicalPostingService {
  constructor(private readonly db: DataSource) {}

  /**
   * Assigns the given postings (and re-assigns the rest of their blocks).
   * @param postingIds posting ids as decimal strings; unknown ids are ignored; any number (done in chunks).
   * @param threshold least estimated Jaccard similarity (0..1) of two texts that merges them.
   */
  async assign(postingIds: string[], threshold = DEFAULT_SIMILARITY_THRESHOLD): Promise<AssignResult> {
    const result: AssignResult = { reassigned: [], compared: 0 };
    const unique = [...new Set(postingIds)];
    for (let i = 0; i < unique.length; i += MAX_IDS_PER_CALL) {
      const part = await this.db.transaction((tx) => this.assignChunk(tx, unique.slice(i, i + MAX_IDS_PER_CALL), threshold));
      result.reassigned.push(...part.reassigned);
      result.compared += part.compared;
    }
    return result;
  }

  /**
   * Assigns the postings of one `PostingRepository.upsert` call (only the `assignable` ones: a batch of title-only
   * inserts costs no transaction) and returns what extraction must see: the changed postings, plus those whose
   * canonical posting changed (so the demand refresh sees them too), each with the content hash it was stored at.
   * Pass the result with `result.extractionVersion` to `ExtractEnqueuer.add`.
   */
  async assignUpserted(result: UpsertResult): Promise<ExtractTarget[]> {
    const assignable = result.postings.filter((p) => p.assignable).map((p) => p.id);
    if (assignable.length === 0) return result.changed;
    const { reassigned } = await this.assign(assignable);
    const changed = new Set(result.changedIds);
    const hashOf = new Map(result.postings.map((p) => [p.id, p.contentHash]));
    return [...result.changed, ...reassigned.filter((id) => !changed.has(id)).map((id) => ({ id, contentHash: hashOf.get(id) ?? '' }))];
  }

  /** Assigns every posting with text whose fingerprint is missing or stale (a database that held postings before dedup existed). */
  async assignStale(batchSize = 2_000): Promise<AssignResult> {
    const result: AssignResult = { reassigned: [], compared: 0 };
    let after = '0';
    for (;;) {
      const rows: Array<{ id: string }> = await this.db.query(
        `SELECT id::text AS id FROM posting
          WHERE id > $1 AND has_description AND dedup_hash IS DISTINCT FROM content_hash ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return result;
      const part = await this.assign(rows.map((r) => r.id));
      result.reassigned.push(...part.reassigned);
      result.compared += part.compared;
      after = rows[rows.length - 1].id;
    }
  }

  /**
   * One posting with its place among the copies of its opening, or null when no posting has this id.
   * @param id posting id (decimal string).
   */
  async detail(id: string): Promise<PostingWithAlternates | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const [row] = await this.db.query(
      `SELECT id::text AS id, source_id, external_id, title, company, location_raw, url, posted_at, status, has_description,
              canonical_id::text AS canonical_id, canonical_score
         FROM posting WHERE id = $1`,
      [id],
    );
    if (!row) return null;
    const alternates: Array<{ id: string; source_id: string; url: string | null; canonical_score: number | null }> = await this.db.query(
      `SELECT id::text AS id, source_id, url, canonical_score FROM posting WHERE canonical_id = $1 ORDER BY first_seen_at, id`,
      [id],
    );
    return {
      id: row.id,
      sourceId: row.source_id,
      externalId: row.external_id,
      title: row.title,
      company: row.company,
      location: row.location_raw,
      url: row.url,
      postedAt: row.posted_at ? (row.posted_at as Date).toISOString() : null,
      status: row.status,
      hasDescription: row.has_description,
      canonicalId: row.canonical_id,
      similarity: row.canonical_score,
      alternates: alternates.map((a) => ({ id: a.id, sourceId: a.source_id, url: a.url, similarity: a.canonical_score })),
    };
  }

  private async assignChunk(tx: EntityManager, ids: string[], threshold: number): Promise<AssignResult> {
    // Title-only postings never merge (same-opening.ts, rule 4), so they take no part: no key, no block, no write.
    // Only one that was in a block before (it had text then) is read, to leave its block.
    const given: GivenRow[] = await tx.query(
      `SELECT ${BLOCK_COLUMNS}, title, company, content_hash, has_description,
              (dedup_hash IS DISTINCT FROM content_hash OR NOT has_description) AS stale,
              CASE WHEN dedup_hash IS DISTINCT FROM content_hash THEN description END AS description
         FROM posting
        WHERE id = ANY($1::bigint[]) AND (has_description OR dedup_key IS NOT NULL OR canonical_id IS NOT NULL)`,
      [ids],
    );
    // New fingerprints of the given postings whose content changed, kept in memory until the one UPDATE at the end.
    const fingerprints = new Map<string, { key: string | null; signature: Uint32Array | null; hash: string }>();
    const keys = new Set<string>();
    for (const g of given) {
      if (g.dedup_key) keys.add(g.dedup_key);
      if (!g.stale) continue;
      const fp = g.has_description
        ? { key: dedupKey(g.company, g.title), signature: textSignature(g.description), hash: g.content_hash }
        : { key: null, signature: null, hash: g.content_hash };
      fingerprints.set(g.id, fp);
      if (fp.key) keys.add(fp.key);
    }
    const sortedKeys = [...keys].sort();
    if (sortedKeys.length > 0) {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('skillpulse.dedup|' || k, 0)) FROM unnest($1::text[]) AS u(k)`, [sortedKeys]);
    }
    const others: BlockRow[] = sortedKeys.length === 0 ? [] : await tx.query(
      `SELECT ${BLOCK_COLUMNS} FROM posting WHERE dedup_key = ANY($1::text[]) AND NOT (id = ANY($2::bigint[]))`,
      [sortedKeys, ids],
    );
    const blocks = new Map<string, Array<{ row: BlockRow; facts: OpeningFacts }>>();
    const standalone: BlockRow[] = [];
    for (const row of [...others, ...given]) {
      const fp = fingerprints.get(row.id);
      const facts = toFacts(row, fp ? fp.key : row.dedup_key, fp ? fp.signature : row.text_signature ? signatureFromBytes(row.text_signature) : null);
      if (!facts.key) standalone.push(row);
      else (blocks.get(facts.key) ?? blocks.set(facts.key, []).get(facts.key)!).push({ row, facts });
    }
    const assigned = new Map<string, { canonicalId: string | null; score: number | null }>();
    for (const r of standalone) assigned.set(r.id, { canonicalId: null, score: null });
    for (const block of blocks.values()) {
      for (const a of assignCanonical(block.map((b) => b.facts), threshold)) {
        assigned.set(a.id, { canonicalId: a.canonicalId, score: a.score === null ? null : Math.round(a.score * 1e6) / 1e6 });
      }
    }
    const updates: Array<{ id: string; canonicalId: string | null; score: number | null }> = [];
    const reassigned: string[] = [];
    for (const row of [...others, ...given]) {
      const a = assigned.get(row.id)!;
      const moved = row.canonical_id !== a.canonicalId;
      if (moved) reassigned.push(row.id);
      if (moved || fingerprints.has(row.id)) updates.push({ id: row.id, ...(moved ? a : { canonicalId: row.canonical_id, score: row.canonical_score }) });
    }
    if (updates.length > 0) {
      const fp = updates.map((u) => fingerprints.get(u.id));
      await tx.query(
        `UPDATE posting p SET canonical_id = u.canonical_id, canonical_score = u.score,
                dedup_key = CASE WHEN u.refingerprint THEN u.key ELSE p.dedup_key END,
                text_signature = CASE WHEN u.refingerprint THEN u.sig ELSE p.text_signature END,
                dedup_hash = CASE WHEN u.refingerprint THEN u.hash ELSE p.dedup_hash END
           FROM unnest($1::bigint[], $2::bigint[], $3::real[], $4::boolean[], $5::text[], $6::bytea[], $7::text[])
             AS u(id, canonical_id, score, refingerprint, key, sig, hash)
          WHERE p.id = u.id`,
        [
          updates.map((u) => u.id), updates.map((u) => u.canonicalId), updates.map((u) => u.score), fp.map((f) => f !== undefined),
          fp.map((f) => f?.key ?? null), fp.map((f) => (f?.signature ? signatureToBytes(f.signature) : null)), fp.map((f) => f?.hash ?? null),
        ],
      );
    }
    return { reassigned, compared: others.length + given.length };
  }
}

function toFacts(r: BlockRow, key: string | null, signature: Uint32Array | null): OpeningFacts {
  return {
    id: r.id,
    sourceKey: r.source_id,
    externalId: r.external_id,
    key,
    city: normalizeCity(r.city),
    locationRaw: normalizeLocationRaw(r.location_raw),
    postedAt: r.posted_at ? r.posted_at.getTime() : null,
    signature,
    firstSeenAt: r.first_seen_at.getTime(),
  };
}

import type { DataSource } from 'typeorm';
import { awaitingExtraction, EXTRACTOR_VERSION } from '../extraction/extractor-version.js';
import { contentHash, mergePosting } from './content-hash.js';
import { normalizePosting } from './normalize/normalize-posting.js';
import { canRederive, rederive } from './normalize/rederive.js';
import { COLUMNS, rowValues, STORED_COLUMNS, type StoredRow, toPosting } from './posting.repository.js';
import type { NormalizedPosting } from './posting.types.js';

/** The `backfill_state` row of the posting backfill. */
export const BACKFILL_NAME = 'postings';

export interface BackfillCounts {
  /** Postings read. */
  scanned: number;
  /** Read again from their raw record by their format's current parser. */
  rederived: number;
  /** Without a readable raw record (none stored, "generic", unknown format): their stored fields re-normalised only. */
  renormalized: number;
  /** Raw records that no longer give a posting or fail to parse (row left as it was). */
  unreadable: number;
  /** Rows whose stored values changed. */
  changed: number;
  /** Rows whose content hash changed (they now await extraction). */
  contentChanged: number;
}

export interface BackfillOptions {
  /** Postings per batch (one transaction each, checkpoint included); default 500. */
  batchSize?: number;
  /** Start at this posting id (inclusive) instead of resuming from the checkpoint. */
  fromId?: string;
  /** Called after each batch with the counts so far, the last id done and the postings left to read. */
  onProgress?: (p: { counts: BackfillCounts; lastId: string; remaining: number }) => void;
}

export interface BackfillResult {
  counts: BackfillCounts;
  /** True when the run continued an unfinished one from its checkpoint. */
  resumed: boolean;
  startedAfterId: string;
  /** Postings awaiting extraction afterwards (text changed, or another extractor version or taxonomy extracted them). */
  awaitingExtraction: number;
}

const EMPTY: BackfillCounts = { scanned: 0, rederived: 0, renormalized: 0, unreadable: 0, changed: 0, contentChanged: 0 };
/** Columns the backfill rewrites: everything derived; the key and the raw record itself (raw_payload, raw_format, fetched_at) stay. */
const REWRITTEN = COLUMNS.map(([name, type], i) => ({ name, type, i })).filter(
  (c) => !['source_id', 'external_id', 'raw_payload', 'raw_format', 'fetched_at'].includes(c.name),
);

/**
 * Re-derives every stored posting from its raw record (after a parser, normaliser, taxonomy or extractor change):
 * pages through `posting` by id in batches; each posting with a readable raw record is parsed again by its format's
 * current parser and merged over the stored row as an upsert would; every posting is normalised again (date,
 * salary, work mode); rows whose values differ are updated. A changed text changes the content hash, which makes
 * the posting await extraction (decided in SQL, see awaitingExtraction); the extract sweep re-extracts it.
 *
 * Resumable: each batch commits its updates together with the checkpoint (`backfill_state.last_id`), so after a
 * crash a rerun continues after the last committed batch; a finished run makes the next one start from the first id.
 * Rows are locked while their batch is rewritten, so a concurrent ingestion never loses an update.
 */
export async function backfillPostings(db: DataSource, options: BackfillOptions = {}): Promise<BackfillResult> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5_000) throw new RangeError('batch size must be 1..5000');
  const [state]: Array<{ last_id: string; counts: BackfillCounts; finished_at: Date | null }> = await db.query(
    `SELECT last_id::text AS last_id, counts, finished_at FROM backfill_state WHERE name = $1`,
    [BACKFILL_NAME],
  );
  const resumed = options.fromId === undefined && state !== undefined && state.finished_at === null;
  let lastId = options.fromId !== undefined ? String(BigInt(options.fromId) - 1n) : resumed ? state!.last_id : '0';
  if (BigInt(lastId) < 0n) lastId = '0';
  const counts: BackfillCounts = resumed ? { ...EMPTY, ...state!.counts } : { ...EMPTY };
  await db.query(
    `INSERT INTO backfill_state (name, last_id, counts) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id, counts = excluded.counts, updated_at = now(), finished_at = NULL,
       started_at = CASE WHEN $4 THEN backfill_state.started_at ELSE now() END`,
    [BACKFILL_NAME, lastId, JSON.stringify(counts), resumed],
  );
  const startedAfterId = lastId;
  const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM posting WHERE id > $1`, [lastId]);
  let done = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows: Array<StoredRow & { raw_payload: unknown }> = await tx.query(
        `SELECT ${STORED_COLUMNS}, p.raw_payload FROM posting p WHERE p.id > $1 ORDER BY p.id LIMIT $2 FOR UPDATE`,
        [lastId, batchSize],
      );
      if (rows.length === 0) return 0;
      const ids: string[] = [];
      const values: unknown[][] = REWRITTEN.map(() => []);
      for (const row of rows) {
        counts.scanned += 1;
        const next = rederived(row, counts);
        if (!next) continue;
        const hash = contentHash(next);
        const all = rowValues(next, hash);
        ids.push(row.id);
        REWRITTEN.forEach((c, k) => values[k].push(all[c.i]));
      }
      if (ids.length > 0) {
        // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
        const [changed]: [Array<{ content_changed: boolean }>, number] = await tx.query(
          `WITH t AS (SELECT * FROM unnest($1::bigint[], ${REWRITTEN.map((c, k) => `$${k + 2}::${c.type === 'jsonb' ? 'text' : c.type}[]`).join(', ')})
                        AS t(id, ${REWRITTEN.map((c) => c.name).join(', ')})),
                old AS (SELECT id, content_hash FROM posting WHERE id = ANY($1::bigint[]))
           UPDATE posting p SET ${REWRITTEN.map((c) => `${c.name} = t.${c.name}${c.type === 'jsonb' ? '::jsonb' : ''}`).join(', ')},
             updated_at = CASE WHEN p.content_hash IS DISTINCT FROM t.content_hash THEN now() ELSE p.updated_at END
             FROM t JOIN old o ON o.id = t.id
            WHERE p.id = t.id
              AND (${REWRITTEN.map((c) => `p.${c.name}`).join(', ')})
                  IS DISTINCT FROM (${REWRITTEN.map((c) => `t.${c.name}${c.type === 'jsonb' ? '::jsonb' : ''}`).join(', ')})
           RETURNING (o.content_hash IS DISTINCT FROM p.content_hash) AS content_changed`,
          [ids, ...values],
        );
        counts.changed += changed.length;
        counts.contentChanged += changed.filter((r) => r.content_changed).length;
      }
      lastId = rows[rows.length - 1].id;
      await tx.query(`UPDATE backfill_state SET last_id = $2, counts = $3::jsonb, updated_at = now() WHERE name = $1`, [BACKFILL_NAME, lastId, JSON.stringify(counts)]);
      return rows.length;
    });
    if (batch === 0) break;
    done += batch;
    options.onProgress?.({ counts: { ...counts }, lastId, remaining: Math.max(0, total - done) });
  }
  await db.query(`UPDATE backfill_state SET finished_at = now(), updated_at = now() WHERE name = $1`, [BACKFILL_NAME]);
  const [{ awaiting }] = await db.query(`SELECT count(*)::int AS awaiting FROM posting p WHERE ${awaitingExtraction('$1')}`, [EXTRACTOR_VERSION]);
  return { counts, resumed, startedAfterId, awaitingExtraction: awaiting };
}

/** The posting a stored row should hold now, or null when its raw record cannot be read (row left alone). */
function rederived(row: StoredRow & { raw_payload: unknown }, counts: BackfillCounts): NormalizedPosting | null {
  const stored = { ...toPosting(row), sourceKind: '' };
  if (row.raw_payload === null || !canRederive(row.raw_format)) {
    counts.renormalized += 1;
    return normalizePosting(stored);
  }
  let fresh: NormalizedPosting | null;
  try {
    fresh = rederive(row.raw_format, row.raw_payload, { sourceKey: row.source_id, postedAt: stored.postedAt, fetchedAt: stored.fetchedAt ?? null });
  } catch {
    fresh = null;
  }
  if (!fresh || fresh.sourceKey !== row.source_id || fresh.externalId !== row.external_id) {
    counts.unreadable += 1;
    return null;
  }
  counts.rederived += 1;
  // As an upsert would: the fresh copy over the stored row (fields the raw record lacks keep their stored values),
  // unless the source changed the stored row later than the raw record's copy (then the copy only fills gaps).
  const stale = Boolean(stored.sourceUpdatedAt && fresh.sourceUpdatedAt && fresh.sourceUpdatedAt < stored.sourceUpdatedAt);
  return normalizePosting(stale ? mergePosting(fresh, stored) : mergePosting(stored, fresh));
}

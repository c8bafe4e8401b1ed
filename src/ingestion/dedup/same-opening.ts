import { signatureSimilarity } from './text-fingerprint.js';

/**
 * Whether two postings are the same real opening, and which posting of a block stands for the opening (the
 * canonical posting). Pure: facts in, decisions out; `CanonicalPostingService` loads the facts and stores the result.
 *
 * Rules (in order; the first that applies decides):
 * 1. Different blocking key (normalised company + title, see opening-key.ts) or no key: different openings.
 * 2. Both have a city and the cities differ: different openings (one opening listed in two cities is two requisitions).
 * 3. Publication dates more than {@link MAX_REPOST_GAP_DAYS} apart: different openings (a 2017 and a 2026 thread).
 * 4. Either has no description text: different openings. Title-only postings never merge: in the real data a title,
 *    company and city shared by several title-only postings (Greenhouse boards list 4 "Business Development
 *    Representative" jobs at once) are nearly always several requisitions, and nothing else tells them apart.
 * 5. Same ATS board (Greenhouse, Lever, Ashby: the external id is a requisition), different external id: the same
 *    opening only when the texts are identical (similarity 1) and the raw locations are identical too; a board listing
 *    one text under two ids in two places has two requisitions.
 * 6. Otherwise (another source, or a reposting source such as Hacker News threads, Chronicle, aggregators): the same
 *    opening when the estimated Jaccard similarity of the texts' word 3-shingles is at least `threshold`.
 */

/** Reposts of one opening seen further apart than this are taken as different openings (days). */
export const MAX_REPOST_GAP_DAYS = 200;
/**
 * Default similarity threshold (estimated Jaccard of word 3-shingles), tuned on the dev half of the labelled pairs
 * built by `npm run eval:dedup` (best dev F1, ties to the higher threshold; 0.35 and 0.4 tie). Lower thresholds merge
 * one employer's boilerplate-heavy postings for different requisitions (the `other-requisition` kind).
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.4;

/** Source kinds whose external id is an ATS requisition/job id on one company's board (sourceKey `<kind>:<board>`). */
const ATS_KINDS = new Set(['greenhouse', 'lever', 'ashby', 'workable', 'smartrecruiters', 'recruitee', 'personio', 'workday']);

/** What deduplication knows of a posting. */
export interface OpeningFacts {
  /** posting.id (decimal string). */
  id: string;
  /** "greenhouse:acme", "hn:whoishiring", "remoteok", … */
  sourceKey: string;
  externalId: string;
  /** `dedupKey(company, title)`, or null when the posting has no company or title. */
  key: string | null;
  /** `normalizeCity(city)`, "" when unknown. */
  city: string;
  /** The location as the source wrote it, whitespace-collapsed and lower-cased ("" when none). */
  locationRaw: string;
  /** Publication instant in ms since the epoch, or null. */
  postedAt: number | null;
  /** MinHash signature of the description text (text-fingerprint.ts), null for title-only postings. */
  signature: Uint32Array | null;
  /** When the posting was first stored (ms since the epoch): the earliest-seen copy is canonical. */
  firstSeenAt: number;
}

export interface OpeningDecision {
  same: boolean;
  /** Estimated Jaccard similarity of the texts (0..1), or null when not compared (rules 1–4). */
  score: number | null;
  /** Why: "different-key", "different-city", "far-apart", "title-only", "same-board-different-text", "text-similar", "text-different". */
  reason: string;
}

function sourceKind(sourceKey: string): string {
  const colon = sourceKey.indexOf(':');
  return colon < 0 ? sourceKey : sourceKey.slice(0, colon);
}

/** The decision for one pair (symmetric). `threshold` is the least similarity (0..1) that merges. */
export function sameOpening(a: OpeningFacts, b: OpeningFacts, threshold = DEFAULT_SIMILARITY_THRESHOLD): OpeningDecision {
  if (!a.key || a.key !== b.key) return { same: false, score: null, reason: 'different-key' };
  if (a.city && b.city && a.city !== b.city) return { same: false, score: null, reason: 'different-city' };
  if (a.postedAt !== null && b.postedAt !== null && Math.abs(a.postedAt - b.postedAt) > MAX_REPOST_GAP_DAYS * 86_400_000) {
    return { same: false, score: null, reason: 'far-apart' };
  }
  if (!a.signature || !b.signature) return { same: false, score: null, reason: 'title-only' };
  const score = signatureSimilarity(a.signature, b.signature);
  if (a.sourceKey === b.sourceKey && a.externalId !== b.externalId && ATS_KINDS.has(sourceKind(a.sourceKey))) {
    const same = score === 1 && a.locationRaw === b.locationRaw;
    return { same, score, reason: same ? 'same-board-identical' : 'same-board-different-text' };
  }
  return score >= threshold ? { same: true, score, reason: 'text-similar' } : { same: false, score, reason: 'text-different' };
}

/** Earliest first seen first; ties (one upsert batch) by id as a number. */
export function canonicalOrder(a: OpeningFacts, b: OpeningFacts): number {
  return a.firstSeenAt - b.firstSeenAt || compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export interface CanonicalAssignment {
  id: string;
  /** The canonical posting's id, or null when this posting is canonical. */
  canonicalId: string | null;
  /** Similarity to the canonical posting (null for canonical postings). */
  score: number | null;
}

/**
 * Assigns every posting of one block (same key) to a canonical posting: postings in {@link canonicalOrder}; each
 * joins the first canonical posting it is the same opening as, else becomes canonical itself. Comparing only with
 * canonical postings (not with every alternate) keeps a chain of small edits from merging distinct openings.
 * Deterministic for a given set of postings, whatever order they come in.
 */
export function assignCanonical(block: OpeningFacts[], threshold = DEFAULT_SIMILARITY_THRESHOLD): CanonicalAssignment[] {
  const ordered = [...block].sort(canonicalOrder);
  const canonicals: OpeningFacts[] = [];
  const out: CanonicalAssignment[] = [];
  for (const p of ordered) {
    let assigned: CanonicalAssignment | null = null;
    if (p.key && p.signature) {
      for (const c of canonicals) {
        const d = sameOpening(c, p, threshold);
        if (d.same) {
          assigned = { id: p.id, canonicalId: c.id, score: d.score };
          break;
        }
      }
    }
    if (!assigned) {
      canonicals.push(p);
      assigned = { id: p.id, canonicalId: null, score: null };
    }
    out.push(assigned);
  }
  return out;
}

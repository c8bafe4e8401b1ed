import { createHash } from 'node:crypto';

/**
 * Version of the extraction rules (extractor code, lexicons, compile policy). Stored on each posting with its skills
 * (`posting.extractor_version`); postings extracted by another version count as awaiting extraction, and the
 * extract sweep re-extracts them. Bump it with every change that alters what is extracted.
 */
export const EXTRACTOR_VERSION = '2026-11-29.4';

/**
 * SQL expression: the taxonomy stamp, every `taxonomy_release` as "scheme=version" sorted by scheme
 * ("esco=v1.1.1,onet=29.2,skillpulse=sha256:…"), '' when none. Stored with a posting's skills
 * (`posting.extracted_taxonomy`); a new taxonomy version (not a re-import of the same one) re-extracts.
 */
export const TAXONOMY_STAMP_SQL = `(SELECT coalesce(string_agg(tr.scheme || '=' || tr.version, ',' ORDER BY tr.scheme), '') FROM taxonomy_release tr)`;

/**
 * SQL condition (over table alias `p`, with the version as parameter `$n`) for a posting awaiting extraction: its
 * text changed since its last extraction (content hash), or another extractor version or taxonomy extracted it.
 */
export function awaitingExtraction(param: string): string {
  return `(p.extracted_hash IS DISTINCT FROM p.content_hash OR p.extractor_version IS DISTINCT FROM ${param} OR p.extracted_taxonomy IS DISTINCT FROM ${TAXONOMY_STAMP_SQL})`;
}

/**
 * The extraction version as extraction job ids carry it: "<EXTRACTOR_VERSION>.t<8 hex digits of SHA-256 of the
 * taxonomy stamp>" ("2026-11-29.3.t1a2b3c4d").
 */
export function extractionVersion(taxonomyStamp: string): string {
  return `${EXTRACTOR_VERSION}.t${createHash('sha256').update(taxonomyStamp).digest('hex').slice(0, 8)}`;
}

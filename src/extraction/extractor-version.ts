/**
 * Version of the extraction rules (extractor code, lexicons, compile policy). Stored on each posting with its skills
 * (`posting.extractor_version`); postings extracted by another version count as awaiting extraction, and the
 * extract sweep re-extracts them. Bump it with every change that alters what is extracted.
 */
export const EXTRACTOR_VERSION = '2026-11-29.3';

/** SQL condition (over table alias `p`, with the version as parameter `$n`) for a posting awaiting extraction. */
export function awaitingExtraction(param: string): string {
  return `(p.extracted_hash IS DISTINCT FROM p.content_hash OR p.extractor_version IS DISTINCT FROM ${param})`;
}

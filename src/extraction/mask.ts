/**
 * Regions of posting text where skill names must not be read: URLs, e-mail addresses and file paths
 * ("jobs@python.org", "https://example.com/react/docs", "/usr/local/bin/python", "src/react/index.tsx").
 *
 * Bare domains are masked only when they carry a path ("example.com/jobs") or a "www." prefix, because
 * product names look like domains ("ASP.NET", "Socket.IO", "Salesforce.com", "Node.js").
 */

export interface MaskedRange {
  /** UTF-16 offsets, start inclusive, end exclusive. */
  start: number;
  end: number;
}

/**
 * Patterns, applied only to whitespace-delimited chunks that contain "@", "/", "\\" or "www." (few per posting),
 * which keeps masking cheap on long texts.
 */
const PATTERNS: readonly RegExp[] = [
  // Scheme URLs and www. hosts, up to a closing bracket/quote.
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^<>"'()\]]+/giu,
  // E-mail addresses.
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  // Bare domain with a path: "example.com/careers". Lower-case common TLDs only, so "ASP.NET/C#" and
  // "Node.js/React" are not domains.
  /\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|io|dev|ai|co|edu|gov|uk|de|fr|eu|us|ca|au|app|me|info|jobs)\/[^<>"'()\]]*/gu,
  // Absolute or home-relative paths with at least two segments: "/usr/bin/python", "~/src/app".
  /(?<![\p{L}\p{N}/.])(?:~?\/[\p{L}\p{N}._-]+){2,}\/?/gu,
  // Windows paths: "C:\\Users\\x".
  /\b[A-Za-z]:\\(?:[^\\]+\\)*[^\\]*/gu,
  // Relative paths ending in a file name: "./run.sh", or lower-case with two or more directories
  // ("src/react/index.tsx"); "Python/Java/Node.js" is a list, not a path.
  /(?:\.{1,2}\/(?:[\w-]+\/)*|\b(?:[a-z0-9_-]+\/){2,})[\w-]+\.[a-z0-9]{1,5}\b/gu,
];

const TRIGGERS = /[@/\\]|www\./giu;
/** 1 for the UTF-16 code units `/\s/u` matches: a chunk ends at whitespace (a table, not a regex call per character). */
const SPACE: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  const space = /\s/u;
  for (let c = 0; c < 65536; c++) table[c] = space.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
})();

/** Trailing characters that belong to the surrounding sentence, not to the URL/path. */
const TRAILING = /[.,;:!?]+$/;

const WWW = /www\./i;

/** True when `chunk` has `after` somewhere after its first `first`. */
function hasAfter(chunk: string, first: string, after: string): boolean {
  const at = chunk.indexOf(first);
  return at >= 0 && chunk.indexOf(after, at + 1) >= 0;
}

/**
 * Per pattern of `PATTERNS`: a cheap test for characters every match of the pattern contains, so patterns that cannot
 * match a chunk are not run on it ("and/or", "Python/Java" run none or one).
 */
const PREREQUISITES: readonly ((chunk: string) => boolean)[] = [
  (chunk) => chunk.includes('://') || WWW.test(chunk),
  // "@" then "." in the domain.
  (chunk) => hasAfter(chunk, '@', '.'),
  // ".<tld>/".
  (chunk) => chunk.includes('/') && chunk.includes('.'),
  // Two path segments: two "/".
  (chunk) => hasAfter(chunk, '/', '/'),
  (chunk) => chunk.includes(':\\'),
  // A file name with an extension after a "/".
  (chunk) => hasAfter(chunk, '/', '.'),
];

function maskChunk(chunk: string, offset: number, found: MaskedRange[]): void {
  for (let p = 0; p < PATTERNS.length; p++) {
    if (!PREREQUISITES[p](chunk)) continue;
    const pattern = PATTERNS[p];
    pattern.lastIndex = 0;
    for (let m = pattern.exec(chunk); m !== null; m = pattern.exec(chunk)) {
      const trimmed = m[0].replace(TRAILING, '');
      if (trimmed.length > 0) found.push({ start: offset + m.index, end: offset + m.index + trimmed.length });
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
}

/** Masked regions of `text`, sorted by start and merged where they overlap. */
export function findMaskedRanges(text: string): MaskedRange[] {
  const found: MaskedRange[] = [];
  let chunkEnd = -1;
  TRIGGERS.lastIndex = 0;
  for (let t = TRIGGERS.exec(text); t !== null; t = TRIGGERS.exec(text)) {
    if (t.index < chunkEnd) continue;
    let a = t.index;
    while (a > 0 && SPACE[text.charCodeAt(a - 1)] === 0) a--;
    let b = t.index;
    while (b < text.length && SPACE[text.charCodeAt(b)] === 0) b++;
    maskChunk(text.slice(a, b), a, found);
    chunkEnd = b;
    TRIGGERS.lastIndex = b;
  }
  if (found.length <= 1) return found;
  found.sort((a, b) => a.start - b.start);
  const merged: MaskedRange[] = [found[0]];
  for (let i = 1; i < found.length; i++) {
    const last = merged[merged.length - 1];
    const r = found[i];
    if (r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push(r);
  }
  return merged;
}

/** True when [start, end) overlaps any range (ranges sorted by start, non-overlapping). */
export function overlapsMasked(ranges: readonly MaskedRange[], start: number, end: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (r.end <= start) lo = mid + 1;
    else if (r.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Near-duplicate text detection for postings: description text → word tokens → word 3-shingles → a bottom-k sketch
 * (the {@link SIGNATURE_SIZE} least 32-bit shingle hashes). From two sketches, the share of the union's k least hashes
 * found in both estimates the Jaccard similarity of the shingle sets (standard error ≈ √(J(1−J)/128), at most 0.044;
 * exact when the two texts together have at most 128 distinct shingles).
 *
 * What two copies of one posting may differ in and still give the same tokens: case, diacritics, whitespace and line
 * breaks, dashes (hyphen, en/em dash, minus: all word separators), quotes and other punctuation, and URLs, which are
 * removed altogether (so tracking parameters such as utm_*, gclid, fbclid, ref, source and an aggregator's redirect
 * links never count).
 */

/** Hashes in a sketch; stored as at most 4 × 128 = 512 bytes (`posting.text_signature`, big-endian uint32 each, ascending). */
export const SIGNATURE_SIZE = 128;
/** Words per shingle. */
export const SHINGLE_WORDS = 3;

/** URLs in lower-cased text (plain regex, no Unicode or case-insensitive flag: those make it ~10× slower). */
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/g;
const NON_ASCII = /[^\x00-\x7f]/;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Whether a non-ASCII UTF-16 code unit is a letter or digit (cached; surrogates count as separators). */
const wordUnit = new Map<number, boolean>();
function isWordUnit(c: number): boolean {
  let w = wordUnit.get(c);
  if (w === undefined) wordUnit.set(c, (w = c < 0xd800 || c > 0xdfff ? /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) : false));
  return w;
}

/**
 * Scans a text the way it is compared: lower case, URLs removed, diacritics dropped (NFKD, combining marks removed),
 * words = maximal runs of letters and digits. Calls `onWord` with each word's bounds in the folded text and its hash
 * (FNV-1a + murmur3 finaliser), so no word string is built on the hot path.
 */
function scanWords(text: string, onWord: (folded: string, start: number, end: number, hash: number) => void): void {
  let s = text.toLowerCase().replace(URL_PATTERN, ' ');
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let h = FNV_OFFSET;
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x80 && isWordUnit(c))) {
      if (start < 0) start = i;
      h = Math.imul(h ^ c, FNV_PRIME);
    } else if (start >= 0) {
      onWord(s, start, i, fmix32(h));
      h = FNV_OFFSET;
      start = -1;
    }
  }
}

/** Tokens of a text as compared: case and diacritics folded, URLs removed, split on everything but letters and digits. */
export function textTokens(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (folded, start, end) => out.push(folded.slice(start, end)));
  return out;
}

function fmix32(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/**
 * Distinct 32-bit hashes of the word shingles of a text, ascending (the tokens themselves when it has fewer words
 * than a shingle). A shingle's hash combines its words' hashes in order, so no shingle string is built.
 */
export function shingleHashes(text: string): Uint32Array {
  const hashes: number[] = [];
  scanWords(text, (_folded, _start, _end, hash) => hashes.push(hash));
  const words = Uint32Array.from(hashes);
  const n = words.length < SHINGLE_WORDS ? words.length : words.length - SHINGLE_WORDS + 1;
  const out = new Uint32Array(n);
  if (words.length < SHINGLE_WORDS) out.set(words);
  else for (let i = 0; i < n; i++) out[i] = fmix32(Math.imul(words[i], 0x9e3779b1) ^ rotl(words[i + 1], 11) ^ rotl(words[i + 2], 22));
  out.sort();
  let distinct = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[distinct++] = out[i];
  return out.subarray(0, distinct);
}

/**
 * The bottom-k sketch of a text: its {@link SIGNATURE_SIZE} least shingle hashes, ascending (all of them when it has
 * fewer shingles). Null when the text has no word at all (title-only postings have no signature).
 */
export function textSignature(text: string | null | undefined): Uint32Array | null {
  if (!text) return null;
  const shingles = shingleHashes(text);
  if (shingles.length === 0) return null;
  return shingles.slice(0, SIGNATURE_SIZE);
}

/**
 * Estimated Jaccard similarity (0..1) of the shingle sets behind two sketches: of the k least hashes of the union
 * (k = {@link SIGNATURE_SIZE}, or the whole union when smaller), the share found in both. Exact when both texts have
 * at most k shingles. A hash of the union's k least that belongs to a set is always in that set's sketch, so the two
 * sketches suffice.
 */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let union = 0;
  let both = 0;
  while (union < SIGNATURE_SIZE && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) i += 1;
    else if (i >= a.length || b[j] < a[i]) j += 1;
    else {
      both += 1;
      i += 1;
      j += 1;
    }
    union += 1;
  }
  return union === 0 ? 0 : both / union;
}

/** A signature as stored (`bytea`, big-endian uint32 per slot). */
export function signatureToBytes(sig: Uint32Array): Buffer {
  const buf = Buffer.allocUnsafe(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32BE(sig[i], i * 4);
  return buf;
}

/** A stored signature back as numbers. Throws RangeError when the byte length is not a multiple of 4 up to {@link SIGNATURE_SIZE} × 4. */
export function signatureFromBytes(buf: Buffer): Uint32Array {
  if (buf.length % 4 !== 0 || buf.length > SIGNATURE_SIZE * 4) throw new RangeError(`text signature of ${buf.length} bytes, expected a multiple of 4 up to ${SIGNATURE_SIZE * 4}`);
  const sig = new Uint32Array(buf.length / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = buf.readUInt32BE(i * 4);
  return sig;
}

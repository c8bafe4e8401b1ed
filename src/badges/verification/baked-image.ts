/**
 * Reads the badge baked into an image (Open Badges 2.0 "Baking" and Open Badges 3.0 "Baked badges"):
 * - PNG: an `iTXt` chunk with keyword `openbadges` (OB 2.0) or `openbadgecredential` (OB 3.0), uncompressed, whose text
 *   is the assertion JSON, its URL, or a compact JWS / VC-JWT;
 * - SVG: an `<openbadges:assertion>` (OB 2.0) or `<openbadges:credential>` (OB 3.0) element whose content (CDATA) is the
 *   JSON or JWT, or whose `verify` attribute holds the URL or JWS.
 * Pure. Refuses (BadgeReadError BAD_IMAGE, the message naming why) images over the size cap, PNGs whose declared chunk
 * lengths run past the file or whose declared dimensions are absurd, compressed badge chunks (the baking spec forbids
 * them; inflating one is a zip-bomb risk), and SVGs with a DOCTYPE (entity declarations: "billion laughs").
 */
import extractChunks from 'png-chunks-extract';
import { decodeSync as decodeItxt } from 'png-chunk-itxt';
import { SaxesParser } from 'saxes';
import { BadgeReadError, BadgeReadErrorCode } from '../badge-read.exception.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Declared width × height above this (100 megapixels) is refused: no badge is that big, and decoders would choke. */
export const MAX_PNG_PIXELS = 100_000_000;
const PNG_KEYWORDS = new Set(['openbadges', 'openbadgecredential']);
const SVG_ELEMENTS = new Set(['openbadges:assertion', 'openbadges:credential']);

export interface BakedPayload {
  kind: 'baked-png' | 'baked-svg';
  /** The baked text: JSON, a URL or a compact JWS. */
  payload: string;
}

function refuse(message: string): never {
  throw new BadgeReadError(BadgeReadErrorCode.BAD_IMAGE, message);
}

/**
 * The baked badge in an image's bytes, sniffed from the bytes (PNG signature, or XML text with an `<svg` root).
 * @param maxBytes the upload cap (BADGE_UPLOAD_MAX_BYTES)
 * @throws BadgeReadError BAD_IMAGE: too big, neither PNG nor SVG, unsafe, corrupt, or no baked badge in it
 */
export function readBakedImage(bytes: Buffer, maxBytes: number): BakedPayload {
  if (bytes.length > maxBytes) refuse(`image is ${bytes.length} bytes, over the ${maxBytes}-byte upload limit`);
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { kind: 'baked-png', payload: readBakedPng(bytes) };
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<') && /<svg[\s>]/i.test(bytes.toString('utf8'))) return { kind: 'baked-svg', payload: readBakedSvg(bytes.toString('utf8')) };
  refuse('image is neither a PNG nor an SVG');
}

/** Walks the chunk headers before anything is copied, so a declared length can never make us allocate past the file. */
function checkPngLayout(bytes: Buffer): void {
  let offset = PNG_SIGNATURE.length;
  let first = true;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const remaining = bytes.length - offset - 12;
    if (length > remaining) refuse(`PNG chunk ${JSON.stringify(type)} declares ${length} bytes but only ${Math.max(remaining, 0)} remain in the file`);
    if (first) {
      if (type !== 'IHDR' || length < 8) refuse('PNG does not start with an IHDR chunk');
      const width = bytes.readUInt32BE(offset + 8);
      const height = bytes.readUInt32BE(offset + 12);
      if (width === 0 || height === 0 || width * height > MAX_PNG_PIXELS) {
        refuse(`PNG declares ${width}×${height} pixels (limit ${MAX_PNG_PIXELS} pixels)`);
      }
      first = false;
    }
    if (type === 'IEND') return;
    offset += 12 + length;
  }
  refuse('PNG ends before its IEND chunk');
}

function readBakedPng(bytes: Buffer): string {
  checkPngLayout(bytes);
  let chunks: Array<{ name: string; data: Uint8Array }>;
  try {
    chunks = extractChunks(bytes);
  } catch (error) {
    refuse(`PNG is corrupt: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const chunk of chunks) {
    if (chunk.name !== 'iTXt') continue;
    const data = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
    const keywordEnd = data.indexOf(0);
    if (keywordEnd <= 0) continue;
    const keyword = data.toString('latin1', 0, keywordEnd);
    if (!PNG_KEYWORDS.has(keyword)) continue;
    if (data[keywordEnd + 1] !== 0) refuse(`PNG iTXt chunk "${keyword}" is compressed; Open Badges baking requires it uncompressed`);
    let text: string;
    try {
      text = decodeItxt(chunk.data).text.trim();
    } catch (error) {
      refuse(`PNG iTXt chunk "${keyword}" is malformed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!text) refuse(`PNG iTXt chunk "${keyword}" is empty`);
    return text;
  }
  refuse('PNG has no iTXt chunk "openbadges" or "openbadgecredential": it is not a baked badge');
}

function readBakedSvg(svg: string): string {
  const parser = new SaxesParser({ xmlns: false });
  let depth = 0;
  let verify: string | null = null;
  let content = '';
  let found: string | null = null;
  parser.on('doctype', () => {
    refuse('SVG has a DOCTYPE: DOCTYPE and ENTITY declarations are refused (entity expansion attacks)');
  });
  parser.on('opentag', (tag) => {
    if (found !== null) return;
    if (depth > 0) {
      depth += 1;
      return;
    }
    if (!SVG_ELEMENTS.has(tag.name)) return;
    depth = 1;
    const attribute = tag.attributes['verify'];
    verify = typeof attribute === 'string' ? attribute.trim() || null : null;
  });
  const collect = (text: string) => {
    if (depth > 0 && found === null) content += text;
  };
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', () => {
    if (depth === 0 || found !== null) return;
    depth -= 1;
    if (depth === 0) found = content.trim() || verify || '';
  });
  try {
    parser.write(svg).close();
  } catch (error) {
    if (error instanceof BadgeReadError) throw error;
    refuse(`SVG is not well-formed XML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  if (found === null) refuse('SVG has no <openbadges:assertion> or <openbadges:credential> element: it is not a baked badge');
  if (found === '') refuse('SVG <openbadges:assertion> holds neither a badge nor a verify attribute');
  return found;
}

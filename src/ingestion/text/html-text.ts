import { compile, type HtmlToTextOptions } from 'html-to-text';

/**
 * Plain text from posting HTML, built on the html-to-text library.
 *
 * Output conventions (the skill extractor relies on them):
 * - entities decoded; NBSP, soft hyphens and zero-width characters normalised away;
 * - each list item on its own line with NO bullet prefix (`<li>Terraform</li>` → a line reading "Terraform");
 *   ordered lists are treated the same, so numbering never glues onto skill words;
 * - paragraphs, headings and other blocks separated by one blank line;
 * - links keep their text and lose their href (no "[https://…]" tails);
 * - runs of spaces collapse to one, lines are trimmed, at most one blank line in a row, whole text trimmed.
 */

const baseOptions: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    // A single space, not '': html-to-text treats an empty prefix as unset and falls back to ' * '; the space is
    // trimmed away with the rest of the line's edges.
    { selector: 'ul', options: { itemPrefix: ' ' } },
    { selector: 'ol', format: 'unorderedList', options: { itemPrefix: ' ' } },
    { selector: 'p', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({
      selector,
      options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
    })),
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'inline' },
    { selector: 'th', format: 'inline' },
  ],
};

// Compiled once: html-to-text's convert() re-compiles its options on every call, which dominates bulk runs.
const convertBase = compile(baseOptions);
const convertPreserving = compile({ ...baseOptions, preserveNewlines: true });

/** Zero-width space/joiners, BOM and soft hyphen: invisible, and they split words ("Full\u00adtime"). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** Horizontal whitespace of every kind, NBSP and the narrow/figure spaces included. */
const HSPACE = /[ \t\f\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/**
 * Normalises whitespace of already-plain text: CRLF → LF, invisible characters removed, runs of spaces
 * collapsed, each line trimmed, at most one blank line in a row, result trimmed. Used for plain-text sources
 * (LinkedIn, Chronicle, USAJOBS) and as the last step of {@link htmlToText}.
 */
export function normalizeWhitespace(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .split('\n')
    .map((line) => line.replace(HSPACE, ' ').trim());
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Converts posting HTML to clean plain text (conventions above).
 * @param html HTML fragment or document; plain text passes through (entities still decoded).
 * @param options.preserveNewlines keep literal "\n" of the source as line breaks; for sources that mix plain-text
 *   line breaks with tags (Remote OK, Hacker News comments), where "\n" separates bullet lines.
 * @returns the text, "" for empty input. Never throws on malformed HTML (the parser is lenient).
 */
export function htmlToText(html: string, options: { preserveNewlines?: boolean } = {}): string {
  if (!html) return '';
  // Invisible characters go first: the HTML parser would treat a zero-width space as a word break ("Type Script").
  return normalizeWhitespace((options.preserveNewlines ? convertPreserving : convertBase)(html.replace(INVISIBLE, '')));
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes one level of HTML escaping: the five XML entities and numeric references. Only those, because
 * HTML-escaping (what Greenhouse applies to `content`) only produces those; a named entity of the inner HTML such
 * as `&amp;nbsp;` becomes `&nbsp;` and is left for the HTML parser.
 */
export function unescapeHtmlOnce(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return XML_ENTITIES[lower] ?? whole;
  });
}

function safeCodePoint(cp: number, fallback: string): string {
  return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

/**
 * Text of a Greenhouse job `content` field (boards API with `?content=true`), which is HTML-escaped HTML:
 * `&lt;p&gt;Python &amp;amp; SQL&lt;/p&gt;` → unescape once → `<p>Python &amp; SQL</p>` → "Python & SQL".
 */
export function unescapeGreenhouseContent(s: string): string {
  return htmlToText(unescapeHtmlOnce(s));
}

/** Windows-1252 characters for bytes 0x80–0x9F (the rest of 0x00–0xFF is Latin-1 = the same code point). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_BYTE = new Map<string, number>([...CP1252_HIGH].map((ch, i) => [ch, 0x80 + i]));

/** Byte value a character had before it was mis-decoded as Latin-1 / Windows-1252, or -1 if it cannot be one. */
function misdecodedByte(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0xff) return cp;
  return CP1252_BYTE.get(ch) ?? -1;
}

/** One continuation byte (0x80–0xBF) as it looks after mis-decoding: C1 controls, Latin-1 or cp1252 punctuation. */
const CONT = '[\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]';
/** A UTF-8 lead byte (0xC2–0xF4) followed by the right number of continuation bytes, all mis-decoded. */
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, 'g');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Repairs double-encoded UTF-8 ("mojibake"): UTF-8 bytes that were decoded as Latin-1 or Windows-1252, such as
 * `â€™` or `â\u0080\u0099` → `’`, `Ã©` → `é`, `Â\u00A0` → NBSP, `ð\u009f\u009a\u0080` → 🚀 (Remote OK quirk, SOURCES.md §3b).
 * Only sequences that form a valid UTF-8 character are replaced, so correctly decoded text ("Café", "naïve",
 * "Gdańsk") is returned unchanged.
 */
export function repairMojibake(s: string): string {
  if (!s || !/[\u00C2-\u00F4]/.test(s)) return s;
  return s.replace(MOJIBAKE, (seq) => {
    const values = [...seq].map(misdecodedByte);
    if (values.some((b) => b < 0)) return seq;
    try {
      return utf8.decode(Uint8Array.from(values));
    } catch {
      return seq;
    }
  });
}

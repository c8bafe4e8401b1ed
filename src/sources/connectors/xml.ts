import { XMLParser } from 'fast-xml-parser';

/** Elements that may repeat in feeds and sitemaps: always arrays, even when there is one. */
const REPEATED = new Set(['item', 'entry', 'link', 'category', 'url', 'sitemap', 'author']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (tagName) => REPEATED.has(tagName),
});

/**
 * Parses RSS, Atom and sitemap XML with fast-xml-parser: attributes as "@_name", element text as "#text" when the
 * element also has attributes, values kept as strings, `item`/`entry`/`link`/`category`/`url`/`sitemap`/`author`
 * always arrays. Namespaced names keep their prefix ("content:encoded", "dc:creator").
 * @throws Error when the text is not well-formed XML.
 */
export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text, true) as Record<string, unknown>;
}

/** The text of a parsed XML value: a string, an element with attributes (its "#text"), or the first of several. */
export function xmlText(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? xmlText(value[0]) : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object') {
    const text = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' || typeof text === 'number' ? String(text) : null;
  }
  return null;
}

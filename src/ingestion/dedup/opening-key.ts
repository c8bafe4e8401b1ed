/**
 * Normalised company names, job titles and cities: the blocking key of deduplication. Two postings are compared
 * only when their keys are equal, so a key must be equal for every copy of one opening ("ACME GmbH" on an
 * aggregator, "Acme" on the ATS) and stay cheap to index (`posting.dedup_key`, migration 1765100000000).
 */

/**
 * Legal-form suffixes (and the words of multi-word ones), matched as whole trailing words after punctuation is
 * removed and dotted forms are joined ("S.A." → "sa", "B.V." → "bv"). Stripped repeatedly from the end, so
 * "Acme Holdings GmbH & Co. KG" → "acme holdings".
 */
const LEGAL_SUFFIXES = new Set([
  'gmbh', 'ag', 'kg', 'kgaa', 'ug', 'se', 'ev', 'mbh', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'plc',
  'sa', 'sas', 'sarl', 'sl', 'srl', 'spa', 'bv', 'nv', 'ab', 'as', 'asa', 'oy', 'oyj', 'aps', 'pty', 'pvt', 'pte', 'kk',
  'co', 'corp', 'corporation', 'company', 'group', 'holding', 'holdings',
]);
/** Words that join a legal form to the name ("GmbH & Co. KG", "Acme and Co."). */
const CONNECTORS = new Set(['and', 'et', 'und']);

/** Lower case, no diacritics (NFKD, combining marks dropped), "&" as "and". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, ' and ');
}

/** Words of letters and digits; dots inside dotted abbreviations are joined first ("s.a." → "sa", "inc." → "inc"). */
function words(text: string): string[] {
  return text
    .replace(/\b(\p{L})\.(?=\p{L}\b)/gu, '$1') // "s.a." → "sa.", "b.v." → "bv."
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * A company name as compared for deduplication: case, diacritics, punctuation, a leading "The" and trailing legal
 * forms (GmbH, AG, Inc., LLC, Ltd, S.A., SAS, B.V., plc, Co., Corp., …) removed; words joined by one space.
 * "ACME GmbH", "Acme, Inc.", "The Acme Co." → "acme". Returns "" for null, blank or a name that is only a legal form.
 */
export function normalizeCompany(name: string | null | undefined): string {
  if (!name) return '';
  const w = words(fold(name));
  if (w[0] === 'the' && w.length > 1) w.shift();
  while (w.length > 1 && (LEGAL_SUFFIXES.has(w[w.length - 1]) || CONNECTORS.has(w[w.length - 1]))) w.pop();
  return w.join(' ');
}

/** Title abbreviations written out, so "Sr. Data Engineer" and "Senior Data Engineer" share a key. */
const TITLE_WORDS: Record<string, string> = { sr: 'senior', jr: 'junior', mgr: 'manager', eng: 'engineer', dev: 'developer' };

/**
 * A job title as compared for deduplication: case, diacritics and punctuation removed, gender markers such as
 * "(m/w/d)", "(f/m/x)", "(all genders)" dropped, common abbreviations written out (Sr. → senior).
 */
export function normalizeTitle(title: string | null | undefined): string {
  if (!title) return '';
  const text = fold(title).replace(/\((?:[mwfdx*]\s*\/\s*)+[mwfdx*]\)|\((?:all|any) genders?\)/g, ' ');
  return words(text).map((w) => TITLE_WORDS[w] ?? w).join(' ');
}

/** A city as compared: folded and punctuation-free ("München" → "munchen"), "" when unknown. */
export function normalizeCity(city: string | null | undefined): string {
  return city ? words(fold(city)).join(' ') : '';
}

/**
 * The blocking key `<company>|<title>` (both normalised); null when the posting has no company, since a posting
 * without an employer cannot be told apart from another employer's opening with the same title.
 */
export function dedupKey(company: string | null | undefined, title: string | null | undefined): string | null {
  const c = normalizeCompany(company);
  const t = normalizeTitle(title);
  return c && t ? `${c}|${t}` : null;
}

/** A raw location as compared by the same-board rule: whitespace collapsed, trimmed, lower case ("" when none). */
export function normalizeLocationRaw(raw: string | null | undefined): string {
  return (raw ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

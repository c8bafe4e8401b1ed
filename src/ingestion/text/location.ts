import type { PostingLocation } from '../posting.types.js';
import {
  CITY_GAZETTEER,
  COUNTRY_ALIASES,
  MACRO_AREAS,
  NOISE_PART,
  SUBDIVISION_BY_ABBR,
  SUBDIVISION_BY_NAME,
  type Subdivision,
} from './location-data.js';

export interface LocationHints {
  /** The source's own remote flag (Arbeitnow `remote`, LinkedIn `remote_allowed`); text saying "remote" still wins. */
  remote?: boolean | null;
  /** Country the source implies when the text names none (e.g. a national board); never overrides the text. */
  countryCode?: string | null;
}

/**
 * Codes ICU names but that are not current countries: withdrawn codes (DD East Germany, SU, YU, CS…, which ICU's
 * German names would otherwise map "Deutschland" to), UK (reserved), EU, UN, "Unknown Region", reserved codes.
 */
const NOT_COUNTRIES = new Set(['DD', 'FX', 'SU', 'YU', 'CS', 'ZR', 'TP', 'BU', 'NT', 'AN', 'YD', 'VD', 'QU', 'UK', 'EU', 'EZ', 'UN', 'ZZ', 'QO', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'XA', 'XB']);

/** Lower-case English and German country names (ICU display names) and aliases → ISO 3166-1 alpha-2. */
const COUNTRY_BY_NAME: Map<string, string> = (() => {
  const map = new Map<string, string>();
  const names = [new Intl.DisplayNames(['en'], { type: 'region' }), new Intl.DisplayNames(['de'], { type: 'region' })];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      for (const dn of names) {
        const name = dn.of(code);
        if (name && name !== code && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), code);
      }
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) map.set(alias, code);
  return map;
})();
const COUNTRY_CODES = new Set(COUNTRY_BY_NAME.values());

const REMOTE_WORDS = /\b(remote|anywhere|worldwide|work from home|wfh|telecommute|telework|distributed)\b/i;
const ONSITE_WORDS = /\b(on-?site|in[- ]office|in[- ]person|hybrid)\b/i;
/** Words that qualify a place without naming one: "Remote US", "Remote (US only)", "Hybrid in Berlin". */
const QUALIFIER_WORDS = /\b(remote|hybrid|on-?site|only|fully|based|preferred|flexibility|flexible|greater|metropolitan area|metro area|bay area)\b/gi;
/** "in" as a word ("Hybrid in Berlin"), but never "IN" (Indiana). */
const IN_WORD = /\b[Ii]n\b/g;
/** City-states: the subdivision name is also the city. */
const CITY_STATES = new Set(['DE-BE', 'DE-HH', 'DE-HB']);

interface Resolved {
  city: string | null;
  region: Subdivision | null;
  countryCode: string | null;
}

/**
 * Parses a free-text location into its parts.
 *
 * Understands "City, ST", "City, State, Country", "City, Country", "Country - City", "Remote - US", "Canada (Remote)",
 * lists of places separated by "|", ";", "/" or " or " (a part is kept only when every place agrees on it),
 * US states + DC + territories and Canadian provinces by name or postal abbreviation, German Länder by English or
 * German name, every country by its English or German name (ICU display names) or alpha-2 code, and a short
 * gazetteer of big unambiguous cities ("Berlin" → DE). Macro areas ("Americas, Europe") and "Multiple Locations"
 * give no place. Unknown parts stay null: a single unrecognised word is taken as a city only when it looks like a
 * place name.
 *
 * @param raw location text as the source gave it (null/empty allowed).
 * @returns a PostingLocation; `raw` is the trimmed input; `region` is the canonical English name of the
 *   subdivision ("TX" → "Texas"); `remote` is true when the text says remote/anywhere/worldwide, false when it says
 *   on-site/in-office/hybrid, else `hints.remote` ?? null.
 */
export function parseLocation(raw: string | null | undefined, hints: LocationHints = {}): PostingLocation {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  const textRemote = REMOTE_WORDS.test(text) ? true : ONSITE_WORDS.test(text) ? false : null;
  const remote = textRemote === true ? true : (hints.remote ?? textRemote);
  const empty: PostingLocation = { raw: text || null, city: null, region: null, regionCode: null, countryCode: null, remote };
  if (!text) return { ...empty, countryCode: hints.countryCode ?? null };

  const alternatives = resolveCached(text);
  if (alternatives.length === 0) return { ...empty, countryCode: hints.countryCode ?? null };

  const agree = <T>(pick: (r: Resolved) => T): T | null => {
    const first = pick(alternatives[0]);
    return alternatives.every((r) => pick(r) === first) ? first : null;
  };
  const region = agree((r) => r.region);
  return {
    ...empty,
    city: agree((r) => r.city),
    region: region?.name ?? null,
    regionCode: region?.code ?? null,
    countryCode: alternatives.every((r) => r.countryCode === null) ? (hints.countryCode ?? null) : agree((r) => r.countryCode),
  };
}

/** Resolutions by text; bulk files repeat a few thousand distinct locations many times (40k Greenhouse rows). */
const cache = new Map<string, Resolved[]>();
const CACHE_LIMIT = 50_000;

function resolveCached(text: string): Resolved[] {
  let alternatives = cache.get(text);
  if (!alternatives) {
    // " or " separates places only in lower case: "OR" is Oregon ("Portland, OR").
    const pieces = text.replace(/[()[\]]/g, ',').split(/\s*(?:\||;|\/|\b[Oo]r\b)\s*/);
    alternatives = pieces
      .map((piece) => resolveAlternative(piece, pieces.length === 1))
      .filter((r): r is Resolved => r !== null && (r.city !== null || r.region !== null || r.countryCode !== null));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, alternatives);
  }
  return alternatives;
}

function lookupCountry(part: string): string | null {
  const byName = COUNTRY_BY_NAME.get(part.toLowerCase());
  if (byName) return byName;
  return /^[A-Z]{2}$/.test(part) && COUNTRY_CODES.has(part) ? part : null;
}

function lookupSubdivision(part: string): Subdivision | null {
  const byName = SUBDIVISION_BY_NAME.get(part.toLowerCase());
  if (byName) return byName;
  // Abbreviations only in upper case, so the words "in", "or", "me" never read as states.
  const abbr = part.replace(/\./g, '');
  return /^[A-Z]{2}$/.test(abbr) ? (SUBDIVISION_BY_ABBR.get(abbr) ?? null) : null;
}

const PLACE_NAME = /^\p{L}[\p{L}\p{M} .'’-]{0,39}$/u;

/**
 * Resolves one place ("City, ST, Country"); null when it names a macro area or several countries.
 * @param alone the text is this one place, so a lone unknown name may be taken as a city ("Halifax"); inside a list
 *   ("3 days/week in office") a lone unknown word is more likely noise.
 */
function resolveAlternative(alternative: string, alone: boolean): Resolved | null {
  const parts = alternative
    .split(/\s*,\s*|\s+[-–—]\s+/)
    .map((p) => p.replace(QUALIFIER_WORDS, ' ').replace(IN_WORD, ' ').replace(/\s+\d{4,5}(-\d{4})?$/, '').replace(/\s+/g, ' ').replace(/^[\s.:-]+|[\s.:-]+$/g, ''))
    .filter((p) => p !== '' && !NOISE_PART.test(p) && !/\d/.test(p));
  if (parts.length === 0) return null;
  if (parts.some((p) => MACRO_AREAS.has(p.toLowerCase()))) return null;

  if (parts.length === 1) return resolveSingle(parts[0], alone);

  const gazetteer = CITY_GAZETTEER[parts[0].toLowerCase()];
  const countries = new Set<string>();
  const subdivisions: Array<{ index: number; sub: Subdivision }> = [];
  const others: number[] = [];
  parts.forEach((part, index) => {
    // A two-letter code after a gazetteer city of another country is that country ("Munich, DE"), not a US state.
    const code = /^[A-Z]{2}$/.test(part) && gazetteer && gazetteer.country !== 'US' && gazetteer.country !== 'CA' ? lookupCountry(part) : null;
    const sub = code ? null : lookupSubdivision(part);
    const country = code ?? (sub ? null : lookupCountry(part));
    if (sub) subdivisions.push({ index, sub });
    else if (country) countries.add(country);
    else others.push(index);
  });
  if (countries.size > 1) return null;

  let cityIndex: number | null = others.length > 0 ? others[0] : null;
  // "Washington, District of Columbia", "New York, NY": the first part is the city even though it names a state.
  if (subdivisions.length > 1 && subdivisions[0].index === 0) {
    cityIndex = 0;
    subdivisions.shift();
  }
  let countryCode = countries.size === 1 ? [...countries][0] : null;
  let region = subdivisions.length > 0 ? subdivisions[0].sub : null;
  if (region && countryCode && region.country !== countryCode) region = null; // "Perth, WA, Australia"
  if (!countryCode && region) countryCode = region.country;

  let city = cityIndex !== null && PLACE_NAME.test(parts[cityIndex]) ? parts[cityIndex] : null;
  if (city === null && region && CITY_STATES.has(region.code)) city = region.name;
  const known = city ? CITY_GAZETTEER[city.toLowerCase()] : undefined;
  if (known && (!countryCode || countryCode === known.country)) {
    countryCode = known.country;
    if (!region && known.region) region = regionByCode(known.region);
  }
  return { city, region, countryCode };
}

function resolveSingle(part: string, alone: boolean): Resolved {
  const known = CITY_GAZETTEER[part.toLowerCase()];
  if (known) return { city: known.city, region: known.region ? regionByCode(known.region) : null, countryCode: known.country };
  const sub = SUBDIVISION_BY_NAME.get(part.toLowerCase()) ?? null;
  if (sub) return { city: CITY_STATES.has(sub.code) ? sub.name : null, region: sub, countryCode: sub.country };
  const country = lookupCountry(part);
  if (country) return { city: null, region: null, countryCode: country };
  return { city: alone && PLACE_NAME.test(part) ? part : null, region: null, countryCode: null };
}

function regionByCode(code: string): Subdivision | null {
  for (const sub of SUBDIVISION_BY_NAME.values()) if (sub.code === code) return sub;
  return null;
}

/**
 * Reference tables for {@link parseLocation}: subdivisions (ISO 3166-2), country aliases the ICU display names
 * lack, and a short gazetteer of large, unambiguous job-market cities. Codes from ISO 3166-2:US, :CA and :DE.
 */

export interface Subdivision {
  country: string;
  code: string;
  name: string;
}

/** US states, DC and the inhabited territories, keyed by postal abbreviation. */
const US: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', VI: 'Virgin Islands', GU: 'Guam', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

/** Canadian provinces and territories, keyed by postal abbreviation. */
const CA: Record<string, string> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick', NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island',
  QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

/** German Länder by ISO code; English and German names both map (see DE_ALIASES). */
const DE: Record<string, string> = {
  BW: 'Baden-Württemberg', BY: 'Bavaria', BE: 'Berlin', BB: 'Brandenburg', HB: 'Bremen', HH: 'Hamburg', HE: 'Hesse',
  MV: 'Mecklenburg-Vorpommern', NI: 'Lower Saxony', NW: 'North Rhine-Westphalia', RP: 'Rhineland-Palatinate',
  SL: 'Saarland', SN: 'Saxony', ST: 'Saxony-Anhalt', SH: 'Schleswig-Holstein', TH: 'Thuringia',
};
const DE_ALIASES: Record<string, string> = {
  bayern: 'BY', hessen: 'HE', niedersachsen: 'NI', 'nordrhein-westfalen': 'NW', nrw: 'NW', 'rheinland-pfalz': 'RP',
  sachsen: 'SN', 'sachsen-anhalt': 'ST', thüringen: 'TH', 'north rhine westphalia': 'NW', québec: 'QC',
};

/** Subdivisions by lower-case full name (all three countries). */
export const SUBDIVISION_BY_NAME = new Map<string, Subdivision>();
/** US and Canadian subdivisions by upper-case postal abbreviation (German codes are not used as abbreviations in text). */
export const SUBDIVISION_BY_ABBR = new Map<string, Subdivision>();

for (const [country, table] of [['US', US], ['CA', CA], ['DE', DE]] as const) {
  for (const [abbr, name] of Object.entries(table)) {
    const sub = { country, code: `${country}-${abbr}`, name };
    SUBDIVISION_BY_NAME.set(name.toLowerCase(), sub);
    if (country !== 'DE') SUBDIVISION_BY_ABBR.set(abbr, sub);
  }
}
for (const [alias, abbr] of Object.entries(DE_ALIASES)) {
  const country = abbr === 'QC' ? 'CA' : 'DE';
  const table: Record<string, string> = country === 'CA' ? CA : DE;
  SUBDIVISION_BY_NAME.set(alias, { country, code: `${country}-${abbr}`, name: table[abbr] });
}
SUBDIVISION_BY_NAME.set('washington dc', { country: 'US', code: 'US-DC', name: 'District of Columbia' });
SUBDIVISION_BY_NAME.set('washington d.c.', { country: 'US', code: 'US-DC', name: 'District of Columbia' });

/** Country names and abbreviations seen in postings that ICU's English/German display names do not cover. */
export const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US', us: 'US', 'u.s.': 'US', 'u.s.a.': 'US', 'united states of america': 'US', america: 'US', 'the us': 'US',
  uk: 'GB', 'u.k.': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'northern ireland': 'GB', 'the netherlands': 'NL', holland: 'NL', 'south korea': 'KR', korea: 'KR',
  'republic of korea': 'KR', 'czech republic': 'CZ', turkey: 'TR', russia: 'RU', vietnam: 'VN', uae: 'AE',
  'hong kong': 'HK', 'hong kong sar': 'HK', taiwan: 'TW', macau: 'MO', 'ivory coast': 'CI', 'the philippines': 'PH',
  'cape verde': 'CV', swaziland: 'SZ', burma: 'MM', 'deutschland': 'DE', 'mainland china': 'CN', prc: 'CN',
};

/**
 * Broad areas that are not one country; a location naming one is a region list (Remotive "Americas, Europe"),
 * so no country, region or city is taken from it.
 */
export const MACRO_AREAS = new Set([
  'americas', 'north america', 'northern america', 'south america', 'latin america', 'latam', 'central america',
  'europe', 'eu', 'eea', 'emea', 'apac', 'asia', 'asia pacific', 'africa', 'oceania', 'middle east', 'mena',
  'worldwide', 'global', 'anywhere', 'international', 'nordics', 'dach', 'benelux', 'cee', 'eastern europe',
  'western europe', 'southeast asia',
]);

/** Large cities whose name alone identifies the place (no same-named city of comparable size elsewhere). */
export const CITY_GAZETTEER: Record<string, { city: string; country: string; region?: string }> = {
  'new york': { city: 'New York', country: 'US', region: 'US-NY' },
  'new york city': { city: 'New York', country: 'US', region: 'US-NY' },
  nyc: { city: 'New York', country: 'US', region: 'US-NY' },
  'san francisco': { city: 'San Francisco', country: 'US', region: 'US-CA' },
  sf: { city: 'San Francisco', country: 'US', region: 'US-CA' },
  'los angeles': { city: 'Los Angeles', country: 'US', region: 'US-CA' },
  seattle: { city: 'Seattle', country: 'US', region: 'US-WA' },
  chicago: { city: 'Chicago', country: 'US', region: 'US-IL' },
  boston: { city: 'Boston', country: 'US', region: 'US-MA' },
  austin: { city: 'Austin', country: 'US', region: 'US-TX' },
  'san jose': { city: 'San Jose', country: 'US', region: 'US-CA' },
  'palo alto': { city: 'Palo Alto', country: 'US', region: 'US-CA' },
  'mountain view': { city: 'Mountain View', country: 'US', region: 'US-CA' },
  denver: { city: 'Denver', country: 'US', region: 'US-CO' },
  atlanta: { city: 'Atlanta', country: 'US', region: 'US-GA' },
  toronto: { city: 'Toronto', country: 'CA', region: 'CA-ON' },
  vancouver: { city: 'Vancouver', country: 'CA', region: 'CA-BC' },
  montreal: { city: 'Montreal', country: 'CA', region: 'CA-QC' },
  london: { city: 'London', country: 'GB' },
  berlin: { city: 'Berlin', country: 'DE', region: 'DE-BE' },
  munich: { city: 'Munich', country: 'DE', region: 'DE-BY' },
  münchen: { city: 'München', country: 'DE', region: 'DE-BY' },
  hamburg: { city: 'Hamburg', country: 'DE', region: 'DE-HH' },
  cologne: { city: 'Cologne', country: 'DE', region: 'DE-NW' },
  köln: { city: 'Köln', country: 'DE', region: 'DE-NW' },
  frankfurt: { city: 'Frankfurt', country: 'DE', region: 'DE-HE' },
  düsseldorf: { city: 'Düsseldorf', country: 'DE', region: 'DE-NW' },
  stuttgart: { city: 'Stuttgart', country: 'DE', region: 'DE-BW' },
  paris: { city: 'Paris', country: 'FR' },
  amsterdam: { city: 'Amsterdam', country: 'NL' },
  dublin: { city: 'Dublin', country: 'IE' },
  lisbon: { city: 'Lisbon', country: 'PT' },
  madrid: { city: 'Madrid', country: 'ES' },
  barcelona: { city: 'Barcelona', country: 'ES' },
  zurich: { city: 'Zurich', country: 'CH' },
  vienna: { city: 'Vienna', country: 'AT' },
  stockholm: { city: 'Stockholm', country: 'SE' },
  copenhagen: { city: 'Copenhagen', country: 'DK' },
  warsaw: { city: 'Warsaw', country: 'PL' },
  tokyo: { city: 'Tokyo', country: 'JP' },
  seoul: { city: 'Seoul', country: 'KR' },
  bengaluru: { city: 'Bengaluru', country: 'IN' },
  bangalore: { city: 'Bangalore', country: 'IN' },
  'tel aviv': { city: 'Tel Aviv', country: 'IL' },
  sydney: { city: 'Sydney', country: 'AU' },
  melbourne: { city: 'Melbourne', country: 'AU' },
  'são paulo': { city: 'São Paulo', country: 'BR' },
  'sao paulo': { city: 'Sao Paulo', country: 'BR' },
  'mexico city': { city: 'Mexico City', country: 'MX' },
};

/** Parts that carry no place ("Multiple Locations", "Location Negotiable After Selection"), matched at the start. */
export const NOISE_PART = /^(multiple locations?|various|several|location negotiable|faa location negotiable|flexible|tbd|n\/a|none|nationwide|hybrid|remote|on-?site|in[- ]office|in[- ]person|anywhere|worldwide|global|[a-z]+ time ?zones?|utc|gmt|[a-z]{2,4} \(utc)/i;

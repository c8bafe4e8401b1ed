import { parseLocation } from './location.js';

type Row = [string, string | null, string | null, string | null, string | null, boolean | null];

describe('parseLocation', () => {
  // raw, city, region, regionCode, countryCode, remote
  it.each<Row>([
    ['San Francisco, CA', 'San Francisco', 'California', 'US-CA', 'US', null],
    // Upper-case state codes that are also English words: OR is Oregon, IN is Indiana, never "or"/"in".
    ['Portland, OR', 'Portland', 'Oregon', 'US-OR', 'US', null],
    ['Indianapolis, IN', 'Indianapolis', 'Indiana', 'US-IN', 'US', null],
    ['Salem, OR or Boise, ID', null, null, null, 'US', null],
    ['New York, NY, United States', 'New York', 'New York', 'US-NY', 'US', null],
    ['Remote', null, null, null, null, true],
    ['Berlin', 'Berlin', 'Berlin', 'DE-BE', 'DE', null],
    ['Berlin, Germany', 'Berlin', 'Berlin', 'DE-BE', 'DE', null],
    ['Lisbon, Portugal', 'Lisbon', null, null, 'PT', null],
    ['Washington, District of Columbia', 'Washington', 'District of Columbia', 'US-DC', 'US', null],
    ['Washington, DC', 'Washington', 'District of Columbia', 'US-DC', 'US', null],
    ['Austin, Texas', 'Austin', 'Texas', 'US-TX', 'US', null],
    ['United States', null, null, null, 'US', null],
    ['USA', null, null, null, 'US', null],
    ['UK', null, null, null, 'GB', null],
    ['London, England, United Kingdom', 'London', null, null, 'GB', null],
    ['Deutschland', null, null, null, 'DE', null],
    ['Remote - US', null, null, null, 'US', true],
    ['Remote (US only)', null, null, null, 'US', true],
    ['Canada (Remote)', null, null, null, 'CA', true],
    ['Toronto, ON', 'Toronto', 'Ontario', 'CA-ON', 'CA', null],
    ['Montréal, Québec, Canada', 'Montréal', 'Quebec', 'CA-QC', 'CA', null],
    ['Vermont, United States', null, 'Vermont', 'US-VT', 'US', null],
    ['München, Bavaria, Germany', 'München', 'Bavaria', 'DE-BY', 'DE', null],
    ['Köln, Nordrhein-Westfalen', 'Köln', 'North Rhine-Westphalia', 'DE-NW', 'DE', null],
    ['Munich, DE', 'Munich', 'Bavaria', 'DE-BY', 'DE', null],
    ['Perth, WA, Australia', 'Perth', null, null, 'AU', null],
    ['Brazil - Rio de Janeiro', 'Rio de Janeiro', null, null, 'BR', null],
    ['Tucson, AZ | Onsite', 'Tucson', 'Arizona', 'US-AZ', 'US', false],
    ['San Francisco, CA | New York City, NY | Seattle, WA', null, null, null, 'US', null],
    ['Americas, Europe, Israel', null, null, null, null, null],
    ['USA, Canada, USA timezones', null, null, null, null, null],
    ['Worldwide', null, null, null, null, true],
    ['Multiple Locations', null, null, null, null, null],
    ['Location Negotiable After Selection, United States', null, null, null, 'US', null],
    ['Halifax', 'Halifax', null, null, null, null],
    ['APAC-C1', null, null, null, null, null],
    ['Hybrid - Los Angeles', 'Los Angeles', 'California', 'US-CA', 'US', false],
  ])('%j', (raw, city, region, regionCode, countryCode, remote) => {
    expect(parseLocation(raw)).toEqual({ raw, city, region, regionCode, countryCode, remote });
  });

  it('returns all-null parts for empty input, keeping hints', () => {
    expect(parseLocation('  ', { remote: false, countryCode: 'DE' })).toEqual({
      raw: null, city: null, region: null, regionCode: null, countryCode: 'DE', remote: false,
    });
  });

  it('lets text saying remote win over a false remote hint, and a country hint fill only a missing country', () => {
    expect(parseLocation('Remote', { remote: false }).remote).toBe(true);
    expect(parseLocation('Essen', { countryCode: 'DE' }).countryCode).toBe('DE');
    expect(parseLocation('Lisbon, Portugal', { countryCode: 'DE' }).countryCode).toBe('PT');
  });
});

import { dedupKey, normalizeCity, normalizeCompany, normalizeTitle } from './opening-key.js';

describe('normalizeCompany', () => {
  it.each([
    ['ACME GmbH', 'acme'],
    ['Acme', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Inc', 'acme'],
    ['ACME LLC', 'acme'],
    ['Acme Ltd.', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme SAS', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Acme plc', 'acme'],
    ['The Acme Co.', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Holdings GmbH & Co. KG', 'acme'],
    ['Société Générale S.A.', 'societe generale'],
    ['Zürcher Kantonalbank AG', 'zurcher kantonalbank'],
    ['Procter & Gamble', 'procter and gamble'],
    ['Global Treats GmbH', 'global treats'],
    ['The Washington Post', 'washington post'],
    ['  Stripe  ', 'stripe'],
    // A name that is only a legal form keeps it rather than becoming empty.
    ['The Company', 'company'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCompany(input)).toBe(expected);
  });
});

describe('normalizeTitle', () => {
  it.each([
    ['Data Engineer', 'data engineer'],
    ['Sr. Data Engineer', 'senior data engineer'],
    ['Senior Data-Engineer', 'senior data engineer'],
    ['Recruiting Partner (m/w/d) -  Projektbasis (Remote)', 'recruiting partner projektbasis remote'],
    ['Softwareentwickler (w/m/d)', 'softwareentwickler'],
    ['Product Designer (all genders)', 'product designer'],
    ['Développeur Back-end', 'developpeur back end'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });
});

describe('dedupKey and normalizeCity', () => {
  it('joins company and title; null without a company or a title', () => {
    expect(dedupKey('ACME GmbH', 'Data Engineer')).toBe('acme|data engineer');
    expect(dedupKey('Acme', 'Data  Engineer')).toBe('acme|data engineer');
    expect(dedupKey(null, 'Data Engineer')).toBeNull();
    expect(dedupKey('Acme', '')).toBeNull();
  });

  it('folds cities', () => {
    expect(normalizeCity('München')).toBe('munchen');
    expect(normalizeCity('New York')).toBe('new york');
    expect(normalizeCity(null)).toBe('');
  });
});

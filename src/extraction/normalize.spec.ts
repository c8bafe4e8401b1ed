import { foldPlural, normalizeToken } from './normalize.js';

describe('normalizeToken', () => {
  it.each<[string, string]>([
    ['Dashboards', 'dashboard'], ['spreadsheets', 'spreadsheet'], ['databases', 'database'],
    ['libraries', 'library'], ['technologies', 'technology'], ['processes', 'process'], ['searches', 'search'],
    ['boxes', 'box'], ['APIs', 'api'], ['analyses', 'analysis'], ['caches', 'cache'], ['cookies', 'cookie'],
    ['metrics', 'metric'], ['videos', 'video'],
    // Not plurals, or not to be touched.
    ['analysis', 'analysis'], ['business', 'business'], ['Kubernetes', 'kubernetes'], ['AWS', 'aws'],
    ['iOS', 'ios'], ['pandas', 'pandas'], ['Sass', 'sass'], ['Less', 'less'], ['status', 'status'],
    ['SaaS', 'saas'], ['statistics', 'statistics'], ['physics', 'physics'], ['sales', 'sales'],
    ['series', 'series'], ['macOS', 'macos'], ['news', 'news'], ['bus', 'bus'], ['gas', 'gas'],
    // Plurals whose singular is another word.
    ['securities', 'securities'], ['humanities', 'humanities'],
    // Symbols and digits: lower-cased only.
    ['C++', 'c++'], ['C#', 'c#'], ['.NET', '.net'], ['Node.js', 'node.js'], ['k8s', 'k8s'], ['HTML5', 'html5'],
    ["Bachelor’s", "bachelor's"],
  ])('%s -> %s', (token, key) => {
    expect(normalizeToken(token)).toBe(key);
  });

  it('only folds lower-case a-z words of length >= 4', () => {
    expect(foldPlural('ads')).toBe('ads');
    expect(foldPlural('Dogs')).toBe('Dogs');
    expect(foldPlural('dogs')).toBe('dog');
  });
});

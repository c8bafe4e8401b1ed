import { mean, reciprocalRank, rPrecisionAtK, scoreRankings } from './ranking-metrics.js';

const gold = (...xs: string[]) => new Set(xs);

describe('rPrecisionAtK', () => {
  it.each([
    { ranked: ['a', 'x', 'b'], gold: gold('a', 'b'), k: 5, expected: 1 },
    { ranked: ['x', 'y', 'a'], gold: gold('a', 'b', 'c'), k: 5, expected: 1 / 3 },
    // Only the first K count; the denominator is min(K, |gold|).
    { ranked: ['x', 'y', 'z', 'w', 'v', 'a'], gold: gold('a'), k: 5, expected: 0 },
    { ranked: ['a', 'b', 'c', 'd', 'e'], gold: gold('a', 'b', 'c', 'd', 'e', 'f', 'g'), k: 5, expected: 1 },
    { ranked: ['a', 'a'], gold: gold('a', 'b'), k: 5, expected: 0.5 },
    { ranked: [], gold: gold('a'), k: 5, expected: 0 },
    { ranked: ['a'], gold: gold(), k: 5, expected: 0 },
  ])('$ranked against $gold', ({ ranked, gold: g, k, expected }) => {
    expect(rPrecisionAtK(ranked, g, k)).toBe(expected);
  });
});

describe('reciprocalRank', () => {
  it.each([
    { ranked: ['a'], expected: 1 },
    { ranked: ['x', 'y', 'a'], expected: 1 / 3 },
    { ranked: ['x'], expected: 0 },
    { ranked: [], expected: 0 },
  ])('$ranked', ({ ranked, expected }) => {
    expect(reciprocalRank(ranked, gold('a', 'b'))).toBe(expected);
  });
});

describe('scoreRankings', () => {
  it('evaluates only sentences with gold labels; precision is micro over what was returned', () => {
    const result = scoreRankings([
      { ranked: ['a', 'x'], gold: gold('a') },
      { ranked: [], gold: gold('b') },
      { ranked: ['y', 'c'], gold: gold('c', 'd') },
      { ranked: ['z'], gold: gold() },
    ]);
    expect(result).toEqual({
      sentences: 3, rp5: (1 + 0 + 0.5) / 3, mrr: (1 + 0 + 0.5) / 3, returned: 4, returnedRight: 2, emptySentences: 1, precision: 0.5,
    });
  });

  it('mean of nothing is 0', () => {
    expect(mean([])).toBe(0);
    expect(scoreRankings([])).toMatchObject({ sentences: 0, rp5: 0, mrr: 0, precision: 0 });
  });
});

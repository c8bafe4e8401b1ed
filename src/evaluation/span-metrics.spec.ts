import { bioSpans, distinctSpans, joinTokens, judgeSentence, prf, addJudgement, emptyCounts, toCharSpans } from './span-metrics.js';

describe('joinTokens', () => {
  it('joins with single spaces and gives each token its character range', () => {
    expect(joinTokens(['Strong', 'C++', 'skills'])).toEqual({
      text: 'Strong C++ skills',
      offsets: [{ start: 0, end: 6 }, { start: 7, end: 10 }, { start: 11, end: 17 }],
    });
    expect(joinTokens([])).toEqual({ text: '', offsets: [] });
  });
});

describe('bioSpans', () => {
  it.each([
    { tags: ['O', 'B', 'I', 'O', 'B'], expected: [{ start: 1, end: 3 }, { start: 4, end: 5 }] },
    { tags: ['B', 'B', 'I', 'I'], expected: [{ start: 0, end: 1 }, { start: 1, end: 4 }] },
    // An I without an open span starts one (lenient, as conlleval does).
    { tags: ['O', 'I', 'I', 'O'], expected: [{ start: 1, end: 3 }] },
    { tags: ['O', 'O'], expected: [] },
  ])('reads $tags', ({ tags, expected }) => {
    expect(bioSpans(tags)).toEqual(expected);
  });

  it('keeps only the accepted types and splits at a change of type', () => {
    const tags = ['B-Skill', 'I-Skill', 'B-Domain', 'I-Domain', 'I-Skill', 'O'];
    expect(bioSpans(tags, (t) => t === 'Skill')).toEqual([{ start: 0, end: 2 }, { start: 4, end: 5 }]);
    expect(bioSpans(tags)).toEqual([{ start: 0, end: 2 }, { start: 2, end: 4 }, { start: 4, end: 5 }]);
  });

  it('maps token spans to characters', () => {
    const { offsets } = joinTokens(['Knowledge', 'of', 'machine', 'learning']);
    expect(toCharSpans([{ start: 2, end: 4 }], offsets)).toEqual([{ start: 13, end: 29 }]);
  });
});

describe('judgeSentence and prf', () => {
  it('judges strict and partial matches after removing duplicates', () => {
    const gold = [{ start: 0, end: 10 }, { start: 20, end: 30 }, { start: 40, end: 45 }];
    const predicted = [{ start: 0, end: 10 }, { start: 0, end: 10 }, { start: 22, end: 35 }, { start: 50, end: 55 }];
    const j = judgeSentence(predicted, gold);
    expect(j.predicted.map((p) => [p.exact, p.overlap])).toEqual([[true, true], [false, true], [false, false]]);
    expect(j.gold.map((g) => [g.exact, g.overlap])).toEqual([[true, true], [false, true], [false, false]]);
    const strict = emptyCounts();
    const partial = emptyCounts();
    addJudgement(strict, partial, j);
    expect(strict).toEqual({ predicted: 3, gold: 3, predictedRight: 1, goldFound: 1 });
    expect(partial).toEqual({ predicted: 3, gold: 3, predictedRight: 2, goldFound: 2 });
    expect(prf(partial)).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
  });

  it('touching spans do not overlap; one wide prediction can find two gold spans', () => {
    const j = judgeSentence([{ start: 0, end: 20 }, { start: 20, end: 25 }], [{ start: 0, end: 5 }, { start: 10, end: 15 }]);
    expect(j.gold.map((g) => g.overlap)).toEqual([true, true]);
    expect(j.predicted.map((p) => p.overlap)).toEqual([true, false]);
  });

  it.each([
    { counts: { predicted: 0, gold: 4, predictedRight: 0, goldFound: 0 }, expected: { precision: 0, recall: 0, f1: 0 } },
    { counts: { predicted: 4, gold: 0, predictedRight: 0, goldFound: 0 }, expected: { precision: 0, recall: 0, f1: 0 } },
    { counts: { predicted: 4, gold: 8, predictedRight: 3, goldFound: 2 }, expected: { precision: 0.75, recall: 0.25, f1: 0.375 } },
  ])('prf of $counts', ({ counts, expected }) => {
    expect(prf(counts)).toEqual(expected);
  });

  it('distinctSpans sorts and deduplicates', () => {
    expect(distinctSpans([{ start: 5, end: 9 }, { start: 1, end: 2 }, { start: 5, end: 9 }])).toEqual([{ start: 1, end: 2 }, { start: 5, end: 9 }]);
  });
});

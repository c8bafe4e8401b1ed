import type { ExtractedSkill } from '../extraction/extraction.types.js';
import { evaluateRanking, evaluateSoftSkills, evaluateSpans, predictedSpans, rankSkills } from './extraction-eval.js';
import { sample, sentenceAround, topSkills, type Mention } from './mentions.js';

function skill(skillId: string, confidence: number, ...spans: Array<[number, number]>): ExtractedSkill {
  return { skillId, label: skillId.toUpperCase(), confidence, requirement: null, reasons: [], spans: spans.map(([start, end]) => ({ start, end, text: '' })) };
}

describe('span evaluation', () => {
  it('merges spans of several skills at the same offsets and scores strict and partial', () => {
    expect(predictedSpans([skill('a', 0.9, [0, 3]), skill('b', 0.8, [0, 3], [10, 12])])).toEqual([
      { start: 0, end: 3, labels: ['A', 'B'] }, { start: 10, end: 12, labels: ['B'] },
    ]);
    const result = evaluateSpans(
      [{ doc: 1, source: 't', text: 'SQL and unit tests', gold: [{ start: 0, end: 3 }, { start: 8, end: 18 }] }, { doc: 2, source: 't', text: 'Nothing', gold: [] }],
      (text) => (text.startsWith('SQL') ? [skill('sql', 0.9, [0, 3]), skill('testing', 0.7, [13, 18])] : []),
    );
    expect(result.strict).toEqual({ predicted: 2, gold: 2, predictedRight: 1, goldFound: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(result.partial).toEqual({ predicted: 2, gold: 2, predictedRight: 2, goldFound: 2, precision: 1, recall: 1, f1: 1 });
    expect(result.details).toHaveLength(1);
  });
});

describe('ranking evaluation', () => {
  const keyOf = (id: string) => (id.startsWith('onet-') ? null : `uri:${id}`);

  it('ranks by confidence then position and leaves out skills without an ESCO URI', () => {
    expect(rankSkills([skill('b', 0.7, [5, 6]), skill('onet-x', 0.99, [0, 1]), skill('a', 0.7, [2, 3]), skill('c', 0.9, [9, 10])], keyOf)).toEqual({
      ranked: ['uri:c', 'uri:a', 'uri:b'], unmapped: 1,
    });
  });

  it('joins gold labels by URI and skips sentences without gold', () => {
    const result = evaluateRanking(
      [{ sentence: 's1', labels: new Set(['Alpha']) }, { sentence: 's2', labels: new Set() }, { sentence: 's3', labels: new Set(['Unknown']) }],
      () => [skill('b', 0.9, [0, 1]), skill('a', 0.8, [2, 3])],
      keyOf,
      (label) => (label === 'Alpha' ? 'uri:a' : null),
    );
    expect(result).toEqual({ sentences: 2, rp5: 0.5, mrr: 0.25, returned: 4, returnedRight: 1, emptySentences: 0, precision: 0.25, unmapped: 0 });
  });
});

describe('soft-skill evaluation', () => {
  it('counts a covering span as positive, an overlapping one only in the overlap figures', () => {
    const cases = [
      { isSoftSkill: true, phrase: 'team work', text: 'good team work', phraseSpan: { start: 5, end: 14 } },
      { isSoftSkill: true, phrase: 'calm manner', text: 'a calm manner', phraseSpan: { start: 2, end: 13 } },
      { isSoftSkill: false, phrase: 'dynamic', text: 'dynamic place', phraseSpan: { start: 0, end: 7 } },
      { isSoftSkill: false, phrase: 'x', text: 'x', phraseSpan: null },
    ];
    const extract = (text: string) =>
      text === 'good team work' ? [skill('teamwork', 0.9, [5, 14])] : text === 'a calm manner' ? [skill('calm', 0.9, [2, 6])] : [skill('d', 0.9, [0, 7])];
    expect(evaluateSoftSkills(cases, extract)).toEqual({
      rows: 3, skipped: 1, truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5, f1: 0.5,
      overlap: { precision: 2 / 3, recall: 1, f1: 0.8 },
    });
  });
});

describe('mentions', () => {
  it('cuts the sentence around a span and marks the span', () => {
    const text = 'About us.\nWe teach. Candidates need strong writing skills; travel required.';
    const start = text.indexOf('writing');
    expect(sentenceAround(text, start, start + 7)).toBe('Candidates need strong **writing** skills;');
  });

  it('samples deterministically without repeats', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = sample(items, 10, 4);
    expect(a).toEqual(sample(items, 10, 4));
    expect(new Set(a).size).toBe(10);
    expect(sample(items, 60, 4)).toHaveLength(50);
  });

  it('ranks skills by postings, then mentions', () => {
    const m = (postingId: string, skillId: string, surface: string): Mention =>
      ({ source: 's', postingId, skillId, label: skillId, confidence: 0.9, surface, sentence: '' });
    const top = topSkills([m('1', 'a', 'A'), m('1', 'a', 'a'), m('1', 'b', 'B'), m('2', 'b', 'B'), m('3', 'c', 'C')], 2);
    expect(top).toEqual([
      { skillId: 'b', label: 'b', postings: 2, mentions: 2, topSurfaces: ['b (2)'] },
      { skillId: 'a', label: 'a', postings: 1, mentions: 2, topSurfaces: ['a (2)'] },
    ]);
  });
});

import { readDecorteCsv, readGreenConll, readSayfullina, readSkillSpan, unmask } from './eval-sets.js';

describe('readSkillSpan', () => {
  it('unions skill and knowledge spans as character ranges in the space-joined text', () => {
    const line = JSON.stringify({
      idx: 3, source: 'tech',
      tokens: ['Experience', 'with', 'Python', 'and', 'writing', 'unit', 'tests'],
      tags_skill: ['O', 'O', 'O', 'O', 'B', 'I', 'I'],
      tags_knowledge: ['O', 'O', 'B', 'O', 'O', 'O', 'O'],
    });
    expect(readSkillSpan(`${line}\n\n`)).toEqual([
      { doc: 3, source: 'tech', text: 'Experience with Python and writing unit tests', gold: [{ start: 27, end: 45 }, { start: 16, end: 22 }] },
    ]);
  });

  it('counts a span tagged both skill and knowledge once', () => {
    const line = JSON.stringify({ idx: 1, source: 'house', tokens: ['SQL'], tags_skill: ['B'], tags_knowledge: ['B'] });
    expect(readSkillSpan(line)[0].gold).toEqual([{ start: 0, end: 3 }]);
  });
});

describe('readGreenConll', () => {
  it('reads Skill spans only, sentences split by blank lines, trailing spaces ignored', () => {
    const conll = '\nProven O \nability O \nto O \ninfluence B-Skill \nteams I-Skill \n\n\nA O \nnurse B-Occupation \n';
    expect(readGreenConll(conll)).toEqual([
      { doc: 1, source: 'green', text: 'Proven ability to influence teams', gold: [{ start: 18, end: 33 }] },
      { doc: 2, source: 'green', text: 'A nurse', gold: [] },
    ]);
  });
});

describe('readDecorteCsv', () => {
  it('groups rows by sentence and drops LABEL NOT PRESENT and UNDERSPECIFIED', () => {
    const csv = [
      'sentence,span,sub_span,label',
      'django postgresql redis,django,,LABEL NOT PRESENT',
      'django postgresql redis,postgresql,,PostgreSQL',
      '"Work in teams, always",teams,,UNDERSPECIFIED',
    ].join('\n');
    expect(readDecorteCsv(csv)).toEqual([
      { sentence: 'django postgresql redis', labels: new Set(['PostgreSQL']) },
      { sentence: 'Work in teams, always', labels: new Set() },
    ]);
  });

  it('reads the sentence-level TECHWOLF layout', () => {
    expect(readDecorteCsv('sentence,label\n* Food Manufacturing,food engineering\n')).toEqual([
      { sentence: '* Food Manufacturing', labels: new Set(['food engineering']) },
    ]);
  });
});

describe('unmask and readSayfullina', () => {
  it.each([
    { context: 'a xxx and analytical approach', phrase: 'systematic', text: 'a systematic and analytical approach', span: { start: 2, end: 12 } },
    { context: 'the xxx xxx xxx to develop', phrase: 'team customer interaction', text: 'the team customer interaction to develop', span: { start: 4, end: 29 } },
    // The run of the phrase's word count wins over an earlier single "xxx".
    { context: 'xxx then xxx xxx here', phrase: 'easy going', text: 'xxx then easy going here', span: { start: 9, end: 19 } },
    { context: 'no mask here', phrase: 'calm', text: 'no mask here', span: null },
  ])('$phrase in "$context"', ({ context, phrase, text, span }) => {
    expect(unmask(context, phrase)).toEqual({ text, phraseSpan: span });
  });

  it('keeps an unquoted comma of the context', () => {
    const csv = 'is_soft_skill,soft_skill,context\n1,articulate,must be confident and xxx , must have\n0,dynamic,"a progressive and xxx environment"\n';
    expect(readSayfullina(csv)).toEqual([
      { isSoftSkill: true, phrase: 'articulate', text: 'must be confident and articulate , must have', phraseSpan: { start: 22, end: 32 } },
      { isSoftSkill: false, phrase: 'dynamic', text: 'a progressive and dynamic environment', phraseSpan: { start: 18, end: 25 } },
    ]);
  });
});

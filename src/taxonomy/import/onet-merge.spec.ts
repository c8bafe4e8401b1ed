import { addToEscoLabelIndex, aggregateExamples, autoMergeTarget, decideMerges, emptyEscoLabelIndex } from './onet-merge.js';
import { normalizeSurface, onetSkillId, slugify } from './taxonomy-ids.js';

const index = emptyEscoLabelIndex();
addToEscoLabelIndex(index, 'py', 'Python (computer programming)', ['Python', 'Python3']);
addToEscoLabelIndex(index, 'pg', 'PostgreSQL', ['Postgres', 'PostgreSQL']);
addToEscoLabelIndex(index, 'os', 'operating systems', ['Linux', 'Unix']);
addToEscoLabelIndex(index, 'scm', 'tools for software configuration management', ['git']);
addToEscoLabelIndex(index, 'a', 'Ada', ['SPARK']);
addToEscoLabelIndex(index, 'b', 'SPARK', []);

describe('autoMergeTarget', () => {
  it.each([
    ['PostgreSQL', 'pg'],
    ['postgresql', 'pg'],
    ['Python', 'py'],
    ['Linux', undefined],
    ['Git', undefined],
    ['Spark', undefined],
    ['Kubernetes', undefined],
  ])('%s → %s', (example, target) => {
    expect(autoMergeTarget(example, index)).toBe(target);
  });
});

describe('decideMerges', () => {
  const examples = aggregateExamples([
    { soc: '1', example: 'Python', commodityCode: '1', commodityTitle: null, hotTechnology: false, inDemand: false },
    { soc: '2', example: 'Python', commodityCode: '1', commodityTitle: null, hotTechnology: true, inDemand: false },
    { soc: '1', example: 'Oracle Java', commodityCode: '2', commodityTitle: null, hotTechnology: false, inDemand: true },
    { soc: '1', example: 'Linux', commodityCode: '3', commodityTitle: null, hotTechnology: false, inDemand: false },
    { soc: '1', example: 'Ghost', commodityCode: '3', commodityTitle: null, hotTechnology: false, inDemand: false },
  ]);

  it('flags are true when Y in any occupation row', () => {
    expect(examples.get('Python')).toMatchObject({ hotTechnology: true, inDemand: false, rows: 2 });
  });

  it('applies curated links, the automatic rule, the deny list, and keeps the rest as onet- skills', () => {
    const { decisions, warnings } = decideMerges(
      examples.values(),
      new Map([['Oracle Java', 'java'], ['Ghost', 'missing'], ['Not there', 'java']]),
      new Set(),
      index,
      (id) => id === 'java' || index.preferredOf.has(id),
    );
    expect(decisions.map((d) => [d.example.name, d.skillId, d.how])).toEqual([
      ['Python', 'py', 'auto'],
      ['Oracle Java', 'java', 'curated'],
      ['Linux', 'onet-linux', 'own'],
      ['Ghost', 'onet-ghost', 'own'],
    ]);
    expect(warnings).toEqual([expect.stringContaining('missing'), expect.stringContaining('"Not there"')]);
    const denied = decideMerges(examples.values(), new Map(), new Set(['python']), index, () => true);
    expect(denied.decisions[0]).toMatchObject({ skillId: 'onet-python', how: 'own' });
  });
});

describe('ids and surfaces', () => {
  it.each([
    ['Amazon Web Services AWS software', 'onet-amazon-web-services-aws-software'],
    ['Node.js', 'onet-node-js'],
    ['C++', 'onet-c'],
    ['  .NET  ', 'onet-net'],
  ])('onetSkillId(%j) = %s', (name, id) => expect(onetSkillId(name)).toBe(id));

  it('slugs and normalises', () => {
    expect(slugify('CI/CD')).toBe('ci-cd');
    expect(normalizeSurface('  Google \n Cloud\tPlatform ')).toBe('google cloud platform');
  });
});

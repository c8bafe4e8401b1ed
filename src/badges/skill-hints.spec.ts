import type { SkillHint } from './badge.types.js';
import { alignmentHints, dedupeHints, escoSkillUri, namedHints, onetSocCode } from './skill-hints.js';

const POSTGRES_ESCO = 'http://data.europa.eu/esco/skill/a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996';

describe('escoSkillUri', () => {
  it.each<[string, (string | null)[], string | undefined]>([
    ['the canonical http URI', [POSTGRES_ESCO], POSTGRES_ESCO],
    ['an https URI, normalised to http', ['https://data.europa.eu/esco/skill/a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996'], POSTGRES_ESCO],
    [
      'a URI percent-encoded inside an ESCO portal link',
      ['https://esco.ec.europa.eu/en/classification/skill?uri=http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2Fa8d07b5a-c1a1-42c6-9d53-db9c7a2ca996'],
      POSTGRES_ESCO,
    ],
    ['a transversal skill code', ['http://data.europa.eu/esco/skill/T1.1'], 'http://data.europa.eu/esco/skill/T1.1'],
    ['the second value when the first is not ESCO', ['https://example.org/x', POSTGRES_ESCO], POSTGRES_ESCO],
    ['an ESCO occupation URI', ['http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1'], undefined],
    ['no value', [null], undefined],
  ])('reads %s', (_case, values, expected) => {
    expect(escoSkillUri(...values)).toBe(expected);
  });
});

describe('onetSocCode', () => {
  it.each<[string, (string | null)[], string | undefined]>([
    ['a bare targetCode', ['15-1252.00'], '15-1252.00'],
    ['an O*NET OnLine URL', ['https://www.onetonline.org/link/summary/15-1252.00'], '15-1252.00'],
    ['a CCSS standard code', ['CCSS.ELA-Literacy.RST.11-12.3'], undefined],
    ['a CASE UUID', ['74f5bb7d-d7cc-11e8-824f-0242ac160002'], undefined],
    ['a SOC code without the O*NET extension', ['15-1252'], undefined],
  ])('reads %s', (_case, values, expected) => {
    expect(onetSocCode(...values)).toBe(expected);
  });
});

describe('alignmentHints', () => {
  it('reads Open Badges target* fields and the older name/url/code/framework fields', () => {
    expect(
      alignmentHints([
        { targetName: 'PostgreSQL', targetUrl: POSTGRES_ESCO, targetFramework: 'ESCO' },
        { name: 'Software Developers', url: 'https://www.onetonline.org/link/summary/15-1252.00', framework: 'O*NET-SOC 2019' },
        { targetCode: 'CCSS.Math.Content.HSA.CED.A.1' },
        { targetUrl: 'https://example.org/no-name' },
        'not an object',
      ]),
    ).toEqual<SkillHint[]>([
      { text: 'PostgreSQL', source: 'alignment', escoUri: POSTGRES_ESCO, framework: 'ESCO' },
      { text: 'Software Developers', source: 'alignment', onetSoc: '15-1252.00', framework: 'O*NET-SOC 2019' },
      { text: 'CCSS.Math.Content.HSA.CED.A.1', source: 'alignment' },
    ]);
  });

  it('reads a single alignment object written without a list', () => {
    expect(alignmentHints({ targetName: 'Teamwork' })).toEqual([{ text: 'Teamwork', source: 'alignment' }]);
  });
});

describe('namedHints', () => {
  it('reads strings and { name } objects, skipping blanks', () => {
    expect(namedHints(['Ruby', { id: 'x', name: ' Rails ' }, '', { id: 'y' }, 7], 'credly_skill')).toEqual([
      { text: 'Ruby', source: 'credly_skill' },
      { text: 'Rails', source: 'credly_skill' },
    ]);
  });
});

describe('dedupeHints', () => {
  it.each<[string, SkillHint[], SkillHint[]]>([
    [
      'keeps the alignment over a tag of the same text, whatever the order',
      [
        { text: 'kubernetes', source: 'tag' },
        { text: 'Kubernetes', source: 'alignment', framework: 'Example' },
      ],
      [{ text: 'Kubernetes', source: 'alignment', framework: 'Example' }],
    ],
    [
      'keeps the Credly skill over a tag, ignoring case and inner spaces',
      [
        { text: 'Machine  Learning', source: 'tag' },
        { text: 'machine learning', source: 'credly_skill' },
      ],
      [{ text: 'machine learning', source: 'credly_skill' }],
    ],
    [
      'keeps the first of two equal alignments and borrows the ESCO URI from the second',
      [
        { text: 'PostgreSQL', source: 'alignment', framework: 'Catalogue' },
        { text: 'PostgreSQL', source: 'alignment', escoUri: POSTGRES_ESCO, framework: 'ESCO' },
      ],
      [{ text: 'PostgreSQL', source: 'alignment', framework: 'Catalogue', escoUri: POSTGRES_ESCO }],
    ],
    [
      'orders strongest source first, then as given',
      [
        { text: 'b', source: 'tag' },
        { text: 'a', source: 'credly_skill' },
        { text: 'c', source: 'alignment' },
        { text: 'd', source: 'tag' },
      ],
      [
        { text: 'c', source: 'alignment' },
        { text: 'a', source: 'credly_skill' },
        { text: 'b', source: 'tag' },
        { text: 'd', source: 'tag' },
      ],
    ],
  ])('%s', (_case, hints, expected) => {
    expect(dedupeHints(hints)).toEqual(expected);
  });
});

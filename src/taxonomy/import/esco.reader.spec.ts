import { Readable } from 'node:stream';
import {
  detectEscoVersion, readEscoBroaderSkills, readEscoLanguageSkillUris, readEscoOccupations, readEscoOccupationSkills, readEscoSkillRelations, readEscoSkills,
} from './esco.reader.js';

const crlf = (...lines: string[]) => Readable.from([Buffer.from(lines.join('\r\n') + '\r\n')]);
const all = async <T>(source: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};
const SKILL = 'http://data.europa.eu/esco/skill/';

describe('ESCO readers', () => {
  it('reads skills with newline-separated labels inside one quoted cell, a blank skillType and a quoted comma', async () => {
    const skills = await all(readEscoSkills(crlf(
      'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description',
      `KnowledgeSkillCompetence,${SKILL}ccd0a1d9-afda-43d9-b901-96344886e14d,knowledge,cross-sector,Python (computer programming),"Python3`,
      'Python',
      `Python prog",,released,2023-01-01T00:00:00Z,,,"${SKILL.replace('skill/', 'concept-scheme/skills')},`,
      `http://data.europa.eu/esco/concept-scheme/member-skills","Techniques of software development, e.g. ""analysis"", in Python."`,
      `KnowledgeSkillCompetence,${SKILL}00000000-0000-4000-8000-000000000001,,,do something,,"hidden one`,
      `hidden two",released,2023-01-01T00:00:00Z,,,,`,
    )));
    expect(skills).toEqual([
      {
        id: 'ccd0a1d9-afda-43d9-b901-96344886e14d', uri: `${SKILL}ccd0a1d9-afda-43d9-b901-96344886e14d`, preferredLabel: 'Python (computer programming)',
        skillType: 'knowledge', altLabels: ['Python3', 'Python', 'Python prog'], hiddenLabels: [],
        description: 'Techniques of software development, e.g. "analysis", in Python.',
      },
      {
        id: '00000000-0000-4000-8000-000000000001', uri: `${SKILL}00000000-0000-4000-8000-000000000001`, preferredLabel: 'do something',
        skillType: 'skill/competence', altLabels: [], hiddenLabels: ['hidden one', 'hidden two'], description: null,
      },
    ]);
  });

  it('reads occupations with ISCO group and ESCO code', async () => {
    const [o] = await all(readEscoOccupations(crlf(
      'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code',
      'Occupation,http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34,2654,technical director,"head of technical',
      'technical manager",,released,2016-07-05T13:58:41Z,,,,x,Technical directors realise artistic visions.,2654.1.7',
    )));
    expect(o).toMatchObject({ id: '00030d09-2b3a-4efd-87cc-c4ea39d27c34', iscoCode: '2654', code: '2654.1.7', preferredLabel: 'technical director', altLabels: ['head of technical', 'technical manager'] });
  });

  it('keeps only skill-to-skill broader edges', async () => {
    const edges = await all(readEscoBroaderSkills(crlf(
      'conceptType,conceptUri,broaderType,broaderUri',
      'SkillGroup,http://data.europa.eu/esco/isced-f/00,SkillGroup,http://data.europa.eu/esco/skill/c46fcb45-5c14-4ffa-abed-5a43f104bb22',
      `KnowledgeSkillCompetence,${SKILL}a,SkillGroup,${SKILL}g`,
      `KnowledgeSkillCompetence,${SKILL}a,KnowledgeSkillCompetence,${SKILL}b`,
    )));
    expect(edges).toEqual([{ skillUri: `${SKILL}a`, relatedSkillUri: `${SKILL}b`, relation: 'broader' }]);
  });

  it('maps skill-skill and occupation-skill relation types', async () => {
    expect(await all(readEscoSkillRelations(crlf(
      'originalSkillUri,originalSkillType,relationType,relatedSkillType,relatedSkillUri',
      `${SKILL}a,knowledge,optional,knowledge,${SKILL}b`,
      `${SKILL}a,knowledge,essential,skill/competence,${SKILL}c`,
    )))).toEqual([
      { skillUri: `${SKILL}a`, relatedSkillUri: `${SKILL}b`, relation: 'related_optional' },
      { skillUri: `${SKILL}a`, relatedSkillUri: `${SKILL}c`, relation: 'related_essential' },
    ]);
    expect(await all(readEscoOccupationSkills(crlf('occupationUri,relationType,skillType,skillUri', `http://data.europa.eu/esco/occupation/o,essential,,${SKILL}a`))))
      .toEqual([{ occupationUri: 'http://data.europa.eu/esco/occupation/o', skillUri: `${SKILL}a`, relation: 'essential' }]);
    await expect(all(readEscoOccupationSkills(crlf('occupationUri,relationType,skillType,skillUri', 'o,sometimes,,s')))).rejects.toThrow(/unknown relationType/);
  });

  it('reads the language collection URIs', async () => {
    const uris = await readEscoLanguageSkillUris(crlf(
      'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,status,altLabels,description,broaderConceptUri,broaderConceptPT',
      `KnowledgeSkillCompetence,${SKILL}l1,skill/competence,transversal,write Hungarian,released,writing Hungarian | write Hungarian,Compose texts.,${SKILL}h,Hungarian`,
    ));
    expect([...uris]).toEqual([`${SKILL}l1`]);
  });

  it('fails on an unterminated quoted cell', async () => {
    await expect(all(readEscoSkills(crlf('conceptType,conceptUri,skillType,reuseLevel,preferredLabel', `K,${SKILL}ccd0a1d9-afda-43d9-b901-96344886e14d,knowledge,x,"open`)))).rejects.toThrow();
  });

  it.each([
    ['/data/esco/v1.1.1', undefined, '1.1.1'],
    ['/data/esco/v1.2.0/', undefined, '1.2.0'],
    ['/data/esco/latest', 'v1.2.1', '1.2.1'],
  ])('detects the version of %s (override %s) as %s', (dir, override, version) => {
    expect(detectEscoVersion(dir, override)).toBe(version);
  });

  it('asks for --esco-version when the directory name has none', () => {
    expect(() => detectEscoVersion('/data/esco/latest')).toThrow(/--esco-version/);
  });
});

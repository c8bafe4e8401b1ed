import { labelForm, titleSegments } from './title-normalize.js';

describe('titleSegments', () => {
  const cases: Array<[string, Array<[string[], string]>]> = [
    ['Senior Data Analyst (Remote)', [[['data', 'analyst'], 'analyst']]],
    ['Sr. Software Engineer III', [[['software', 'engineer'], 'engineer']]],
    ['Assistant Professor of Nursing', [[['professor', 'nursing'], 'professor']]],
    ['Director of Engineering - Platform', [[['director', 'engineering'], 'director'], [['platform'], 'platform']]],
    ['Data Engineer, Microservices Architect', [[['data', 'engineer'], 'engineer'], [['microservice', 'architect'], 'architect']]],
    ['Softwareentwickler Testautomatisierung (m/w/d)', [[['software', 'developer', 'testautomatisierung'], 'testautomatisierung']]],
    ['Bankkaufmann/-frau (m/w/d)', [[['bankkaufmann'], 'bankkaufmann']]],
    ['Front-End Developers & UX', [[['front', 'end', 'developer', 'ux'], 'ux']]],
    ['Family Nurse Practitioner or Physician Assistant', [[['family', 'nurse', 'practitioner'], 'practitioner'], [['physician', 'assistant'], 'assistant']]],
    ['VP Sales', [[['vice', 'president', 'sale'], 'sale']]],
    ['Pharmacy Tech', [[['pharmacy', 'technician'], 'technician']]],
    ['Part Time', []],
  ];
  it.each(cases)('%s', (title, expected) => {
    expect(titleSegments(title).map((s) => [s.tokens, s.head])).toEqual(expected);
  });
});

describe('labelForm', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['Nursing Instructors and Teachers, Postsecondary', ['nursing', 'instructor', 'teacher'], ['teacher', 'instructor']],
    ['Computer Systems Engineers/Architects', ['computer', 'system', 'engineer', 'architect'], ['architect', 'engineer']],
    ['head of research and development', ['head', 'research', 'development'], ['head']],
    ['contract engineer', ['contract', 'engineer'], ['engineer']],
  ];
  it.each(cases)('%s', (label, tokens, heads) => {
    expect(labelForm(label)).toEqual({ tokens, heads });
  });
});

import { parseDuration, readCourseraCatalogue, splitSkills } from './coursera-reader.js';

const HEADER = 'partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility';

describe('parseDuration', () => {
  it.each([
    [' 3 - 6 Months', { min: 3, max: 6, unit: 'months', text: '3 - 6 Months' }],
    [' 1 - 4 Weeks', { min: 1, max: 4, unit: 'weeks', text: '1 - 4 Weeks' }],
    [' Less Than 2 Hours', { min: null, max: 2, unit: 'hours', text: 'Less Than 2 Hours' }],
    [' 24 meses.', { min: 24, max: 24, unit: 'months', text: '24 meses.' }],
    [' 18 a 24 meses', { min: 18, max: 24, unit: 'months', text: '18 a 24 meses' }],
    [' 3 \u2013 6 years', { min: 3, max: 6, unit: 'years', text: '3 \u2013 6 years' }],
    [' 4-6 months to complete', { min: 4, max: 6, unit: 'months', text: '4-6 months to complete' }],
    [' 2 to 4 years depending on beginning credits and course load', { min: 2, max: 4, unit: 'years', text: '2 to 4 years depending on beginning credits and course load' }],
    [' 15+ hours of study/wk per course', null],
    ['None', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });
});

describe('splitSkills', () => {
  it.each([
    ['SQL, Tableau Software', ['SQL', 'Tableau Software']],
    ['Data Management, Extract, Transform, Load, Microsoft Excel', ['Data Management', 'Extract, Transform, Load', 'Microsoft Excel']],
    ['Linux,  Linux , None,', ['Linux']],
  ])('%j → %j', (cell, expected) => {
    expect(splitSkills(cell)).toEqual(expected);
  });
});

describe('readCourseraCatalogue', () => {
  // Rows in the file's real shape: stray spaces, "None", a review count and a metadata line where skills belong,
  // a certificate type shifted into `level`, and a course repeated with an empty row before its full one.
  const csv = [
    HEADER,
    'IBM,IBM DevOps and Software Engineering,,,,,None,None,False',
    'Google,Google Data Analytics,"Data Analysis, R Programming, SQL, Extract, Transform, Load, Tableau Software",4.8,133400.0,Beginner , Professional Certificate , 3 - 6 Months,True',
    'IBM,IBM DevOps and Software Engineering,"DevOps, Kubernetes, Docker (Software)",4.6,43200.0,Beginner , Professional Certificate , 3 - 6 Months,False',
    'Yale University,The Science of Well-Being,(36.9k reviews),4.9,36900.0,Mixed , Course , 1 - 3 Months,False',
    'University of Michigan,Some Course,Beginner · Course · 1 - 3 Months,,,None,None,None,False',
    'DeepLearning.AI,Generative AI for Everyone,Course,,,Course,None,None,False',
    'Google,Google Project Management:,"Project Management, Scrum (Software Development)",4.8,97300.0,Beginner , Professional Certificate , 3 - 6 Months,True',
    'Google,Google Data Analytics,"Data Analysis, R Programming, SQL, Extract, Transform, Load, Tableau Software",4.8,133400.0,Beginner , Professional Certificate , 3 - 6 Months,True',
  ].join('\n');

  const { courses, stats } = readCourseraCatalogue(csv);

  it('keeps one course per partner and name, the richest row winning', () => {
    expect(courses.map((c) => c.id)).toEqual([
      'coursera-ibm-ibm-devops-and-software-engineering',
      'coursera-google-google-data-analytics',
      'coursera-yale-university-the-science-of-well-being',
      'coursera-university-of-michigan-some-course',
      'coursera-deeplearning-ai-generative-ai-for-everyone',
      'coursera-google-google-project-management',
    ]);
    expect(stats).toEqual({ rows: 8, courses: 6, duplicateRows: 2, junkSkillCells: 3, unparsedDurations: [] });
  });

  it('reads skills, level, kind and duration of a full row', () => {
    expect(courses[1]).toEqual({
      id: 'coursera-google-google-data-analytics',
      partner: 'Google',
      course: 'Google Data Analytics',
      skills: ['Data Analysis', 'R Programming', 'SQL', 'Extract, Transform, Load', 'Tableau Software'],
      level: 'beginner',
      kind: 'professional-certificate',
      duration: { min: 3, max: 6, unit: 'months', text: '3 - 6 Months' },
    });
    expect(courses[0]!.skills).toEqual(['DevOps', 'Kubernetes', 'Docker (Software)']);
  });

  it('reads no skills out of review counts, metadata lines or certificate types, and takes a type shifted into level', () => {
    expect(courses.slice(2, 5).map((c) => [c.skills, c.level, c.kind])).toEqual([
      [[], 'mixed', 'course'],
      [[], null, 'other'],
      [[], null, 'course'],
    ]);
  });

  it('drops the trailing colon of a course name', () => {
    expect(courses[5]!.course).toBe('Google Project Management');
  });

  it('refuses a file without the skills column', () => {
    expect(() => readCourseraCatalogue('partner,course\nA,B\n')).toThrow('no "skills" column');
  });
});

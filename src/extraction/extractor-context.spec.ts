/**
 * Issue 4 cases: ambiguous tool names, masked URLs, required/preferred scope, sections, negation lists, verb forms
 * and years of experience. Each row is a sentence of a kind, with the exact expected result.
 */
import type { AliasEntry, ExtractedSkill } from './extraction.types.js';
import { SkillExtractor } from './extractor.js';

type Flags = Partial<Pick<AliasEntry, 'kind' | 'caseSensitive' | 'ambiguous' | 'label'>>;
const alias = (skillId: string, surface: string, flags: Flags = {}): AliasEntry =>
  ({ skillId, label: surface, surface, kind: 'curated', caseSensitive: false, ambiguous: false, ...flags });
const TOOL: Flags = { kind: 'onet_example', caseSensitive: true, ambiguous: true };

const extractor = SkillExtractor.compile([
  alias('react', 'React', TOOL), alias('slack', 'Slack', TOOL), alias('rails', 'Ruby on Rails', { kind: 'onet_example' }),
  alias('rails', 'Rails', TOOL), alias('excel', 'Microsoft Excel', { kind: 'onet_example' }), alias('excel', 'Excel', TOOL),
  alias('swift', 'Swift', TOOL), alias('swift', 'SwiftUI'), alias('rust', 'Rust', TOOL), alias('spark', 'Spark', TOOL),
  alias('go', 'Go', TOOL), alias('less', 'less', { ambiguous: true }), alias('express', 'Express', TOOL),
  alias('ios', 'iOS'), alias('python', 'Python'), alias('django', 'Django'), alias('objc', 'Objective-C'),
  alias('android', 'Android'), alias('r', 'R', TOOL), alias('sas', 'SAS'), alias('stata', 'Stata'), alias('sql', 'SQL'),
  alias('java', 'Java'), alias('docker', 'Docker'), alias('aws', 'AWS'), alias('teamwork', 'teamwork'),
  alias('nlp', 'natural language processing', { kind: 'preferred' }), alias('nlp', 'NLP'),
  alias('budgets', 'manage budgets', { kind: 'preferred' }), alias('patients', 'advise patients', { kind: 'alt' }),
  alias('frontend', 'front-end development'), alias('cpp', 'C++'), alias('csharp', 'C#'), alias('dotnet', '.NET'),
  alias('nodejs', 'Node.js'), alias('cicd', 'CI/CD'), alias('dashboards', 'dashboard'), alias('email', 'e-mail'),
  alias('sales', 'sales', { ambiguous: true, label: 'sell services' }), alias('medicine', 'medicine', { kind: 'preferred' }),
  alias('hr', 'human resources'), alias('apply', 'application process', { kind: 'preferred' }),
  alias('act', 'Act!', { kind: 'preferred', caseSensitive: true, ambiguous: true }), alias('forth', 'Forth', { kind: 'preferred' }),
]);

const ids = (text: string): string[] => extractor.extract(text).map((s) => s.skillId);
const field = <K extends keyof ExtractedSkill>(text: string, key: K) =>
  Object.fromEntries(extractor.extract(text).map((s) => [s.skillId, s[key] ?? null]));

describe('ambiguous tool names need corroboration', () => {
  it.each<[string, string[]]>([
    ['Line cook. You must react fast when the menu changes, pick up the slack on busy nights, wipe the guard rails and excel at teamwork.',
      ['teamwork']],
    ['Build the UI in React 18 and the iOS app in Swift; team chat runs on Slack.', ['react', 'ios', 'swift', 'slack']],
    // Sentence case is not corroboration, even with a technology in the same sentence.
    ['Excel at teamwork and Python. Spark joy with Docker. Rust stays on AWS.', ['teamwork', 'python', 'docker', 'aws']],
    ['Swift response times, React quickly to incidents.', []],
    ['Excel skills are a must. React developer wanted. Go programming in Docker.', ['excel', 'react', 'go', 'docker']],
    // Lower-case ordinary use never counts, whatever the preposition.
    ['Replies in less than a day; sales data with Python.', ['python']],
    ['Experience in sales.', ['sales']],
    ['Rails, Docker and Ruby on Rails; React, Express and Node.js', ['rails', 'docker', 'react', 'express', 'nodejs']],
    // Part of a proper name.
    ['Reports under the Clery Act and the Crime Statistics Act; Taylor Swift tickets.', []],
    ['Requirements set forth in Executive Order 1083.', []],
    ['Experience with Microsoft Excel, Go and Rust.', ['excel', 'go', 'rust']],
  ])('%j', (text, expected) => expect(ids(text)).toEqual(expected));
});

describe('URLs, e-mail addresses and paths never count', () => {
  it.each<[string, string[]]>([
    ['Source: https://jobs.example.com/9?includeCompensation=true · Hours 9–5 ET · Apply: hr@rust-freight.example', []],
    ['See www.python.org/django or write to react@slack.example.com', []],
  ])('%j', (text, expected) => expect(ids(text)).toEqual(expected));
});

describe('required vs preferred, with the right scope', () => {
  it.each<[string, Record<string, string | null>]>([
    ['Python is mandatory. Django is a plus.', { python: 'required', django: 'preferred' }],
    ['Python is mandatory, Django is a plus.', { python: 'required', django: 'preferred' }],
    ['Swift, SwiftUI, Objective-C; Android a plus', { swift: null, objc: null, android: 'preferred' }],
    ['Strong background in R and SAS; familiarity with Stata preferred', { r: null, sas: null, stata: 'preferred' }],
    ['Experience with Python, Java, or Docker is a plus.', { python: 'preferred', java: 'preferred', docker: 'preferred' }],
    ['Nice to have: Docker, AWS and SQL', { docker: 'preferred', aws: 'preferred', sql: 'preferred' }],
    ['Bonus points for Docker, AWS or SQL.', { docker: 'preferred', aws: 'preferred', sql: 'preferred' }],
    ['Required: Python; Docker preferred.', { python: 'required', docker: 'preferred' }],
    ['Docker preferred. Python, SQL and AWS.', { docker: 'preferred', python: null, sql: null, aws: null }],
    ['Preferred:\n- Docker\nResponsibilities:\nWe use Python daily.', { docker: 'preferred', python: null }],
    ['Must have Python, SQL and AWS.', { python: 'required', sql: 'required', aws: 'required' }],
  ])('%j', (text, expected) => expect(field(text, 'requirement')).toEqual(expected));
});

describe('sections', () => {
  const posting = [
    'About us', 'We build Django tools and love Docker.', '', 'Responsibilities:', '- Ship Python services', '',
    'Requirements:', '- SQL', '- AWS', '', 'What we offer:', '- Java training budget', '- Docker swag', '',
    'How to apply', 'Contact human resources about the application process.',
  ].join('\n');
  it('labels each skill with its section and drops boilerplate-only skills', () => {
    expect(field(posting, 'section')).toEqual({ python: 'responsibilities', sql: 'requirements', aws: 'requirements' });
  });
  it.each<[string, string[]]>([
    ['Send inquiries to the College of Medicine; contact Human Resources about the application process.', []],
    ['For questions about the application process, contact human resources.', []],
    ['Faculty in the Department of Medicine teach medicine and Python.', ['medicine', 'python']],
    // The head of an organisation name may open its line.
    ['Open rank.\nDepartment of Medicine\nYou will teach Python.', ['python']],
    ['We are an equal opportunity employer and do not discriminate; teamwork matters.', []],
  ])('%j', (text, expected) => expect(ids(text)).toEqual(expected));
});

describe('negation ends at its clause or sentence', () => {
  it.each<[string, string[]]>([
    ['The role does not involve Python. Java required.', ['java']],
    ['No Python, Java or Docker required; SQL is.', ['sql']],
    ['Docker not needed, but AWS is.', ['aws']],
    ['No experience needed, we train you. Python is used daily.', ['python']],
    ['Without Docker? Fine. We run AWS.', ['aws']],
  ])('%j', (text, expected) => expect(ids(text)).toEqual(expected));
});

describe('surface variety', () => {
  it.each<[string, string[]]>([
    ['Experience managing budgets and advising patients.', ['budgets', 'patients']],
    ['She manages budgets.', ['budgets']],
    // The noun-phrase form of a "verb object" label (compile rule 12).
    ['Budget management and advising patients.', ['budgets', 'patients']],
    ['Natural language processing (NLP)', ['nlp']],
    ['C++, C#, .NET, Node.js and CI/CD; front end development; e-mail and email dashboards.',
      ['cpp', 'csharp', 'dotnet', 'nodejs', 'cicd', 'frontend', 'email', 'dashboards']],
  ])('%j', (text, expected) => expect(ids(text)).toEqual(expected));

  it('says when a verb form matched', () => {
    expect(extractor.extract('managing budgets')[0].reasons).toEqual(['alias "manage budgets" (preferred, "-ing" form)']);
    expect(extractor.extract('budget management')[0].reasons).toEqual(['alias "manage budgets" (preferred, noun form)']);
  });
});

describe('years of experience', () => {
  it.each<[string, Record<string, number | null>]>([
    ['5+ years of Python', { python: 5 }],
    ['3-5 years of experience with SQL, Java and Docker', { sql: 3, java: 3, docker: 3 }],
    ['3 to 5 years with AWS; Docker', { aws: 3, docker: null }],
    ['Python (2+ years), SQL: 4 years', { python: 2, sql: 4 }],
    ['Minimum of five years of Java experience.', { java: 5 }],
    ['Python for 10 people over 2 weeks', { python: null }],
  ])('%j', (text, expected) => expect(field(text, 'yearsOfExperience')).toEqual(expected));
});

describe('words that do not name the skill where they stand', () => {
  const words = SkillExtractor.compile([
    alias('english', 'English', { kind: 'preferred' }), alias('danish', 'Danish', { kind: 'preferred' }),
    alias('teamwork', 'collaboration'), alias('teaching', 'teaching'), alias('python', 'Python'),
    alias('teaching-methods', 'teaching methods', { kind: 'preferred' }),
    alias('personal-development', 'personal development', { kind: 'preferred' }),
    alias('drugs', 'medicines', { kind: 'preferred' }), alias('drugs', 'medicine', { kind: 'alt', label: 'medicines' }),
    alias('politics', 'political', { kind: 'alt', label: 'politics' }), alias('politics', 'politics', { kind: 'preferred' }),
    alias('devops', 'DevOps'), alias('pm', 'project management', { kind: 'preferred' }),
    alias('testing', 'testing'), alias('testing', 'Testing'), alias('aws', 'AWS'),
    alias('philosophy', 'philosophy', { kind: 'preferred' }), alias('teach-philosophy', 'teach philosophy', { kind: 'preferred' }),
  ]);
  const found = (text: string): string[] => words.extract(text).map((s) => s.skillId);
  it.each<[string, string[]]>([
    // A language name before a noun is a nationality adjective; the language itself stays.
    ['Research within Danish law at Danish universities.', []],
    ['Fluent Danish and English required; English skills.', ['danish', 'english']],
    ['Courses are taught in English.', ['english']],
    // "in collaboration with" means "together with"; collaboration as a skill stays.
    ['The project is run in close collaboration with partners, in collaboration with industry.', []],
    ['Strong collaboration and Python.', ['teamwork', 'python']],
    // A plain word modifying an application document or post.
    ['Attach a teaching portfolio and a teaching statement.', []],
    ['Teaching experience and teaching methods.', ['teaching', 'teaching-methods']],
    // What postings offer, and vetoed aliases that name another concept (medicine the discipline, not drug products).
    ['We offer personal development and training.', []],
    ['Department of Medicine; political science; medicines and politics.', ['drugs', 'politics']],
    // A skill right before a unit or (for plain words) a role noun names the unit or the role.
    ['Join our DevOps teams and the project management department; project managers report to you.', []],
    ['Experience in DevOps and project management.', ['devops', 'pm']],
    // A sentence whose subject is the application lists documents to send.
    ['The application must include a CV and a statement of teaching experience.', []],
    ['Applications should contain Python samples.', []],
    ['Teaching experience and Python are required.', ['teaching', 'python']],
    // A teaching philosophy is a document: neither "teach philosophy" ("-ing" form vetoed) nor philosophy.
    ['Send a teaching philosophy; you will teach philosophy and Python.', ['teach-philosophy', 'python']],
  ])('%j', (text, expected) => expect(found(text)).toEqual(expected));

  it.each<[string, string[]]>([
    // Technology areas named by everyday words count, in either case, only with corroboration.
    ['Experience in testing.', ['testing']],
    ['You do testing on AWS.', ['testing', 'aws']],
    ['Testing on AWS.', ['aws']],
    ['testing and Python', ['testing', 'python']],
    ['The testing of soil samples.', []],
    ['Testing the waters.', []],
  ])('contextual word: %j', (text, expected) => expect(found(text)).toEqual(expected));

  it('counts what the compile rules dropped', () => {
    expect(words.stats.dropped).toMatchObject({ offered: 1, vetoed: 2 });
  });
});

import type { AliasEntry, ExtractedSkill } from './extraction.types.js';
import { SkillExtractor } from './extractor.js';

type Flags = Partial<Pick<AliasEntry, 'kind' | 'caseSensitive' | 'ambiguous'>>;

function alias(skillId: string, surface: string, flags: Flags = {}): AliasEntry {
  return { skillId, label: surface, surface, kind: 'curated', caseSensitive: false, ambiguous: false, ...flags };
}

const AMBIGUOUS_CS: Flags = { caseSensitive: true, ambiguous: true };

const ALIASES: AliasEntry[] = [
  alias('python', 'Python'), alias('sql', 'SQL'), alias('terraform', 'Terraform'), alias('cpp', 'C++'),
  alias('csharp', 'C#'), alias('fsharp', 'F#'), alias('dotnet', '.NET'), alias('aspnet', 'ASP.NET'),
  alias('nodejs', 'Node.js'), alias('objc', 'Objective-C'), alias('aws', 'AWS'), alias('ios', 'iOS'),
  alias('cicd', 'CI/CD'), alias('tcpip', 'TCP/IP'), alias('plsql', 'PL/SQL'), alias('k8s', 'k8s'),
  alias('k8s', 'Kubernetes'), alias('typescript', 'TypeScript'), alias('java', 'Java'), alias('docker', 'Docker'),
  alias('javascript', 'JavaScript'), alias('javascript', 'JS'), alias('dashboards', 'dashboard'),
  alias('spreadsheets', 'spreadsheet'), alias('frontend', 'front-end development'), alias('email', 'email'),
  alias('excel-tool', 'Microsoft Excel', { kind: 'onet_example' }), alias('machine-learning', 'machine learning'),
  alias('ml-ops', 'machine learning operations'), alias('project-mgmt', 'project management', { kind: 'preferred' }),
  alias('go', 'Go', AMBIGUOUS_CS), alias('r', 'R', AMBIGUOUS_CS), alias('c', 'C', AMBIGUOUS_CS),
  alias('react', 'React', { ambiguous: true }), alias('swift', 'Swift', { ambiguous: true }),
  alias('spark', 'Spark', { ambiguous: true }), alias('excel-tool', 'Excel', { ambiguous: true }),
  alias('rust', 'Rust', { ambiguous: true }),
  // Compile policy: these must never match.
  alias('noise-stop', 'and', { kind: 'alt' }), alias('noise-short', 'ux', { kind: 'alt' }),
  alias('noise-common', 'equipment', { kind: 'alt' }), alias('noise-fragment', 'and procedures', { kind: 'alt' }),
  // ESCO-style labels: a loose single-word synonym and a hidden label.
  { skillId: 'statistics', label: 'statistics', surface: 'figures', kind: 'alt', caseSensitive: false, ambiguous: false },
  { skillId: 'statistics', label: 'statistics', surface: 'statistical analysis', kind: 'hidden', caseSensitive: false, ambiguous: false },
  // "SQL" is SQL's own label and only an alt label of a broader skill: one span, one skill.
  { skillId: 'dbms', label: 'database management systems', surface: 'SQL', kind: 'alt', caseSensitive: false, ambiguous: false },
  { skillId: 'dbms', label: 'database management systems', surface: 'database management systems', kind: 'preferred', caseSensitive: false, ambiguous: false },
  // A capitalised ESCO alt label names a product ("Source", a game engine).
  { skillId: 'source-engine', label: 'Source (digital game creation systems)', surface: 'Source', kind: 'alt', caseSensitive: false, ambiguous: false },
];

const extractor = SkillExtractor.compile(ALIASES);

function ids(text: string): string[] {
  return extractor.extract(text).map((s) => s.skillId);
}

function byId(text: string): Map<string, ExtractedSkill> {
  return new Map(extractor.extract(text).map((s) => [s.skillId, s]));
}

describe('SkillExtractor.extract: which skills', () => {
  it.each<[string, string[]]>([
    ['Python & SQL\nTerraform', ['python', 'sql', 'terraform']],
    ['Needs C++. Strong C# on .NET 8; tooling in Node.js; some Objective-C; hosting on AWS; iOS apps.',
      ['cpp', 'csharp', 'dotnet', 'nodejs', 'objc', 'aws', 'ios']],
    ['Services in Go, statistics in R, firmware in C.', ['go', 'r', 'c']],
    ['Going forward you will own go-to-market reporting; there are no red flags.', []],
    ['Experience with dashboards and spreadsheets', ['dashboards', 'spreadsheets']],
    ['front-end development', ['frontend']],
    ['front end development', ['frontend']],
    ['frontend development', ['frontend']],
    ['Send your CV to jobs@python.org or see https://example.com/react/docs', []],
    ['We use React and TypeScript', ['react', 'typescript']],
    ['Customers react quickly', []],
    ['No Java required. Strong Python required.', ['python']],
    ['Nice to have: Docker', ['docker']],
    // Symbols survive, ordinary punctuation splits.
    ['(Python), AWS; C++. F#: ASP.NET', ['python', 'aws', 'cpp', 'fsharp', 'aspnet']],
    ['CI/CD pipelines over TCP/IP with PL/SQL', ['cicd', 'tcpip', 'plsql']],
    ['We run k8s (Kubernetes) and JS', ['k8s', 'javascript']],
    ['e-mail campaigns and email', ['email']],
    // Case-sensitive single letters never match inside a longer token.
    ['R&D budget, C-suite access, C/C++ firmware', ['c', 'cpp']],
    ['R Studio users, C. Smith, Plan B', []],
    ['Go-live support; GO team; go fast', []],
    // Ambiguous words need corroboration.
    ['Experience in Go 1.22 and Swift 5', ['go', 'swift']],
    ['Spark joy. Excel at teamwork. Rust never sleeps.', []],
    ['Pipelines with Spark, Docker and Kubernetes', ['spark', 'docker', 'k8s']],
    ['Build dashboards in Excel', ['dashboards', 'excel-tool']],
    ['Microsoft Excel and Excel power users', ['excel-tool']],
    ['React, TypeScript, Go and Rust', ['react', 'typescript', 'go', 'rust']],
    // Longest match wins.
    ['machine learning operations and machine learning', ['ml-ops', 'machine-learning']],
    // Compile policy: stop words, lower-case 1-2 letters, everyday words, fragments never compile.
    ['Go and go to the ux equipment room and procedures', []],
    // URLs, e-mails and paths are masked.
    ['Repo at github.com/acme/terraform-modules, logs in /var/log/python/app.log', []],
    // A span that is one skill's label and another's alt label gives the first only.
    ['Strong SQL; database management systems', ['sql', 'dbms']],
    // A capitalised product name among ESCO's alt labels matches only in its own case.
    ['Build it from source; open source tools', []],
    ['Levels built with Source and Docker', ['source-engine', 'docker']],
    // Equal-opportunity boilerplate is not a requirement.
    ['We hire without regard to race, color, religion, sex, pregnancy or statistical analysis.', []],
  ])('%j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});

describe('SkillExtractor.extract: spans', () => {
  it('gives UTF-16 offsets of the source substrings', () => {
    const text = 'Needs C++. Strong C# on .NET 8; tooling in Node.js; some Objective-C; hosting on AWS; iOS apps.';
    const skills = extractor.extract(text);
    expect(skills.map((s) => s.spans.map((sp) => sp.text))).toEqual([['C++'], ['C#'], ['.NET'], ['Node.js'], ['Objective-C'], ['AWS'], ['iOS']]);
    for (const s of skills) for (const sp of s.spans) expect(text.slice(sp.start, sp.end)).toBe(sp.text);
    expect(skills[0].spans[0]).toEqual({ start: 6, end: 9, text: 'C++' });
  });

  it('keeps every mention of a skill, across hyphen variants', () => {
    const text = '🚀 front-end development, then front end development';
    const [skill] = extractor.extract(text);
    expect(skill.spans).toEqual([
      { start: 3, end: 24, text: 'front-end development' },
      { start: 31, end: 52, text: 'front end development' },
    ]);
  });
});

describe('SkillExtractor.extract: requirement and negation', () => {
  it.each<[string, Record<string, string | null>]>([
    ['No Java required. Strong Python required.', { python: 'required' }],
    ['Nice to have: Docker', { docker: 'preferred' }],
    // Terraform, named only under "About us", is about the company, not asked for (it was kept before, unstated).
    ['Requirements:\n- Python\n- SQL\nNice to have:\n- Docker\nAbout us:\n- Terraform', {
      python: 'required', sql: 'required', docker: 'preferred' }],
    ['Python is a must; Docker is a plus.', { python: 'required', docker: 'preferred' }],
    ['Minimum qualifications: SQL. Preferred qualifications: Terraform.', { sql: 'required', terraform: 'preferred' }],
    ['You will write Python.', { python: null }],
    ['Python preferred. Python required.', { python: 'required' }],
    ['The role does not involve Excel, but SQL is required.', { sql: 'required' }],
    ['Docker not needed; AWS experience is mandatory', { aws: 'required' }],
    ['Including but not limited to Python and SQL', { python: null, sql: null }],
    ['Not only Python but also Java', { python: null, java: null }],
    ['Without Docker experience? Apply anyway. We use Docker daily.', { docker: null }],
  ])('%j', (text, expected) => {
    const found = byId(text);
    expect(Object.fromEntries([...found].map(([id, s]) => [id, s.requirement]))).toEqual(expected);
  });
});

describe('SkillExtractor.extract: confidence and reasons', () => {
  it.each<[string, string, number, string[]]>([
    ['We use JS', 'javascript', 0.9, ['alias "JS" (curated)']],
    ['Services in Go.', 'go', 0.7, ['ambiguous "Go" corroborated by "in Go"']],
    ['We use React and TypeScript', 'react', 0.8, ['ambiguous "React" corroborated by "use React", "TypeScript" nearby']],
    ['React, TypeScript', 'react', 0.6, ['ambiguous "React" corroborated by "TypeScript" nearby']],
    ['Experience with Spark', 'spark', 0.8, ['ambiguous "Spark" corroborated by "Experience with Spark"']],
    ['C++ and C++ and C++ and C++', 'cpp', 0.99, ['alias "C++" (curated)', '4 mentions']],
    ['project management', 'project-mgmt', 0.9, ['alias "project management" (preferred)']],
    ['statistical analysis', 'statistics', 0.65, ['alias "statistical analysis" (hidden)']],
  ])('%j -> %s %d', (text, id, confidence, reasons) => {
    const skill = byId(text).get(id);
    expect(skill && { confidence: skill.confidence, reasons: skill.reasons }).toEqual({ confidence, reasons });
  });

  it('drops weak evidence at the default threshold and keeps it when asked', () => {
    expect(ids('React quickly')).toEqual([]);
    expect(extractor.extract('React quickly', { minConfidence: 0.2 }).map((s) => [s.skillId, s.confidence, s.reasons]))
      .toEqual([['react', 0.3, ['ambiguous "React" without corroboration']]]);
    expect(extractor.extract('the figures say', { minConfidence: 0 }).map((s) => [s.skillId, s.confidence]))
      .toEqual([['statistics', 0.3]]);
  });
});

describe('SkillExtractor.compile', () => {
  it('reports what it compiled and dropped', () => {
    const { stats } = extractor;
    expect(stats.aliasesSeen).toBe(ALIASES.length);
    expect(stats.dropped).toEqual({ empty: 0, dangling: 1, stopWord: 1, short: 1, common: 1, duplicate: 0, offered: 0, vetoed: 0 });
    // "front-end development" and "Objective-C" compile split and joined; the ESCO label "database management
    // systems" also compiles its "-ing" form (rule 10).
    expect(extractor.size).toBe(ALIASES.length - 4 + 2 + 1);
  });

  // How fast it compiles is measured by `npm run bench:extraction` (compile time is printed), not asserted here.
  it('compiles 100k synthetic aliases, each reachable', () => {
    const many: AliasEntry[] = [];
    for (let i = 0; i < 100_000; i++) many.push(alias(`s${i % 20_000}`, `skill ${i.toString(36)} tool ${i % 97}`));
    const big = SkillExtractor.compile(many);
    expect(big.size).toBe(100_000);
    expect(big.extract('We need skill 2s tool 3 and skill zz tool 0.').map((s) => s.spans[0].text))
      .toEqual(['skill 2s tool 3']);
  });
});

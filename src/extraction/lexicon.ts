/**
 * Word lists behind the extractor's policies. Entries are written as plain words and stored as normalised keys
 * (see `normalizeToken`), so "requirements" in text meets "requirement" here.
 */
import { normalizeToken } from './normalize.js';

function keys(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(normalizeToken));
}

function phrases(list: readonly (readonly string[])[]): readonly (readonly string[])[] {
  return list.map((p) => p.map(normalizeToken));
}

/**
 * Function words and very generic single words. A single-token alias whose key is listed never compiles
 * (unless the taxonomy marks it case-sensitive, e.g. "IT"), because it would fire on almost every posting.
 */
export const STOP_WORDS: ReadonlySet<string> = keys([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'if', 'then', 'else', 'of', 'in', 'on', 'at', 'to', 'for', 'from',
  'by', 'with', 'without', 'within', 'into', 'onto', 'over', 'under', 'about', 'above', 'below', 'up', 'down',
  'out', 'off', 'as', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'done',
  'have', 'has', 'had', 'having', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must',
  'it', 'its', 'this', 'that', 'these', 'those', 'there', 'here', 'what', 'which', 'who', 'whom', 'whose',
  'when', 'where', 'why', 'how', 'all', 'any', 'both', 'each', 'few', 'more', 'most', 'other', 'some', 'such',
  'no', 'not', 'only', 'own', 'same', 'so', 'than', 'too', 'very', 'just', 'also', 'we', 'you', 'your', 'our',
  'they', 'them', 'their', 'he', 'she', 'his', 'her', 'i', 'me', 'my', 'us', 'one', 'two', 'new', 'use', 'using',
  'work', 'working', 'job', 'role', 'team', 'year', 'experience', 'skill', 'ability', 'knowledge', 'good',
  'strong', 'excellent', 'well', 'other', 'etc', 'e.g', 'i.e', 'via', 'per', 'plus', 'including', 'include',
  'like', 'make', 'take', 'get', 'give', 'go', 'see', 'set', 'run', 'time', 'day', 'way', 'part', 'level',
]);

/**
 * Everyday words that ESCO uses as single-word alternative labels ("equipment", "design", "report", "term") or
 * O*NET as product names ("Analyze"). A single-word ESCO alias with one of these keys never compiles; a
 * single-word O*NET/curated alias with one becomes ambiguous (needs corroborating context).
 */
export const COMMON_WORDS: ReadonlySet<string> = keys([
  'ability', 'access', 'account', 'action', 'activity', 'advice', 'analysis', 'analyze', 'answer', 'area', 'art',
  'assist', 'attention', 'balance', 'base', 'brand', 'budget', 'build', 'business', 'care', 'case', 'change',
  'check', 'class', 'client', 'code', 'community', 'company', 'computer', 'condition', 'contact', 'content',
  'control', 'coordination', 'cost', 'course', 'create', 'current', 'customer', 'data', 'deal', 'decision',
  'delivery', 'design', 'detail', 'development', 'diet', 'direction', 'discipline', 'document', 'drive',
  'education', 'effect', 'energy', 'environment', 'equipment', 'event', 'evidence', 'example', 'experience',
  'fact', 'field', 'file', 'finance', 'financial', 'focus', 'form', 'function', 'goal', 'ground', 'group',
  'growth', 'guide', 'health', 'hearing', 'help', 'history', 'home', 'idea', 'image', 'impact', 'industry',
  'information', 'interest', 'issue', 'item', 'key', 'land', 'language', 'law', 'lead', 'learning', 'life',
  'light', 'line', 'list', 'load', 'local', 'lock', 'machine', 'maintain', 'management', 'manager', 'map',
  'market', 'material', 'matter', 'measure', 'media', 'meeting', 'member', 'method', 'model', 'money',
  'monitor', 'move', 'music', 'nature', 'need', 'network', 'note', 'number', 'object', 'office', 'order',
  'organization', 'organisation', 'outcome', 'owner', 'page', 'paper', 'party', 'patient', 'pay', 'people',
  'performance', 'period', 'person', 'picture', 'place', 'plan', 'planning', 'plant', 'point', 'policy',
  'position', 'power', 'practice', 'pressure', 'price', 'problem', 'procedure', 'process', 'product',
  'production', 'program', 'programme', 'progress', 'project', 'property', 'provide', 'public', 'purpose',
  'quality', 'question', 'range', 'rate', 'reach', 'record', 'relation', 'report', 'reporting', 'request',
  'research', 'resistance', 'resource', 'response', 'result', 'review', 'right', 'risk', 'room', 'rule',
  'safety', 'sale', 'scale', 'school', 'science', 'screen', 'security', 'sense', 'service', 'share', 'show',
  'side', 'sign', 'site', 'size', 'software', 'solution', 'sound', 'source', 'space', 'staff', 'standard',
  'start', 'state', 'step', 'stock', 'store', 'story', 'strategy', 'strength', 'structure', 'student', 'study',
  'style', 'subject', 'success', 'supply', 'support', 'surface', 'system', 'table', 'task', 'technology', 'term',
  'test', 'thing', 'tool', 'training', 'travel', 'treatment', 'trust', 'type', 'unit', 'user', 'value', 'view',
  'voice', 'water', 'web', 'weight', 'word', 'world', 'write', 'writing',
]);

/** Words an alias may not start or end with ("and procedures", "use of"): such labels are fragments. */
export const DANGLING_WORDS: ReadonlySet<string> = keys([
  'and', 'or', 'of', 'to', 'for', 'with', 'in', 'on', 'at', 'by', 'from', 'the', 'a', 'an', 'as', 'into',
]);

/**
 * Ordinary English words that are also tool or language names. A single-token alias with one of these keys
 * is treated as ambiguous even when the taxonomy did not flag it (the taxonomy flag still wins when true).
 */
export const DEFAULT_AMBIGUOUS: ReadonlySet<string> = keys([
  'go', 'r', 'c', 'd', 'swift', 'spark', 'excel', 'react', 'rails', 'slack', 'rust', 'ruby', 'express', 'flask',
  'chef', 'puppet', 'less', 'sass', 'ember', 'backbone', 'meteor', 'jest', 'mocha', 'chai', 'jasmine', 'karma',
  'gulp', 'grunt', 'elm', 'julia', 'crystal', 'dart', 'scheme', 'pig', 'hive', 'storm', 'beam', 'spring', 'play',
  'vault', 'consul', 'nomad', 'salt', 'maven', 'ant', 'make', 'bamboo', 'confluence', 'notion', 'word', 'access',
  'outlook', 'teams', 'project', 'keynote', 'pages', 'numbers', 'bridge', 'animate', 'shell', 'fish', 'arrow',
  'prism', 'lens', 'office', 'windows', 'mercury', 'sage', 'box', 'zoom', 'meet', 'forms', 'sheets', 'docs',
  'drive', 'stream', 'flow', 'delta', 'glue', 'lambda', 'athena', 'aurora', 'elastic', 'circle', 'sentry',
  'segment', 'amplitude', 'heap', 'square', 'ghost', 'next', 'relay', 'apollo', 'polymer', 'knockout', 'phoenix',
  'pyramid', 'bottle', 'tornado', 'celery', 'maple', 'rhino', 'unity', 'cocoa', 'metal', 'sketch', 'framer',
  'linear', 'signal', 'monday', 'mural', 'coda', 'basecamp', 'dash', 'bootstrap', 'foundation', 'material',
  'chrome', 'edge', 'safari', 'opera', 'firefox', 'vim', 'atom', 'brackets', 'eclipse', 'net', 'core', 'hack',
  // Seen as noise on real non-tech postings: "set forth", "ADA coordinator", "Clery Act", "Department: Sales".
  'forth', 'ada', 'act', 'analyze', 'linkedin', 'source', 'sales', 'selling', 'logo', 'scratch', 'processing',
]);

/** Words right after an ambiguous tool name that show it is the tool: "Excel skills", "React developer". */
export const TOOL_FOLLOWERS: ReadonlySet<string> = keys([
  'skill', 'experience', 'proficiency', 'knowledge', 'expertise', 'developer', 'development', 'engineer',
  'programming', 'programmer', 'framework', 'library', 'app', 'application', 'code', 'codebase', 'component',
  'hook', 'spreadsheet', 'formula', 'macro', 'pivot', 'workbook', 'workspace', 'channel', 'integration', 'api',
  'sdk', 'cluster', 'pipeline', 'script', 'scripting', 'certification', 'certified', 'expert', 'user', 'stack',
  'ecosystem', 'backend', 'frontend', 'server', 'module', 'package', 'query', 'dashboard', 'report', 'job',
]);

/** Sentence-start words that make a proper name of what follows ("College of Medicine", "Clery Act"). */
export const ORG_HEADS_BEFORE: ReadonlySet<string> = keys([
  'university', 'college', 'school', 'department', 'dept', 'section', 'division', 'institute', 'center',
  'centre', 'office', 'faculty', 'academy', 'laboratory', 'society', 'association', 'council', 'board',
  'committee', 'hospital', 'foundation', 'bureau', 'ministry', 'journal', 'chair', 'professor', 'dean',
]);

/** Capitalised words after a name that make it a proper name ("Human Resources Office", "Reporting Act"). */
export const ORG_HEADS_AFTER: ReadonlySet<string> = keys([
  'act', 'department', 'dept', 'program', 'programme', 'center', 'centre', 'institute', 'office', 'service',
  'association', 'society', 'committee', 'council', 'journal', 'award', 'foundation', 'hospital', 'clinic',
  'school', 'college', 'laboratory', 'lab', 'division', 'unit', 'coordinator', 'director', 'building', 'hall',
]);

/** Words of how-to-apply instructions; a sentence with two or more (and no skill word) is boilerplate. */
export const APPLY_WORDS: ReadonlySet<string> = keys([
  'apply', 'application', 'applicant', 'submit', 'submission', 'contact', 'inquiry', 'question', 'resume',
  'cv', 'cover', 'reference', 'deadline', 'consideration', 'accommodation', 'email', 'e-mail', 'phone', 'call',
  'click', 'portal', 'nomination', 'upload', 'attach', 'transcript', 'finalist', 'interview', 'closing',
]);

/** Words that show a sentence talks about what the candidate brings (it is then never apply boilerplate). */
export const SKILL_WORDS: ReadonlySet<string> = keys([
  'experience', 'knowledge', 'proficiency', 'proficient', 'expertise', 'skill', 'familiarity', 'ability',
]);

/** Copulas before a trailing cue that make it cover the whole list before it ("X, Y and Z are a plus"). */
export const COPULAS: ReadonlySet<string> = keys(['is', 'are', 'be', 'considered']);

/** Words between a copula and its cue ("is a big plus", "are highly desirable"). */
export const CUE_FILLERS: ReadonlySet<string> = keys(['a', 'an', 'big', 'huge', 'highly', 'strongly', 'definitely', 'also', 'very']);

/** Words a list item may hold besides skills ("Python, Java, and/or Go", "etc."). */
export const LIST_WORDS: ReadonlySet<string> = keys([
  'and', 'or', 'nor', '&', 'etc', 'also', 'as', 'well', '/', 'required', 'needed', 'necessary', 'preferred',
  'experience', 'knowledge', 'skill',
]);

/** Negation cues: a clause containing one of these (outside the exceptions below) rules its skills out. */
export const NEGATION_WORDS: ReadonlySet<string> = keys([
  'no', 'not', 'without', 'never', 'neither', 'nor', 'none', 'cannot', 'unnecessary', 'nonessential',
]);

/** Cue followed by one of these is not a negation: "not only", "not limited to", "no later than", "no matter". */
export const NEGATION_EXCEPTIONS_AFTER: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['not', new Set(['only', 'just', 'limited', 'least', 'merely', 'simply', 'always', 'exclusively', 'necessarily'])],
  ['no', new Set(['later', 'matter', 'less', 'more', 'longer', 'doubt', 'exception', 'problem'])],
  ['without', new Set(['compromising', 'sacrificing', 'losing', 'limitation'])],
  ["n't", new Set(['only', 'just'])],
]);

/** Cue preceded by one of these is not a negation: "whether or not", "if not". */
export const NEGATION_EXCEPTIONS_BEFORE: ReadonlySet<string> = keys(['whether', 'if', 'or']);

/** Words that end a clause for negation and requirement scope, besides , ; : ( ) and sentence ends. */
export const CLAUSE_BREAK_WORDS: ReadonlySet<string> = keys(['but', 'however', 'although', 'whereas', 'though']);

/** Phrases (as key sequences) marking a requirement as required. */
export const REQUIRED_CUES: readonly (readonly string[])[] = phrases([
  ['must', 'have'], ['must'], ['required'], ['requirement'], ['require'], ['requires'], ['mandatory'],
  ['minimum', 'qualification'], ['basic', 'qualification'], ['required', 'qualification'], ['you', 'have'],
  ['you', 'need'], ["you'll", 'need'], ['you', 'will', 'need'], ['need', 'to', 'have'], ['essential', 'skill'],
  ['essential', 'requirement'], ['prerequisite'], ['what', 'you', 'bring'],
]);

/** Phrases (as key sequences) marking a requirement as preferred. */
export const PREFERRED_CUES: readonly (readonly string[])[] = phrases([
  ['nice', 'to', 'have'], ['good', 'to', 'have'], ['a', 'plus'], ['big', 'plus'], ['huge', 'plus'], ['preferred'],
  ['preferably'], ['bonus'], ['desirable'], ['desired'], ['ideally'], ['advantage'], ['advantageous'],
  ['beneficial'], ['optional'], ['would', 'be', 'great'], ['preferred', 'qualification'],
]);

/** Short lines made of these words are section headings that end a requirement section. */
export const HEADING_WORDS: ReadonlySet<string> = keys([
  'responsibility', 'duty', 'about', 'benefit', 'offer', 'perk', 'compensation', 'salary', 'overview',
  'summary', 'description', 'role', 'position', 'company', 'culture', 'apply', 'application', 'process',
  'location', 'schedule', 'pay', 'why', 'who', 'mission',
]);

/** Preceding words that corroborate an ambiguous tool name ("in Go", "using Excel", "of R"). */
export const CONTEXT_PREPOSITIONS: ReadonlySet<string> = keys([
  'in', 'with', 'using', 'use', 'uses', 'used', 'of', 'via', 'on', 'learn', 'know', 'knows', 'written',
  'built', 'programming', 'coding', 'develop', 'developing', 'proficient', 'proficiency', 'expertise',
  'experienced', 'familiar', 'familiarity', 'fluent', 'fluency',
]);

/** Head words that make "<head> in/with/of X" a strong corroboration ("experience in Go", "knowledge of R"). */
export const CONTEXT_HEADS: ReadonlySet<string> = keys([
  'experience', 'experienced', 'proficiency', 'proficient', 'expertise', 'expert', 'skilled', 'skill', 'fluent',
  'fluency', 'knowledge', 'familiarity', 'familiar', 'background', 'written', 'programming', 'coding',
  'develop', 'developing', 'development', 'developer', 'engineer', 'comfortable', 'competency', 'competence',
  'on', 'work', 'working', 'worked', 'built', 'build', 'building',
]);

/** Words after a number that show it is not a version ("Go 2 years" is not "Go 2"). */
export const NON_VERSION_UNITS: ReadonlySet<string> = keys([
  'year', 'yr', 'month', 'week', 'day', 'hour', 'time', 'people', 'person', 'team', 'member', 'k', 'm', '%', '+',
]);

/**
 * Protected characteristics listed by equal-opportunity boilerplate ("without regard to race, color, religion,
 * sex, pregnancy, genetic information ..."). A sentence naming three or more is boilerplate: its mentions
 * ("pregnancy", "genetics") are not skills the job asks for.
 */
export const EEO_WORDS: ReadonlySet<string> = keys([
  'race', 'color', 'colour', 'religion', 'religious', 'sex', 'gender', 'national', 'disability', 'disabled',
  'veteran', 'pregnancy', 'genetic', 'ancestry', 'marital', 'orientation', 'creed', 'citizenship', 'ethnicity',
  'equal', 'opportunity', 'employer', 'affirmative', 'nondiscrimination', 'discrimination', 'harassment',
]);

/**
 * Words of benefits sentences ("Flexible working hours, yoga and private health care"). A sentence scoring two or
 * more (each distinct word 1; "we offer" / "offer you" 2) and holding no skill word is benefits text.
 */
export const BENEFIT_WORDS: ReadonlySet<string> = keys([
  'vacation', 'holiday', 'pension', 'insurance', 'perk', 'benefit', 'gym', 'yoga', 'massage', 'lunch', 'salary',
  'flexible', 'parental', 'leave', 'wellness', 'wellbeing', 'well-being', 'discount', 'healthcare', 'fitness', 'canteen',
  'snack', 'fruit', 'relocation', 'allowance', 'work-life', 'remote', 'hybrid', 'paid', 'bike', 'party', 'parties',
  'free', 'private', 'attractive', 'competitive', 'offer', 'hour', 'day', 'week', 'package', 'onboarding', 'budget',
]);

/**
 * Nouns that, after "the" at the start of a sentence, make the company its subject ("The team picks ...",
 * "The department focuses on ..."). Such sentences, like those opening with "We" or "Our", describe the company
 * unless they hold a `CANDIDATE_WORDS` word or a requirement cue.
 */
export const COMPANY_NOUNS: ReadonlySet<string> = keys([
  'company', 'team', 'department', 'group', 'organisation', 'organization', 'firm', 'university', 'faculty', 'business',
  'division', 'unit', 'centre', 'center', 'institute', 'lab', 'laboratory', 'startup', 'client', 'project', 'section',
]);

/** Words that turn a company sentence to the candidate or the work ("We are looking for", "We use Python"). */
export const CANDIDATE_WORDS: ReadonlySet<string> = keys([
  'you', 'your', "you'll", "you're", 'candidate', 'applicant', 'looking', 'seek', 'seeking', 'need', 'expect', 'want',
  'ideal', 'value', 'hire', 'hiring', 'use', 'using', 'run', 'built', 'stack', 'join', 'should', 'person', 'someone',
]);

/** Role nouns of job titles ("Senior Java Developer", "Software Engineer - Cloud Security"). */
export const ROLE_NOUNS: ReadonlySet<string> = keys([
  'developer', 'engineer', 'architect', 'programmer', 'consultant', 'specialist', 'administrator', 'analyst',
  'scientist', 'tester', 'lead', 'manager', 'designer', 'intern', 'trainee', 'officer', 'director', 'technician',
  'head', 'ninja', 'guru', 'coordinator', 'assistant', 'researcher', 'postdoc', 'professor',
]);

/**
 * Language names (ESCO's language skills "English", "Danish" ...). Right before a noun they are adjectives of
 * nationality or origin ("Danish universities", "English law"), not the language skill; see `LANGUAGE_FOLLOWERS`.
 */
export const LANGUAGE_NAMES: ReadonlySet<string> = keys([
  'english', 'danish', 'swedish', 'norwegian', 'finnish', 'icelandic', 'german', 'dutch', 'flemish', 'french', 'spanish',
  'portuguese', 'italian', 'greek', 'polish', 'czech', 'slovak', 'hungarian', 'romanian', 'bulgarian', 'croatian',
  'serbian', 'slovenian', 'russian', 'ukrainian', 'turkish', 'arabic', 'hebrew', 'persian', 'hindi', 'urdu', 'bengali',
  'chinese', 'mandarin', 'cantonese', 'japanese', 'korean', 'vietnamese', 'thai', 'indonesian', 'malay', 'tagalog',
  'estonian', 'latvian', 'lithuanian', 'irish', 'welsh', 'catalan', 'basque', 'swahili', 'latin',
]);

/** Words after a language name that keep it the language ("English skills", "Danish and English", "German speaking"). */
export const LANGUAGE_FOLLOWERS: ReadonlySet<string> = keys([
  'and', 'or', 'nor', '&', '/', 'language', 'skill', 'speaking', 'speaker', 'proficiency', 'fluency', 'level', 'native',
  'mother', 'tongue', 'written', 'spoken', 'oral', 'communication', 'writing', 'reading', 'is', 'are', 'required', 'as', 'at',
  'on', 'fluent', 'fluently', 'preferred', 'mandatory', 'essential', 'advantage', 'plus', 'both', 'knowledge', 'proficient',
  'translation', 'teaching', 'instruction', 'courses', 'course', 'test', 'certificate', 'c1', 'c2', 'b1', 'b2', 'a1', 'a2',
]);

/**
 * Nouns that make "in <noun> with" an idiom meaning "together with" ("in close collaboration with partners",
 * "in cooperation with"): such a mention is not the skill.
 */
export const WITH_IDIOM_NOUNS: ReadonlySet<string> = keys([
  'collaboration', 'cooperation', 'co-operation', 'partnership', 'consultation', 'coordination', 'conjunction', 'association',
  'dialogue', 'contact', 'communication', 'liaison',
]);

/**
 * Nouns that, right after a single-word skill, make it a modifier of something that is not a skill: documents and
 * posts of academic applications ("teaching portfolio", "research statement", "teaching load", "research
 * assistant"). The longer skill phrases ("teaching methods") are matched as a whole before this applies.
 */
export const MODIFIED_NON_SKILL_HEADS: ReadonlySet<string> = keys([
  'portfolio', 'statement', 'plan', 'philosophy', 'load', 'assignment', 'environment', 'award', 'prize', 'grant', 'fellow',
  'fellowship', 'assistant', 'assistantship', 'associate', 'position', 'post', 'faculty', 'staff', 'department', 'unit',
  'group', 'centre', 'center', 'institute', 'council', 'committee', 'interest', 'excellence', 'track', 'record', 'dossier',
  'sample', 'obligation', 'period', 'semester', 'schedule', 'hour', 'opportunity', 'initiative', 'agenda', 'profile',
  'demonstration', 'demo',
]);

/**
 * Phrases that name a skill in a taxonomy but in job postings are nearly always what the employer offers
 * ("possibilities for personal development", "flexible working"). Aliases with these keys are not compiled.
 */
export const OFFERED_PHRASES: readonly (readonly string[])[] = phrases([
  ['personal', 'development'], ['professional', 'development'], ['career', 'development'], ['flexible', 'working'],
  ['work', 'life', 'balance'],
]);

/**
 * Aliases that name another concept than their taxonomy skill in postings, as [alias surface, skill preferred label]:
 * ESCO's "medicine" is an altLabel of "medicines" (drug products) while postings mean the discipline; "political"
 * and "electrical" are adjectives of departments and fields ("political science", "Electrical Engineering"); a
 * "teaching philosophy" is a statement applicants write, not ESCO's "teach philosophy". Not compiled (rule 13); a pair
 * may name the "-ing" form of a label (rule 10), which then is not compiled either.
 */
export const VETOED_ALIASES: readonly (readonly [string, string])[] = [
  ['medicine', 'medicines'], ['political', 'politics'], ['electrical', 'electricity'], ['electricals', 'electricity'],
  ['electric', 'electricity'],
  ['teaching philosophy', 'teach philosophy'],
];

/** Nouns of organisational units: a skill right before one names the unit ("DevOps teams", "Product Development department"). */
export const UNIT_NOUNS: ReadonlySet<string> = keys(['team', 'department', 'division', 'unit', 'squad', 'organisation', 'organization']);

/**
 * Technology areas that postings name with an everyday word ("architecture", "testing", "infrastructure", "cloud").
 * A single-word curated alias with one of these keys compiles as ambiguous but, unlike a product name, may be lower
 * case: it counts with the usual corroboration ("experience in testing", "testing experience", a technology named in
 * the same sentence), so "software architecture and AWS" counts and "the architecture of the building" does not.
 */
export const CONTEXTUAL_WORDS: ReadonlySet<string> = keys([
  'architecture', 'infrastructure', 'testing', 'integration', 'documentation', 'automation', 'cloud', 'scripting',
]);

/**
 * Documents of academic applications: a single-word skill inside one ("teaching philosophy", "research statement")
 * is not asked for. Checked against the word before and after a one-word mention.
 */
export const APPLICATION_DOCUMENTS: ReadonlySet<string> = new Set(phrases([
  ['teaching', 'philosophy'], ['research', 'philosophy'], ['teaching', 'statement'], ['research', 'statement'],
  ['diversity', 'statement'], ['teaching', 'portfolio'], ['research', 'agenda'],
]).map((p) => p.join(' ')));

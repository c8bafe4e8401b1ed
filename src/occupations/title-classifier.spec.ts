import { type OccupationLabel, TitleClassifier } from './title-classifier.js';

/** A hand-written slice of ESCO and O*NET: occupation id, preferred label, aliases (kind). */
const ESCO: Array<[string, string, string[]]> = [
  ['esco-data-analyst', 'data analyst', ['data analysis specialist']],
  ['esco-software-developer', 'software developer', ['software engineer', 'programmer', 'application developer']],
  ['esco-nursing-lecturer', 'nursing lecturer', ['nursing professor', 'lecturer in nursing']],
  ['esco-data-scientist', 'data scientist', ['data engineer']],
  ['esco-mechanical-engineer', 'mechanical engineer', ['mechanical engineering specialist']],
  ['esco-ship-engineer', 'ship assistant engineer', ['engineer']],
  ['esco-general-vet', 'general veterinarian', ['veterinary practitioner']],
  ['esco-lawyer', 'lawyer', ['advocate', 'attorney']],
  // ESCO has hundreds of engineers; a bare "engineer" alias of one of them must not win a bare "Engineer" title.
  ...Array.from({ length: 30 }, (_, i): [string, string, string[]] => [`esco-engineer-${i}`, `kind${i} engineer`, []]),
];
const ONET: Array<[string, string, string[]]> = [
  ['15-1252.00', 'Software Developers', ['Software Engineer', 'Application Developer', 'Full Stack Developer']],
  ['15-2051.00', 'Data Scientists', ['Data Analyst', 'Data Engineer']],
  ['15-2041.00', 'Statisticians', ['Data Analyst', 'Statistician']],
  ['25-1072.00', 'Nursing Instructors and Teachers, Postsecondary', ['Nursing Professor', 'Assistant Professor of Nursing', 'Professor']],
  ['25-1032.00', 'Engineering Teachers, Postsecondary', ['Engineering Professor', 'Professor']],
  ['29-1141.00', 'Registered Nurses', ['Staff Nurse', 'Nurse']],
  ['29-1141.01', 'Acute Care Nurses', ['Nurse', 'ICU Nurse']],
  ['17-2141.00', 'Mechanical Engineers', ['Design Engineer', 'Engineer']],
  ['17-2199.00', 'Engineers, All Other', ['Engineer']],
  ['17-2011.00', 'Aerospace Engineers', ['Engineer', 'Aerospace Engineer']],
  ['25-3031.00', 'Substitute Teachers, Short-Term', ['Substitute Teacher']],
  ['29-1131.00', 'Veterinarians', ['Veterinarian', 'Vet']],
  ...['Civil', 'Electrical', 'Chemical', 'Mining', 'Marine', 'Nuclear'].map(
    (kind, i): [string, string, string[]] => [`17-21${10 + i}.00`, `${kind} Engineers`, ['Engineer', `${kind} Design Engineer`]],
  ),
];

function labels(): OccupationLabel[] {
  const out: OccupationLabel[] = [];
  for (const [scheme, rows] of [['esco', ESCO], ['onet', ONET]] as const) {
    for (const [id, preferred, aliases] of rows) {
      out.push({ occupationId: id, scheme, occupationLabel: preferred, label: preferred, kind: 'preferred' });
      for (const a of aliases) out.push({ occupationId: id, scheme, occupationLabel: preferred, label: a, kind: scheme === 'esco' ? 'alt' : 'alternate_title' });
    }
  }
  return out;
}

const classifier = TitleClassifier.compile(labels());

describe('TitleClassifier.classify', () => {
  // title → expected ESCO id, expected O*NET-SOC code (null: unknown).
  const cases: Array<[string, string | null, string | null]> = [
    ['Senior Data Analyst (Remote)', 'esco-data-analyst', '15-2051.00'],
    ['Sr. Software Engineer', 'esco-software-developer', '15-1252.00'],
    ['Software Engineers', 'esco-software-developer', '15-1252.00'],
    ['Staff Software Engineer II - Payments', 'esco-software-developer', '15-1252.00'],
    ['Full-Stack Developer', null, '15-1252.00'],
    ['Assistant Professor of Nursing', 'esco-nursing-lecturer', '25-1072.00'],
    ['Assistant/Associate Professor - Nursing', 'esco-nursing-lecturer', '25-1072.00'],
    ['Data Engineer, Microservices Architect, Backend', 'esco-data-scientist', '15-2051.00'],
    ['Mechanical Engineer (Starship Avionics)', 'esco-mechanical-engineer', '17-2141.00'],
    ['Registered Nurse - ICU', null, '29-1141.00'],
    ['Substitute Teacher', null, '25-3031.00'],
    ['Veterinarian', 'esco-general-vet', '29-1131.00'],
    ['Software Developer (m/w/d)', 'esco-software-developer', '15-1252.00'],
    ['Softwareentwickler (m/w/d)', 'esco-software-developer', '15-1252.00'],
    // Unknowns: no role, a bare head shared by many occupations, a different role with a known head word.
    ['Role not stated', null, null],
    ['Multiple positions', null, null],
    ['Engineer', null, null],
    ['Customer Support Advocate', null, null],
    ['', null, null],
  ];

  it.each(cases)('%s → ESCO %s, O*NET %s', (title, esco, onet) => {
    const r = classifier.classify(title);
    expect([r.esco?.id ?? null, r.onet?.id ?? null]).toEqual([esco, onet]);
  });

  it('reports confidence in [0, 1], 1 for an exact preferred label, and the label matched', () => {
    const r = classifier.classify('Mechanical Engineer');
    expect(r.esco).toEqual({ id: 'esco-mechanical-engineer', label: 'mechanical engineer', confidence: 1, matchedLabel: 'mechanical engineer' });
    const ambiguous = classifier.classify('Data Analyst').onet!;
    expect(ambiguous.confidence).toBeGreaterThan(0.5);
    expect(ambiguous.confidence).toBeLessThan(1);
  });

  it('answers unknown below the minimum confidence', () => {
    const strict = TitleClassifier.compile(labels(), { minConfidence: 0.99 });
    expect(strict.classify('Data Analyst').onet).toBeNull();
    expect(strict.classify('Data Analyst').esco?.id).toBe('esco-data-analyst');
  });
});

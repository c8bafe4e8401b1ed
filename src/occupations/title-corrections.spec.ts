import { TitleClassifier, type OccupationLabel } from './title-classifier.js';
import { applyTitleCorrections, loadTitleCorrections } from './title-corrections.js';

const label = (occupationId: string, occupationLabel: string, text: string, kind: OccupationLabel['kind'] = 'preferred'): OccupationLabel => ({
  occupationId, scheme: /^\d{2}-/.test(occupationId) ? 'onet' : 'esco', occupationLabel, label: text, kind,
});

// The imported labels involved (O*NET 29.2 alternate titles, ESCO v1.1.1 alt labels), as the classifier sees them.
const LABELS: OccupationLabel[] = [
  label('11-2011.00', 'Advertising and Promotions Managers', 'Advertising and Promotions Managers'),
  label('11-2011.00', 'Advertising and Promotions Managers', 'Account Executive', 'alternate_title'),
  label('41-3091.00', 'Sales Representatives of Services, Except Advertising, Insurance, Financial Services, and Travel', 'Sales Representative'),
  label('15-1221.00', 'Computer and Information Research Scientists', 'Computer and Information Research Scientists'),
  label('15cc27b1-7358-48ed-9fb8-69ffe9f1fc98', 'animal artificial insemination technician', 'animal artificial insemination technician'),
  label('15cc27b1-7358-48ed-9fb8-69ffe9f1fc98', 'animal artificial insemination technician', 'AI engineer', 'alt'),
];

describe('title corrections', () => {
  it('drops misleading labels and adds ours (data/taxonomy/occupation-titles.json)', async () => {
    const corrected = applyTitleCorrections(LABELS, await loadTitleCorrections());
    const texts = corrected.map((l) => `${l.occupationId}:${l.label}`);
    expect(texts).not.toContain('11-2011.00:Account Executive');
    expect(texts).not.toContain('15cc27b1-7358-48ed-9fb8-69ffe9f1fc98:AI engineer');
    expect(texts).toEqual(expect.arrayContaining(['41-3091.00:Account Executive', '15-1221.00:AI Engineer']));
    expect(corrected.find((l) => l.label === 'Account Executive')!.kind).toBe('alternate_title');
  });

  it.each([
    ['Senior Account Executive', '41-3091.00'],
    ['AI Engineer', '15-1221.00'],
  ])('classifies "%s" to %s, not to what the raw labels say', async (title, soc) => {
    const classifier = TitleClassifier.compile(applyTitleCorrections(LABELS, await loadTitleCorrections()));
    expect(classifier.classify(title).onet?.id).toBe(soc);
    expect(classifier.classify(title).esco).toBeNull();
  });
});

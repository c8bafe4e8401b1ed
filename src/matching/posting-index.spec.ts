import { type PostingSkillInput, postingScore, type ProfileSkill } from './match-scorer.js';
import { counterfactual, matchingPostings, PostingIndex } from './posting-index.js';

const s = (skillId: string): PostingSkillInput => ({ skillId, label: skillId, requirement: 'required', evidence: null });
const person = (...ids: string[]): ProfileSkill[] => ids.map((id) => ({ skillId: id, label: id, from: { input: id } }));

// Four postings; scores with unit weights: coverage = matched / (n + 1.5), use = matched profile share.
const index = new PostingIndex([
  { postingId: '1', skills: [s('js'), s('k8s'), s('pg'), s('terraform')] },
  { postingId: '2', skills: [s('js'), s('k8s'), s('pg')] },
  { postingId: '3', skills: [s('terraform'), s('aws')] },
  { postingId: '4', skills: [s('excel')] },
]);
const base = { index, related: new Map(), weightOf: () => 1, minScore: 0.6 };

describe('counterfactual matching', () => {
  it('indexes which postings ask for a skill', () => {
    expect([...index.touching(['terraform'])].sort()).toEqual(['1', '3']);
  });

  it('counts the postings a profile matches at the minimum score', () => {
    // posting 1: sqrt(3/5.5 × 1) = 0.739; posting 2: sqrt(3/4.5 × 1) = 0.816
    const matched = matchingPostings({ ...base, profile: person('js', 'k8s', 'pg') });
    expect([...matched.keys()].sort()).toEqual(['1', '2']);
    expect(matched.get('1')).toBeCloseTo(Math.sqrt(3 / 5.5), 4);
  });

  it('recounts after adding a credential\'s skills: Terraform unlocks nothing new at 0.6, and matched postings stay matched', () => {
    const input = { ...base, profile: person('js', 'k8s', 'pg') };
    const before = matchingPostings(input);
    const r = counterfactual(input, before, person('terraform'));
    // posting 3 after: coverage 1/3.5, use 1/4 → 0.267 (below 0.6); posting 2: sqrt(3/4.5 × 3/4) = 0.707 stays.
    expect(r).toEqual({ before: 2, after: 2, gain: 0, unlocked: [] });
  });

  it('reports postings unlocked by new skills', () => {
    // excel + aws: posting 3 scores sqrt(1/3.5 × 1/2) = 0.378, posting 4 sqrt(1/2.5 × 1/2) = 0.447: nothing at 0.5.
    const input = { ...base, minScore: 0.5, profile: person('excel', 'aws') };
    const before = matchingPostings(input);
    expect(before.size).toBe(0);
    // + terraform: posting 3 scores sqrt(2/3.5 × 2/3) = 0.617 (posting 4 is not rescored: it asks for no new skill).
    const r = counterfactual(input, before, person('terraform'));
    expect(r.before).toBe(0);
    expect(r.after).toBe(1);
    expect(r.gain).toBe(1);
    expect(r.unlocked.map((u) => u.postingId)).toEqual(['3']);
    expect(r.unlocked[0].score).toBeCloseTo(Math.sqrt((2 / 3.5) * (2 / 3)), 4);
  });

  it('does not let a credential\'s other skills dilute a posting\'s score', () => {
    // excel + aws + terraform + three skills no posting asks for: posting 3 is still unlocked as with terraform alone.
    const input = { ...base, minScore: 0.5, profile: person('excel', 'aws') };
    const r = counterfactual(input, matchingPostings(input), person('terraform', 'x1', 'x2', 'x3'));
    expect(r.unlocked.map((u) => u.postingId)).toEqual(['3']);
    expect(r.unlocked[0].score).toBeCloseTo(Math.sqrt((2 / 3.5) * (2 / 3)), 4);
  });

  it('gives no gain for skills already held', () => {
    const input = { ...base, profile: person('js') };
    expect(counterfactual(input, matchingPostings(input), person('js'))).toEqual({ before: 0, after: 0, gain: 0, unlocked: [] });
  });
});

describe('counterfactual pruning', () => {
  // A deterministic pseudo-random data set: pruning by the score's upper bound must not change any result.
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ids = Array.from({ length: 40 }, (_, i) => `k${i}`);
  const reqs: PostingSkillInput['requirement'][] = ['required', 'preferred', null];
  const sets = Array.from({ length: 400 }, (_, p) => ({
    postingId: String(p + 1),
    skills: [...new Set(Array.from({ length: 2 + Math.floor(rand() * 8) }, () => ids[Math.floor(rand() ** 2 * ids.length)]))].map((id) => ({
      skillId: id, label: id, requirement: reqs[Math.floor(rand() * 3)], evidence: null,
    })),
  }));
  const idx = new PostingIndex(sets);
  const weightOf = (id: string) => 1 + (Number(id.slice(1)) % 7) / 2;

  it.each([0.3, 0.5, 0.7])('gives the same unlocked postings as a full rescore at minScore %f', (minScore) => {
    const profile = person('k0', 'k3', 'k8');
    const input = { index: idx, related: new Map(), weightOf, minScore, profile };
    const before = matchingPostings(input);
    for (const extra of [['k1'], ['k2', 'k5', 'k30'], ['k12', 'k13', 'k14', 'k15', 'k16', 'k17']]) {
      const added = person(...extra);
      const fast = counterfactual(input, before, added);
      // Full rescore: every posting not matched before, with the profile plus the new skills it asks for.
      const full = sets
        .filter((s) => !before.has(s.postingId) && s.skills.some((k) => extra.includes(k.skillId)))
        .map((s) => {
          const map = new Map([...profile, ...added.filter((a) => s.skills.some((k) => k.skillId === a.skillId))].map((x) => [x.skillId, x]));
          return { postingId: s.postingId, score: postingScore(s.skills, map, new Map(), weightOf) };
        })
        .filter((x) => x.score >= minScore);
      expect(fast.unlocked.map((u) => u.postingId).sort()).toEqual(full.map((u) => u.postingId).sort());
    }
  });
});

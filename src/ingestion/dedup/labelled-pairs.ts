import type { NormalizedPosting } from '../posting.types.js';
import { dedupKey, normalizeCity, normalizeCompany, normalizeLocationRaw } from './opening-key.js';
import { MAX_REPOST_GAP_DAYS, type OpeningFacts } from './same-opening.js';
import { textSignature, textTokens } from './text-fingerprint.js';

/**
 * A labelled set of posting pairs for measuring deduplication, built at run time from real postings (the shared data
 * set: true cross-source duplicates are rare in it). Deterministic for a seed. Kinds:
 * - `repost` (same opening): one source, same company/title key, compatible cities, different ids seen on different
 *   days (another HN thread, a later Chronicle file) and near-identical text: token LCS ratio ≥ 0.9, a measure
 *   independent of the shingle MinHash being evaluated. Pairs between 0.4 and 0.9 are ambiguous and left out.
 * - `perturbed-*` (same opening): a real posting and a copy "from an aggregator" with one change: `suffix` (company
 *   legal form and case), `whitespace`, `dashes`, `tracking` (utm_*, gclid, fbclid, ref, source on URLs in the text),
 *   `sentence` (one sentence replaced by one from another posting), `all` (every change at once).
 * - `repost-same-requisition` / `other-requisition`: same-key pairs (as above) whose texts both name requisition
 *   numbers ("Job No: 522196"): the same number and another day in one source → same opening; disjoint numbers →
 *   different openings, however similar the texts (these label much of the ambiguous band, e.g. one university's
 *   "Assistant, Associate, Full Professor" in three departments sharing their boilerplate).
 * - `near-miss` (different openings): same key, compatible cities, different ids, different text (LCS ratio ≤ 0.4).
 * - `near-miss-retitled` (different openings): two real postings of one company with different titles, the second
 *   given the first one's title and city (another requisition under the same title).
 * - `same-company` (different openings): random pairs of one company's postings with different titles.
 * Each pair is in the `dev` or `test` half by a seeded hash of its block key, so one opening never straddles both.
 */

export type PairKind =
  | 'repost' | 'repost-same-requisition' | 'other-requisition' | 'perturbed-suffix' | 'perturbed-whitespace' | 'perturbed-dashes' | 'perturbed-tracking' | 'perturbed-sentence'
  | 'perturbed-all' | 'near-miss' | 'near-miss-retitled' | 'same-company';

export interface LabelledPair {
  kind: PairKind;
  /** The right answer: true when both are the same opening. */
  same: boolean;
  split: 'dev' | 'test';
  a: OpeningFacts;
  b: OpeningFacts;
}

export interface LabelledSet {
  pairs: LabelledPair[];
  /** Candidate pairs left out and why (ambiguous text similarity, same file). */
  excluded: Record<string, number>;
}

/** Sample sizes: postings (copies) per perturbation kind, and the numbers of random negative pairs. */
export interface SampleSizes {
  perPerturbation: number;
  sameCompanyPairs: number;
  retitledPairs: number;
}
export const DEFAULT_SAMPLE_SIZES: SampleSizes = { perPerturbation: 400, sameCompanyPairs: 600, retitledPairs: 400 };

/** Mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requisition numbers a posting's text names ("Job No: 522196", "Requisition ID: R-1002", "Req #4411", "Posting
 * Number: FAC123"), upper-cased. Used only to label pairs: two texts naming disjoint numbers are two requisitions,
 * two naming the same number one opening, whatever their similarity (boilerplate-heavy university postings).
 */
export function requisitionNumbers(text: string | null): Set<string> {
  const out = new Set<string>();
  if (!text) return out;
  const pattern = /\b(?:job|requisition|req|posting|position|vacancy)\s*(?:no\.?|number|id|#)\s*[:#]?\s*([A-Za-z]{0,4}[-]?\d[\w-]{2,})/gi;
  for (const m of text.matchAll(pattern)) out.add(m[1].toUpperCase());
  return out;
}

/** Ratio 2·LCS/(|a|+|b|) of two token sequences (first 1,500 tokens each): 1 for identical, 0 for disjoint. */
export function lcsRatio(a: string[], b: string[]): number {
  const x = a.slice(0, 1500);
  const y = b.slice(0, 1500);
  if (x.length + y.length === 0) return 1;
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  return (2 * prev[y.length]) / (x.length + y.length);
}

/** Deduplication facts of a posting as `CanonicalPostingService` derives them from its stored row. */
export function postingFacts(p: NormalizedPosting, id: string, firstSeenAt: number): OpeningFacts {
  return {
    id,
    sourceKey: p.sourceKey,
    externalId: p.externalId,
    key: dedupKey(p.company, p.title),
    city: normalizeCity(p.location.city),
    locationRaw: normalizeLocationRaw(p.location.raw),
    postedAt: p.postedAt ? Date.parse(p.postedAt) : null,
    signature: textSignature(p.descriptionText),
    firstSeenAt,
  };
}

function splitOf(key: string, seed: number): 'dev' | 'test' {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 2 === 0 ? 'dev' : 'test';
}

const SUFFIXES = ['{} GmbH', '{}, Inc.', '{} LLC', 'The {} Co.', '{} Ltd', '{} S.A.', '{} B.V.', '{} plc', '{} Corp.'];

/** The perturbations, each a pure function of (posting, random, donor sentence). */
const PERTURB: Record<string, (p: NormalizedPosting, rand: () => number, donor: string) => NormalizedPosting> = {
  suffix: (p, rand) => {
    const base = rand() < 0.5 ? (p.company ?? '').toUpperCase() : (p.company ?? '');
    return { ...p, company: SUFFIXES[Math.floor(rand() * SUFFIXES.length)].replace('{}', base) };
  },
  whitespace: (p, rand) => ({
    ...p,
    descriptionText: `  ${(p.descriptionText ?? '').replace(/ /g, () => [' ', '  ', '\t', '\n', ' \u00a0'][Math.floor(rand() * 5)]).replace(/\n+/g, '\n\n')}\n `,
  }),
  dashes: (p, rand) => ({
    ...p,
    descriptionText: (p.descriptionText ?? '').replace(/ - |-/g, (m) => (m === '-' ? ['\u2010', '\u2013', ' '][Math.floor(rand() * 3)] : [' \u2014 ', ' \u2013 '][Math.floor(rand() * 2)])),
  }),
  tracking: (p, rand) => {
    const tag = `utm_source=aggregator&utm_medium=feed&utm_campaign=c${Math.floor(rand() * 1e6)}&gclid=Cj0K${Math.floor(rand() * 1e9)}&fbclid=IwAR${Math.floor(rand() * 1e9)}&ref=jobs&source=feed`;
    const text = p.descriptionText ?? '';
    const withTags = text.replace(/\bhttps?:\/\/[^\s<>"')\]]+/g, (url) => `${url}${url.includes('?') ? '&' : '?'}${tag}`);
    return { ...p, descriptionText: withTags === text ? `${text}\nApply: https://jobs.example.org/apply/${p.externalId}?${tag}` : withTags };
  },
  sentence: (p, rand, donor) => {
    const sentences = (p.descriptionText ?? '').split(/(?<=[.!?])\s+/);
    const candidates = sentences.map((s, i) => [s, i] as const).filter(([s]) => s.split(/\s+/).length >= 5);
    if (candidates.length === 0 || !donor) return p;
    const [, index] = candidates[Math.floor(rand() * candidates.length)];
    sentences[index] = donor;
    return { ...p, descriptionText: sentences.join(' ') };
  },
};

/**
 * Builds the labelled set from real postings (unique per source and external id, in ingestion order).
 * @param seed makes sampling, perturbations and the dev/test split deterministic.
 */
export function buildLabelledPairs(postings: NormalizedPosting[], seed = 20261129, sizes: SampleSizes = DEFAULT_SAMPLE_SIZES): LabelledSet {
  const { perPerturbation: PER_PERTURBATION, sameCompanyPairs: SAME_COMPANY_PAIRS, retitledPairs: RETITLED_PAIRS } = sizes;
  const rand = seededRandom(seed);
  const facts = postings.map((p, i) => postingFacts(p, String(i + 1), i));
  const tokens = new Map<number, string[]>();
  const tokensOf = (i: number) => tokens.get(i) ?? tokens.set(i, textTokens(postings[i].descriptionText ?? '')).get(i)!;
  const reqs = new Map<number, Set<string>>();
  const requisitions = (i: number) => reqs.get(i) ?? reqs.set(i, requisitionNumbers(postings[i].descriptionText)).get(i)!;
  const pairs: LabelledPair[] = [];
  const excluded: Record<string, number> = {};
  const exclude = (why: string) => (excluded[why] = (excluded[why] ?? 0) + 1);
  const add = (kind: PairKind, same: boolean, a: OpeningFacts, b: OpeningFacts) => pairs.push({ kind, same, split: splitOf(a.key ?? a.id, seed), a, b });

  // Real pairs within blocks: reposts and near-misses.
  const blocks = new Map<string, number[]>();
  for (const [i, f] of facts.entries()) if (f.key && f.signature) (blocks.get(f.key) ?? blocks.set(f.key, []).get(f.key)!).push(i);
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    members.sort((x, y) => (facts[x].postedAt ?? 0) - (facts[y].postedAt ?? 0));
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < Math.min(members.length, x + 4); y++) {
        const a = facts[members[x]];
        const b = facts[members[y]];
        if (a.city && b.city && a.city !== b.city) continue;
        if (a.postedAt !== null && b.postedAt !== null && Math.abs(a.postedAt - b.postedAt) > MAX_REPOST_GAP_DAYS * 86_400_000) continue;
        const reqA = requisitions(members[x]);
        const reqB = requisitions(members[y]);
        if (reqA.size > 0 && reqB.size > 0) {
          const shared = [...reqA].some((r) => reqB.has(r));
          if (!shared) add('other-requisition', false, a, b);
          else if (a.sourceKey === b.sourceKey && a.postedAt !== b.postedAt && y === x + 1) add('repost-same-requisition', true, a, b);
          else exclude('same requisition number, same day or across sources or not consecutive');
          continue;
        }
        const ratio = lcsRatio(tokensOf(members[x]), tokensOf(members[y]));
        if (ratio <= 0.4) add('near-miss', false, a, b);
        else if (ratio < 0.9) exclude('ambiguous text (LCS ratio 0.4..0.9)');
        else if (a.sourceKey !== b.sourceKey) exclude('near-identical across sources (true cross-source duplicates, too few to measure)');
        else if (a.postedAt === b.postedAt) exclude('near-identical on the same day in one source (two positions or a double post)');
        else if (y === x + 1) add('repost', true, a, b);
        else exclude('near-identical but not consecutive (one pair per repost)');
      }
    }
  }

  // Perturbed copies of a seeded sample of postings with text and a key.
  const eligible = facts.map((f, i) => i).filter((i) => facts[i].key && facts[i].signature && tokensOf(i).length >= 20);
  const sample = (n: number) => Array.from({ length: Math.min(n, eligible.length) }, () => eligible[Math.floor(rand() * eligible.length)]);
  const donorSentence = () => {
    const text = postings[eligible[Math.floor(rand() * eligible.length)]].descriptionText ?? '';
    const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.split(/\s+/).length >= 5);
    return sentences[Math.floor(rand() * sentences.length)] ?? '';
  };
  let copyNo = 0;
  const copyOf = (i: number, kinds: string[]) => {
    let p: NormalizedPosting = { ...postings[i], sourceKey: 'aggregator:eval', externalId: `copy-${++copyNo}` };
    for (const k of kinds) p = PERTURB[k](p, rand, donorSentence());
    return postingFacts(p, `c${copyNo}`, facts.length + copyNo);
  };
  for (const kind of ['suffix', 'whitespace', 'dashes', 'tracking', 'sentence']) {
    for (const i of sample(PER_PERTURBATION)) add(`perturbed-${kind}` as PairKind, true, facts[i], copyOf(i, [kind]));
  }
  for (const i of sample(PER_PERTURBATION)) add('perturbed-all', true, facts[i], copyOf(i, ['suffix', 'whitespace', 'dashes', 'tracking', 'sentence']));

  // One company's postings with different titles: random pairs, and retitled pairs (same title and city, other text).
  const byCompany = new Map<string, number[]>();
  for (const i of eligible) {
    const c = normalizeCompany(postings[i].company);
    (byCompany.get(c) ?? byCompany.set(c, []).get(c)!).push(i);
  }
  const companies = [...byCompany.values()].filter((m) => new Set(m.map((i) => facts[i].key)).size > 1);
  const differentTitles = (): [number, number] | null => {
    const m = companies[Math.floor(rand() * companies.length)];
    const x = m[Math.floor(rand() * m.length)];
    const y = m[Math.floor(rand() * m.length)];
    return facts[x].key !== facts[y].key ? [x, y] : null;
  };
  for (let n = 0, tries = 0; n < SAME_COMPANY_PAIRS && companies.length > 0 && tries < SAME_COMPANY_PAIRS * 20; tries++) {
    const pair = differentTitles();
    if (!pair) continue;
    n += 1;
    add('same-company', false, facts[pair[0]], facts[pair[1]]);
  }
  for (let n = 0, tries = 0; n < RETITLED_PAIRS && companies.length > 0 && tries < RETITLED_PAIRS * 20; tries++) {
    const pair = differentTitles();
    if (!pair || lcsRatio(tokensOf(pair[0]), tokensOf(pair[1])) > 0.4) continue;
    const [x, y] = pair;
    const a = postings[x];
    const retitled = { ...postings[y], title: a.title, location: a.location, postedAt: a.postedAt };
    add('near-miss-retitled', false, facts[x], postingFacts(retitled, `r${++n}`, facts.length + PER_PERTURBATION * 10 + n));
  }
  return { pairs, excluded };
}

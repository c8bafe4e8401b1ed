import { shingleHashes, signatureFromBytes, signatureSimilarity, signatureToBytes, SIGNATURE_SIZE, textSignature, textTokens } from './text-fingerprint.js';

const BASE =
  'We are looking for a Data Engineer to build our batch and streaming pipelines in Python and SQL. ' +
  'You will own the warehouse models, work closely with analysts and keep data quality high. ' +
  'Full-time, hybrid – two days a week in our Berlin office. Apply at https://boards.greenhouse.io/acme/jobs/7001.';

const sim = (a: string, b: string) => signatureSimilarity(textSignature(a)!, textSignature(b)!);

describe('textTokens', () => {
  it('folds case, diacritics, dashes, quotes and whitespace, and drops URLs', () => {
    expect(textTokens('Full-time  “Senior” Café—role\n\tvia https://x.example/a?utm_source=y and www.acme.example/jobs')).toEqual([
      'full', 'time', 'senior', 'cafe', 'role', 'via', 'and',
    ]);
  });
});

describe('text signature', () => {
  it.each([
    ['identical text', BASE, 1],
    ['other whitespace and line breaks', BASE.replace(/ /g, '  ').replace(/\. /g, '.\n\n'), 1],
    ['other dashes', BASE.replace('Full-time', 'Full–time').replace(' – ', ' — '), 1],
    ['upper case', BASE.toUpperCase(), 1],
    ['tracking parameters on the URL', BASE.replace('7001.', '7001?utm_source=indeed&utm_medium=cpc&gclid=abc&ref=feed.'), 1],
    ['another URL altogether', BASE.replace('https://boards.greenhouse.io/acme/jobs/7001', 'https://aggregator.example/r/98765?source=feed'), 1],
  ])('gives similarity 1 for %s', (_name, other, expected) => {
    expect(sim(BASE, other)).toBe(expected);
  });

  it('stays high when one sentence of four changes', () => {
    const changed = BASE.replace('You will own the warehouse models, work closely with analysts and keep data quality high.', 'Our team of six ships every day and values written design reviews.');
    const s = sim(BASE, changed);
    expect(s).toBeGreaterThan(0.3);
    expect(s).toBeLessThan(0.9);
  });

  it('is low for another posting with the same title', () => {
    const other = 'Acme is hiring a Data Engineer for the payments team: Scala, Spark and Kafka on AWS, on call one week in six, office in Berlin.';
    expect(sim(BASE, other)).toBeLessThan(0.1);
  });

  it('is null for no text or text without words', () => {
    expect(textSignature(null)).toBeNull();
    expect(textSignature('')).toBeNull();
    expect(textSignature(' — ')).toBeNull();
  });

  it('keeps the 128 least shingle hashes, ascending, and round-trips through its stored bytes', () => {
    const short = textSignature(BASE)!;
    expect(short.length).toBe(shingleHashes(BASE).length); // fewer than 128 shingles: all of them
    const long = textSignature(Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '))!;
    expect(long.length).toBe(SIGNATURE_SIZE);
    expect([...long]).toEqual([...long].sort((x, y) => x - y));
    const bytes = signatureToBytes(long);
    expect(bytes.length).toBe(SIGNATURE_SIZE * 4);
    expect(signatureFromBytes(bytes)).toEqual(long);
    expect(() => signatureFromBytes(bytes.subarray(1))).toThrow(RangeError);
  });

  it('estimates Jaccard exactly for short texts and closely for long ones', () => {
    // 4 shingles each, 2 shared: J = 2 / 6.
    expect(sim('a b c d e f', 'c d e f g h')).toBeCloseTo(2 / 6, 10);
    // 1,000-word texts sharing their first 800 words' shingles: J = 798 / (998 + 200) ≈ 0.666.
    const words = Array.from({ length: 1200 }, (_, i) => `w${i}`);
    const s = sim(words.slice(0, 1000).join(' '), [...words.slice(0, 800), ...words.slice(1000, 1200)].join(' '));
    expect(Math.abs(s - 798 / 1198)).toBeLessThan(0.15);
  });
});

import { growth, isEmerging, newcombeDifference, rankSkills, type SkillPeriodCounts, wilson, zeroFilledSeries } from './trend-stats.js';

const c = (postings: number, total: number) => ({ postings, total });

describe('wilson', () => {
  it.each([
    // Reference values: Newcombe (1998), Statistics in Medicine 17:857, table I.
    [0, 10, 0, 0.2775],
    [1, 10, 0.0179, 0.4042],
    [40, 400, 0.0743, 0.1333],
    [10, 10, 0.7225, 1],
  ])('%i of %i → [%f, %f]', (x, n, low, high) => {
    const w = wilson(x, n)!;
    expect(w.low).toBeCloseTo(low, 4);
    expect(w.high).toBeCloseTo(high, 4);
  });

  it('has no interval for an empty bucket', () => expect(wilson(0, 0)).toBeNull());
});

describe('newcombeDifference (hybrid score, method 10)', () => {
  it.each([
    // Newcombe (1998), Statistics in Medicine 17:873, table II, method 10.
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [5, 56, 0, 29, 0.0893, -0.0381, 0.1926],
  ])('%i/%i - %i/%i', (x1, n1, x0, n0, d, low, high) => {
    const r = newcombeDifference(x1, n1, x0, n0)!;
    expect(r.difference).toBeCloseTo(d, 4);
    expect(r.low).toBeCloseTo(low, 4);
    expect(r.high).toBeCloseTo(high, 4);
  });

  it('is null when a period has no postings', () => expect(newcombeDifference(1, 10, 0, 0)).toBeNull());
});

describe('growth', () => {
  it('Python 40 then 44 of 400 postings each week: share grows by 0.10 (log ratio interval)', () => {
    const g = growth(c(44, 400), c(40, 400), 5);
    expect(g.status).toBe('ok');
    expect(g.growth).toBeCloseTo(0.1, 12);
    expect(g.growthInterval!.low).toBeCloseTo(-0.26643, 5);
    expect(g.growthInterval!.high).toBeCloseTo(0.64946, 5);
    expect(g.shareChange).toBeCloseTo(0.01, 12);
    expect(g.shareChangeInterval!.low).toBeCloseTo(-0.0329, 4);
    expect(g.shareChangeInterval!.high).toBeCloseTo(0.05298, 4);
  });

  it('Rust 0 then 2: no growth figure, flagged new', () => {
    const g = growth(c(2, 400), c(0, 400), 5);
    expect(g).toMatchObject({ status: 'new', growth: null, growthInterval: null });
    expect(g.shareChange).toBeCloseTo(0.005, 12);
  });

  it.each([
    ['below the floor now', c(4, 400), c(10, 400), 5, 'insufficient_data'],
    ['below the floor before', c(40, 400), c(3, 400), 5, 'insufficient_data'],
    ['gone to zero', c(0, 400), c(30, 400), 5, 'insufficient_data'],
    ['no postings at all before', c(9, 400), c(0, 0), 5, 'insufficient_data'],
    ['new at any support', c(50, 400), c(0, 400), 5, 'new'],
    ['exactly at the floor', c(5, 100), c(5, 50), 5, 'ok'],
    ['a floor of 0 still needs one posting', c(3, 100), c(0, 100), 0, 'new'],
  ] as const)('%s → %s', (_label, now, before, minSupport, status) => {
    const g = growth(now, before, minSupport);
    expect(g.status).toBe(status);
    if (status !== 'ok') expect(g.growth).toBeNull();
  });

  it('halving a share is growth -0.5', () => expect(growth(c(10, 100), c(20, 100), 5).growth).toBeCloseTo(-0.5, 12));
  it('compares shares, not counts: twice the postings in twice the total is no growth', () => {
    expect(growth(c(20, 200), c(10, 100), 5).growth).toBeCloseTo(0, 12);
  });
});

describe('isEmerging', () => {
  it.each([
    ['absent before, above the floor now', c(6, 100), c(0, 100), 5, true],
    ['rare before (below the floor), above now', c(12, 100), c(2, 100), 5, true],
    ['below the floor now', c(4, 100), c(0, 100), 5, false],
    ['established before', c(30, 100), c(5, 100), 5, false],
    ['no postings before: nothing to compare', c(30, 100), c(0, 0), 5, false],
    ['share fell although below the floor before', c(5, 1000), c(4, 100), 5, false],
  ] as const)('%s → %s', (_label, now, before, minSupport, expected) => {
    expect(isEmerging(now, before, minSupport)).toBe(expected);
  });
});

describe('rankSkills', () => {
  const rows: SkillPeriodCounts[] = [
    { skillId: 'python', current: c(44, 400), previous: c(40, 400) },
    { skillId: 'rust', current: c(2, 400), previous: c(0, 400) },
    { skillId: 'go', current: c(12, 400), previous: c(6, 400) },
    { skillId: 'excel', current: c(20, 400), previous: c(30, 400) },
    { skillId: 'kotlin', current: c(8, 400), previous: c(0, 400) },
    { skillId: 'perl', current: c(3, 400), previous: c(4, 400) },
  ];

  it('growth ranks only supported skills; Rust is flagged new, not among the fastest growing', () => {
    const { ranked, flagged } = rankSkills(rows, 'growth', 5, 10);
    expect(ranked.map((r) => [r.rank, r.skillId])).toEqual([[1, 'go'], [2, 'python'], [3, 'excel']]);
    expect(ranked[0].growth).toBeCloseTo(1, 12);
    expect(ranked[2].growth).toBeCloseTo(-1 / 3, 12);
    expect(flagged.map((r) => [r.skillId, r.status, r.rank])).toEqual([['kotlin', 'new', null], ['perl', 'insufficient_data', null], ['rust', 'new', null]]);
  });

  it('demand ranks by postings now, leaving out skills below the floor', () => {
    const { ranked } = rankSkills(rows, 'demand', 5, 3);
    expect(ranked.map((r) => [r.rank, r.skillId, r.share])).toEqual([[1, 'python', 0.11], [2, 'excel', 0.05], [3, 'go', 0.03]]);
  });

  it('emerging: present now above the floor, absent or rare before', () => {
    expect(rankSkills(rows, 'emerging', 5, 10).ranked.map((r) => r.skillId)).toEqual(['kotlin']);
  });
});

describe('zeroFilledSeries', () => {
  it('gives every bucket, with 0 postings and a null share for a bucket with no postings', () => {
    const totals = new Map([['2024-W13', 400], ['2024-W15', 400]]);
    const counts = new Map([['python', new Map([['2024-W13', 40], ['2024-W15', 44]])]]);
    const series = zeroFilledSeries(['2024-W13', '2024-W14', '2024-W15'], ['python', 'rust'], totals, counts);
    expect(series.get('python')!.map((p) => [p.bucket, p.postings, p.total, p.share])).toEqual([
      ['2024-W13', 40, 400, 0.1], ['2024-W14', 0, 0, null], ['2024-W15', 44, 400, 0.11],
    ]);
    expect(series.get('rust')!.map((p) => [p.postings, p.total, p.share])).toEqual([[0, 400, 0], [0, 0, null], [0, 400, 0]]);
    expect(series.get('python')![1].shareInterval).toBeNull();
  });
});

/**
 * Trend statistics over posting counts (pure). Every share and growth is a fraction (0.1 = 10 %), never a per cent.
 *
 * - Share of a skill in a bucket: postings with description text that mention the skill / postings with description
 *   text in the bucket, with a 95 % Wilson score interval. A bucket with no postings has share `null`, never 0/0.
 * - Growth between two periods is the relative change of the share, `share_now / share_before - 1`, with a 95 %
 *   interval from the log of the ratio of two independent proportions (Katz et al. 1978):
 *   `ln(r) ± 1.96 · sqrt(1/x1 - 1/n1 + 1/x0 - 1/n0)`, transformed back. It is only computed when both counts reach the
 *   minimum support, so it never divides by zero.
 * - The change of share in points of fraction, `share_now - share_before`, has a 95 % interval by Newcombe's hybrid
 *   score method (Newcombe 1998, method 10), which also holds for counts of 0.
 */

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval95 {
  low: number;
  high: number;
}

/** `x / n`, or null when `n` is 0. */
export function share(x: number, n: number): number | null {
  return n > 0 ? x / n : null;
}

/** 95 % Wilson score interval of the proportion `x / n`; null when `n` is 0. */
export function wilson(x: number, n: number, z = Z95): Interval95 | null {
  if (n <= 0) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score 95 % interval of `x1/n1 - x0/n0`; null when either `n` is 0. */
export function newcombeDifference(x1: number, n1: number, x0: number, n0: number): (Interval95 & { difference: number }) | null {
  const w1 = wilson(x1, n1);
  const w0 = wilson(x0, n0);
  if (!w1 || !w0) return null;
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const d = p1 - p0;
  return {
    difference: d,
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w0.high - p0) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p0 - w0.low) ** 2),
  };
}

/**
 * `ok`: both periods reach the minimum support; `new`: mentioned now, never in the previous period (which had
 * postings); `insufficient_data`: anything else below the support floor (including a previous period with no postings).
 */
export type GrowthStatus = 'ok' | 'new' | 'insufficient_data';

export interface Counts {
  /** Postings with description text mentioning the skill in the period. */
  postings: number;
  /** Postings with description text in the period (the denominator). */
  total: number;
}

export interface Growth {
  status: GrowthStatus;
  /** Relative change of the share (0.10 = the share grew by a tenth); null unless `status` is `ok`. */
  growth: number | null;
  /** 95 % interval of `growth` (log ratio method); null unless `status` is `ok`. */
  growthInterval: Interval95 | null;
  /** `share_now - share_before`, and its 95 % Newcombe interval; null when a period has no postings. */
  shareChange: number | null;
  shareChangeInterval: Interval95 | null;
}

/** Growth of a skill's share from `previous` to `current`, honest about small samples (see the module comment). */
export function growth(current: Counts, previous: Counts, minSupport: number): Growth {
  const diff = newcombeDifference(current.postings, current.total, previous.postings, previous.total);
  const change = { shareChange: diff?.difference ?? null, shareChangeInterval: diff ? { low: diff.low, high: diff.high } : null };
  const floor = Math.max(1, minSupport);
  if (current.postings >= floor && previous.postings >= floor) {
    const x1 = current.postings, n1 = current.total, x0 = previous.postings, n0 = previous.total;
    const ratio = x1 / n1 / (x0 / n0);
    const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0);
    const lr = Math.log(ratio);
    return {
      status: 'ok', growth: ratio - 1,
      growthInterval: { low: Math.exp(lr - Z95 * se) - 1, high: Math.exp(lr + Z95 * se) - 1 },
      ...change,
    };
  }
  const status: GrowthStatus = previous.postings === 0 && previous.total > 0 && current.postings > 0 ? 'new' : 'insufficient_data';
  return { status, growth: null, growthInterval: null, ...change };
}

/** A skill is emerging when it reaches the support floor now and was absent or below it before, and its share rose. */
export function isEmerging(current: Counts, previous: Counts, minSupport: number): boolean {
  if (current.postings < Math.max(1, minSupport) || previous.total === 0) return false;
  if (previous.postings >= Math.max(1, minSupport)) return false;
  return current.postings / current.total > previous.postings / previous.total;
}

export type TopBy = 'demand' | 'growth' | 'emerging';

export interface SkillPeriodCounts {
  skillId: string;
  current: Counts;
  previous: Counts;
}

export interface RankedSkill extends SkillPeriodCounts, Growth {
  rank: number | null;
  share: number | null;
  previousShare: number | null;
  shareInterval: Interval95 | null;
}

/**
 * Ranks skills for `GET /v1/trends/top`. `demand`: by postings now (ties: skill id), skills below `minSupport`
 * are left out. `growth`: skills with status `ok` by growth (ties: higher lower bound, then postings); skills flagged
 * `new` or `insufficient_data` go to `flagged`, never into the ranking. `emerging`: skills passing `isEmerging`, by
 * postings now. Returns at most `limit` ranked and `limit` flagged skills (flagged ordered by postings now).
 */
export function rankSkills(rows: SkillPeriodCounts[], by: TopBy, minSupport: number, limit: number): { ranked: RankedSkill[]; flagged: RankedSkill[] } {
  const all = rows.map((r): RankedSkill => ({
    ...r, ...growth(r.current, r.previous, minSupport), rank: null,
    share: share(r.current.postings, r.current.total), previousShare: share(r.previous.postings, r.previous.total),
    shareInterval: wilson(r.current.postings, r.current.total),
  }));
  const byPostings = (a: RankedSkill, b: RankedSkill) => b.current.postings - a.current.postings || a.skillId.localeCompare(b.skillId);
  let ranked: RankedSkill[];
  let flagged: RankedSkill[] = [];
  if (by === 'demand') {
    ranked = all.filter((s) => s.current.postings >= Math.max(1, minSupport)).sort(byPostings);
  } else if (by === 'growth') {
    ranked = all.filter((s) => s.status === 'ok').sort((a, b) =>
      b.growth! - a.growth! || b.growthInterval!.low - a.growthInterval!.low || byPostings(a, b));
    flagged = all.filter((s) => s.status !== 'ok' && s.current.postings > 0).sort(byPostings);
  } else {
    ranked = all.filter((s) => isEmerging(s.current, s.previous, minSupport)).sort(byPostings);
  }
  return {
    ranked: ranked.slice(0, limit).map((s, i) => ({ ...s, rank: i + 1 })),
    flagged: flagged.slice(0, limit),
  };
}

export interface SeriesPoint {
  bucket: string;
  postings: number;
  total: number;
  share: number | null;
  shareInterval: Interval95 | null;
}

/**
 * Zero-filled series: one point per bucket key (in the given order) for each skill, with bucket totals from `totals`
 * (missing buckets have total 0 and share null) and skill counts from `counts` (`skillId` → bucket key → postings).
 */
export function zeroFilledSeries(bucketKeys: string[], skillIds: string[], totals: Map<string, number>, counts: Map<string, Map<string, number>>): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>();
  for (const skillId of skillIds) {
    const bySkill = counts.get(skillId);
    series.set(skillId, bucketKeys.map((bucket) => {
      const total = totals.get(bucket) ?? 0;
      const postings = bySkill?.get(bucket) ?? 0;
      return { bucket, postings, total, share: share(postings, total), shareInterval: wilson(postings, total) };
    }));
  }
  return series;
}

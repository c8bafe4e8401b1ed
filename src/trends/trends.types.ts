/** Response shapes of the trend endpoints. Shares, growth and their bounds are fractions (0.1 = 10 %); dates are local to `tz`. */

export interface SkillRef {
  id: string;
  label: string;
}

/** One skill in one bucket. `share` and its 95 % bounds are null when the bucket has no postings. */
export interface SkillPoint {
  bucket: string;
  start: string;
  end: string;
  postings: number;
  total: number;
  share: number | null;
  shareLow: number | null;
  shareHigh: number | null;
}

export interface SkillsTrendResponse {
  interval: 'week' | 'month';
  tz: string;
  from: string;
  to: string;
  filters: Record<string, string>;
  /** Every bucket, zero-filled: `total` = postings with description text (denominator), `titleOnly` apart. */
  buckets: Array<{ bucket: string; start: string; end: string; total: number; titleOnly: number }>;
  series: Array<{ skill: SkillRef; points: SkillPoint[] }>;
  method: string;
  note?: string;
}

export interface TopRow {
  /** 1-based rank; null for a flagged skill. */
  rank: number | null;
  skill: SkillRef;
  status: 'ok' | 'new' | 'insufficient_data';
  postings: number;
  total: number;
  share: number | null;
  shareLow: number | null;
  shareHigh: number | null;
  previousPostings: number;
  previousTotal: number;
  previousShare: number | null;
  growth: number | null;
  growthLow: number | null;
  growthHigh: number | null;
  shareChange: number | null;
  shareChangeLow: number | null;
  shareChangeHigh: number | null;
}

export interface TopResponse {
  by: 'demand' | 'growth' | 'emerging';
  tz: string;
  minSupport: number;
  filters: Record<string, string>;
  period: { key: string; start: string; end: string };
  previousPeriod: { key: string; start: string; end: string };
  totals: { current: number; previous: number; currentTitleOnly: number; previousTitleOnly: number };
  results: TopRow[];
  /** Skills below the support floor (growth only): status `new` or `insufficient_data`, never ranked. */
  flagged: TopRow[];
  method: string;
}

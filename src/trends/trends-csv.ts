import { stringify } from 'csv-stringify/sync';
import type { SkillsTrendResponse, TopResponse } from './trends.types.js';

/** CSV columns of `GET /v1/trends/skills` (one row per skill and bucket), as documented in the OpenAPI. */
export const SKILLS_CSV_COLUMNS = ['skill_id', 'skill_label', 'bucket', 'bucket_start', 'bucket_end', 'postings', 'total', 'share', 'share_low', 'share_high'] as const;

/** CSV columns of `GET /v1/trends/top` (one row per skill in the period: ranked rows first, then flagged ones). */
export const TOP_CSV_COLUMNS = [
  'rank', 'skill_id', 'skill_label', 'status', 'period', 'postings', 'total', 'share', 'share_low', 'share_high',
  'previous_period', 'previous_postings', 'previous_total', 'previous_share', 'growth', 'growth_low', 'growth_high',
  'share_change', 'share_change_low', 'share_change_high',
] as const;

const num = (x: number | null) => (x === null ? '' : String(x));

export function skillsCsv(r: SkillsTrendResponse): string {
  const rows = r.series.flatMap((s) => s.points.map((p) => [
    s.skill.id, s.skill.label, p.bucket, p.start, p.end, p.postings, p.total, num(p.share), num(p.shareLow), num(p.shareHigh),
  ]));
  return stringify(rows, { header: true, columns: [...SKILLS_CSV_COLUMNS] });
}

export function topCsv(r: TopResponse): string {
  const rows = [...r.results, ...r.flagged].map((t) => [
    t.rank ?? '', t.skill.id, t.skill.label, t.status, r.period.key, t.postings, t.total, num(t.share), num(t.shareLow), num(t.shareHigh),
    r.previousPeriod.key, t.previousPostings, t.previousTotal, num(t.previousShare), num(t.growth), num(t.growthLow), num(t.growthHigh),
    num(t.shareChange), num(t.shareChangeLow), num(t.shareChangeHigh),
  ]);
  return stringify(rows, { header: true, columns: [...TOP_CSV_COLUMNS] });
}

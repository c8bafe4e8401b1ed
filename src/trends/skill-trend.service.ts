import { Injectable } from '@nestjs/common';
import { DemandQueryRepository } from './demand-query.repository.js';
import { addMonths, bucketsBetween, localDate } from './time-buckets.js';
import { growth, type Growth } from './trend-stats.js';

/** A skill's recent demand trend: its share in the latest month with enough postings against the month before. */
export interface SkillTrend extends Growth {
  /** The month compared ("2026-05"), and the month before it. */
  period: string;
  previousPeriod: string;
  /** Shares (fractions of postings with text) in the two months. */
  share: number;
  previousShare: number;
}

/** A month is compared only when at least this many postings with text fall in it and in the month before. */
const MIN_MONTH_POSTINGS = 30;
const MIN_SUPPORT = 5;
const LOOKBACK_MONTHS = 36;

/**
 * Recent trends of skills for gaps and recommendations, from the demand aggregates (all sources, UTC months): the
 * latest month with at least 30 postings with text whose previous month has as many, against that previous month, by `growth` (log-ratio interval,
 * minimum support 5). Null when there are not two such months.
 */
@Injectable()
export class SkillTrendService {
  constructor(private readonly repo: DemandQueryRepository) {}

  async recent(skillIds: string[], now = Date.now()): Promise<Map<string, SkillTrend | null>> {
    const out = new Map<string, SkillTrend | null>(skillIds.map((id) => [id, null]));
    if (skillIds.length === 0) return out;
    const to = localDate(now, 'UTC');
    const buckets = bucketsBetween(addMonths(to, -LOOKBACK_MONTHS), to, 'month', 'UTC');
    const totals = await this.repo.totals(buckets, 'month', {});
    // The latest two consecutive months that both have enough postings (sources arrive in bursts: a month of one
    // board alone would compare against an empty month).
    let current = -1;
    for (let i = buckets.length - 1; i > 0; i--) {
      if ((totals.get(i)?.postings ?? 0) >= MIN_MONTH_POSTINGS && (totals.get(i - 1)?.postings ?? 0) >= MIN_MONTH_POSTINGS) {
        current = i;
        break;
      }
    }
    const previous = current - 1;
    const n1 = totals.get(current)?.postings ?? 0;
    const n0 = totals.get(previous)?.postings ?? 0;
    if (current < 1 || n0 === 0) return out;
    const pair = [buckets[previous], buckets[current]];
    const counts = await this.repo.skillCounts(pair, 'month', {}, skillIds);
    for (const id of skillIds) {
      const x0 = counts.get(id)?.get(0) ?? 0;
      const x1 = counts.get(id)?.get(1) ?? 0;
      out.set(id, {
        period: buckets[current].key, previousPeriod: buckets[previous].key, share: x1 / n1, previousShare: x0 / n0,
        ...growth({ postings: x1, total: n1 }, { postings: x0, total: n0 }, MIN_SUPPORT),
      });
    }
    return out;
  }
}

import { Injectable } from '@nestjs/common';
import { ProblemException } from '../infra/http/problem.filter.js';
import { SkillsService } from '../taxonomy/skills.service.js';
import { type DemandFilter, DemandQueryRepository } from './demand-query.repository.js';
import type { TrendFiltersDto, TrendsSkillsQueryDto, TrendsTopQueryDto } from './dto/trends-query.dto.js';
import { addDays, addMonths, type Bucket, bucketsBetween, countBuckets, type Interval, isValidDate, localDate, parsePeriod } from './time-buckets.js';
import { rankSkills, type RankedSkill, type TopBy, zeroFilledSeries } from './trend-stats.js';
import type { SkillPoint, SkillsTrendResponse, TopResponse, TopRow } from './trends.types.js';

const MAX_SKILLS = 20;
const MAX_BUCKETS: Record<Interval, number> = { week: 530, month: 240 };
const DEFAULT_BUCKETS = 12;

export const SHARE_METHOD = 'share = postings with description text that mention the skill / postings with description text in the bucket '
  + '(a skill mentioned several times in a posting counts once; title-only postings are counted apart); 95 % Wilson score interval';
export const GROWTH_METHOD = 'growth = share_now / share_before - 1 with a 95 % interval from the log ratio of two independent proportions '
  + '(Katz 1978); shareChange = share_now - share_before with a 95 % Newcombe hybrid score interval (Newcombe 1998, method 10). '
  + 'Growth is given only when both periods reach minSupport; otherwise the skill is flagged new (absent before) or insufficient_data.';

/** Trend reports over the demand aggregates (`demand_total`, `demand_skill`), kept current by the analytics queue. */
@Injectable()
export class TrendsService {
  constructor(private readonly repo: DemandQueryRepository, private readonly skills: SkillsService) {}

  /**
   * `GET /v1/trends/skills`: per skill and bucket, postings mentioning the skill, the bucket's total and the share
   * (fraction) with its 95 % interval; every bucket from `from` to `to` is present (zero-filled). 400 problem for unknown
   * skills or occupation, a bad date, `from` after `to`, or too many buckets.
   */
  async skillSeries(q: TrendsSkillsQueryDto): Promise<SkillsTrendResponse> {
    const tz = q.tz ?? 'UTC';
    const interval = q.interval ?? 'week';
    const to = q.to ?? localDate(Date.now(), tz);
    checkDate('to', to);
    const from = q.from ?? (interval === 'week' ? addDays(to, -7 * (DEFAULT_BUCKETS - 1)) : addMonths(to, -(DEFAULT_BUCKETS - 1)));
    checkDate('from', from);
    if (from > to) throw badRequest('from', `from (${from}) is after to (${to})`);
    if (countBuckets(from, to, interval) > MAX_BUCKETS[interval]) {
      throw badRequest('from', `at most ${MAX_BUCKETS[interval]} ${interval}s per request`);
    }
    const skills = await this.resolveSkills(q.skills);
    const filter = await this.filter(q);
    const buckets = bucketsBetween(from, to, interval, tz);
    const ids = skills.map((s) => s.id);
    const [totals, counts] = await Promise.all([
      this.repo.totals(buckets, interval, filter),
      this.repo.skillCounts(buckets, interval, filter, ids),
    ]);
    const keys = buckets.map((b) => b.key);
    const series = zeroFilledSeries(
      keys, ids,
      new Map([...totals].map(([i, t]) => [keys[i], t.postings])),
      new Map([...counts].map(([id, m]) => [id, new Map([...m].map(([i, n]) => [keys[i], n]))])),
    );
    return {
      interval, tz, from, to, filters: filterEcho(q),
      buckets: buckets.map((b, i) => ({ bucket: b.key, start: b.start, end: b.end, total: totals.get(i)?.postings ?? 0, titleOnly: totals.get(i)?.titleOnly ?? 0 })),
      series: skills.map((s) => ({
        skill: s,
        points: series.get(s.id)!.map((p, i): SkillPoint => ({
          bucket: p.bucket, start: buckets[i].start, end: buckets[i].end, postings: p.postings, total: p.total, share: p.share,
          shareLow: p.shareInterval?.low ?? null, shareHigh: p.shareInterval?.high ?? null,
        })),
      })),
      method: SHARE_METHOD,
      ...(interval === 'week' ? { note: 'Postings dated to the month only are left out of weekly buckets.' } : {}),
    };
  }

  /**
   * `GET /v1/trends/top`: skills ranked by demand, growth or emergence in `period` against the period before it.
   * 400 problem for an impossible period or an unknown occupation.
   */
  async top(q: TrendsTopQueryDto): Promise<TopResponse> {
    const tz = q.tz ?? 'UTC';
    const by: TopBy = q.by ?? 'demand';
    const minSupport = q.minSupport ?? 5;
    const limit = q.limit ?? 20;
    const period = parsePeriod(q.period, tz);
    if (!period) throw badRequest('period', `period ${q.period} names no ISO week or month`);
    const filter = await this.filter(q);
    const buckets = [period.previous, period.current]; // chronological: the repository needs contiguous buckets in order
    const [totals, counts] = await Promise.all([
      this.repo.totals(buckets, period.interval, filter),
      this.repo.skillCounts(buckets, period.interval, filter, null),
    ]);
    const n1 = totals.get(1)?.postings ?? 0;
    const n0 = totals.get(0)?.postings ?? 0;
    const rows = [...counts].map(([skillId, m]) => ({
      skillId, current: { postings: m.get(1) ?? 0, total: n1 }, previous: { postings: m.get(0) ?? 0, total: n0 },
    }));
    const { ranked, flagged } = rankSkills(rows, by, minSupport, limit);
    const labels = await this.repo.labels([...ranked, ...flagged].map((r) => r.skillId));
    const row = (r: RankedSkill) => toTopRow(r, labels.get(r.skillId) ?? r.skillId);
    return {
      by, tz, minSupport, filters: filterEcho(q),
      period: bucketEcho(period.current), previousPeriod: bucketEcho(period.previous),
      totals: { current: n1, previous: n0, currentTitleOnly: totals.get(1)?.titleOnly ?? 0, previousTitleOnly: totals.get(0)?.titleOnly ?? 0 },
      results: ranked.map(row), flagged: flagged.map(row),
      method: `${SHARE_METHOD}. ${GROWTH_METHOD}`,
    };
  }

  private async resolveSkills(list: string): Promise<Array<{ id: string; label: string }>> {
    const refs = [...new Set(list.split(',').map((s) => s.trim()).filter(Boolean))];
    if (refs.length === 0) throw badRequest('skills', 'skills must name at least one skill');
    if (refs.length > MAX_SKILLS) throw badRequest('skills', `at most ${MAX_SKILLS} skills`);
    const resolved = await Promise.all(refs.map((r) => this.skills.resolve(r)));
    const unknown = refs.filter((_, i) => !resolved[i]);
    if (unknown.length) throw badRequest('skills', `unknown skill(s): ${unknown.join(', ')}`);
    const seen = new Map<string, { id: string; label: string }>();
    for (const s of resolved) if (!seen.has(s!.id)) seen.set(s!.id, { id: s!.id, label: s!.label });
    return [...seen.values()];
  }

  private async filter(q: TrendFiltersDto): Promise<DemandFilter> {
    const f: DemandFilter = { region: q.region, source: q.source?.trim() || undefined, employer: q.employer?.trim() || undefined };
    if (q.occupation) {
      const occ = await this.repo.occupation(q.occupation);
      if (!occ) throw badRequest('occupation', `unknown occupation: ${q.occupation} (give an ESCO occupation id or URI, or an O*NET-SOC code)`);
      if (occ.scheme === 'esco') f.escoOccupationId = occ.id;
      else f.onetSoc = occ.onetSoc ?? occ.id;
    }
    return f;
  }
}

function toTopRow(r: RankedSkill, label: string): TopRow {
  return {
    rank: r.rank, skill: { id: r.skillId, label }, status: r.status,
    postings: r.current.postings, total: r.current.total, share: r.share,
    shareLow: r.shareInterval?.low ?? null, shareHigh: r.shareInterval?.high ?? null,
    previousPostings: r.previous.postings, previousTotal: r.previous.total, previousShare: r.previousShare,
    growth: r.growth, growthLow: r.growthInterval?.low ?? null, growthHigh: r.growthInterval?.high ?? null,
    shareChange: r.shareChange, shareChangeLow: r.shareChangeInterval?.low ?? null, shareChangeHigh: r.shareChangeInterval?.high ?? null,
  };
}

function bucketEcho(b: Bucket): { key: string; start: string; end: string } {
  return { key: b.key, start: b.start, end: b.end };
}

function filterEcho(q: TrendFiltersDto): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['region', 'occupation', 'source', 'employer'] as const) if (q[k]) out[k] = q[k]!;
  return out;
}

function checkDate(name: string, value: string): void {
  if (!isValidDate(value)) throw badRequest(name, `${name} ${value} is not a calendar date`);
}

function badRequest(parameter: string, detail: string): ProblemException {
  return new ProblemException(400, 'validation', 'Bad Request', detail, [{ pointer: `/${parameter}`, detail }]);
}

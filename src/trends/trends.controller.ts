import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { TrendsSkillsQueryDto, TrendsTopQueryDto } from './dto/trends-query.dto.js';
import { SKILLS_CSV_COLUMNS, skillsCsv, TOP_CSV_COLUMNS, topCsv } from './trends-csv.js';
import { GROWTH_METHOD, SHARE_METHOD, TrendsService } from './trends.service.js';
import type { SkillsTrendResponse, TopResponse } from './trends.types.js';

const wantsCsv = (accept?: string) => /\btext\/csv\b/i.test(accept ?? '');

@ApiTags('trends')
@Controller('v1/trends')
export class TrendsController {
  constructor(private readonly trends: TrendsService) {}

  /**
   * Skill demand per week or month in the caller's time zone, zero-filled; JSON, or CSV with `Accept: text/csv`.
   * Data: the demand aggregates refreshed by the analytics queue after each extraction batch.
   */
  @Get('skills')
  @ApiOperation({
    summary: 'Demand share of skills per ISO week (Monday start in tz) or month, zero-filled',
    description: `${SHARE_METHOD}. Shares are fractions. Postings dated to the month only (2017 Hacker News) count in months, never in weeks. `
      + 'Errors: 400 problem naming the parameter (interval, tz, from, to, skills, region, occupation).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: `JSON: { interval, tz, from, to, filters, buckets: [{ bucket, start, end, total, titleOnly }], series: [{ skill: { id, label }, points: [{ bucket, start, end, postings, total, share, shareLow, shareHigh }] }], method }. `
      + `CSV (Accept: text/csv): one row per skill and bucket, columns ${SKILLS_CSV_COLUMNS.join(', ')}; empty share cells for buckets with no postings.`,
    content: {
      'application/json': { schema: { type: 'object' } },
      'text/csv': { schema: { type: 'string' }, example: `${SKILLS_CSV_COLUMNS.join(',')}\nkey-python,Python,2024-W13,2024-03-25,2024-04-01,40,400,0.1,0.0743,0.1333\n` },
    },
  })
  async skills(@Query() q: TrendsSkillsQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<SkillsTrendResponse | string> {
    const result = await this.trends.skillSeries(q);
    if (!wantsCsv(accept)) return result;
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="skill-trends-${result.interval}-${result.from}-${result.to}.csv"`);
    return skillsCsv(result);
  }

  /** Skills ranked by demand, growth or emergence in one ISO week or month against the one before; JSON or CSV. */
  @Get('top')
  @ApiOperation({
    summary: 'Top skills in a period by demand, growth (of share, against the previous period) or emergence',
    description: `${SHARE_METHOD}. ${GROWTH_METHOD} Emerging: at least minSupport postings now, fewer than minSupport (or none) in the previous period, and a higher share. `
      + 'The previous period is the ISO week or calendar month before. Errors: 400 problem naming the parameter (by, period, tz, minSupport, limit, region, occupation).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'JSON: { by, tz, minSupport, period, previousPeriod, totals: { current, previous, currentTitleOnly, previousTitleOnly }, results: [row], flagged: [row], method }, '
      + 'row = { rank, skill: { id, label }, status (ok | new | insufficient_data), postings, total, share, shareLow, shareHigh, previousPostings, previousTotal, previousShare, growth, growthLow, growthHigh, shareChange, shareChangeLow, shareChangeHigh }. '
      + `CSV (Accept: text/csv): one row per skill (ranked, then flagged), columns ${TOP_CSV_COLUMNS.join(', ')}.`,
    content: {
      'application/json': { schema: { type: 'object' } },
      'text/csv': { schema: { type: 'string' }, example: `${TOP_CSV_COLUMNS.join(',')}\n` },
    },
  })
  async top(@Query() q: TrendsTopQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<TopResponse | string> {
    const result = await this.trends.top(q);
    if (!wantsCsv(accept)) return result;
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="top-skills-${result.by}-${result.period.key}.csv"`);
    return topCsv(result);
  }
}

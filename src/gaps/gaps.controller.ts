import { Body, Controller, Headers, HttpCode, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { JsonDepthInterceptor } from '../badges/dto/json-depth.interceptor.js';
import { CreateCohortGapDto, CreateGapDto } from './dto/create-gap.dto.js';
import { type CohortResponse, type GapResponse, GapsService } from './gaps.service.js';

/** Columns of the cohort CSV: one `skill` row per missing skill, then one `learner` row per learner. */
export const COHORT_CSV_COLUMNS = [
  'row_type', 'skill_id', 'label', 'relation', 'learners_lacking', 'learners', 'demand_share', 'learner_id', 'coverage', 'held', 'missing', 'to_renew',
] as const;

@ApiTags('gaps')
@UseInterceptors(JsonDepthInterceptor)
@Controller('v1/gaps')
export class GapsController {
  constructor(private readonly gaps: GapsService) {}

  /**
   * A person's skill gap against an occupation (ESCO URI, O*NET-SOC code or label), a posting, or a title's postings:
   * `{ status, coverage (fraction, each held skill counted at its evidence weight; null without data), held (each with
   * its evidence `tier` and `weight`), missing (ranked, with demandShare and postings asking), toRenew (skills only an
   * expired badge gave), verifiedShare, target, profile }`. Badges are verified as by `POST /v1/badges/verify`.
   * 422 for an unknown or ambiguous occupation (listing `candidates`) or a recipient mismatch, 404 for an unknown
   * posting, 400 for a target naming none or several kinds or an unreadable badge.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Skill gap of a person (badges and skills) against an occupation, a posting or a title' })
  gap(@Body() body: CreateGapDto): Promise<GapResponse> {
    return this.gaps.gap(body);
  }

  /** Gaps of up to 500 learners against one target: per missing skill, how many lack it; per learner, coverage. CSV with `Accept: text/csv`. */
  @Post('cohort')
  @HttpCode(200)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: `Cohort skill gaps; CSV columns: ${COHORT_CSV_COLUMNS.join(', ')}` })
  async cohort(@Body() body: CreateCohortGapDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<CohortResponse | string> {
    const result = await this.gaps.cohort(body);
    if (!accept?.includes('text/csv')) return result;
    res.type('text/csv');
    return cohortCsv(result);
  }
}

export function cohortCsv(r: CohortResponse): string {
  const rows = [
    ...r.missing.map((m) => ({
      row_type: 'skill', skill_id: m.skillId, label: m.label, relation: m.relation, learners_lacking: m.learnersLacking, learners: m.learners,
      demand_share: m.demandShare.toFixed(4),
    })),
    ...r.learners.map((l) => ({
      row_type: 'learner', learner_id: l.id, coverage: l.coverage === null ? '' : l.coverage.toFixed(4), held: l.held, missing: l.missing, to_renew: l.toRenew,
    })),
  ];
  return stringify(rows, { header: true, columns: [...COHORT_CSV_COLUMNS] });
}

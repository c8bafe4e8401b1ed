import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JsonDepthInterceptor } from '../badges/dto/json-depth.interceptor.js';
import { ProblemException } from '../infra/http/problem.filter.js';
import { CreateMatchDto } from './dto/create-match.dto.js';
import { type MatchResponse, MatchService } from './match.service.js';

@ApiTags('matches')
@UseInterceptors(JsonDepthInterceptor)
@Controller('v1/matches')
export class MatchesController {
  constructor(private readonly matches: MatchService) {}

  /**
   * Ranks open postings for the given badges and skills: `{ results: [ { posting, score (0..1), matched (each with the
   * evidence `tier` and trust `weight` of the skill that earned it), missing } ], unmatchedInput, verifiedShare (0..1),
   * profile }`. Badges are verified as by `POST /v1/badges/verify` (`recipient`, `asOf` as there). 400 problem with
   * `errors[].pointer` `/badges/N` for an unreadable badge; 422 when neither badges nor skills are given, or
   * `…/recipient-mismatch` when a badge was issued to someone other than `recipient`.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rank open job postings for a person\'s badges and skills, with matched and missing skills' })
  async create(@Body() body: CreateMatchDto): Promise<MatchResponse> {
    if (!body.badges?.length && !body.skills?.length) {
      throw new ProblemException(422, 'empty-profile', 'Empty profile', 'Give at least one badge or one skill', [
        { pointer: '/badges', detail: 'empty' }, { pointer: '/skills', detail: 'empty' },
      ]);
    }
    return this.matches.match(body);
  }
}

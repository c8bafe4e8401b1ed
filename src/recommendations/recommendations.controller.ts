import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JsonDepthInterceptor } from '../badges/dto/json-depth.interceptor.js';
import { CreateRecommendationDto } from './dto/create-recommendation.dto.js';
import { type RecommendationResponse, RecommendationsService } from './recommendations.service.js';

@ApiTags('recommendations')
@UseInterceptors(JsonDepthInterceptor)
@Controller('v1/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  /**
   * Next credentials and next skills for a person: `{ credentials: [ { credential, before, after, gain, newSkills,
   * closesGaps, hours, cost, examples } ], skills: [ { skillId, label, before, after, gain } ] }`. `before`/`after`
   * count open postings with text matched at `minScore` or above without/with the credential (a posting matched before
   * stays matched). With a `target`, ranked first by the target's gaps closed, then by `gain`.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Next credentials and skills ranked by the open postings they unlock' })
  recommend(@Body() body: CreateRecommendationDto): Promise<RecommendationResponse> {
    return this.recommendations.recommend(body);
  }
}

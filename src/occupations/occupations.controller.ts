import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '../infra/http/problem.filter.js';
import { SearchOccupationsDto } from './dto/search-occupations.dto.js';
import { type OccupationDetail, OccupationsService, type OccupationSummary } from './occupations.service.js';

@ApiTags('occupations')
@Controller('v1/occupations')
export class OccupationsController {
  constructor(private readonly occupations: OccupationsService) {}

  /**
   * ESCO and O*NET occupations whose label or alias contains `q`:
   * `{ results: [ { id, scheme, label, escoUri, iscoCode, onetSoc, openPostings, matchedLabel } ] }`.
   * `openPostings` counts open postings whose title was classified to the occupation. 400 problem for a missing `q`.
   */
  @Get()
  @ApiOperation({ summary: 'Search ESCO and O*NET occupations by label or alias, with their open postings' })
  async search(@Query() query: SearchOccupationsDto): Promise<{ results: Array<OccupationSummary & { matchedLabel: string }> }> {
    return { results: await this.occupations.search(query.q, query.limit ?? 20) };
  }

  /**
   * One occupation by ESCO UUID, URL-encoded ESCO URI or O*NET-SOC code: label, description, scheme, codes, aliases,
   * ESCO essential and optional skills, O*NET technology skills (with hotTechnology and inDemand), openPostings.
   * 404 problem when unknown.
   */
  @Get(':id')
  @ApiOperation({ summary: 'One occupation with its essential, optional and technology skills' })
  @ApiParam({ name: 'id', description: 'ESCO occupation UUID, URL-encoded ESCO URI, or O*NET-SOC code ("15-1252.00")' })
  async get(@Param('id') id: string): Promise<OccupationDetail> {
    const occupation = await this.occupations.detail(id);
    if (!occupation) throw new ProblemException(404, 'not-found', 'Not Found', `No occupation with id, ESCO URI or O*NET-SOC code "${id}"`);
    return occupation;
  }
}

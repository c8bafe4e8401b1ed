import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '../infra/http/problem.filter.js';
import { type SkillDetail, SkillsService, type SkillSummary } from './skills.service.js';

@ApiTags('skills')
@Controller('v1/skills')
export class SkillsController {
  constructor(private readonly skills: SkillsService) {}

  /** Skills whose label or alias contains `q`: `{ results: [ { id, label, type, escoUri, matchedAlias } ] }`. */
  @Get()
  @ApiOperation({ summary: 'Search skills by label or alias' })
  @ApiQuery({ name: 'q', required: true })
  @ApiQuery({ name: 'limit', required: false, description: '1..100, default 20' })
  async search(@Query('q') q?: string, @Query('limit') limit?: string): Promise<{ results: Array<SkillSummary & { matchedAlias: string }> }> {
    if (!q?.trim()) throw new ProblemException(400, 'validation', 'Bad Request', 'q is required', [{ pointer: '/q', detail: 'q is required' }]);
    const n = limit === undefined ? 20 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      throw new ProblemException(400, 'validation', 'Bad Request', 'limit must be an integer from 1 to 100', [{ pointer: '/limit', detail: 'must be 1..100' }]);
    }
    return { results: await this.skills.search(q, n) };
  }

  /** One skill by id or URL-encoded ESCO URI; 404 problem when unknown. */
  @Get(':id')
  @ApiOperation({ summary: 'One skill by id or URL-encoded ESCO concept URI' })
  async get(@Param('id') id: string): Promise<SkillDetail> {
    const skill = await this.skills.detail(id);
    if (!skill) throw new ProblemException(404, 'not-found', 'Not Found', `No skill with id or ESCO URI "${id}"`);
    return skill;
  }
}

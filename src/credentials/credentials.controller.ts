import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '../infra/http/problem.filter.js';
import { type CredentialView, CredentialsService } from './credentials.service.js';
import { ListCredentialsDto } from './dto/list-credentials.dto.js';

@ApiTags('credentials')
@Controller('v1/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  /**
   * Credentials (our catalogue and imported Coursera files) whose name or provider contains every word of `q` and that
   * teach `skill`: `{ results: [ { id, name, provider, platform, url, kind, level, hours, duration, cost, source,
   * skills: [ { skillId, label } ], unmappedSkills } ] }`. 422 problem (`/skill`) when `skill` names no taxonomy skill.
   */
  @Get()
  @ApiOperation({ summary: 'Search credentials by name/provider and by a skill they teach' })
  async list(@Query() query: ListCredentialsDto): Promise<{ results: CredentialView[] }> {
    let skillId: string | undefined;
    if (query.skill !== undefined) {
      const skill = await this.credentials.resolveSkill(query.skill);
      if (!skill) {
        throw new ProblemException(422, 'unknown-skill', 'Unknown skill', `No skill with id, ESCO URI, label or alias "${query.skill}"`, [
          { pointer: '/skill', detail: 'names no skill' },
        ]);
      }
      skillId = skill.id;
    }
    return { results: await this.credentials.search({ q: query.q, skillId, limit: query.limit ?? 20 }) };
  }

  /** One credential by id; 404 problem when unknown. */
  @Get(':id')
  @ApiOperation({ summary: 'One credential by id, with the skills it teaches' })
  async get(@Param('id') id: string): Promise<CredentialView> {
    const credential = await this.credentials.detail(id);
    if (!credential) throw new ProblemException(404, 'not-found', 'Not Found', `No credential with id "${id}"`);
    return credential;
  }
}

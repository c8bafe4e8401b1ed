import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Meta, MetaService } from './meta.service.js';

@ApiTags('meta')
@Controller('v1/meta')
export class MetaController {
  constructor(private readonly meta: MetaService) {}

  @Get()
  @ApiOperation({ summary: 'Counts of skills, aliases, occupations, postings and posting skills; taxonomy versions loaded' })
  get(): Promise<Meta> {
    return this.meta.meta();
  }
}

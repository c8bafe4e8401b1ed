import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CreateSourceDto, UpdateSourceDto } from './dto/source.dto.js';
import { type SourceRunView, SourcesService, type SourceView } from './sources.service.js';

/** Query of `GET /v1/sources/{id}/runs`. */
export class ListRunsDto {
  @ApiPropertyOptional({ description: 'Runs to return, newest first, 1..200', default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/**
 * Configured job sources (Greenhouse boards, Lever sites, Ashby boards, JSON-LD pages, RSS/Atom feeds, USAJOBS
 * searches, Remote OK, files), each read on its own cron schedule by the worker. Errors are problem+json: 400 naming
 * the bad field (`/kind`, `/config/<field>`, `/schedule/cron`, `/schedule/timezone`), 404 for an unknown id, 409 for a
 * name in use.
 */
@ApiTags('sources')
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  /**
   * `{ name, kind, config, schedule: { cron, timezone }, enabled }` → 201 with the source: `{ id, name, kind, config,
   * schedule, enabled, sourceKey, nextRunAt (ISO 8601 UTC, null when disabled), createdAt, updatedAt }`.
   */
  @Post()
  @ApiOperation({ summary: 'Configure a job source and its schedule' })
  async create(@Body() dto: CreateSourceDto): Promise<SourceView> {
    return this.sources.create(dto);
  }

  /** Every source, oldest first: `{ results: [source] }`. */
  @Get()
  @ApiOperation({ summary: 'List configured job sources' })
  async list(): Promise<{ results: SourceView[] }> {
    return { results: await this.sources.list() };
  }

  /** One source, with `nextRunAt` from its job scheduler (the cron read in the source's time zone). */
  @Get(':id')
  @ApiOperation({ summary: 'One source with its next run time' })
  async get(@Param('id') id: string): Promise<SourceView> {
    return this.sources.get(id);
  }

  /** Partial update; a new `schedule` replaces the job scheduler, `enabled: false` removes it. */
  @Patch(':id')
  @ApiOperation({ summary: 'Change a source (name, config, schedule, enabled)' })
  async update(@Param('id') id: string, @Body() dto: UpdateSourceDto): Promise<SourceView> {
    return this.sources.update(id, dto);
  }

  /** 204; removes the schedule, runs and listings. Postings read from the source stay. */
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a source and its schedule (its postings stay)' })
  async delete(@Param('id') id: string): Promise<void> {
    await this.sources.delete(id);
  }

  /** 202 `{ runId }`: the run is queued; follow it with `GET /v1/sources/{id}/runs`. */
  @Post(':id/run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a source now' })
  async run(@Param('id') id: string): Promise<{ runId: string }> {
    return this.sources.runNow(id);
  }

  /**
   * Runs newest first: `{ results: [ { id, trigger (schedule|manual), status (running|complete|partial|failed),
   * startedAt, finishedAt, counts: { fetched, new, updated, unchanged, closed, rejected }, errors: [ { url, status, error } ] } ] }`.
   */
  @Get(':id/runs')
  @ApiOperation({ summary: 'Runs of a source, newest first' })
  async runs(@Param('id') id: string, @Query() query: ListRunsDto): Promise<{ results: SourceRunView[] }> {
    return { results: await this.sources.listRuns(id, query.limit ?? 50) };
  }
}

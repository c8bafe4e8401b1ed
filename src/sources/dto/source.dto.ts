import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import type { SourceConfig, SourceKind } from '../connectors/connector.types.js';
import { SOURCE_KINDS } from '../source.types.js';

/** When a source runs. Cron and zone are checked with cron-parser and Intl (400 naming `/schedule/cron` or `/schedule/timezone`). */
export class ScheduleDto {
  @ApiProperty({ description: 'Cron expression: 5 fields (minute hour day month weekday), or 6 with seconds first', example: '0 */6 * * *' })
  @MaxLength(100)
  @IsString()
  cron!: string;

  @ApiPropertyOptional({ description: 'IANA time zone the cron is read in', default: 'UTC', example: 'Europe/Berlin' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  timezone?: string;
}

/** A schedule in a PATCH: either field may be left out. */
export class SchedulePatchDto {
  @ApiPropertyOptional({ description: 'Cron expression (5 or 6 fields)', example: '0 */2 * * *' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  cron?: string;

  @ApiPropertyOptional({ description: 'IANA time zone', example: 'America/New_York' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  timezone?: string;
}

const CONFIG_DESCRIPTION =
  'Kind-specific settings: greenhouse {boardToken}, lever {site, pageSize}, ashby {jobBoardName}, jsonld {urls | sitemapUrl}, ' +
  'rss {feedUrl}, usajobs {query, pageSize}, remoteok {}, file {path under SOURCE_FILE_ROOT}; any kind may set baseUrl. ' +
  'Secrets (the USAJOBS key) come from the environment, never from here.';

/** Body of `POST /v1/sources`. */
export class CreateSourceDto {
  @ApiProperty({ description: 'Unique name', example: 'Acme careers (Greenhouse)' })
  @Length(1, 200)
  @IsString()
  name!: string;

  @ApiProperty({ enum: SOURCE_KINDS, example: 'greenhouse' })
  @IsIn(SOURCE_KINDS as SourceKind[], { message: `kind must be one of: ${SOURCE_KINDS.join(', ')}` })
  @IsString()
  kind!: SourceKind;

  @ApiProperty({ description: CONFIG_DESCRIPTION, type: 'object', additionalProperties: true, example: { boardToken: 'acme' } })
  @IsObject()
  config!: SourceConfig;

  @ApiProperty({ type: ScheduleDto })
  @ValidateNested()
  @Type(() => ScheduleDto)
  @IsObject()
  schedule!: ScheduleDto;

  @ApiPropertyOptional({ description: 'Whether the schedule runs (a disabled source can still be run by hand)', default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Body of `PATCH /v1/sources/{id}`: any of the fields; `config`, when given, replaces the whole config. `kind` cannot change. */
export class UpdateSourceDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Length(1, 200)
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: CONFIG_DESCRIPTION, type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  config?: SourceConfig;

  @ApiPropertyOptional({ type: SchedulePatchDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SchedulePatchDto)
  @IsObject()
  schedule?: SchedulePatchDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsTimeZone, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 3166-1 alpha-2 country (`US`) or ISO 3166-2 subdivision (`US-NY`). */
const REGION = /^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/;

/** Filters both trend endpoints share. */
export class TrendFiltersDto {
  @ApiPropertyOptional({ description: 'IANA time zone that buckets are cut in (weeks start Monday 00:00 there)', default: 'UTC', example: 'America/New_York' })
  @IsOptional()
  @IsTimeZone({ message: 'tz must be an IANA time-zone name such as Europe/Berlin' })
  tz?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country code (`US`) or ISO 3166-2 region code (`US-NY`)', example: 'US' })
  @IsOptional()
  @Matches(REGION, { message: 'region must be an ISO 3166-1 alpha-2 code (US) or an ISO 3166-2 code (US-NY)' })
  region?: string;

  @ApiPropertyOptional({ description: 'ESCO occupation id or concept URI, or O*NET-SOC code (`15-1252.00`)', example: '15-1252.00' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  occupation?: string;

  @ApiPropertyOptional({ description: 'Source id (`hn:whoishiring`, `greenhouse:gitlab`) or source kind (`greenhouse`: every Greenhouse board)', example: 'hn:whoishiring' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ description: 'Employer (the posting\'s company), matched case-insensitively' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  employer?: string;
}

/** Query of `GET /v1/trends/skills`. */
export class TrendsSkillsQueryDto extends TrendFiltersDto {
  @ApiProperty({ description: 'Comma-separated skills: ids, ESCO URIs, labels or aliases (at most 20)', example: 'Python,SQL,Microsoft Excel' })
  @IsString()
  @MaxLength(2000)
  skills!: string;

  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'week', description: 'Bucket size: ISO week (Monday to Sunday in `tz`) or calendar month' })
  @IsOptional()
  @IsIn(['week', 'month'], { message: 'interval must be week or month' })
  interval?: 'week' | 'month';

  @ApiPropertyOptional({ description: 'First local date (YYYY-MM-DD in `tz`), inclusive; the series starts with the bucket holding it. Default: 12 buckets before `to`', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last local date (YYYY-MM-DD in `tz`), inclusive. Default: today in `tz`', example: '2026-05-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

/** Query of `GET /v1/trends/top`. */
export class TrendsTopQueryDto extends TrendFiltersDto {
  @ApiPropertyOptional({ enum: ['demand', 'growth', 'emerging'], default: 'demand' })
  @IsOptional()
  @IsIn(['demand', 'growth', 'emerging'], { message: 'by must be demand, growth or emerging' })
  by?: 'demand' | 'growth' | 'emerging';

  @ApiProperty({ description: 'ISO week (`2024-W14`) or month (`2024-03`) in `tz`; compared with the week or month before it', example: '2026-03' })
  @IsString()
  @Matches(/^\d{4}-(W\d{2}|\d{2})$/, { message: 'period must be an ISO week (2024-W14) or a month (2024-03)' })
  period!: string;

  @ApiPropertyOptional({ description: 'Minimum postings mentioning a skill in each compared period before it is ranked', default: 5, minimum: 1, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minSupport must be an integer' })
  @Min(1)
  @Max(10_000)
  minSupport?: number;

  @ApiPropertyOptional({ description: 'Number of ranked (and of flagged) skills, 1..200', default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PersonDto } from '../../matching/dto/person.dto.js';

/**
 * What to measure the gap against: exactly one of `occupation` (ESCO URI, O*NET-SOC code or label), `postingId`, or
 * `title` (the open postings classified to that title's occupation, optionally in `region`, ISO 3166-1/3166-2).
 */
export class GapTargetDto {
  @ApiPropertyOptional({ description: 'ESCO occupation URI, O*NET-SOC code ("15-2051.00") or label ("data analyst")' })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  occupation?: string;

  @ApiPropertyOptional({ description: 'A posting id' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'postingId must be a posting id (digits)' })
  @IsString()
  postingId?: string;

  @ApiPropertyOptional({ description: 'A job title, e.g. "data analyst"' })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  title?: string;

  @ApiPropertyOptional({ description: 'With `title`: ISO 3166-1 alpha-2 ("US") or ISO 3166-2 ("US-NY") code' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, { message: 'region must be an ISO 3166-1 alpha-2 or ISO 3166-2 code' })
  @IsString()
  region?: string;
}

/** Body of `POST /v1/gaps`. */
export class CreateGapDto extends PersonDto {
  @ApiProperty({ type: GapTargetDto })
  @ValidateNested()
  @Type(() => GapTargetDto)
  @IsObject()
  target!: GapTargetDto;
}

/** One learner of a cohort. */
export class CohortLearnerDto extends PersonDto {
  @ApiProperty({ description: 'The adviser\'s id for the learner' })
  @Length(1, 100)
  @IsString()
  id!: string;
}

/** Body of `POST /v1/gaps/cohort`: up to 500 learners and one target. */
export class CreateCohortGapDto {
  @ApiProperty({ type: [CohortLearnerDto] })
  @ValidateNested({ each: true })
  @Type(() => CohortLearnerDto)
  @ArrayMaxSize(500)
  @IsArray()
  learners!: CohortLearnerDto[];

  @ApiProperty({ type: GapTargetDto })
  @ValidateNested()
  @Type(() => GapTargetDto)
  @IsObject()
  target!: GapTargetDto;
}

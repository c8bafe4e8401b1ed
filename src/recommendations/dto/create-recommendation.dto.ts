import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GapTargetDto } from '../../gaps/dto/create-gap.dto.js';
import { PersonDto } from '../../matching/dto/person.dto.js';

/** Body of `POST /v1/recommendations`. */
export class CreateRecommendationDto extends PersonDto {
  @ApiPropertyOptional({ description: 'Count only postings in this ISO 3166-1 alpha-2 ("US") or ISO 3166-2 ("US-NY") region' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, { message: 'region must be an ISO 3166-1 alpha-2 or ISO 3166-2 code' })
  @IsString()
  region?: string;

  @ApiPropertyOptional({ type: GapTargetDto, description: 'Rank first by the gaps of this target a credential closes' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GapTargetDto)
  @IsObject()
  target?: GapTargetDto;

  @ApiPropertyOptional({ description: 'A posting counts as matched at this match score or above (0..1)', default: 0.5 })
  @IsOptional()
  @Max(1)
  @Min(0)
  @IsNumber()
  minScore?: number;

  @ApiPropertyOptional({ description: 'Credentials and skills to return, 1..50', default: 10 })
  @IsOptional()
  @Max(50)
  @Min(1)
  @IsInt()
  limit?: number;
}

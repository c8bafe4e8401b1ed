import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PersonDto } from './person.dto.js';

/** Body of `POST /v1/matches`. */
export class CreateMatchDto extends PersonDto {
  @ApiPropertyOptional({ description: 'Number of results, 1..100', default: 20 })
  @IsOptional()
  @Max(100)
  @Min(1)
  @IsInt()
  limit?: number;

  @ApiPropertyOptional({ description: 'Include postings with only a title (no description text)', default: false })
  @IsOptional()
  @IsBoolean()
  includeTitleOnly?: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query of `GET /v1/occupations`. */
export class SearchOccupationsDto {
  @ApiProperty({ description: 'Text contained in a preferred label or alias (ESCO altLabel, O*NET alternate title), case-insensitive', example: 'data analyst' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  q: string;

  @ApiPropertyOptional({ description: 'Number of results, 1..100', default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Query of `GET /v1/credentials`. */
export class ListCredentialsDto {
  @ApiPropertyOptional({ description: 'Words that must each occur in the credential name or provider (case-insensitive)', example: 'google data' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'A skill the credential teaches: skill id, ESCO URI, label or alias', example: 'Terraform' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  skill?: string;

  @ApiPropertyOptional({ description: 'Number of results, 1..100', default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Body of `POST /v1/matches`. */
export class CreateMatchDto {
  @ApiPropertyOptional({
    description: 'Badges as JSON: Open Badges 2.0 Assertion or BadgeClass, Open Badges 3.0 OpenBadgeCredential (or a VerifiablePresentation), Credly badge or badge template',
    type: 'array',
    items: { type: 'object' },
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  badges?: unknown[];

  @ApiPropertyOptional({ description: 'Skills as labels, aliases ("JS", "k8s"), skill ids or ESCO URIs', example: ['SQL', 'Tableau'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ description: 'Number of results, 1..100', default: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Include postings with only a title (no description text)', default: false })
  @IsOptional()
  @IsBoolean()
  includeTitleOnly?: boolean;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Body of `POST /v1/matches`. */
export class CreateMatchDto {
  @ApiPropertyOptional({
    description: 'Badges as JSON: Open Badges 2.0 Assertion or BadgeClass, Open Badges 3.0 OpenBadgeCredential (or a VerifiablePresentation), Credly badge or badge template',
    type: 'array',
    items: { type: 'object' },
  })
  // class-validator runs the lowest decorator first; with stopAtFirstError the type check must come first.
  @IsOptional()
  @ArrayMaxSize(50)
  @IsArray()
  badges?: unknown[];

  @ApiPropertyOptional({ description: 'Skills as labels, aliases ("JS", "k8s"), skill ids or ESCO URIs', example: ['SQL', 'Tableau'] })
  @IsOptional()
  @MaxLength(300, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(200)
  @IsArray()
  skills?: string[];

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

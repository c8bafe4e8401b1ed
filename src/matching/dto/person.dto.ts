import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * A person's evidence, as every person-centred request takes it (matches, gaps, cohort learners, recommendations).
 * class-validator runs the lowest decorator first; with stopAtFirstError the type check must come first.
 */
export class PersonDto {
  @ApiPropertyOptional({
    description: 'Badges as JSON: Open Badges 2.0 Assertion or BadgeClass, Open Badges 3.0 OpenBadgeCredential (or a VerifiablePresentation), Credly badge or badge template',
    type: 'array',
    items: { type: 'object' },
  })
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
}

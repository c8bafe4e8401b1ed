import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { RecipientDto } from '../../badges/dto/recipient.dto.js';

/**
 * A person's evidence, as every person-centred request takes it (matches, gaps, cohort learners, recommendations):
 * badges (verified, see `POST /v1/badges/verify`), free-text skills (self-declared), the learner's identity for the
 * recipient check, and the instant badges are checked at.
 * class-validator runs the lowest decorator first; with stopAtFirstError the type check must come first.
 */
export class PersonDto {
  @ApiPropertyOptional({
    description: 'Badges, each a JSON object (Open Badges 2.0 Assertion or BadgeClass, Open Badges 3.0 OpenBadgeCredential or a '
      + 'VerifiablePresentation, Credly badge or badge template), a compact JWS (signed OB 2.0) or VC-JWT (OB 3.0) string, '
      + 'or the URL of a hosted assertion. Each is verified; expired and revoked badges give no held skill.',
    type: 'array',
    items: { oneOf: [{ type: 'object' }, { type: 'string' }] },
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsArray()
  badges?: unknown[];

  @ApiPropertyOptional({ description: 'Skills as labels, aliases ("JS", "k8s"), skill ids or ESCO URIs (self-declared: the weakest evidence tier)', example: ['SQL', 'Tableau'] })
  @IsOptional()
  @MaxLength(300, { each: true })
  @IsString({ each: true })
  @ArrayMaxSize(200)
  @IsArray()
  skills?: string[];

  @ApiPropertyOptional({ type: RecipientDto, description: 'The learner\'s e-mail or URL: every badge\'s hashed recipient must match it (else 422 recipient-mismatch). Used for the check only, never stored.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecipientDto)
  @IsObject()
  recipient?: RecipientDto;

  @ApiPropertyOptional({ description: 'Check badges as of this ISO 8601 instant instead of now (expiry is judged against it), e.g. "2024-05-10T00:00:00Z"', example: '2024-05-10T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsString()
  asOf?: string;
}

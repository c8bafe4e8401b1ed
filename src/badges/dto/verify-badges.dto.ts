import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { RecipientDto } from './recipient.dto.js';

/** Most badges (JSON inputs plus uploaded images) one request may verify. */
export const MAX_BADGES_PER_REQUEST = 50;

/**
 * Body of `POST /v1/badges/verify` as JSON; as `multipart/form-data` the same fields are text parts holding JSON
 * (`badges`, `recipient`) or the instant (`asOf`), next to the images in the part `file`.
 */
export class VerifyBadgesDto {
  @ApiProperty({
    description: 'Badges, each a JSON object (Open Badges 2.0 Assertion or BadgeClass, Open Badges 3.0 OpenBadgeCredential or a '
      + 'VerifiablePresentation, Credly badge or template), a compact JWS (signed OB 2.0) or VC-JWT (OB 3.0) string, or the URL of a '
      + 'hosted assertion. Optional in a multipart request that uploads images.',
    type: 'array',
    items: { oneOf: [{ type: 'object' }, { type: 'string' }] },
  })
  @IsOptional()
  @ArrayMaxSize(MAX_BADGES_PER_REQUEST)
  @IsArray()
  badges?: unknown[];

  @ApiPropertyOptional({ type: RecipientDto, description: 'Exactly one of `email` or `url`: each badge\'s hashed recipient must match it (else 422 recipient-mismatch). Never stored.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecipientDto)
  @IsObject()
  recipient?: RecipientDto;

  @ApiPropertyOptional({ description: 'Check as of this ISO 8601 instant instead of now (expiry is judged against it)', example: '2024-05-10T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsString()
  asOf?: string;
}

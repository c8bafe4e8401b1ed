import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

/** Spaces around a pasted address are not part of it. */
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The identity a badge should have been issued to: exactly one of `email` or `url` (checked by the service), trimmed. */
export class RecipientDto {
  @ApiPropertyOptional({ description: 'The learner\'s e-mail address (compared with `sha256$`/`md5$` hashed identities, salt applied)', example: 'learner@example.org' })
  @IsOptional()
  @MaxLength(320)
  @IsEmail()
  @IsString()
  @Transform(trimmed)
  email?: string;

  @ApiPropertyOptional({ description: 'The learner\'s URL (e.g. a profile page), for badges issued to a URL identity' })
  @IsOptional()
  @MaxLength(2000)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @IsString()
  @Transform(trimmed)
  url?: string;
}

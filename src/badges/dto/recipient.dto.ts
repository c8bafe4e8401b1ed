import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

/** The identity a badge should have been issued to: exactly one of `email` or `url` (checked by the service). */
export class RecipientDto {
  @ApiPropertyOptional({ description: 'The learner\'s e-mail address (compared with `sha256$`/`md5$` hashed identities, salt applied)', example: 'learner@example.org' })
  @IsOptional()
  @MaxLength(320)
  @IsEmail()
  @IsString()
  email?: string;

  @ApiPropertyOptional({ description: 'The learner\'s URL (e.g. a profile page), for badges issued to a URL identity' })
  @IsOptional()
  @MaxLength(2000)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @IsString()
  url?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Body of `POST /v1/extract`. */
export class ExtractTextDto {
  @ApiProperty({ description: 'Plain text (e.g. a job posting), at most 200,000 characters' })
  @MaxLength(200_000)
  @IsString()
  text!: string;

  @ApiPropertyOptional({ description: 'Drop skills below this confidence (0..1)', default: 0.5 })
  @IsOptional()
  @Max(1)
  @Min(0)
  @IsNumber()
  minConfidence?: number;
}

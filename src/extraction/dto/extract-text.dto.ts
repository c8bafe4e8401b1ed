import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Body of `POST /v1/extract`. */
export class ExtractTextDto {
  @ApiProperty({ description: 'Plain text (e.g. a job posting), at most 200,000 characters' })
  @IsString()
  @MaxLength(200_000)
  text!: string;

  @ApiPropertyOptional({ description: 'Drop skills below this confidence (0..1)', default: 0.5 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence?: number;
}

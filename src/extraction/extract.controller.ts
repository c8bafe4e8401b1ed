import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExtractTextDto } from './dto/extract-text.dto.js';
import type { ExtractedSkill } from './extraction.types.js';
import { ExtractionService } from './extraction.service.js';

@ApiTags('extract')
@Controller('v1/extract')
export class ExtractController {
  constructor(private readonly extraction: ExtractionService) {}

  /**
   * Extracts taxonomy skills from text: `{ skills: [ { skillId, label, confidence, requirement, spans, reasons } ] }`.
   * Span offsets are UTF-16 code units into `text`, start inclusive, end exclusive.
   */
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Extract taxonomy skills, with evidence spans, from text' })
  async extract(@Body() body: ExtractTextDto): Promise<{ skills: ExtractedSkill[] }> {
    return { skills: await this.extraction.extract(body.text, { minConfidence: body.minConfidence }) };
  }
}

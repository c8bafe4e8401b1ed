import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '../../infra/http/problem.filter.js';
import { CanonicalPostingService, type PostingWithAlternates } from './canonical-posting.service.js';

@ApiTags('postings')
@Controller('v1/postings')
export class PostingsController {
  constructor(private readonly canonical: CanonicalPostingService) {}

  /**
   * One stored posting: `{ id, sourceId, externalId, title, company, location, url, postedAt, status, hasDescription,
   * canonicalId, similarity, alternates: [{ id, sourceId, url, similarity }] }`. `canonicalId` is null when the posting
   * is the canonical copy of its opening, whose `alternates` then lists the reposts and other sources' copies
   * (similarity: estimated Jaccard of the texts, 0..1). 404 problem when no posting has the id.
   */
  @Get(':id')
  @ApiOperation({ summary: 'One posting with its canonical posting and alternate copies of the same opening' })
  @ApiParam({ name: 'id', description: 'Posting id (decimal)' })
  async get(@Param('id') id: string): Promise<PostingWithAlternates> {
    const posting = await this.canonical.detail(id);
    if (!posting) throw new ProblemException(404, 'not-found', 'Not Found', `No posting with id "${id}"`);
    return posting;
  }
}

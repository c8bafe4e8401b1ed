import {
  BadRequestException, type CallHandler, Controller, type ExecutionContext, HttpCode, Injectable, type NestInterceptor, PayloadTooLargeException, Post, Req,
  UploadedFiles, UseInterceptors, ValidationPipe,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { config } from '../config/config.js';
import { ProblemException } from '../infra/http/problem.filter.js';
import { bestBadgeTiers, BadgeVerifyService, verifiedShare } from './badge-verify.service.js';
import { assertJsonDepth } from './dto/json-depth.interceptor.js';
import { MAX_BADGES_PER_REQUEST, VerifyBadgesDto } from './dto/verify-badges.dto.js';
import type { BadgeImageInput, BadgeInput, VerifiedBadge } from './verification/badge-verification.types.js';

/** An uploaded part as multer (memory storage) gives it. */
interface UploadedBadgeFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface VerifyBadgesResponse {
  /** One entry per badge, in input order (JSON `badges` first, then uploaded images); a presentation gives one per credential. */
  badges: Array<VerifiedBadge & { warnings: string[] }>;
  /** Share (0..1) of the held skills (from badges neither expired nor revoked) whose best tier is signature- or hosted-verified. */
  verifiedShare: number;
}

/** Text parts of a multipart request (`badges`, `recipient`, `asOf`, with room to spare), and the size of each. */
const MAX_TEXT_PARTS = 10;
const MAX_TEXT_PART_BYTES = 1024 * 1024;

/**
 * Multer over the part `file` (memory storage, up to `MAX_BADGES_PER_REQUEST` files, each at most
 * BADGE_UPLOAD_MAX_BYTES, read when the first upload arrives), with multer's 413 turned into an `upload-too-large` problem
 * and its 400s (a file in another part, too many files or text parts) into `validation` problems naming the part.
 */
@Injectable()
export class BadgeUploadInterceptor implements NestInterceptor {
  private multer?: NestInterceptor;

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const max = config().BADGE_UPLOAD_MAX_BYTES;
    this.multer ??= new (FilesInterceptor('file', MAX_BADGES_PER_REQUEST, {
      limits: { fileSize: max, files: MAX_BADGES_PER_REQUEST, fields: MAX_TEXT_PARTS, fieldSize: MAX_TEXT_PART_BYTES },
    }))();
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        throw new ProblemException(413, 'upload-too-large', 'Upload too large', `${error.message}: each badge image may be at most ${max} bytes (BADGE_UPLOAD_MAX_BYTES); at most ${MAX_BADGES_PER_REQUEST} files and ${MAX_TEXT_PARTS} text parts`, [
          { pointer: '/file', detail: error.message },
        ]);
      }
      if (error instanceof BadRequestException) {
        // Multer's own refusals ("Unexpected file field - image", "Too many files"…): name the part, as other 400s do.
        const part = / - ([^\s/]+)$/.exec(error.message)?.[1] ?? 'file';
        throw new ProblemException(400, 'validation', 'Bad Request', `${error.message}: images go in the part "file" (at most ${MAX_BADGES_PER_REQUEST}), with at most ${MAX_TEXT_PARTS} text parts`, [
          { pointer: `/${part}`, detail: error.message },
        ]);
      }
      throw error;
    }
  }
}

/** The global pipe's rules, for the body this route validates itself (JSON, or multipart text parts parsed first). */
const bodyPipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true });

@ApiTags('badges')
@Controller('v1/badges')
export class BadgesController {
  constructor(private readonly verification: BadgeVerifyService) {}

  /**
   * Verifies badges and maps their skills to the taxonomy: `{ badges: [ { index, format, name, issuer, issuedOn, expires,
   * status (valid | expired | revoked | unverified | invalid), reason, checks: [ { check, outcome, detail } ], tier,
   * skills: [ { text, source, skillId, label, how, unmapped? } ], warnings } ], verifiedShare }`.
   * Input: JSON `{ badges, recipient?, asOf? }`, or `multipart/form-data` with images (baked PNG/SVG) in the part `file`
   * and optional text parts `badges` and `recipient` (JSON) and `asOf`.
   * Errors: 400 problem naming the input (`/badges/N`, `/file/N`) for anything that is not a badge or cannot be parsed,
   * for no input at all, or for JSON nested deeper than MAX_JSON_DEPTH (64) levels (the pointer names where); 413 `upload-too-large` for an image over BADGE_UPLOAD_MAX_BYTES; 422 `recipient-mismatch`
   * naming the badge index when a badge was issued to someone other than `recipient`.
   */
  @Post('verify')
  @HttpCode(200)
  @UseInterceptors(BadgeUploadInterceptor)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: VerifyBadgesDto, description: 'JSON; or multipart/form-data with images in `file` and the same fields as JSON text parts' })
  @ApiOperation({ summary: 'Verify badges (Open Badges 2.0/3.0, signed, hosted, baked images, Credly) and map their skills' })
  @ApiOkResponse({ description: '`{ badges: [...], verifiedShare }`, one entry per badge with status, reason, checks, tier and skills' })
  @ApiResponse({ status: 400, description: 'Malformed input (problem+json; `errors[].pointer` names the badge)' })
  @ApiResponse({ status: 413, description: 'An uploaded image is over BADGE_UPLOAD_MAX_BYTES' })
  @ApiResponse({ status: 422, description: 'A badge was not issued to `recipient` (type …/recipient-mismatch)' })
  async verify(@Req() req: Request, @UploadedFiles() files: UploadedBadgeFile[] | undefined): Promise<VerifyBadgesResponse> {
    const multipart = typeof req.is('multipart/form-data') === 'string';
    const raw = multipart ? multipartFields(req.body as Record<string, unknown>) : (req.body as unknown) ?? {};
    assertJsonDepth(raw);
    const body = (await bodyPipe.transform(raw, { type: 'body', metatype: VerifyBadgesDto })) as VerifyBadgesDto;
    const images: BadgeImageInput[] = (files ?? []).map((f) => ({ kind: 'image', mediaType: f.mimetype || null, filename: f.originalname || null, bytes: f.buffer }));
    const inputs: Array<BadgeInput | BadgeImageInput> = [...(body.badges ?? []), ...images];
    if (inputs.length === 0) {
      throw new ProblemException(400, 'validation', 'Bad Request', 'give at least one badge (in `badges`) or one image (in the part `file`)', [
        { pointer: '/badges', detail: 'empty' },
      ]);
    }
    if (inputs.length > MAX_BADGES_PER_REQUEST) {
      throw new ProblemException(400, 'validation', 'Bad Request', `at most ${MAX_BADGES_PER_REQUEST} badges per request`, [{ pointer: '/badges', detail: `${inputs.length} given` }]);
    }
    const jsonCount = body.badges?.length ?? 0;
    const pointers = inputs.map((_, i) => (i < jsonCount ? `/badges/${i}` : `/file/${i - jsonCount}`));
    const checked = await this.verification.verify(inputs, { recipient: body.recipient, asOf: body.asOf ? new Date(body.asOf) : undefined, pointers });
    return {
      badges: checked.map(({ badge, warnings }) => ({ ...badge, warnings })),
      verifiedShare: verifiedShare(bestBadgeTiers(checked).values()),
    };
  }
}

/** The text parts of a multipart request: `badges` and `recipient` hold JSON; 400 naming the part when it does not parse. */
function multipartFields(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const name of ['badges', 'recipient'] as const) {
    const value = fields[name];
    if (typeof value !== 'string') continue;
    try {
      out[name] = JSON.parse(value);
    } catch (error) {
      throw new ProblemException(400, 'validation', 'Bad Request', `the part "${name}" must hold JSON`, [
        { pointer: `/${name}`, detail: `not JSON: ${(error as Error).message}` },
      ]);
    }
  }
  return out;
}

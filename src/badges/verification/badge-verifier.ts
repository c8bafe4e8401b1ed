/**
 * `BadgeVerifier`: the `BadgeVerifierPort` implementation (contract and status meanings in
 * badge-verification.types.ts). Per input it decodes the form (object, JSON text, compact JWS / VC-JWT, URL, baked
 * PNG/SVG), dispatches to the Open Badges 2.0, Open Badges 3.0 or Credly checks, and turns the checks into a status
 * (revoked > invalid > expired > unverified > valid; see verification-log.ts), a one-sentence reason and an evidence
 * tier (signature-verified when a JWS / VC-JWT / Data Integrity signature verified, hosted-verified when the issuer's
 * hosted copy matched, unverified-badge otherwise).
 * Every fetch goes through the injected SSRF-guarded `HttpClientPort`, each URL once per `verify` call.
 * Badges that only describe (a BadgeClass, Achievement or Credly template) are `unverified`: they award nothing.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { config } from '../../config/config.js';
import { HTTP_CLIENT } from '../../infra/http/http-client.js';
import type { HttpClientPort } from '../../infra/http/http-client.types.js';
import type { BadgeDescription } from '../badge.types.js';
import { type JsonObject, isObject, lastUrlSegment, list, text, typesOf } from '../badge-fields.js';
import { BadgeReadError, BadgeReadErrorCode } from '../badge-read.exception.js';
import { readBadge } from '../badge-reader.js';
import { isCredlyIssuedBadge, isCredlyTemplate, readCredlyIssuedBadge, readCredlyTemplate } from '../credly.js';
import { readOb2BadgeClass, readOb3Achievement } from '../open-badges.js';
import { BadgeFetcher } from './badge-fetcher.js';
import { type DecodedString, decodeJws, decodeString, isImageInput, isVcJwtPayload } from './badge-input.js';
import type {
  BadgeImageInput, BadgeInput, BadgeInputFormat, BadgeVerificationResult, BadgeVerifierPort, RecipientIdentity,
} from './badge-verification.types.js';
import { readBakedImage } from './baked-image.js';
import { type Verified, type VerifyContext, checkExpiry, verifyOb2Assertion } from './ob2-verifier.js';
import { credentialOfJwt, verifyOb3Credential } from './ob3-verifier.js';
import { checkRecipient, credlyIdentities } from './recipient.js';
import { VerificationLog, sentence } from './verification-log.js';

/** Nest token of optional {@link BadgeVerifierOptions} overrides. */
export const BADGE_VERIFIER_OPTIONS = Symbol('BADGE_VERIFIER_OPTIONS');

export interface BadgeVerifierOptions {
  /** Largest badge image accepted, bytes (default BADGE_UPLOAD_MAX_BYTES). */
  maxImageBytes: number;
}

type Via = 'baked-png' | 'baked-svg' | null;

/** Most credentials read from one presentation or list input (a Data Integrity proof costs ~50 ms of CPU). */
export const MAX_BADGES_PER_INPUT = 100;

function capped(items: unknown[], what: string): unknown[] {
  if (items.length > MAX_BADGES_PER_INPUT) {
    throw new BadgeReadError(BadgeReadErrorCode.INVALID_FIELD, `the ${what} holds ${items.length} badges; at most ${MAX_BADGES_PER_INPUT} are read from one input`);
  }
  return items;
}

@Injectable()
export class BadgeVerifier implements BadgeVerifierPort {
  private readonly maxImageBytes: number;

  constructor(
    @Inject(HTTP_CLIENT) private readonly http: HttpClientPort,
    @Optional() @Inject(BADGE_VERIFIER_OPTIONS) options: Partial<BadgeVerifierOptions> = {},
  ) {
    this.maxImageBytes = options.maxImageBytes ?? config().BADGE_UPLOAD_MAX_BYTES;
  }

  /**
   * Verifies each input; results are in input order, a presentation giving one per credential (same `index`).
   * @throws BadgeReadError only with `strict`, for the first input that cannot be read (message prefixed `badges[N]: `)
   */
  async verify(
    inputs: Array<BadgeInput | BadgeImageInput>,
    options: { recipient?: RecipientIdentity; now?: Date; strict?: boolean } = {},
  ): Promise<BadgeVerificationResult[]> {
    const ctx: VerifyContext = { fetcher: new BadgeFetcher(this.http), now: options.now ?? new Date(), recipient: options.recipient };
    const perInput = await Promise.all(
      inputs.map(async (input, index) => {
        try {
          return await this.verifyInput(index, input, ctx);
        } catch (error) {
          if (!(error instanceof BadgeReadError)) throw error;
          if (options.strict) throw new BadgeReadError(error.code, `badges[${index}]: ${error.message}`);
          return [unreadable(index, guessFormat(input), error.message)];
        }
      }),
    );
    return perInput.flat();
  }

  private async verifyInput(index: number, input: unknown, ctx: VerifyContext): Promise<BadgeVerificationResult[]> {
    if (isImageInput(input)) {
      const baked = readBakedImage(input.bytes, this.maxImageBytes);
      return this.verifyDecoded(index, decodeString(baked.payload), ctx, baked.kind);
    }
    if (typeof input === 'string') return this.verifyDecoded(index, decodeString(input), ctx, null);
    if (isObject(input)) return this.verifyJson(index, input, ctx, null);
    throw new BadgeReadError(BadgeReadErrorCode.NOT_AN_OBJECT, `expected a badge object, a JWS / VC-JWT or URL string, or an image; got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`);
  }

  private async verifyDecoded(index: number, decoded: DecodedString, ctx: VerifyContext, via: Via): Promise<BadgeVerificationResult[]> {
    if (decoded.kind === 'json') return this.verifyJson(index, decoded.value, ctx, via);
    if (decoded.kind === 'url') return this.verifyUrl(index, decoded.url, ctx, via);
    if (isVcJwtPayload(decoded.payload)) {
      if (isObject(decoded.payload['vp'])) return this.verifyPresentation(index, decoded.payload['vp'], ctx, via);
      const credential = credentialOfJwt(decoded.payload);
      return [finish(index, via ?? 'ob3-vc-jwt', await verifyOb3Credential(credential, ctx, decoded), 'an Open Badges 3.0 VC-JWT', via)];
    }
    return [finish(index, via ?? 'ob2-signed-jws', await verifyOb2Assertion(decoded.payload, ctx, decoded.token), 'an Open Badges 2.0 signed assertion (JWS)', via)];
  }

  /** A URL: the hosted badge is fetched and verified as whatever it turns out to be. */
  private async verifyUrl(index: number, url: string, ctx: VerifyContext, via: Via): Promise<BadgeVerificationResult[]> {
    const fetched = await ctx.fetcher.get(url, [404, 410]);
    const log = new VerificationLog();
    const placeholder = describedByUrl(url);
    if (!fetched.ok) {
      log.skipped('hosted', `the badge at ${url} could not be fetched (${fetched.reason}), so nothing about it could be verified`);
      return [finish(index, via ?? 'ob2-assertion', { description: placeholder, log }, `a badge URL`, via)];
    }
    const body = isObject(fetched.json) ? fetched.json : null;
    if (fetched.status === 410 || (body?.['revoked'] === true && typesOf(body).length === 0)) {
      const why = body ? text(body['revocationReason']) : null;
      log.failed('revocation', `revoked: the issuer's hosted assertion at ${url} ${fetched.status === 410 ? 'answers 410 Gone' : 'says revoked'}${why ? ` (${why})` : ''}`, 'revoked');
      return [finish(index, via ?? 'ob2-assertion', { description: placeholder, log }, 'a badge URL', via)];
    }
    if (fetched.status === 404) {
      log.failed('hosted', `the badge URL ${url} answers 404 Not Found`);
      return [finish(index, via ?? 'ob2-assertion', { description: placeholder, log }, 'a badge URL', via)];
    }
    if (body) return this.verifyJson(index, body, ctx, via);
    let decoded: DecodedString;
    try {
      decoded = decodeString(fetched.text);
    } catch (error) {
      if (!(error instanceof BadgeReadError)) throw error;
      throw new BadgeReadError(error.code, `the badge URL ${url} does not answer with a badge: ${error.message}`);
    }
    if (decoded.kind === 'url') throw new BadgeReadError(BadgeReadErrorCode.MALFORMED_INPUT, `the badge URL ${url} answers with another URL, not a badge`);
    return this.verifyDecoded(index, decoded, ctx, via);
  }

  private async verifyPresentation(index: number, presentation: JsonObject, ctx: VerifyContext, via: Via): Promise<BadgeVerificationResult[]> {
    const credentials = capped(list(presentation['verifiableCredential']), 'VerifiablePresentation');
    if (credentials.length === 0) throw new BadgeReadError(BadgeReadErrorCode.MISSING_FIELD, 'the VerifiablePresentation holds no verifiableCredential');
    const results: BadgeVerificationResult[] = [];
    for (const [position, credential] of credentials.entries()) {
      try {
        if (typeof credential === 'string') {
          const jwt = decodeJws(credential.trim());
          results.push(finish(index, via ?? 'ob3-vc-jwt', await verifyOb3Credential(credentialOfJwt(jwt.payload), ctx, jwt), 'an Open Badges 3.0 VC-JWT in a presentation', via));
        } else if (isObject(credential)) {
          results.push(finish(index, via ?? 'ob3-credential', await verifyOb3Credential(credential, ctx), 'an Open Badges 3.0 credential in a presentation', via));
        } else {
          throw new BadgeReadError(BadgeReadErrorCode.NOT_AN_OBJECT, 'not a credential object or VC-JWT string');
        }
      } catch (error) {
        if (!(error instanceof BadgeReadError)) throw error;
        throw new BadgeReadError(error.code, `verifiableCredential[${position}]: ${error.message}`);
      }
    }
    return results;
  }

  /** A Credly list response `{ data: [badges or templates], metadata }`: one result per member, all with the input's index. */
  private async verifyList(index: number, items: unknown[], ctx: VerifyContext, via: Via): Promise<BadgeVerificationResult[]> {
    if (items.length === 0) throw new BadgeReadError(BadgeReadErrorCode.NOT_ONE_BADGE, 'the list response holds no badge in data');
    const results: BadgeVerificationResult[] = [];
    for (const [position, item] of capped(items, 'list').entries()) {
      try {
        if (!isObject(item)) throw new BadgeReadError(BadgeReadErrorCode.NOT_AN_OBJECT, 'not a badge object');
        results.push(...(await this.verifyJson(index, item, ctx, via)));
      } catch (error) {
        if (!(error instanceof BadgeReadError)) throw error;
        throw new BadgeReadError(error.code, `data[${position}]: ${error.message}`);
      }
    }
    return results;
  }

  private async verifyJson(index: number, input: JsonObject, ctx: VerifyContext, via: Via): Promise<BadgeVerificationResult[]> {
    const object = isObject(input['data']) && typesOf(input).length === 0 ? input['data'] : input;
    const types = typesOf(object);
    if (types.includes('VerifiablePresentation')) return this.verifyPresentation(index, object, ctx, via);
    if (Array.isArray(object['data']) && types.length === 0) return this.verifyList(index, object['data'], ctx, via);
    if (types.length === 0 && object['revoked'] === true) return [revokedHosted(index, object, via)];
    if (types.includes('Assertion')) return [finish(index, via ?? 'ob2-assertion', await verifyOb2Assertion(object, ctx), 'an Open Badges 2.0 Assertion', via)];
    if (['OpenBadgeCredential', 'AchievementCredential'].some((t) => types.includes(t)) || (types.includes('VerifiableCredential') && !types.includes('EndorsementCredential'))) {
      return [finish(index, via ?? 'ob3-credential', await verifyOb3Credential(object, ctx), 'an Open Badges 3.0 credential', via)];
    }
    if (types.includes('BadgeClass')) return [describeOnly(index, readOb2BadgeClass(object), 'an Open Badges BadgeClass describes a badge, it is not an award to anyone', via)];
    if (types.includes('Achievement')) return [describeOnly(index, readOb3Achievement(object), 'an Open Badges Achievement describes a badge, it is not an award to anyone', via)];
    if (types.length === 0 && isCredlyIssuedBadge(object)) return [finish(index, via ?? 'credly-badge', verifyCredlyBadge(object, ctx), 'a Credly issued badge', via)];
    if (types.length === 0 && isCredlyTemplate(object)) {
      return [describeOnly(index, readCredlyTemplate(object), 'a Credly badge template describes a badge, it is not an award to anyone', via)];
    }
    readBadge(object); // throws the reader's BadgeReadError naming what the object is
    throw new BadgeReadError(BadgeReadErrorCode.UNRECOGNISED_TYPE, 'not a badge form the verifier reads');
  }
}

/** A Credly API issued badge: no proof to check; `state` "revoked" (or `revoked_at`) → revoked; `expires_at`. */
function verifyCredlyBadge(badge: JsonObject, ctx: VerifyContext): Verified {
  const description = readCredlyIssuedBadge(badge);
  const log = new VerificationLog();
  log.skipped('signature', 'a Credly API badge carries no signature or hosted assertion to check (its Open Badges assertion on credly.com would be)');
  const state = text(badge['state']);
  if (state?.toLowerCase() === 'revoked' || text(badge['revoked_at'])) {
    const why = text(badge['revocation_reason']);
    log.failed('revocation', `revoked: the Credly badge's state is revoked${why ? ` (${why})` : ''}`, 'revoked');
  } else if (state) log.passed('revocation', `the Credly badge's state is ${state}`);
  else log.notApplicable('revocation', 'the Credly badge gives no state');
  checkExpiry(log, description.expires, ctx.now);
  checkRecipient(log, credlyIdentities(badge), ctx.recipient);
  return { description, log };
}

function describeOnly(index: number, description: BadgeDescription, why: string, via: Via): BadgeVerificationResult {
  const log = new VerificationLog();
  log.skipped('signature', `${why}, so there is no proof to verify`);
  return finish(index, via ?? description.format, { description, log }, why.replace(/ describes.*$/, ''), via);
}

/** A hosted assertion's revocation answer on its own (`{ id, revoked: true, revocationReason }`, OB 2.0): revoked. */
function revokedHosted(index: number, object: JsonObject, via: Via): BadgeVerificationResult {
  const id = text(object['id']);
  const why = text(object['revocationReason']);
  const log = new VerificationLog();
  log.failed('revocation', `revoked: the issuer's hosted assertion${id ? ` ${id}` : ''} says revoked${why ? ` (${why})` : ''}`, 'revoked');
  return finish(index, via ?? 'ob2-assertion', { description: describedByUrl(id ?? 'revoked assertion'), log }, 'a revoked hosted assertion', via);
}

function describedByUrl(url: string): BadgeDescription {
  return { format: 'ob2-assertion', name: lastUrlSegment(url) ?? url, description: null, criteria: null, issuer: null, issuedOn: null, expires: null, skillHints: [] };
}

function finish(index: number, format: BadgeInputFormat, verified: Verified, what: string, via: Via): BadgeVerificationResult {
  const { description, log } = verified;
  const { status, reason } = log.verdict(() => validReason(log));
  const source = via === 'baked-png' ? ' baked in a PNG' : via === 'baked-svg' ? ' baked in an SVG' : '';
  return {
    index,
    format,
    description,
    status,
    reason,
    checks: [{ check: 'parse', outcome: 'passed', detail: `read as ${what}${source}` }, ...log.checks()],
    tier: log.tier(),
    recipientMismatch: log.recipientMismatch,
  };
}

function validReason(log: VerificationLog): string {
  const proof = log.checks().find((c) => (c.check === 'signature' || c.check === 'hosted') && c.outcome === 'passed');
  return `${proof ? proof.detail : 'every check that applies passed'}; not revoked or expired`;
}

function unreadable(index: number, format: BadgeInputFormat, message: string): BadgeVerificationResult {
  const description: BadgeDescription = {
    format: 'ob2-assertion', name: 'unreadable badge', description: null, criteria: null, issuer: null, issuedOn: null, expires: null, skillHints: [],
  };
  return {
    index, format, description, status: 'invalid', reason: sentence(`the badge could not be read: ${message}`),
    checks: [{ check: 'parse', outcome: 'failed', detail: message }], tier: 'unverified-badge', recipientMismatch: false,
  };
}

/** The form an unreadable input was meant to be, as best the input shows (images and JWTs by their shape). */
function guessFormat(input: unknown): BadgeInputFormat {
  if (isImageInput(input)) return input.bytes[0] === 0x89 ? 'baked-png' : 'baked-svg';
  if (typeof input === 'string' && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(input.trim())) {
    try {
      return isVcJwtPayload(decodeJws(input.trim()).payload) ? 'ob3-vc-jwt' : 'ob2-signed-jws';
    } catch {
      return 'ob2-signed-jws';
    }
  }
  if (isObject(input)) {
    const types = typesOf(input);
    if (types.some((t) => t.endsWith('Credential') || t === 'VerifiablePresentation')) return 'ob3-credential';
    if (isCredlyIssuedBadge(input)) return 'credly-badge';
  }
  return 'ob2-assertion';
}

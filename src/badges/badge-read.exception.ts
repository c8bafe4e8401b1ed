/** Why a JSON value could not be read as a badge. */
export enum BadgeReadErrorCode {
  /** Not a JSON object (a string, number, null…): parse the JSON (or decode the JWS) first. */
  NOT_AN_OBJECT = 'not_an_object',
  /** An object with no type we read (no `type`, or one we do not know). */
  UNRECOGNISED_TYPE = 'unrecognised_type',
  /** A recognised Open Badges object that is not a badge (Endorsement, Issuer Profile, CryptographicKey…). */
  NOT_A_BADGE = 'not_a_badge',
  /** A badge form missing a field we need (an Assertion's `badge`, a name…). */
  MISSING_FIELD = 'missing_field',
  /** A field of the wrong shape (a date that does not parse…). */
  INVALID_FIELD = 'invalid_field',
  /** A presentation or list holding more or fewer than one badge, given to `readBadge`. */
  NOT_ONE_BADGE = 'not_one_badge',
  /** A string that is none of JSON text, a compact JWS / VC-JWT or an http(s) URL, or whose JSON/JWS does not decode. */
  MALFORMED_INPUT = 'malformed_input',
  /** An uploaded image that is not a PNG or SVG, carries no baked badge, or is refused as unsafe (too big, DOCTYPE…). */
  BAD_IMAGE = 'bad_image',
}

/**
 * Thrown by `readBadge` / `readBadges` when the input is not a badge in a supported form.
 * `message` names what is wrong; `code` lets callers (e.g. a queue worker) treat it as bad input, not a fault.
 */
export class BadgeReadError extends Error {
  override readonly name = 'BadgeReadError';

  constructor(
    readonly code: BadgeReadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The opening of every "this is not a badge" message, so callers and logs can grep for it. */
export const NOT_A_BADGE_PREFIX = 'not an Open Badges Assertion, BadgeClass, OpenBadgeCredential or Credly badge';

/**
 * When the outbound HTTP client retries, and how long it waits. Pure functions (the clock and the random source are
 * parameters) so the policy is tested table by table.
 */

/** Statuses worth another attempt: request timeout, too many requests and every server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds: delay-seconds ("120") or an HTTP-date
 * ("Wed, 21 Oct 2026 07:28:00 GMT", counted from `now`). A date in the past gives 0.
 * @returns null when the header is absent or unparsable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export interface RetryDelayInput {
  /** 1 for the wait before the second attempt, 2 before the third… */
  retry: number;
  /** The status of the failed attempt (null after a network error or timeout). */
  status: number | null;
  /** The failed response's Retry-After header, if any. */
  retryAfter: string | null;
  /** Backoff base, milliseconds. */
  baseMs: number;
  /** Longest wait honoured, milliseconds (a longer Retry-After is shortened to this). */
  maxDelayMs: number;
  now?: number;
  /** A number in [0, 1); Math.random by default. */
  random?: () => number;
}

/**
 * The wait before the next attempt, in milliseconds. On 429 and 503 a `Retry-After` header wins (capped at
 * `maxDelayMs`); otherwise exponential backoff with full jitter: a uniform draw in [0, base·2^(retry−1)], capped.
 */
export function retryDelayMs(input: RetryDelayInput): number {
  const random = input.random ?? Math.random;
  if (input.status === 429 || input.status === 503) {
    const asked = parseRetryAfter(input.retryAfter, input.now);
    if (asked !== null) return Math.min(asked, input.maxDelayMs);
  }
  const ceiling = Math.min(input.baseMs * 2 ** Math.max(0, input.retry - 1), input.maxDelayMs);
  return Math.floor(random() * ceiling);
}

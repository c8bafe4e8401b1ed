import { isRetryableStatus, parseRetryAfter, retryDelayMs } from './retry-policy.js';

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [410, false],
    [422, false],
  ])('%d → %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-10-21T07:28:00Z');
  it.each([
    ['1', 1000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Wed, 21 Oct 2026 07:28:30 GMT', 30_000],
    ['Wed, 21 Oct 2026 07:27:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('%p → %p ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe('retryDelayMs', () => {
  const base = { baseMs: 500, maxDelayMs: 60_000, retryAfter: null, now: 0 };

  it('draws uniformly below base·2^(retry−1) (full jitter)', () => {
    expect(retryDelayMs({ ...base, retry: 1, status: 500, random: () => 0.999 })).toBe(499);
    expect(retryDelayMs({ ...base, retry: 2, status: 500, random: () => 0.5 })).toBe(500);
    expect(retryDelayMs({ ...base, retry: 3, status: null, random: () => 0.5 })).toBe(1000);
    expect(retryDelayMs({ ...base, retry: 1, status: 500, random: () => 0 })).toBe(0);
  });

  it('caps the backoff ceiling at maxDelayMs', () => {
    expect(retryDelayMs({ ...base, retry: 20, status: 502, random: () => 0.5 })).toBe(30_000);
  });

  it('honours Retry-After on 429 and 503 only', () => {
    expect(retryDelayMs({ ...base, retry: 1, status: 429, retryAfter: '1', random: () => 0 })).toBe(1000);
    expect(retryDelayMs({ ...base, retry: 3, status: 503, retryAfter: '7', random: () => 0 })).toBe(7000);
    expect(retryDelayMs({ ...base, retry: 1, status: 500, retryAfter: '7', random: () => 0 })).toBe(0);
  });

  it('shortens a Retry-After longer than maxDelayMs', () => {
    expect(retryDelayMs({ ...base, retry: 1, status: 429, retryAfter: '3600', random: () => 0 })).toBe(60_000);
  });

  it('falls back to backoff when Retry-After is unparsable', () => {
    expect(retryDelayMs({ ...base, retry: 1, status: 429, retryAfter: 'later', random: () => 0.5 })).toBe(250);
  });
});

import { z } from 'zod';

/** Process roles: `api` serves HTTP, `worker` consumes queues, `scheduler` registers schedules, `all` runs the three. */
export const ROLES = ['api', 'worker', 'scheduler', 'all'] as const;
export type Role = (typeof ROLES)[number];

const urlWithProtocol = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const schema = z.object({
  ROLE: z.enum(ROLES).default('all'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: urlWithProtocol(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/skillpulse'),
  REDIS_URL: urlWithProtocol(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key in Redis; tests use their own so they never touch a running instance's queues. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-" only').default('skillpulse'),
  /** Jobs each worker process runs at once per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Extracted skills below this confidence (0..1) are not stored. */
  EXTRACT_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),

  /**
   * Outbound HTTP (src/infra/http): hosts allowed despite resolving to private/loopback/link-local addresses,
   * comma-separated `host` or `host:port` (tests list their local server, e.g. "127.0.0.1:4010").
   */
  FETCH_ALLOW_HOSTS: z.string().default('').transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** Whole-request timeout, milliseconds. */
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** Response body cap, bytes. */
  FETCH_MAX_BYTES: z.coerce.number().int().min(1_024).max(512 * 1024 * 1024).default(20 * 1024 * 1024),
  /** Attempts per request including the first (retries only on network errors, 408, 429 and 5xx). */
  FETCH_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  /** First retry delay, milliseconds; doubles each attempt, with full jitter; a Retry-After header wins. */
  FETCH_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** Requests in flight per host, and the minimum gap between two requests to one host (ms). */
  FETCH_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  FETCH_HOST_MIN_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  /** The User-Agent of every outbound request. */
  FETCH_USER_AGENT: z.string().min(1).default('Skillpulse/0.1 (+https://github.com/skillpulse; labor-market research crawler)'),
  /** `file` sources must lie under this directory (absolute or relative to the repository; default: SHARED_DATA_DIR). */
  SOURCE_FILE_ROOT: z.string().optional(),
  /** USAJOBS Search API credentials (https://developer.usajobs.gov): never stored on a source, never returned. */
  USAJOBS_API_KEY: z.string().optional(),
  USAJOBS_USER_AGENT: z.string().optional(),
  /** Badge image uploads (baked PNG/SVG), bytes. */
  BADGE_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1_024).max(50 * 1024 * 1024).default(2 * 1024 * 1024),
});

export type AppConfig = z.infer<typeof schema>;

export class ConfigError extends Error {}

/**
 * Reads and validates the configuration from environment variables (default: `process.env`).
 * Throws `ConfigError` naming every bad variable, e.g. `PORT: must be at most 65535 (got "70000")`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    return `  ${key}: ${issue.message} (got ${JSON.stringify(env[key])})`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

let cached: AppConfig | undefined;
/** The validated configuration of this process, read once. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** Role flags for a process role. */
export function roleFlags(role: Role): { api: boolean; worker: boolean; scheduler: boolean } {
  return { api: role === 'api' || role === 'all', worker: role === 'worker' || role === 'all', scheduler: role === 'scheduler' || role === 'all' };
}

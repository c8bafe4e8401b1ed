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

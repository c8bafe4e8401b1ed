import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.js';
import { ensureDatabase } from './database/data-source.js';
import { redisConnection } from './queue/redis-connection.js';

export class PreflightError extends Error {}

/**
 * Checks, before anything starts, that PostgreSQL (creating the database if missing) and Redis answer, so a wrong
 * DATABASE_URL or REDIS_URL stops start-up with one line naming it instead of endless reconnect errors.
 * Throws `PreflightError`.
 */
export async function preflight(cfg: Pick<AppConfig, 'DATABASE_URL' | 'REDIS_URL'>, timeoutMs = 5_000): Promise<void> {
  try {
    await withTimeout(ensureDatabase(cfg.DATABASE_URL), timeoutMs);
  } catch (error) {
    throw new PreflightError(`Cannot reach PostgreSQL at DATABASE_URL=${redact(cfg.DATABASE_URL)}: ${message(error)}`);
  }
  const redis = new Redis({ ...redisConnection(cfg.REDIS_URL), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  redis.on('error', () => undefined); // reported below, once
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new PreflightError(`Cannot reach Redis at REDIS_URL=${redact(cfg.REDIS_URL)}: ${message(error)}`);
  } finally {
    redis.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}

function message(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: Array<{ message?: string }> };
  return e?.message || e?.errors?.[0]?.message || e?.code || String(error);
}

/** The URL without its password. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

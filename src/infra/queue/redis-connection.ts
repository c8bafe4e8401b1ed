import type { ConnectionOptions } from 'bullmq';

/**
 * ioredis connection options from a `redis://[user:password@]host:port[/db]` or `rediss://` URL.
 * `maxRetriesPerRequest: null` is what BullMQ workers require for their blocking commands.
 */
export function redisConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

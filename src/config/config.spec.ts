import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults work against local PostgreSQL and Redis', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      ROLE: 'all',
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/skillpulse',
      REDIS_URL: 'redis://127.0.0.1:6379',
      EXTRACT_MIN_CONFIDENCE: 0.5,
    });
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ ROLE: 'web' }, 'ROLE'],
    [{ DATABASE_URL: 'mysql://x@localhost/db' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ EXTRACT_MIN_CONFIDENCE: '1.5' }, 'EXTRACT_MIN_CONFIDENCE'],
    [{ QUEUE_PREFIX: 'a:b' }, 'QUEUE_PREFIX'],
  ])('rejects %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it('reads given values', () => {
    expect(loadConfig({ ROLE: 'worker', PORT: '8080', WORKER_CONCURRENCY: '4' })).toMatchObject({ ROLE: 'worker', PORT: 8080, WORKER_CONCURRENCY: 4 });
  });
});

import { preflight, PreflightError } from '../src/infra/preflight.js';

const PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = 'redis://127.0.0.1:6379';

describe('preflight', () => {
  it('passes when PostgreSQL and Redis answer', async () => {
    await expect(preflight({ DATABASE_URL: PG, REDIS_URL: REDIS })).resolves.toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/skillpulse', REDIS_URL: REDIS }, /^Cannot reach PostgreSQL at DATABASE_URL=postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/skillpulse: /],
    [{ DATABASE_URL: PG, REDIS_URL: 'redis://127.0.0.1:1' }, /^Cannot reach Redis at REDIS_URL=redis:\/\/127\.0\.0\.1:1: /],
  ])('names the variable that points nowhere', async (cfg, message) => {
    const attempt = preflight(cfg, 2_000);
    await expect(attempt).rejects.toBeInstanceOf(PreflightError);
    await expect(attempt).rejects.toThrow(message);
  });
});

/**
 * The rows of a `DataSource.query`/`EntityManager.query` result. TypeORM answers UPDATE/DELETE … RETURNING on
 * PostgreSQL with `[rows, rowCount]`, other statements with the rows themselves.
 */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}

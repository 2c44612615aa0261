import type pg from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Runs a statement as a named prepared statement on the manager's connection (its transaction's, when it has one):
 * PostgreSQL parses and plans it once per pooled connection instead of on every call. Only for the few hot
 * statements whose planning costs as much as their execution (the bearer-token lookup, a status transition) —
 * TypeORM's query() cannot name a statement. Errors come out as TypeORM's QueryFailedError, like query()'s.
 */
export async function queryPrepared<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  try {
    // Outside a transaction the pool itself runs it: no query runner to build and release for one statement.
    const target = manager.queryRunner ? ((await manager.queryRunner.connect()) as pg.PoolClient) : ((manager.connection.driver as PostgresDriver).master as pg.Pool);
    return (await target.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  } catch (err) {
    throw err instanceof Error && 'code' in err ? new QueryFailedError(text, values, err) : err;
  }
}

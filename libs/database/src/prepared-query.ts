import type pg from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** Plain SQL in, rows out: what a read-only query object needs, and all a bare pg client offers (the benchmarks' floor). */
export interface SqlRunner {
  // Like TypeORM's query(): the caller states the row type where it binds the result.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The pg pool under TypeORM's connection. */
function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as PostgresDriver).master as pg.Pool;
}

/**
 * SQL straight on the pool, for query objects that gain nothing from TypeORM (the dashboards' aggregates): a
 * TypeORM query() builds, connects and releases a query runner around every statement.
 */
export function poolSqlRunner(dataSource: DataSource): SqlRunner {
  const pool = poolOf(dataSource);
  return { query: async <T>(sql: string, params?: unknown[]) => (await pool.query<T & pg.QueryResultRow>(sql, params)).rows };
}

/**
 * Runs a statement as a named prepared statement on the manager's connection (its transaction's, when it has one):
 * PostgreSQL parses and plans it once per pooled connection instead of on every call. Only for the few hot
 * statements whose planning costs as much as their execution (the bearer-token lookup, a status transition) —
 * TypeORM's query() cannot name a statement. Errors come out as TypeORM's QueryFailedError, like query()'s.
 */
export async function queryPrepared<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  try {
    const target = manager.queryRunner ? ((await manager.queryRunner.connect()) as pg.PoolClient) : poolOf(manager.connection);
    return (await target.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  } catch (err) {
    throw err instanceof Error && 'code' in err ? new QueryFailedError(text, values, err) : err;
  }
}

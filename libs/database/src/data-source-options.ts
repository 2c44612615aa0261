import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

export function dataSourceOptions(databaseUrl: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // Without a connect timeout a request waits for ever on a database that accepts connections but never answers;
    // with one it fails in seconds and is answered 503 (AllExceptionsFilter).
    extra: { max: 10, connectionTimeoutMillis: 5000 },
    ...extra,
  } as DataSourceOptions;
}

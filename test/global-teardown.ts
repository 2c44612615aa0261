import { rmSync } from 'node:fs';
import pg from 'pg';
import { Redis } from 'ioredis';

export default async function globalTeardown(): Promise<void> {
  if (process.env.WEB_DIST?.includes('ftz-web-')) rmSync(process.env.WEB_DIST, { recursive: true, force: true });
  const url = process.env.DATABASE_URL;
  if (url && process.env.KEEP_TEST_DB !== 'true') {
    // The run's databases: one per worker (test/worker-env.ts) and the browser journeys' own, all named after the run's.
    const run = new URL(url).pathname.slice(1);
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  const prefix = process.env.QUEUE_PREFIX;
  if (prefix?.startsWith('ftztest_')) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

import pg from 'pg';

/**
 * One fresh database per test run (the suites migrate it through the app's own migrator); Redis keys get a per-run prefix.
 * Env set here reaches the suites because they run in this process (--runInBand) or in workers forked after it.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const base = process.env.TEST_DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  process.env.DATABASE_URL = `${base.replace(/\/$/, '')}/ftz_test_${runId}`;
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.QUEUE_PREFIX = `ftztest_${runId}`;
  process.env.NODE_ENV = 'test';
  process.env.EVIDENCE_DIR ??= `/tmp/ftz-evidence-${runId}`;
  const admin = new pg.Client({ connectionString: `${base.replace(/\/$/, '')}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "ftz_test_${runId}" ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
}

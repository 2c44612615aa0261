import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
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
  buildWebAppIfStale();
}

/**
 * The browser journeys test the built app (dist/web) as the api serves it: built here when missing or older than its
 * sources, so `npm test` never tests yesterday's pages.
 */
function buildWebAppIfStale(): void {
  const index = path.resolve('dist', 'web', 'index.html');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
  const sources = Math.max(newest(path.resolve('apps', 'web', 'src')), statSync(path.resolve('apps', 'web', 'vite.config.ts')).mtimeMs, statSync(path.resolve('apps', 'web', 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}

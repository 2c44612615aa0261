import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * One fresh database per test worker of the run (the suites migrate it through the app's own migrator); Redis keys get a
 * per-run prefix. Env set here reaches the suites because they run in workers forked after it; test/worker-env.ts then
 * gives each worker its own database and prefix, so suites that run at the same time never see each other's rows,
 * queues or province-wide settings (within a worker they run one after another, as before).
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const base = process.env.TEST_DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  process.env.DATABASE_URL = `${base.replace(/\/$/, '')}/ftz_test_${runId}`;
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.QUEUE_PREFIX = `ftztest_${runId}`;
  process.env.NODE_ENV = 'test';
  // Suites move the injected clock by days and months with the sessions they logged in at the start; the session
  // limits themselves are tested with their defaults in accounts-security.e2e-spec.ts.
  process.env.SESSION_IDLE_MINUTES ??= String(10 * 365 * 24 * 60);
  process.env.SESSION_MAX_HOURS ??= String(10 * 365 * 24);
  process.env.EVIDENCE_DIR ??= `/tmp/ftz-evidence-${runId}`;
  const admin = new pg.Client({ connectionString: `${base.replace(/\/$/, '')}/postgres` });
  await admin.connect();
  for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker++) {
    // Named as test/worker-env.ts expects (this file loads outside Jest's module mapping, so it cannot import it).
    const name = worker === 1 ? `ftz_test_${runId}` : `ftz_test_${runId}_w${worker}`;
    await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  }
  await admin.end();
  buildWebApp(runId);
}

/**
 * The browser journeys test the app built from the current sources, as the api serves it: a private build per run
 * (a few seconds), so a stale dist/web is never tested and parallel runs never serve each other's half-written files.
 */
function buildWebApp(runId: string): void {
  process.env.WEB_DIST = path.join(tmpdir(), `ftz-web-${runId}`);
  execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit', env: process.env });
}

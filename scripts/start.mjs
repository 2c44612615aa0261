#!/usr/bin/env node
// `npm start`: build if needed, find or start PostgreSQL and Redis, migrate + seed, run the api and worker.
//
//   npm start                      the whole product
//   npm start -- --services-only   only PostgreSQL + Redis (prints their URLs; Ctrl-C stops them)
//
// Environment: DATABASE_URL, REDIS_URL (use these servers; fail if they don't answer), PORT (3000),
// DEMO_PASSWORD (Demo@2026), JWT_SECRET, NODE_ENV (development).
// FTZ_FORCE_EMBEDDED_PG=1 skips 127.0.0.1:5432, FTZ_FORCE_SPAWN_REDIS=1 skips 127.0.0.1:6379;
// FTZ_EMBEDDED_PG_DIR (.data/pg), FTZ_EMBEDDED_PG_PORT (54329), FTZ_REDIS_DIR (.data/redis) and FTZ_REDIS_PORT
// (a free port) place the servers this script starts itself; the spawned redis-server keeps its append-only file
// in FTZ_REDIS_DIR, so queued jobs survive its restart.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/build.mjs';
import { log, warn, redactUrl, StartError } from './lib/log.mjs';
import { Supervisor } from './lib/processes.mjs';
import { resolvePostgres } from './lib/postgres.mjs';
import { resolveRedis } from './lib/redis.mjs';
import { prepareDatabase, assertPortFree, startApp, announceWhenHealthy } from './lib/app.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isSet = (value) => value !== undefined && value !== '' && value !== '0' && value !== 'false';

function appEnv() {
  return {
    ...process.env,
    PORT: process.env.PORT || '3000',
    DEMO_PASSWORD: process.env.DEMO_PASSWORD || 'Demo@2026',
    NODE_ENV: process.env.NODE_ENV || 'development',
  };
}

async function startServices(env, supervisor) {
  env.DATABASE_URL = await resolvePostgres({
    env,
    dataDir: path.resolve(ROOT, env.FTZ_EMBEDDED_PG_DIR || '.data/pg'),
    port: Number(env.FTZ_EMBEDDED_PG_PORT) || 54329,
    forceEmbedded: isSet(env.FTZ_FORCE_EMBEDDED_PG),
    supervisor,
  });
  env.REDIS_URL = await resolveRedis({
    env,
    dataDir: path.resolve(ROOT, env.FTZ_REDIS_DIR || '.data/redis'),
    forceSpawn: isSet(env.FTZ_FORCE_SPAWN_REDIS),
    supervisor,
  });
}

/** Resolves with the reason the run ends: a shutdown request, or a child that died. */
async function runUntilStopped({ env, supervisor, servicesOnly }) {
  if (servicesOnly) {
    const show = (name) => (process.env[name] ? redactUrl(env[name]) : env[name]); // don't echo a secret we were given
    log(`services ready:\n  DATABASE_URL=${show('DATABASE_URL')}\n  REDIS_URL=${show('REDIS_URL')}\n  (Ctrl-C stops them)`);
    return { signal: await supervisor.stopRequested };
  }
  await prepareDatabase({ env, supervisor });
  const { api, worker } = startApp({ env, supervisor });
  announceWhenHealthy({ port: env.PORT, demoPassword: env.DEMO_PASSWORD, api, supervisor });
  const died = (name, handle) => handle.exited.then((result) => ({ died: name, ...result }));
  return Promise.race([supervisor.stopRequested.then((signal) => ({ signal })), died('api', api), died('worker', worker)]);
}

async function main() {
  process.chdir(ROOT);
  const servicesOnly = process.argv.includes('--services-only');
  const supervisor = new Supervisor();
  supervisor.installSignalHandlers();
  const env = appEnv();
  let exitCode = 0;
  let signal = 'SIGTERM';
  try {
    if (!servicesOnly) {
      await ensureBuilt(ROOT, env, supervisor);
      await assertPortFree(Number(env.PORT)); // before starting anything: another `npm start` may be running
    }
    await startServices(env, supervisor);
    const outcome = await runUntilStopped({ env, supervisor, servicesOnly });
    if (outcome.died && !supervisor.stopping) {
      const how = outcome.error ? outcome.error.message : outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.code}`;
      warn(`${outcome.died} stopped unexpectedly (${how}); stopping everything`);
      exitCode = 1;
    } else {
      signal = outcome.signal ?? signal;
    }
  } catch (error) {
    if (supervisor.stopping) {
      // Interrupted by a signal: whatever was in progress failed because we stopped it.
      signal = await supervisor.stopRequested;
    } else {
      console.error(`\n${error instanceof StartError ? `[start] ERROR: ${error.message}` : error?.stack ?? error}\n`);
      exitCode = error instanceof StartError ? error.exitCode : 1;
    }
  }
  const killed = await supervisor.shutdown(signal);
  if (killed.length > 0 && exitCode === 0) exitCode = 1;
  log(exitCode === 0 ? 'stopped' : `stopped (exit code ${exitCode})`);
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Steps 4 and 5: migrations + seeds, then the api and worker processes.
import { ENTRY_POINTS, SERVICE_NODE_FLAGS } from './build.mjs';
import { log, warn, StartError } from './log.mjs';
import { isPortFree, waitUntil } from './processes.mjs';

export const DEMO_USERS = ['admin', 'coordinator', 'department', 'department2', 'city', 'leader'];

/** Migrations, reference data and demo data; all idempotent, so they run on every start. */
export async function prepareDatabase({ env, supervisor }) {
  await supervisor.run('migrate', process.execPath, [ENTRY_POINTS.migrate], { env });
  await supervisor.run('seed', process.execPath, [ENTRY_POINTS.seedReference], { env });
  await supervisor.run('seed:demo', process.execPath, [ENTRY_POINTS.seedDemo], { env });
}

export async function assertPortFree(port) {
  if (!(await isPortFree(port, '0.0.0.0')) || !(await isPortFree(port, '127.0.0.1'))) {
    throw new StartError(`port ${port} is already in use (another \`npm start\` still running?). Stop that process or set PORT=<free port>.`);
  }
}

export function startApp({ env, supervisor }) {
  const api = supervisor.spawn('api', process.execPath, [...SERVICE_NODE_FLAGS, ENTRY_POINTS.api], { env: { ...env, SKIP_MIGRATIONS: 'true' } });
  const worker = supervisor.spawn('worker', process.execPath, [...SERVICE_NODE_FLAGS, ENTRY_POINTS.worker], { env });
  return { api, worker };
}

async function healthy(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.body?.cancel();
  return response.ok;
}

/** Print the URLs once GET /health answers; warns (and keeps waiting) if that takes more than 90 s. */
export async function announceWhenHealthy({ port, demoPassword, api, supervisor }) {
  const healthUrl = `http://127.0.0.1:${port}/health`;
  const until = Promise.race([api.exited, supervisor.stopRequested]);
  let state = await waitUntil(() => healthy(healthUrl), { timeoutMs: 90000, intervalMs: 500, until });
  if (state === 'timeout') {
    warn(`the api does not answer ${healthUrl} after 90s; still waiting`);
    state = await waitUntil(() => healthy(healthUrl), { timeoutMs: Infinity, intervalMs: 2000, until });
  }
  if (state !== 'ready') return;
  const base = `http://localhost:${port}`;
  log('');
  log('FTZ replication tracker is running');
  log(`  Web app:    ${base}/  (工作台; leaders: ${base}/cockpit)`);
  log(`  API docs:   ${base}/docs`);
  log(`  Health:     ${base}/health`);
  log(`  Demo users: ${DEMO_USERS.join(', ')}  (password: ${demoPassword})`);
  log('  Press Ctrl-C to stop.');
  log('');
}

// Step 3: find a Redis (REDIS_URL, then 127.0.0.1:6379) or run `redis-server` from PATH as a child.
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { log, redactUrl, errorText, StartError } from './log.mjs';
import { findFreePort, waitUntil } from './processes.mjs';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** PING once, with a short timeout and no reconnect loop. */
export async function pingRedis(url, timeoutMs = 1500) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let socketError; // ioredis reports e.g. ECONNREFUSED here and rejects with a vaguer "Connection is closed"
  client.on('error', (error) => (socketError ??= error));
  try {
    await client.connect();
    const reply = await client.ping();
    return reply === 'PONG' ? { ok: true } : { ok: false, error: new Error(`unexpected PING reply ${reply}`) };
  } catch (error) {
    return { ok: false, error: socketError ?? error };
  } finally {
    client.disconnect();
  }
}

export function findOnPath(binary, searchPath = process.env.PATH ?? '') {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** A redis-server left behind by an earlier run that was killed (SIGKILL) is stopped via its pid file. */
function stopLeftover(pidFile) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    if (pid > 0 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server')) {
      process.kill(pid, 'SIGTERM');
      log(`Redis: stopped redis-server ${pid} left over from an earlier run`);
    }
  } catch {
    /* not running any more, or no /proc */
  }
  rmSync(pidFile, { force: true });
}

export async function spawnRedis({ dataDir, supervisor, env }) {
  const binary = findOnPath('redis-server', env.PATH);
  if (!binary) {
    throw new StartError(
      'No Redis to use (REDIS_URL is not set, nothing answers at redis://127.0.0.1:6379) and no `redis-server` on PATH to start one.\n' +
        '  Install it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`),\n' +
        '  or point REDIS_URL at a running Redis (e.g. REDIS_URL=redis://host:6379).',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'redis-server.pid');
  const logFile = path.join(dataDir, 'redis.log');
  stopLeftover(pidFile);
  const port = Number(env.FTZ_REDIS_PORT) || (await findFreePort());
  const url = `redis://127.0.0.1:${port}`;
  log(`Redis: starting ${binary} on 127.0.0.1:${port} (log ${logFile})`);
  const server = supervisor.spawn(
    'redis',
    binary,
    // Queued jobs survive a restart: an append-only file (fsync every second) under dataDir, no RDB snapshots, and
    // never evict a key (an evicted job is a lost notice). The worker warns about a Redis configured otherwise.
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--dir', dataDir, '--daemonize', 'no'],
    { output: { file: logFile }, kind: 'service', stopSignal: 'SIGTERM' },
  );
  if (server.child.pid) writeFileSync(pidFile, `${server.child.pid}\n`);
  server.exited.then(() => rmSync(pidFile, { force: true }));
  const state = await waitUntil(async () => (await pingRedis(url, 500)).ok, { timeoutMs: 15000, until: Promise.race([server.exited, supervisor.stopRequested]) });
  if (state !== 'ready') {
    let lastLines = '';
    try {
      lastLines = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-10).join('\n    ');
    } catch {
      /* no log */
    }
    throw new StartError(`redis-server ${state === 'timeout' ? 'did not answer within 15s' : 'exited during start-up'}. ${logFile}:\n    ${lastLines}`);
  }
  return url;
}

/** Decide which Redis to use. Returns the REDIS_URL. */
export async function resolveRedis({ env, dataDir, forceSpawn, supervisor }) {
  if (env.REDIS_URL) {
    const result = await pingRedis(env.REDIS_URL);
    if (!result.ok) {
      throw new StartError(
        `REDIS_URL is set (${redactUrl(env.REDIS_URL)}) but that Redis cannot be used (PING failed): ${errorText(result.error)}\n` +
          '  Start that server, fix REDIS_URL, or unset it to let `npm start` find or start a Redis itself.',
      );
    }
    log(`Redis: using REDIS_URL ${redactUrl(env.REDIS_URL)}`);
    return env.REDIS_URL;
  }
  if (!forceSpawn) {
    const result = await pingRedis(DEFAULT_REDIS_URL);
    if (result.ok) {
      log(`Redis: using the local server at ${DEFAULT_REDIS_URL}`);
      return DEFAULT_REDIS_URL;
    }
    log(`Redis: nothing answers at 127.0.0.1:6379 (${errorText(result.error)}), starting redis-server`);
  } else {
    log('Redis: FTZ_FORCE_SPAWN_REDIS is set, starting redis-server');
  }
  const url = await spawnRedis({ dataDir, supervisor, env });
  log(`Redis: using spawned redis-server ${url}`);
  return url;
}

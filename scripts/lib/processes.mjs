// Child processes for scripts/start.mjs: spawn with prefixed output, one-shot steps,
// ordered shutdown and signal forwarding.
//
// Every child is spawned `detached` (its own process group). A Ctrl-C in the terminal then reaches only
// this script, which forwards exactly one signal to the app processes and stops the services
// (PostgreSQL, Redis) *after* the app has shut down. Without that the terminal would signal everything at
// once: Postgres would go away under the API's shutdown, and Nest — which re-raises the signal after its
// first one — would be killed outright by a second (npm forwards SIGINT too).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { openSync, closeSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { log, tag, warn, StartError } from './log.mjs';

/** Forward each line of `stream` to `out` with a `[name]` prefix. */
function prefixLines(stream, name, out) {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => out.write(`${tag(name)} ${line}\n`));
}

function signalGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: `npm run build` -> sh -> tsc, etc.
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export class Supervisor {
  /** @type {Set<{name: string, kind: 'step'|'app'|'service', child: import('node:child_process').ChildProcess, exited: Promise<{code: number|null, signal: string|null}>, stopSignal: string}>} */
  handles = new Set();
  /** Servers to stop after the app, in start order: { name, stop: async () => void }. */
  services = [];
  stopping = false;
  #firstSignalAt = 0;
  #resolveStop;
  /** Resolves with the signal name once a shutdown is requested. */
  stopRequested = new Promise((resolve) => (this.#resolveStop = resolve));

  installSignalHandlers() {
    // Keep the event loop alive while we wait for a signal, even when no child is running (--services-only).
    setInterval(() => {}, 1 << 30);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => this.#onSignal(signal));
    }
    // Last resort if this script dies without a proper shutdown: don't leave children behind.
    process.on('exit', () => {
      for (const handle of this.handles) signalGroup(handle.child, handle.stopSignal);
    });
  }

  #onSignal(signal) {
    if (!this.stopping) {
      this.#firstSignalAt = Date.now();
      log(`${signal} received, shutting down (press Ctrl-C again to force)`);
      this.requestStop(signal);
    } else if (Date.now() - this.#firstSignalAt > 1000) {
      // The first repeat within a second is usually npm forwarding the same Ctrl-C.
      warn('forced shutdown: killing all child processes');
      for (const handle of this.handles) signalGroup(handle.child, handle.kind === 'service' ? handle.stopSignal : 'SIGKILL');
      process.exit(130);
    }
  }

  requestStop(signal = 'SIGTERM') {
    this.stopping = true;
    this.#resolveStop(signal);
    // A build/migration/seed in progress is abandoned; its run() then rejects and main() shuts down.
    for (const handle of this.handles) if (handle.kind === 'step') signalGroup(handle.child, 'SIGTERM');
  }

  /**
   * Spawn a child. output: 'prefix' (lines prefixed with [name] on our stdout/stderr) or { file } (appended to
   * a log file, for chatty servers). kind: 'app' and 'step' children are stopped first, 'service' children last.
   */
  spawn(name, command, args, { env = process.env, cwd, output = 'prefix', kind = 'app', stopSignal = 'SIGTERM', uid, gid } = {}) {
    let stdio = ['ignore', 'pipe', 'pipe'];
    let logFd;
    if (output !== 'prefix') {
      logFd = openSync(output.file, 'a');
      stdio = ['ignore', logFd, logFd];
    }
    const child = spawn(command, args, { env, cwd, stdio, detached: true, uid, gid });
    if (logFd !== undefined) closeSync(logFd);
    if (output === 'prefix') {
      prefixLines(child.stdout, name, process.stdout);
      prefixLines(child.stderr, name, process.stderr);
    }
    const exited = new Promise((resolve) => {
      child.once('error', (error) => {
        this.handles.delete(handle);
        resolve({ code: null, signal: null, error });
      });
      child.once('exit', (code, signal) => {
        this.handles.delete(handle);
        resolve({ code, signal });
      });
    });
    const handle = { name, kind, child, exited, stopSignal };
    this.handles.add(handle);
    if (kind === 'service') this.services.push({ name, stop: () => this.#stopHandles([handle]) });
    return handle;
  }

  /** Stop a server we did not spawn in this run (left over from a run that was killed) along with ours. */
  adoptService(name, pid, stopSignal) {
    this.services.push({
      name,
      stop: async () => {
        try {
          process.kill(pid, stopSignal);
        } catch {
          return; // already gone
        }
        const gone = await waitUntil(async () => !isAlive(pid), { timeoutMs: 15000, intervalMs: 100 });
        if (gone !== 'ready') warn(`${name} (pid ${pid}) did not stop within 15s`);
      },
    });
  }

  /** Run a one-shot command to completion; throws a StartError if it fails or a shutdown interrupts it. */
  async run(name, command, args, options = {}) {
    if (this.stopping) throw new StartError('interrupted', 130);
    const handle = this.spawn(name, command, args, { ...options, kind: 'step', stopSignal: 'SIGTERM' });
    const { code, signal, error } = await handle.exited;
    if (this.stopping) throw new StartError(`interrupted during ${name}`, 130);
    if (error) throw new StartError(`${name}: could not run ${command}: ${error.message}`);
    if (code !== 0) {
      throw new StartError(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`}): ${[command, ...args].join(' ')}`);
    }
  }

  #killed = [];

  async #stopHandles(handles, signal, graceMs = 15000) {
    await Promise.all(
      handles.map(async (handle) => {
        signalGroup(handle.child, signal ?? handle.stopSignal);
        const done = await Promise.race([handle.exited, sleep(graceMs).then(() => null)]);
        if (done === null) {
          warn(`${handle.name} did not stop within ${graceMs / 1000}s, killing it`);
          this.#killed.push(handle.name);
          signalGroup(handle.child, 'SIGKILL');
          await handle.exited;
        }
      }),
    );
  }

  /**
   * Stop apps and steps with `signal` (SIGINT stays SIGINT, anything else becomes SIGTERM), then the services
   * in reverse start order. Returns the names of the processes that had to be killed.
   */
  async shutdown(signal = 'SIGTERM') {
    this.stopping = true;
    const apps = [...this.handles].filter((handle) => handle.kind !== 'service');
    await this.#stopHandles(apps, signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
    for (const service of [...this.services].reverse()) {
      log(`stopping ${service.name}`);
      await service.stop();
    }
    return this.#killed;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** True if nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago. */
export function findFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Poll `check` (async, returns truthy when ready) every intervalMs until it succeeds, `until` resolves
 * (e.g. the process died), or timeoutMs passes. Returns 'ready' | 'stopped' | 'timeout'.
 */
export async function waitUntil(check, { timeoutMs, intervalMs = 250, until }) {
  let stopped = false;
  until?.then(() => (stopped = true));
  const deadline = Date.now() + timeoutMs;
  while (!stopped) {
    if (await check().catch(() => false)) return 'ready';
    if (Date.now() > deadline) return 'timeout';
    await sleep(intervalMs);
  }
  return 'stopped';
}

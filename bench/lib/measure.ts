import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';

export interface Latency {
  p50: number;
  p95: number;
  n: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summarise(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Runs `fn` sequentially (after a warm-up) and returns p50/p95 in milliseconds. */
export async function latency(fn: () => Promise<unknown>, n = 200, warmup = 20): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timed(fn));
  return summarise(times);
}

/**
 * A figure and its floor sampled alternately, so that the noise of a shared machine (autovacuum, another process
 * taking a core) falls on both alike instead of on whichever ran during it.
 */
export async function latencyPair(figure: () => Promise<unknown>, floor: () => Promise<unknown>, options: { n?: number; warmup?: number; beforeEach?: () => Promise<unknown> } = {}): Promise<[Latency, Latency]> {
  const { n = 200, warmup = 20, beforeEach = async () => undefined } = options;
  for (let i = 0; i < warmup; i++) {
    await figure();
    await floor();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    await beforeEach(); // untimed: e.g. a write, so that the figure cannot come from a cache
    a.push(await timed(figure));
    b.push(await timed(floor));
  }
  return [summarise(a), summarise(b)];
}

// One kept-alive connection, like a browser tab polling a dashboard; node:http costs the client less than fetch,
// whose overhead would otherwise be counted against the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET with a bearer token; rejects unless 2xx. */
export function getOk(url: string, auth: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: auth } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`${url}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`))));
    });
    req.on('error', reject);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident memory of a process now and at its peak (VmHWM), in MB. */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * CPU seconds used so far by these processes (Linux /proc/<pid>/stat, in USER_HZ ticks; a process that has ended
 * counts 0). The machine's cores are shared, so what a request costs each process says more than wall-clock rates.
 */
export function cpuSecondsOf(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(stat[11]) + Number(stat[12])) / 100;
    } catch {
      // ended meanwhile, or not Linux
    }
  }
  return total;
}

/** The PostgreSQL backends connected to a database now. */
export async function backendsOf(query: (sql: string, params: unknown[]) => Promise<{ pid: number }[]>, database: string): Promise<number[]> {
  return (await query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])).map((r) => r.pid);
}

/** Starts a built entry point with env and waits until GET /health answers. */
export async function startServer(entry: string, env: Record<string, string>, port: number): Promise<ChildProcess> {
  // Started as `npm start` and the Dockerfile start the api: with SERVICE_NODE_FLAGS (scripts/lib/build.mjs).
  const child = spawn(process.execPath, ['--max-old-space-size=512', entry], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`${entry} did not answer /health`);
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;

import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { BENCH_PASSWORD, benchDatabaseUrl, flag, scaleFlag } from './lib/args.js';
import { dashboardFloors } from './lib/dashboard-floor.js';
import { backendsOf, cpuSecondsOf, freePort, getOk, latency, latencyPair, ms, rssOf, startServer, type Latency } from './lib/measure.js';

/**
 * `npm run bench -- --scale national`: every figure next to its floor measured in the same run on the same data.
 * Needs `npm run bench:seed -- --scale <same>` first. Prints a table; nothing here is a test.
 */
const scale = scaleFlag();
const databaseUrl = benchDatabaseUrl(scale);
const seconds = Number(flag('seconds', '15'));
const rounds = 3;
// `--only dashboards,transitions` runs just those sections: dashboards, lists, transitions, ledger, sweep.
const only = flag('only', '').split(',').filter(Boolean);
const runs = (section: string) => only.length === 0 || only.includes(section);
const env = { DATABASE_URL: databaseUrl, SKIP_MIGRATIONS: 'true', QUEUE_PREFIX: `ftzbench_${scale}`, NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), WEBHOOK_SECRET: randomBytes(32).toString('hex'), FTZ_FIXED_NOW: '' };

interface Row {
  name: string;
  figure: string;
  floor: string;
  ratio: string;
  target: string;
  ok: boolean | null;
}
const rows: Row[] = [];
const report = (r: Row) => {
  rows.push(r);
  console.log(`  ${r.ok === null ? '·' : r.ok ? '✓' : '✗'} ${r.name}: ${r.figure} (floor ${r.floor}, ratio ${r.ratio}, target ${r.target})`);
};

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
}

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const [{ id: provinceId }] = (await db.query(`SELECT id FROM region WHERE code = '370000'`)).rows as { id: string }[];
const [sizes] = (await db.query(`SELECT (SELECT count(*) FROM task)::int tasks, (SELECT count(*) FROM rollout)::int rollouts, (SELECT count(*) FROM progress_report)::int reports, (SELECT count(*) FROM audit_event)::int audit`)).rows;
console.log(`bench --scale ${scale}: ${JSON.stringify(sizes)}`);

const port = await freePort();
const api = await startServer('dist/bench/bench-api.js', env, port);
const base = `http://127.0.0.1:${port}`;
try {
  const leader = await login(base, 'leader_370000');
  const admin = await login(base, 'bench_admin');
  // Business writes are the coordinator's, in its own province: the system administrator is refused them (三员分立).
  const coordinator = await login(base, 'coordinator_370000');

  if (runs('dashboards')) {
    console.log('\ndashboards (leader of 山东省, sequential and interleaved, p95 over HTTP vs the same SQL with pg):');
    // "after a write": each sample follows an audited change in the province (a task flipped between in_progress and
    // blocked), so the answer is computed afresh — what the first viewer after a change waits for.
    const [flip] = (await db.query(`SELECT id, status FROM task WHERE region_id = $1 AND status IN ('in_progress', 'blocked') LIMIT 1`, [provinceId])).rows as { id: string; status: string }[];
    let flipped = flip.status;
    const write = async () => {
      flipped = flipped === 'blocked' ? 'in_progress' : 'blocked';
      const res = await fetch(`${base}/api/tasks/${flip.id}/transitions`, { method: 'POST', headers: { authorization: coordinator, 'content-type': 'application/json' }, body: JSON.stringify({ to: flipped, reason: '基准测试' }) });
      if (!res.ok) throw new Error(`transition: ${res.status} ${await res.text()}`);
    };
    const row = (name: string, [http, direct]: [Latency, Latency]) =>
      report({ name, figure: `p50 ${ms(http.p50)} p95 ${ms(http.p95)}`, floor: `p50 ${ms(direct.p50)} p95 ${ms(direct.p95)}`, ratio: `${(http.p95 / direct.p95).toFixed(2)}×`, target: 'p95 ≤ 150 ms and ≤ 1.5× floor', ok: http.p95 <= 150 && http.p95 <= 1.5 * direct.p95 });
    for (const floor of await dashboardFloors(db, provinceId)) {
      const view = () => getOk(`${base}${floor.path}`, leader);
      row(`${floor.path} (repeat views)`, await latencyPair(view, floor.run));
      row(`${floor.path} (after a write)`, await latencyPair(view, floor.run, { n: 100, beforeEach: write }));
    }
  }
  if (runs('lists')) {
    console.log('\ntask list (filters + pagination):');
    const lists = [
      `/api/tasks?regionId=${provinceId}&page=3&pageSize=20`,
      `/api/tasks?regionId=${provinceId}&status=in_progress,blocked&overdue=true&sort=dueDate`,
      `/api/tasks?regionId=${provinceId}&dueWithinDays=30&sort=dueDate&order=desc`,
      `/api/tasks?q=${encodeURIComponent('单一窗口')}&pageSize=50`,
    ];
    for (const path of lists) {
      const http = await latency(() => getOk(`${base}${path}`, admin));
      report({ name: path, figure: `p50 ${ms(http.p50)} p95 ${ms(http.p95)}`, floor: '—', ratio: '—', target: 'p95 ≤ 30 ms', ok: http.p95 <= 30 });
    }
  }
  if (runs('transitions')) {
    console.log(`\nstatus transitions with audit, autocannon 50 connections, ${rounds} alternating rounds of ${seconds / rounds}s each, vs a bare route through the same guards:`);
    const pool = (await db.query(`SELECT id FROM task WHERE region_id = $1 AND status IN ('in_progress', 'blocked') ORDER BY id`, [provinceId])).rows.map((r: { id: string }) => r.id);
    const state = new Map<string, string>((await db.query(`SELECT id, status FROM task WHERE id = ANY($1)`, [pool])).rows.map((r: { id: string; status: string }) => [r.id, r.status]));
    let next = 0;
    // Each request flips the next task of a large pool, so concurrent requests never race on one task. The floor's
    // requests are built the same way (only the route differs): the load generator shares the machine's cores, so
    // work it did for one side only would be counted against that side.
    const load = (path: (id: string) => string, moves: boolean) =>
      autocannon({
        url: base,
        connections: 50,
        duration: seconds / rounds,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const id = pool[next++ % pool.length];
              const to = state.get(id) === 'blocked' ? 'in_progress' : 'blocked';
              if (moves) state.set(id, to);
              return { ...req, path: path(id), headers: { authorization: coordinator, 'content-type': 'application/json' }, body: JSON.stringify({ to, reason: '基准测试' }) };
            },
          },
        ],
      });
    const floorRequest = () => load(() => '/bench/noop', false);
    const transitionRequest = () => load((id) => `/api/tasks/${id}/transitions`, true);
    // Where each side's requests spend the machine's two cores: the api, PostgreSQL and the load generator (this process).
    const database = new URL(databaseUrl).pathname.slice(1);
    const cpu = async () => {
      const own = process.cpuUsage();
      return {
        api: cpuSecondsOf([api.pid!]),
        postgres: cpuSecondsOf(await backendsOf(async (sql, params) => (await db.query(sql, params)).rows, database)),
        'load generator': (own.user + own.system) / 1e6,
      };
    };
    const spent = { floor: { api: 0, postgres: 0, 'load generator': 0 }, figure: { api: 0, postgres: 0, 'load generator': 0 } };
    const measured = async (side: keyof typeof spent, run: () => Promise<autocannon.Result>) => {
      const before = await cpu();
      const result = await run();
      const after = await cpu();
      for (const k of Object.keys(before) as (keyof typeof before)[]) spent[side][k] += after[k] - before[k];
      return result;
    };
    // Floor and figure take turns in short rounds, so a noisy stretch of the shared machine falls on both.
    const floorRuns: autocannon.Result[] = [];
    const transitionRuns: autocannon.Result[] = [];
    for (let round = 0; round < rounds; round++) {
      floorRuns.push(await measured('floor', floorRequest));
      transitionRuns.push(await measured('figure', transitionRequest));
    }
    const rate = (results: autocannon.Result[]) => results.reduce((sum, r) => sum + r.requests.total, 0) / seconds;
    const perRequest = (side: keyof typeof spent, results: autocannon.Result[]) => {
      const n = results.reduce((sum, r) => sum + r.requests.total, 0);
      return Object.entries(spent[side]).map(([k, v]) => `${k} ${Math.round((v / n) * 1e6)} µs`).join(', ');
    };
    console.log(`    CPU per request: transitions ${perRequest('figure', transitionRuns)}; floor ${perRequest('floor', floorRuns)}`);
    const floorRun = { rate: rate(floorRuns) };
    const transitionRun = { rate: rate(transitionRuns), errors: transitionRuns.reduce((sum, r) => sum + r.errors + r.non2xx, 0), p99: Math.max(...transitionRuns.map((r) => r.latency.p99)) };
    const errors = transitionRun.errors;
    const ratio = transitionRun.rate / floorRun.rate;
    report({ name: `transitions (pool ${pool.length} tasks)`, figure: `${Math.round(transitionRun.rate)} req/s, p99 ${transitionRun.p99} ms, ${errors} errors`, floor: `${Math.round(floorRun.rate)} req/s`, ratio: `${(ratio * 100).toFixed(0)}%`, target: '≥ 50% of floor, 0 errors', ok: ratio >= 0.5 && errors === 0 });
    const apiMemory = rssOf(api.pid!);
    report({ name: 'api RSS under the load above', figure: `${apiMemory.rssMb.toFixed(0)} MB now, peak ${apiMemory.peakMb.toFixed(0)} MB`, floor: '—', ratio: '—', target: 'peak ≤ 300 MB', ok: apiMemory.peakMb <= 300 });
  }
  if (runs('ledger')) {
    console.log('\nledger export (whole province, fresh api process so its peak memory is the export):');
    const ledgerPort = await freePort();
    const ledgerApi = await startServer('dist/bench/bench-api.js', env, ledgerPort);
    try {
      const ledgerBase = `http://127.0.0.1:${ledgerPort}`;
      const before = rssOf(ledgerApi.pid!);
      const started = performance.now();
      const res = await fetch(`${ledgerBase}/api/exports/ledger.xlsx`, { headers: { authorization: await login(ledgerBase, 'leader_370000') } });
      const bytes = (await res.arrayBuffer()).byteLength;
      const took = performance.now() - started;
      const after = rssOf(ledgerApi.pid!);
      report({ name: `ledger.xlsx (${res.status}, ${(bytes / 1024).toFixed(0)} KB)`, figure: `${ms(took)}, peak RSS ${after.peakMb.toFixed(0)} MB`, floor: `RSS before ${before.rssMb.toFixed(0)} MB`, ratio: '—', target: 'peak RSS ≤ 300 MB', ok: res.ok && after.peakMb <= 300 });
    } finally {
      ledgerApi.kill('SIGTERM');
    }
  }
  if (runs('sweep')) {
    console.log('\nreminder sweep over every deadline (all provinces, admin):');
    const sweepStarted = performance.now();
    const sweep = await fetch(`${base}/api/admin/reminders/sweep`, { method: 'POST', headers: { authorization: admin } });
    const sweepBody = (await sweep.json()) as Record<string, unknown>;
    const sweepMs = performance.now() - sweepStarted;
    report({ name: `sweep (${sweep.status})`, figure: ms(sweepMs), floor: '—', ratio: '—', target: '≤ 30 s', ok: sweep.ok && sweepMs <= 30_000 });
    console.log(`    ${JSON.stringify(sweepBody).slice(0, 300)}`);
  }
} finally {
  api.kill('SIGTERM');
  await db.end();
}

console.log(`\n| benchmark | figure | floor | ratio | target | met |\n|---|---|---|---|---|---|`);
for (const r of rows) console.log(`| ${r.name} | ${r.figure} | ${r.floor} | ${r.ratio} | ${r.target} | ${r.ok === null ? '—' : r.ok ? 'yes' : 'NO'} |`);

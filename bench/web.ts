import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BENCH_PASSWORD, benchDatabaseUrl, flag, scaleFlag } from './lib/args.js';
import { freePort, ms, percentile, startServer } from './lib/measure.js';

/**
 * `npm run bench:web -- --scale national`: what the web app costs a clerk. The gzipped bytes the login page and the
 * task table load (the app's own files, each gzipped as a server would send it), and the time from navigation until
 * the task table (/tasks) shows its rows for one province (山东省's coordinator), in Chromium throttled to 10 Mbit/s
 * with 40 ms RTT (CDP Network.emulateNetworkConditions) and unthrottled: p50/p95 of 20 visits each, for a first visit,
 * a repeat visit and a click in the menu (see Visit). Needs `npm run bench:seed -- --scale <same>` first.
 */
const scale = scaleFlag();
const loads = Number(flag('loads', '20'));
// `--visits menu` (comma-separated) to time some of the visit kinds only.
const visits = flag('visits', 'cold,repeat,menu').split(',') as Visit[];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The task table's rows: the desk table's rows (helper B's ledger page); cards on a phone are not measured here.
const ROWS = '.el-table__row';
const THROTTLE = { offline: false, latency: 40, downloadThroughput: 10_000_000 / 8, uploadThroughput: 10_000_000 / 8 };
const FLOORS = { firstPageKb: 300, throttledP95: 1500, unthrottledP95: 300 };
const env = { DATABASE_URL: benchDatabaseUrl(scale), SKIP_MIGRATIONS: 'true', QUEUE_PREFIX: `ftzbench_${scale}`, NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), WEBHOOK_SECRET: randomBytes(32).toString('hex'), FTZ_FIXED_NOW: '' };

/** Every response the page loads from the app's origin, gzipped at the default level; API answers counted apart. */
async function bytesOf(browser: Browser, base: string, url: string, token: string | null): Promise<{ app: number; api: number; files: number }> {
  const context = await browser.newContext({ baseURL: base });
  if (token) await context.addInitScript(`sessionStorage.setItem('ftz.token', ${JSON.stringify(token)})`);
  const page = await context.newPage();
  const sizes: Promise<{ api: boolean; gz: number }>[] = [];
  page.on('response', (res) => {
    if (!res.url().startsWith(base)) return;
    sizes.push(res.body().then((body) => ({ api: new URL(res.url()).pathname.startsWith('/api/'), gz: gzipSync(body).length })).catch(() => ({ api: false, gz: 0 })));
  });
  await page.goto(url);
  await (token ? page.locator(ROWS).first().waitFor() : page.getByRole('button', { name: '登录' }).waitFor());
  await page.waitForLoadState('networkidle');
  const all = await Promise.all(sizes);
  await context.close();
  return { app: sum(all.filter((s) => !s.api).map((s) => s.gz)), api: sum(all.filter((s) => s.api).map((s) => s.gz)), files: all.length };
}

/**
 * How the clerk gets to the task table:
 * - cold: a first visit — a fresh browser context, nothing cached, the document and every file fetched;
 * - repeat: opening /tasks again in the same browser — hashed assets come from the HTTP cache (they are `immutable`),
 *   the document and the api answers do not;
 * - menu: the app is already open (on 修改密码, a page without a table) and the clerk clicks 任务台账 in the menu.
 */
type Visit = 'cold' | 'repeat' | 'menu';

/**
 * Where a menu visit's time goes, from the page's own clock: the click until the first API request leaves (routing and
 * the page's code), the API answers (first request out to last answer in), and the last answer until the first row
 * is in the DOM (Vue and the table rendering it).
 */
interface MenuSplit {
  toFirstRequest: number;
  api: number;
  render: number;
  requests: { path: string; ms: number }[];
}

const splits: MenuSplit[] = [];

/** Before the click: marks it and watches for the first row, both on the page's clock. */
const WATCH_ROWS = `(() => {
  performance.clearMarks(); performance.clearResourceTimings(); performance.mark('click');
  new MutationObserver((_, observer) => {
    if (document.querySelector('${ROWS}')) { performance.mark('rows'); observer.disconnect(); }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

async function menuSplit(page: Page): Promise<MenuSplit> {
  return page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name, 'mark')[0]!.startTime;
    const click = at('click');
    const rows = at('rows');
    const api = (performance.getEntriesByType('resource') as unknown as { name: string; startTime: number; responseEnd: number }[]).filter((e) => new URL(e.name).pathname.startsWith('/api/') && e.startTime >= click && e.responseEnd <= rows);
    const first = Math.min(...api.map((e) => e.startTime));
    const last = Math.max(...api.map((e) => e.responseEnd));
    return {
      toFirstRequest: first - click,
      api: last - first,
      render: rows - last,
      requests: api.map((e) => ({ path: new URL(e.name).pathname, ms: e.responseEnd - e.startTime })),
    };
  });
}

/** Milliseconds until the first row of the task table is shown, over `loads` visits after two warm-up visits. */
async function timeToRows(browser: Browser, base: string, token: string, throttled: boolean, visit: Visit): Promise<number[]> {
  const times: number[] = [];
  let context: BrowserContext | null = null;
  for (let i = 0; i < loads + 2; i++) {
    if (visit === 'cold' || !context) {
      await context?.close();
      context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 } });
      await context.addInitScript(`sessionStorage.setItem('ftz.token', ${JSON.stringify(token)})`);
    }
    const page: Page = await context.newPage();
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', THROTTLE);
    }
    let started: number;
    if (visit === 'menu') {
      await page.goto('/password');
      await page.getByLabel('当前密码').waitFor();
      await page.evaluate(WATCH_ROWS);
      started = performance.now();
      await page.getByRole('menuitem', { name: '任务台账' }).click();
    } else {
      started = performance.now();
      await page.goto('/tasks', { waitUntil: 'commit' });
    }
    await page.locator(ROWS).first().waitFor({ timeout: 30_000 });
    const elapsed = performance.now() - started;
    if (i >= 2) times.push(elapsed); // the first two warm the api's caches and the database's buffers
    if (i >= 2 && visit === 'menu' && !throttled) splits.push(await menuSplit(page));
    await page.close();
  }
  await context?.close();
  return times.sort((a, b) => a - b);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const line = (name: string, figure: string, target: string, ok: boolean) => console.log(`  ${ok ? '✓' : '✗'} ${name.padEnd(42)} ${figure.padEnd(34)} target ${target}`);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const api = await startServer('dist/bench/bench-api.js', env, port);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coordinator_370000', password: BENCH_PASSWORD }) });
  if (!login.ok) throw new Error(`login coordinator_370000: ${login.status} ${await login.text()} (run npm run bench:seed -- --scale ${scale} first)`);
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const [sizes] = (await db.query(`SELECT (SELECT count(*) FROM task)::int AS tasks, (SELECT count(*) FROM task t JOIN region p ON p.id = t.region_id WHERE p.code = '370000')::int AS province_tasks`)).rows;
  await db.end();
  console.log(`bench:web --scale ${scale}: ${sizes.tasks} tasks, ${sizes.province_tasks} in 山东省; ${loads} loads per case\n`);

  const loginPage = await bytesOf(browser, base, '/login', null);
  const tasksPage = await bytesOf(browser, base, '/tasks', token);
  line('login page, gzip', `${kb(loginPage.app)} (${loginPage.files} files)`, `≤ ${FLOORS.firstPageKb} KB`, loginPage.app <= FLOORS.firstPageKb * 1024);
  line('task table, gzip (app files)', `${kb(tasksPage.app)} + api answers ${kb(tasksPage.api)}`, '—', true);

  for (const visit of visits) {
    for (const throttled of [true, false]) {
      const times = await timeToRows(browser, base, token, throttled, visit);
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      const target = throttled ? FLOORS.throttledP95 : FLOORS.unthrottledP95;
      line(`rows shown, ${visit}, ${throttled ? '10 Mbit/s + 40 ms' : 'unthrottled'}`, `p50 ${ms(p50)}, p95 ${ms(p95)}`, `p95 ≤ ${target} ms`, p95 <= target);
    }
  }
  if (splits.length) {
    const p = (pick: (s: MenuSplit) => number) => { const xs = splits.map(pick).sort((a, b) => a - b); return `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}`; };
    console.log(`\n  menu visit, unthrottled, split on the page's clock:`);
    console.log(`    click → first API request (routing, the page's code)   ${p((s) => s.toFirstRequest)}`);
    console.log(`    first API request → last answer                        ${p((s) => s.api)}`);
    console.log(`    last answer → first row in the DOM (rendering)         ${p((s) => s.render)}`);
    const paths = [...new Set(splits.flatMap((s) => s.requests.map((r) => r.path)))];
    for (const path of paths) console.log(`      ${path.padEnd(52)} ${p((s) => Math.max(0, ...s.requests.filter((r) => r.path === path).map((r) => r.ms)))}`);
  }
} finally {
  await browser.close();
  api.kill();
}

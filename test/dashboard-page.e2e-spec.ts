import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeBatch, makeProvinceWorld, TEST_PASSWORD } from './factories.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('artifacts');

describe('the leaders’ page (/dashboard): static files', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('serves the page, its script and ECharts without a token, and nothing else from the folder', async () => {
    const page = await t.http.get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('领导驾驶舱');
    expect((await t.http.get('/dashboard/app.js')).headers['content-type']).toContain('javascript');
    const echarts = await t.http.get('/dashboard/vendor/echarts.min.js');
    expect(echarts.status).toBe(200);
    expect(echarts.headers['cache-control']).toContain('max-age=604800');
    expect((await t.http.get('/dashboard/index.ts')).status).toBe(404);
    expect((await t.http.get('/dashboard/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});

// Debian's chromium (apt-get install -y chromium fonts-wqy-microhei); without it the browser half cannot run.
(existsSync(CHROMIUM) ? describe : describe.skip)(`the leaders’ page in headless Chromium (${existsSync(CHROMIUM) ? CHROMIUM : 'skipped: /usr/bin/chromium not installed'})`, () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batchB: Awaited<ReturnType<typeof makeBatch>>;
  let leader: string;
  const kpis = async () => ({
    applicable: Number(await page.textContent('#kpi-total')),
    closed: Number(await page.textContent('#kpi-closed')),
    completionRate: await page.textContent('#kpi-rate'),
    overdue: Number(await page.textContent('#kpi-overdue')),
    dueSoon: Number(await page.textContent('#kpi-due-soon')),
  });
  const expected = (s: { applicable: number; closed: number; completionRate: number | null; overdue: number; dueSoon: number }) => ({
    applicable: s.applicable,
    closed: s.closed,
    completionRate: s.completionRate === null ? '—' : `${(s.completionRate * 100).toFixed(1)}%`,
    overdue: s.overdue,
    dueSoon: s.dueSoon,
  });

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    world = await makeProvinceWorld(t.db);
    const batchA = await makeBatch(t.db, [
      { name: '国际贸易单一窗口', deadlineDate: '2026-11-10' },
      { name: '企业准入单一窗口', deadlineDate: '2026-12-05' },
      { name: '社会信用体系建设', deadlineKind: 'ongoing' },
      { name: '货物状态分类监管', deadlineDate: '2026-12-31' },
    ]);
    batchB = await makeBatch(t.db, [
      { name: '融资租赁监管', deadlineDate: '2026-12-20' },
      { name: '跨境人民币结算', deadlineDate: '2026-10-01' },
    ]);
    const coordinator = await bearer(t, world.users.coordinator.username);
    const ids: string[] = [];
    for (const b of [batchA, batchB]) ids.push(...(await t.http.post(`/api/batches/${b.batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id })).body.taskIds);
    await t.db.query(`UPDATE task SET lead_department_id = $2 WHERE id = ANY($1)`, [ids, world.leadDept.id]);
    await t.db.query(`UPDATE task SET status = 'closed', closed_at = '2026-11-20T02:00:00Z' WHERE id = ANY($1)`, [[ids[2], ids[3], ids[4]]]);
    await t.db.query(`INSERT INTO progress_report (task_id, period, status, progress, problems) VALUES ($1, '2026Q4', 'submitted', '已完成系统对接测试', '跨部门数据共享待协调')`, [ids[5]]);
    await t.db.query(`UPDATE rollout SET status = 'implemented', adopted_on = '2026-11-01', implemented_on = '2026-11-15' WHERE task_id = ANY($1) AND region_id = $2`, [ids, world.cities[0].id]);
    leader = await bearer(t, world.users.leader.username);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1100 }, locale: 'zh-CN' })).newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in, shows the summary’s numbers, follows the batch filter, drills down and downloads the ledger', async () => {
    await page.goto(`${baseUrl}/dashboard`);
    await page.fill('#username', world.users.leader.username);
    await page.fill('#password', TEST_PASSWORD);
    const firstLoad = page.waitForResponse((r) => r.url().includes('/api/dashboard/traffic-lights'));
    await page.click('#login-submit');
    await firstLoad;
    await page.waitForFunction(`document.querySelector('#kpi-total').textContent !== '–'`);

    const all = (await t.http.get('/api/dashboard/summary').set('Authorization', leader)).body;
    // 6 tasks; closed 3 of 6 → 50.0%; overdue: 11-10 and 10-01; due soon: 12-05 (12-20 is 24 days away)
    expect(all).toMatchObject({ applicable: 6, closed: 3, completionRate: 0.5, overdue: 2, dueSoon: 1 });
    expect(await kpis()).toEqual(expected(all));
    expect(await page.evaluate('typeof window.echarts')).toBe('object');
    expect(await page.locator('#chart-batches canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#departments tbody tr').first().textContent()).toContain(world.leadDept.name);
    expect(await page.locator('#regions .cell').count()).toBe(2);
    expect(await page.locator('#lights tbody tr[data-task]').count()).toBe(3); // 2 red + 1 yellow
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    const filtered = page.waitForResponse((r) => r.url().includes('/api/dashboard/traffic-lights') && r.url().includes(batchB.batchId));
    await page.selectOption('#filter-batch', batchB.batchId);
    await filtered;
    const onlyB = (await t.http.get(`/api/dashboard/summary?batchId=${batchB.batchId}`).set('Authorization', leader)).body;
    expect(onlyB).toMatchObject({ applicable: 2, closed: 1, overdue: 1, dueSoon: 0 }); // 融资租赁 closed, 跨境 overdue
    expect(await kpis()).toEqual(expected(onlyB));
    expect(await kpis()).not.toEqual(expected(all));

    await page.click('#lights tbody tr[data-task]');
    await page.waitForSelector('#task-detail h2');
    expect(await page.textContent('#task-detail h2')).toBe('跨境人民币结算');
    expect(await page.textContent('#task-detail')).toContain('承接批次'); // its history, from GET /api/tasks/:id
    expect(await page.textContent('#task-detail')).toContain('【2026Q4】已完成系统对接测试');
    expect(await page.textContent('#task-detail')).toContain('跨部门数据共享待协调');
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-ledger')]);
    expect(download.suggestedFilename()).toMatch(/复制推广台账-2026-11-26\.xlsx$/);
    const file = path.join(ARTIFACTS, 'dashboard-ledger.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('台账')!;
    expect(sheet.rowCount).toBe(3); // the header + the batch's 2 tasks: the download follows the filter
    expect(sheet.getCell('B3').value).toBe('跨境人民币结算');
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { bearer } from '../auth-helper.js';
import { makeBatch, makeProvinceWorld, makeUser } from '../factories.js';
import { ARTIFACTS, describeInBrowser, DESK, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { loaded, pageWidth, until } from './page-ready.js';

interface Figures {
  applicable: number;
  closed: number;
  completionRate: number | null;
  overdue: number;
  dueSoon: number;
  pendingDecision: number;
}

describeInBrowser('领导驾驶舱 in the app: KPIs from the summary, the batch filter, a traffic light opens its task, 待确认 opens the ledger, the ledger', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batchB: Awaited<ReturnType<typeof makeBatch>>;
  let batchBName: string;
  let leader: string;
  let ids: string[];

  const kpis = async (page: Page) => ({
    applicable: Number(await page.locator('[data-kpi="applicable"]').textContent()),
    closed: Number(await page.locator('[data-kpi="closed"]').textContent()),
    completionRate: await page.locator('[data-kpi="rate"]').textContent(),
    overdue: Number(await page.locator('[data-kpi="overdue"]').textContent()),
    dueSoon: Number(await page.locator('[data-kpi="due-soon"]').textContent()),
    pendingDecision: Number(await page.locator('[data-kpi="pending"]').textContent()),
  });
  const expected = (s: Figures) => ({ ...s, completionRate: s.completionRate === null ? '—' : `${(s.completionRate * 100).toFixed(1)}%` });
  const pick = ({ applicable, closed, completionRate, overdue, dueSoon, pendingDecision }: Figures): Figures => ({ applicable, closed, completionRate, overdue, dueSoon, pendingDecision });

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    const batchA = await makeBatch(web.t.db, [
      { name: '国际贸易单一窗口', deadlineDate: '2026-11-10' },
      { name: '企业准入单一窗口', deadlineDate: '2026-12-05' },
      { name: '社会信用体系建设', deadlineKind: 'ongoing' },
      { name: '货物状态分类监管', deadlineDate: '2026-12-31' },
    ]);
    batchB = await makeBatch(web.t.db, [
      { name: '融资租赁监管', deadlineDate: '2026-12-20' },
      { name: '跨境人民币结算', deadlineDate: '2026-10-01' },
    ]);
    batchBName = (await web.t.db.query('SELECT name FROM batch WHERE id = $1', [batchB.batchId]))[0].name;
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    ids = [];
    for (const b of [batchA, batchB]) ids.push(...(await web.t.http.post(`/api/batches/${b.batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id })).body.taskIds);
    await web.t.db.query(`UPDATE task SET lead_department_id = $2 WHERE id = ANY($1)`, [ids, world.leadDept.id]);
    await web.t.db.query(`UPDATE task SET status = 'closed', closed_at = '2026-11-20T02:00:00Z' WHERE id = ANY($1)`, [[ids[2], ids[3], ids[4]]]);
    // 企业准入单一窗口 waits for the coordinator's decision on whether it applies (待确认).
    await web.t.db.query(`UPDATE task SET pending_decision = '有意愿的地区' WHERE id = $1`, [ids[1]]);
    await web.t.db.query(`INSERT INTO progress_report (task_id, period, status, progress, problems) VALUES ($1, '2026Q4', 'submitted', '已完成系统对接测试', '跨部门数据共享待协调')`, [ids[5]]);
    await web.t.db.query(`UPDATE rollout SET status = 'implemented', adopted_on = '2026-11-01', implemented_on = '2026-11-15' WHERE task_id = ANY($1) AND region_id = $2`, [ids, world.cities[0].id]);
    leader = await bearer(web.t, world.users.leader.username);
  }, 90_000);
  afterAll(() => web?.close());

  it('shows the summary’s numbers, follows the batch filter, opens a red light’s task and downloads the filtered ledger', async () => {
    const { page, context } = await openPage(web, { width: DESK.width, height: DESK.height });
    await page.goto('/dashboard');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/cockpit');
    await login(page, world.users.leader.username);
    expect(new URL(page.url()).pathname).toBe('/cockpit');

    const all = (await web.t.http.get('/api/dashboard/summary').set('Authorization', leader)).body;
    // 6 tasks; closed 3 of 6 → 50.0%; overdue: 11-10 and 10-01; due soon: 12-05 (12-20 is 24 days away)
    expect(all).toMatchObject({ applicable: 6, closed: 3, completionRate: 0.5, overdue: 2, dueSoon: 1, pendingDecision: 1 });
    await page.locator('[data-kpi="applicable"]').filter({ hasText: '6' }).waitFor();
    expect(await kpis(page)).toEqual(expected(pick(all)));
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(3); // batches, trend, cities, domains
    expect(await page.locator('.departments .el-table__row').first().textContent()).toContain(world.leadDept.name);
    expect(await page.locator('.lights .el-table__row').count()).toBe(3); // 2 red + 1 yellow
    await loaded(page);
    await screenshot(page, 'cockpit-desk');

    await page.locator('#cockpit-batch').click();
    await page.getByRole('option', { name: batchBName }).click();
    const onlyB = (await web.t.http.get(`/api/dashboard/summary?batchId=${batchB.batchId}`).set('Authorization', leader)).body;
    expect(onlyB).toMatchObject({ applicable: 2, closed: 1, overdue: 1, dueSoon: 0, pendingDecision: 0 });
    await page.locator('[data-kpi="applicable"]').filter({ hasText: /^2$/ }).waitFor();
    await until(page, `!document.querySelector('.kpis .el-loading-mask') || document.querySelector('.kpis .el-loading-mask').offsetParent === null`);
    expect(await kpis(page)).toEqual(expected(pick(onlyB)));
    expect(await kpis(page)).not.toEqual(expected(pick(all)));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载台账' }).click()]);
    expect(download.suggestedFilename()).toMatch(/复制推广台账.*\.xlsx$/);
    const file = path.join(ARTIFACTS, 'cockpit-ledger.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('台账')!.rowCount).toBe(3); // the header + the batch's 2 tasks: the download follows the filter

    await page.locator('.lights .el-table__row').filter({ hasText: '跨境人民币结算' }).click();
    await page.waitForURL(`**/tasks/${ids[5]}`);

    // The 待确认 figure opens the ledger on those tasks.
    await page.goto('/cockpit');
    await page.locator('[data-kpi="pending"]').filter({ hasText: /^1$/ }).click();
    await page.waitForURL((url) => url.pathname === '/tasks' && url.searchParams.get('pendingDecision') === 'true');
    await page.getByText('企业准入单一窗口').first().waitFor();
    expect(await page.getByText('国际贸易单一窗口').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('works for an admin on the province picked in the header (was “regionId is required”), and on a phone', async () => {
    const admin = await makeUser(web.t.db, 'admin');
    const { page, context } = await openPage(web, PHONE);
    await login(page, admin.username);
    await page.evaluate(`sessionStorage.setItem('ftz.adminProvince', '${world.province.id}')`);
    await page.goto('/cockpit');
    await page.locator('[data-kpi="applicable"]').filter({ hasText: '6' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.locator('.light-card').first().waitFor();
    await loaded(page);
    await screenshot(page, 'cockpit-phone');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  }, 90_000);
});

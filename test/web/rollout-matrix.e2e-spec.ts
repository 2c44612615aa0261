import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { bearer } from '../auth-helper.js';
import { count, makeBatch, makeProvinceWorld } from '../factories.js';
import { describeInBrowser, DESK, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { loaded, pageWidth } from './page-ready.js';

describeInBrowser('承接落实 for the coordinator: the items × cities matrix', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batchB: string;
  let taskIds: string[];

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    const a = await makeBatch(web.t.db, [{ name: '国际贸易单一窗口', deadlineDate: '2026-12-10' }, { name: '证照分离改革', deadlineKind: 'ongoing' }]);
    const b = await makeBatch(web.t.db, [{ name: '融资租赁监管', deadlineDate: '2026-12-20' }]);
    batchB = b.batchId;
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    taskIds = [];
    for (const batchId of [a.batchId, b.batchId]) taskIds.push(...(await web.t.http.post(`/api/batches/${batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id })).body.taskIds);
    const [coastal, inland] = world.cities;
    const set = (taskId: string, cityId: string, sql: string) => web.t.db.query(`UPDATE rollout SET ${sql} WHERE task_id = $1 AND region_id = $2`, [taskId, cityId]);
    await set(taskIds[0], coastal.id, `status = 'implemented', adopted_on = '2026-10-01', implemented_on = '2026-11-20', note = '已在自贸片区落地'`);
    await set(taskIds[1], coastal.id, `status = 'adopted', adopted_on = '2026-11-02'`);
    await set(taskIds[2], coastal.id, `status = 'adopted', adopted_on = '2026-11-03'`);
    await set(taskIds[0], inland.id, `status = 'not_applicable', note = '无相关产业'`);
  }, 90_000);
  afterAll(() => web?.close());

  /** The footer's text under each city, read from the page. */
  const footerOf = async (page: import('playwright-core').Page, cityName: string) => {
    const headers = (await page.locator('.matrix .el-table__header-wrapper th').allTextContents()).map((s) => s.trim());
    const index = headers.indexOf(cityName);
    return (await page.locator('.matrix .el-table__footer-wrapper td').nth(index).textContent())!.replace(/\s+/g, ' ').trim();
  };
  const sqlCount = (cityId: string, status: string, batchId?: string) =>
    count(web.t.db, 'rollout r JOIN task t ON t.id = r.task_id JOIN reform_item i ON i.id = t.reform_item_id', `r.region_id = $1 AND r.status = $2 AND t.id = ANY($3) AND ($4::uuid IS NULL OR i.batch_id = $4)`, [cityId, status, taskIds, batchId ?? null]);

  it('shows totals per city and row equal to the rollout rows; a cell opens its rollout; the batch filter narrows it', async () => {
    const { page, context } = await openPage(web, DESK);
    await login(page, world.users.coordinator.username);
    await page.goto('/rollouts');
    await page.locator('.matrix .el-table__row').nth(2).waitFor();
    await loaded(page);
    await screenshot(page, 'rollout-matrix-desk');

    for (const city of world.cities) {
      const [notStarted, adopted, implemented, notApplicable] = await Promise.all(['not_started', 'adopted', 'implemented', 'not_applicable'].map((s) => sqlCount(city.id, s)));
      const footer = await footerOf(page, city.name);
      expect(footer).toContain(`未承接 ${notStarted}`);
      expect(footer).toContain(`已承接 ${adopted}`);
      expect(footer).toContain(`已落实 ${implemented}`);
      if (notApplicable) expect(footer).toContain(`不适用 ${notApplicable}`);
    }
    const totals = await page.getByTestId('matrix-totals').textContent();
    expect(totals).toContain(`合计 ${await count(web.t.db, 'rollout', 'task_id = ANY($1)', [taskIds])}`);
    expect(totals).toContain(`已承接 ${await count(web.t.db, 'rollout', `task_id = ANY($1) AND status = 'adopted'`, [taskIds])}`);

    // A cell opens the rollout behind it.
    await page.getByRole('button', { name: `${world.cities[0].name} 国际贸易单一窗口 已落实` }).click();
    const dialog = page.getByRole('dialog', { name: '承接落实详情' });
    await dialog.getByText('已在自贸片区落地').waitFor();
    const text = await dialog.textContent();
    expect(text).toContain(world.cities[0].name);
    expect(text).toContain('2026-11-20');
    expect(text).toContain('2026-12-10');
    await loaded(page);
    await screenshot(page, 'rollout-matrix-cell-desk');
    await dialog.getByRole('button', { name: '打开任务' }).click();
    await page.waitForURL(`**/tasks/${taskIds[0]}`);

    // The batch filter: only batch B's one item remains, and the totals follow.
    await page.goto('/rollouts');
    await page.locator('.matrix .el-table__row').nth(2).waitFor();
    await page.locator('#matrix-batch').click();
    const [batchName] = (await web.t.db.query('SELECT name FROM batch WHERE id = $1', [batchB])).map((r: { name: string }) => r.name);
    await page.getByRole('option', { name: batchName }).click();
    await page.waitForURL((url) => url.searchParams.get('batchId') === batchB);
    await page.locator('.matrix .el-table__row').nth(1).waitFor({ state: 'detached' });
    expect(await page.locator('.matrix .el-table__row').count()).toBe(1);
    expect(await footerOf(page, world.cities[0].name)).toContain(`已承接 ${await sqlCount(world.cities[0].id, 'adopted', batchB)}`);
    await context.close();
  }, 120_000);

  it('fits a phone: the matrix scrolls inside its own box, never the page', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto('/rollouts');
    await page.locator('.matrix .el-table__row').nth(2).waitFor();
    await loaded(page);
    await screenshot(page, 'rollout-matrix-phone');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  }, 60_000);
});

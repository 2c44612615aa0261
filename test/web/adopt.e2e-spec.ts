import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { makeBatch, makeProvinceWorld } from '../factories.js';
import { loaded } from './page-ready.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

const NOT_HERE = '不在本省推广的事项';

describeInBrowser('批次详情: adopt a batch for the province with overrides', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batch: Awaited<ReturnType<typeof makeBatch>>;
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    batch = await makeBatch(web.t.db, [
      { name: '全国推广的事项' },
      { name: NOT_HERE, scope: { kind: 'regions', regions: ['某某自治区'], label: '某某自治区' }, scopeText: '某某自治区' },
      { name: '范围写得含糊的事项', scope: { kind: 'unparsed', label: '有条件的地区' }, scopeText: '有条件的地区' },
    ]);
  }, 60_000);
  afterAll(() => web?.close());

  it('previews applicability, takes an override with its reason both ways, adopts and links to the new tasks', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto(`/batches/${batch.batchId}`);
    const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await row(NOT_HERE).getByText('不适用').waitFor();
    expect(await row(NOT_HERE).textContent()).toContain('某某自治区');
    expect(await row('范围写得含糊').textContent()).toContain('需人工认定');
    // An unreadable scope must be decided before adopting.
    expect(await page.getByRole('button', { name: '承接本批次' }).isDisabled()).toBe(true);
    await loaded(page);
    await screenshot(page, 'batch-detail-desk');

    const decide = async (name: string, choice: '适用本省' | '不适用', reason: string) => {
      await row(name).getByRole('button', { name: '人工认定' }).click();
      const dialog = page.getByRole('dialog', { name: '人工认定适用性' });
      await dialog.getByText(choice, { exact: true }).click();
      await dialog.getByLabel('理由').fill(reason);
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await decide('全国推广的事项', '不适用', '本省已由省级平台统一实施，不再单列任务');
    await decide('范围写得含糊', '适用本省', '本省各市均具备条件');
    expect(await row('全国推广的事项').textContent()).toContain('人工认定：不适用');

    await page.getByRole('button', { name: '承接本批次' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '承接' }).click();
    await page.getByText('承接完成').waitFor();
    await page.getByText('已承接，任务 3 个').waitFor();
    await loaded(page);
    await screenshot(page, 'batch-adopted-desk');

    const tasks = await web.t.db.query(
      `SELECT ri.name, t.status, t.not_applicable_reason AS reason, t.applicability_overridden AS overridden
         FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id WHERE ri.batch_id = $1 AND t.region_id = $2 ORDER BY ri.seq`,
      [batch.batchId, world.province.id],
    );
    expect(tasks).toEqual([
      { name: '全国推广的事项', status: 'not_applicable', reason: '本省已由省级平台统一实施，不再单列任务', overridden: true },
      { name: NOT_HERE, status: 'not_applicable', reason: expect.stringContaining('某某自治区'), overridden: false },
      { name: '范围写得含糊的事项', status: 'not_started', reason: null, overridden: true },
    ]);

    // Adopted: the state as the tasks hold it, each task's link, and the ledger filtered by the batch.
    expect(await row('全国推广的事项').textContent()).toContain('人工认定：不适用');
    expect(await page.getByRole('button', { name: '承接本批次' }).count()).toBe(0);
    const [vague] = await web.t.db.query('SELECT t.id FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id WHERE ri.name = $1', ['范围写得含糊的事项']);
    expect(await row('范围写得含糊').getByRole('link', { name: '查看任务' }).getAttribute('href')).toBe(`/tasks/${vague.id}`);
    await page.getByRole('link', { name: '到任务台账查看本批次任务' }).click();
    await page.waitForURL((url) => url.pathname === '/tasks' && url.searchParams.get('batchId') === batch.batchId);

    // The batch list shows the province's adoption.
    await page.goto('/batches');
    await page.getByRole('row', { name: /已承接 · 适用 1\/3 · 销号 0/ }).waitFor();
    await context.close();
  });

  it('shows the adopted batch on a phone as cards', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto(`/batches/${batch.batchId}`);
    await page.getByText('已承接，任务 3 个').waitFor();
    await loaded(page);
    await screenshot(page, 'batch-detail-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});

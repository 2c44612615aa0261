import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { bearer } from '../auth-helper.js';
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
      // A city of another province: read against the whole country, it does not reach this province.
      { name: NOT_HERE, scope: { kind: 'regions', regions: ['大连'], label: '大连' }, scopeText: '大连' },
      { name: '范围写得含糊的事项', scope: { kind: 'unparsed', label: '有条件的地区' }, scopeText: '有条件的地区' },
      { name: '自愿试点的事项', scopeText: '有意愿的地区' },
    ]);
  }, 60_000);
  afterAll(() => web?.close());

  it('previews applicability, takes an override with its reason both ways, adopts (待确认 kept for later) and links to the new tasks', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto(`/batches/${batch.batchId}`);
    const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await row(NOT_HERE).getByText('不适用').waitFor();
    expect(await row(NOT_HERE).textContent()).toContain('大连');
    expect(await row('范围写得含糊').textContent()).toContain('待确认');
    expect(await row('自愿试点').textContent()).toContain('有意愿的地区');
    // Voluntary or conditional wording does not block adoption: those items become 待确认 tasks.
    await page.getByText('2 项待确认').waitFor();
    expect(await page.getByRole('button', { name: '承接本批次' }).isDisabled()).toBe(false);
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
    await page.getByRole('dialog', { name: '确认承接' }).getByText('待确认 1 项').waitFor();
    await page.getByRole('dialog', { name: '确认承接' }).getByRole('button', { name: '承接' }).click();
    await page.getByText('承接完成').waitFor();
    await page.getByText('其中待确认 1 项').waitFor();
    await page.getByText('已承接，任务 4 个').waitFor();
    await loaded(page);
    await screenshot(page, 'batch-adopted-desk');

    const tasks = await web.t.db.query(
      `SELECT ri.name, t.status, t.not_applicable_reason AS reason, t.applicability_overridden AS overridden
         FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id WHERE ri.batch_id = $1 AND t.region_id = $2 ORDER BY ri.seq`,
      [batch.batchId, world.province.id],
    );
    expect(tasks).toEqual([
      { name: '全国推广的事项', status: 'not_applicable', reason: '本省已由省级平台统一实施，不再单列任务', overridden: true },
      { name: NOT_HERE, status: 'not_applicable', reason: '推广范围为大连，' + world.province.name + '及其下辖地区不在其中', overridden: false },
      { name: '范围写得含糊的事项', status: 'not_started', reason: null, overridden: true },
      { name: '自愿试点的事项', status: 'not_started', reason: null, overridden: false },
    ]);

    // Adopted: the state as the tasks hold it, each task's link, and the ledger filtered by the batch.
    expect(await row('全国推广的事项').textContent()).toContain('人工认定：不适用');
    expect(await page.getByRole('button', { name: '承接本批次' }).count()).toBe(0);
    const [vague] = await web.t.db.query('SELECT t.id FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id WHERE ri.name = $1', ['范围写得含糊的事项']);
    expect(await row('范围写得含糊').getByRole('link', { name: '查看任务' }).getAttribute('href')).toBe(`/tasks/${vague.id}`);
    // The ledger lists the 待确认 task; its page shows the phrase and the coordinator decides.
    await page.getByRole('link', { name: '到任务台账确认待确认任务' }).click();
    await page.waitForURL((url) => url.pathname === '/tasks' && url.searchParams.get('pendingDecision') === 'true');
    await page.getByRole('link', { name: /自愿试点的事项/ }).first().waitFor();
    expect(await page.getByText('共 1 个任务').count()).toBe(1);
    await loaded(page);
    await screenshot(page, 'ledger-pending-desk');
    await page.getByRole('link', { name: /自愿试点的事项/ }).first().click();
    await page.getByText('待确认：是否适用本省须由省商务厅决定').waitFor();
    await page.getByText('推广范围含自愿或附条件的表述：“有意愿的地区”').waitFor();
    await loaded(page);
    await screenshot(page, 'task-pending-desk');
    await page.getByRole('group', { name: '确认是否适用' }).getByRole('button', { name: '适用', exact: true }).click();
    await page.getByText('已确认适用').waitFor();
    const [decided] = await web.t.db.query(`SELECT t.pending_decision, t.applicability_overridden FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id WHERE ri.name = '自愿试点的事项' AND ri.batch_id = $1`, [batch.batchId]);
    expect(decided).toEqual({ pending_decision: null, applicability_overridden: true });

    // Re-evaluation from the batch page: nothing changed, and it says so.
    await page.goto(`/batches/${batch.batchId}`);
    await page.getByRole('button', { name: '按现行范围重新判断' }).click();
    await page.getByText('重新判断完成：现有任务的适用性和推广城市均无变化。').waitFor();
    await loaded(page);
    await screenshot(page, 'batch-re-evaluated-desk');

    // The batch list shows the province's adoption.
    await page.goto('/batches');
    await page.getByRole('row', { name: /已承接 · 适用 2\/4 · 销号 0/ }).waitFor();
    await context.close();
  }, 180_000);

  it('shows the adopted batch on a phone as cards', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto(`/batches/${batch.batchId}`);
    await page.getByText('已承接，任务 4 个').waitFor();
    await loaded(page);
    await screenshot(page, 'batch-detail-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('shows a 待确认 task with its phrase on a phone, and the 工作台 counts it', async () => {
    const later = await makeBatch(web.t.db, [{ name: '另一项自愿试点', scopeText: '全国（可结合当地实际）' }]);
    const token = await bearer(web.t, world.users.coordinator.username);
    const adopted = await web.t.http.post(`/api/batches/${later.batchId}/adopt`).set('Authorization', token).send({ regionId: world.province.id });
    const taskId = adopted.body.pendingDecision[0].taskId as string;

    const phone = await openPage(web, PHONE);
    await login(phone.page, world.users.coordinator.username);
    await phone.page.goto(`/tasks/${taskId}`);
    await phone.page.getByText('“可结合当地实际”').waitFor();
    await loaded(phone.page);
    await screenshot(phone.page, 'task-pending-phone');
    expect(await phone.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await phone.context.close();

    const desk = await openPage(web);
    await login(desk.page, world.users.coordinator.username);
    await desk.page.goto('/');
    const tile = desk.page.getByRole('link', { name: /待确认/ }).first();
    await tile.waitFor();
    expect(await tile.textContent()).toContain('1');
    await loaded(desk.page);
    await screenshot(desk.page, 'home-pending-desk');
    await desk.context.close();
  }, 120_000);
});

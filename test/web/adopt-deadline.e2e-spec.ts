import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { makeBatch, makeProvinceWorld } from '../factories.js';
import { loaded } from './page-ready.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

const UNDATED = '未写时限的事项';

describeInBrowser('批次详情: the provincial default deadline for items without a 时限', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const items = [{ name: '有时限的事项', deadlineDate: '2026-12-31' }, { name: UNDATED, deadlineKind: 'unparsed' as const }];
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
  }, 60_000);
  afterAll(() => web?.close());

  const dueOf = async (batchId: string) =>
    web.t.db.query(`SELECT ri.name, t.deadline_kind AS kind, t.due_date::text AS due FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id WHERE ri.batch_id = $1 ORDER BY ri.seq`, [batchId]);

  it('adopts with a default date: items without a 时限 take it, dated items keep theirs', async () => {
    const batch = await makeBatch(web.t.db, items);
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto(`/batches/${batch.batchId}`);
    await page.getByRole('row', { name: new RegExp(UNDATED) }).getByText('未写时限', { exact: true }).waitFor();
    await page.getByText('1 项文件未写时限').waitFor();
    const date = page.getByLabel('默认截止日期');
    await date.fill('2027-06-30');
    await date.press('Enter');
    await loaded(page);
    await screenshot(page, 'batch-default-deadline-desk');
    await page.getByRole('button', { name: '承接本批次' }).click();
    const confirm = page.getByRole('dialog', { name: '确认承接' });
    expect(await confirm.textContent()).toContain('取省定默认时限：2027-06-30');
    await confirm.getByRole('button', { name: '承接' }).click();
    await page.getByText('其中 1 个取省定默认时限').waitFor();
    expect(await dueOf(batch.batchId)).toEqual([
      { name: '有时限的事项', kind: 'date', due: '2026-12-31' },
      { name: UNDATED, kind: 'date', due: '2027-06-30' },
    ]);
    await context.close();
  });

  it('adopts without a default, then dates the task from the ledger’s 未设时限 list', async () => {
    const batch = await makeBatch(web.t.db, items);
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto(`/batches/${batch.batchId}`);
    await page.getByText('暂不设定').click();
    await page.getByRole('button', { name: '承接本批次' }).click();
    await page.getByRole('dialog', { name: '确认承接' }).getByRole('button', { name: '承接' }).click();
    await page.getByText('仍有 1 个任务未设时限').waitFor();
    await page.getByRole('link', { name: '逐项设定时限' }).click();
    await page.waitForURL((url) => url.pathname === '/tasks' && url.searchParams.get('withoutDeadline') === 'true');
    await page.getByText(UNDATED).first().waitFor();
    await loaded(page);
    await screenshot(page, 'ledger-without-deadline-desk');

    const [task] = await web.t.db.query(`SELECT t.id FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id WHERE ri.batch_id = $1 AND ri.name = $2`, [batch.batchId, UNDATED]);
    await page.goto(`/tasks/${task.id}`);
    await page.getByText('未设时限').first().waitFor();
    await page.getByRole('button', { name: '设定时限' }).click();
    const dialog = page.getByRole('dialog', { name: '设定时限' });
    await dialog.getByText('持续实施').click();
    await loaded(page);
    await screenshot(page, 'task-set-deadline-desk');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await dueOf(batch.batchId))[1]).toEqual({ name: UNDATED, kind: 'ongoing', due: null });
    await context.close();
  });

  it('shows the default deadline choice on a phone without sideways scrolling', async () => {
    const batch = await makeBatch(web.t.db, items);
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto(`/batches/${batch.batchId}`);
    await page.getByText('1 项文件未写时限').waitFor();
    await loaded(page);
    await screenshot(page, 'batch-default-deadline-phone');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { bearer } from '../auth-helper.js';
import { makeBatch, makeProvinceWorld } from '../factories.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('task detail: the coordinator adds a milestone and chases from the detail; the history reads as sentences; the leader only reads', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let taskId: string;
  let docNumber: string;

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    const batch = await makeBatch(web.t.db, [{ name: '国际贸易单一窗口', deadlineDate: '2026-12-10' }]);
    [{ doc_number: docNumber }] = await web.t.db.query('SELECT doc_number FROM policy_document WHERE id = $1', [batch.documentId]);
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    const adopted = await web.t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id });
    taskId = adopted.body.taskIds[0];
    const assigned = await web.t.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', coordinator)
      .send({ leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.otherDept.id], outcome: '单一窗口覆盖全省口岸' });
    expect(assigned.status).toBe(200);
  }, 120_000);
  afterAll(() => web?.close());

  it('shows the item, its document and departments; adds a milestone; 催办 lands among the notices', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto(`/tasks/${taskId}`);
    await page.getByRole('heading', { name: /1\. 国际贸易单一窗口/ }).waitFor();
    const facts = page.locator('.facts');
    for (const text of [docNumber, world.leadDept.name, world.otherDept.name, '单一窗口覆盖全省口岸', '2026-12-10']) await facts.getByText(text, { exact: false }).first().waitFor();
    // The coordinator may mark it not applicable and chase it; starting is the lead's and the coordinator's.
    const actions = page.getByRole('group', { name: '任务操作' });
    expect((await actions.getByRole('button').allTextContents()).map((s) => s.trim())).toEqual(['启动', '标记受阻', '认定不适用', '设定时限', '催办']);

    await page.getByRole('button', { name: '新增节点' }).click();
    const milestone = page.getByRole('dialog', { name: '新增时间节点' });
    await milestone.getByLabel('节点内容').fill('完成省级单一窗口系统对接');
    await milestone.getByLabel('截止日期').fill('2026-12-01');
    await milestone.getByLabel('截止日期').press('Enter');
    await milestone.getByRole('button', { name: '保存' }).click();
    await page.getByText('完成省级单一窗口系统对接', { exact: true }).waitFor();
    const [row] = await web.t.db.query('SELECT title, due_date::text AS due, done_at FROM milestone WHERE task_id = $1', [taskId]);
    expect(row).toEqual({ title: '完成省级单一窗口系统对接', due: '2026-12-01', done_at: null });

    // A milestone entered by mistake is deleted after a confirmation; the other stays.
    await page.getByRole('button', { name: '新增节点' }).click();
    await milestone.getByLabel('节点内容').fill('误录的节点');
    await milestone.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '删除：误录的节点' }).click();
    await page.getByRole('dialog', { name: '删除时间节点' }).getByRole('button', { name: '删除' }).click();
    await page.getByText('时间节点已删除').waitFor();
    await page.getByRole('button', { name: '删除：误录的节点' }).waitFor({ state: 'detached' });
    expect((await web.t.db.query('SELECT title FROM milestone WHERE task_id = $1', [taskId])).map((r: { title: string }) => r.title)).toEqual(['完成省级单一窗口系统对接']);

    await actions.getByRole('button', { name: '催办' }).click();
    const dialog = page.getByRole('dialog', { name: '催办' });
    await dialog.getByText('提醒（发联络员）').click();
    await dialog.getByLabel('催办意见').fill('请按节点推进系统对接');
    await dialog.getByRole('button', { name: '发送' }).click();
    await page.getByText('已发送给牵头部门').waitFor();
    const notices = await web.t.db.query('SELECT level, recipient_role, department_id, sent_by FROM notification WHERE task_id = $1', [taskId]);
    expect(notices).toEqual([{ level: 'remind', recipient_role: 'liaison', department_id: world.leadDept.id, sent_by: world.users.coordinator.id }]);
    await page.getByRole('tab', { name: '通知记录（1）' }).click();
    await page.getByText('请按节点推进系统对接').waitFor();
    await screenshot(page, 'task-detail-notices-desk');

    await page.getByRole('tab', { name: /操作记录/ }).click();
    await page.getByText(`牵头部门：（空） → ${world.leadDept.name}`).waitFor();
    await page.getByText('新增时间节点', { exact: true }).first().waitFor();
    await page.locator('.history').scrollIntoViewIfNeeded();
    await screenshot(page, 'task-detail-desk');
    await context.close();
  }, 180_000);

  it('shows the leader the same task with no action buttons, also on a phone without sideways scrolling', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.leader.username);
    await page.goto(`/tasks/${taskId}`);
    await page.getByRole('heading', { name: /国际贸易单一窗口/ }).waitFor();
    await page.getByText('完成省级单一窗口系统对接', { exact: true }).waitFor();
    expect(await page.getByRole('group', { name: '任务操作' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /新增节点|标记完成|上传佐证材料|提交销号|催办/ }).count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'task-detail-leader-phone');
    await context.close();
  }, 180_000);
});

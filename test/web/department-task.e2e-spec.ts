import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../auth-helper.js';
import { count, makeBatch, makeProvinceWorld } from '../factories.js';
import { DESK, describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

// A one-page PDF is enough for the api's type check (it reads the magic bytes).
const PDF = { name: '验收报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

describeInBrowser('a department works its own task: start, block with a reason, unblock, milestone done, evidence, 提交销号 — at a desk and on a phone', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const taskIds: string[] = [];

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    const batch = await makeBatch(web.t.db, [
      { name: '国际贸易单一窗口', deadlineDate: '2026-12-10' },
      { name: '企业准入单一窗口', deadlineDate: '2026-12-20' },
    ]);
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    const adopted = await web.t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id });
    taskIds.push(...adopted.body.taskIds);
    const lead = await bearer(web.t, world.users.department.username);
    for (const id of taskIds) {
      const assigned = await web.t.http.patch(`/api/tasks/${id}`).set('Authorization', coordinator).send({ leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.otherDept.id], outcome: '单一窗口覆盖全省口岸' });
      expect(assigned.status).toBe(200);
      const milestone = await web.t.http.post(`/api/tasks/${id}/milestones`).set('Authorization', lead).send({ title: '完成系统对接', dueDate: '2026-12-01' });
      expect(milestone.status).toBe(201);
    }
  }, 120_000);
  afterAll(() => web?.close());

  const taskRow = async (id: string) => (await web.t.db.query('SELECT status, status_reason FROM task WHERE id = $1', [id]))[0];

  /** Clicks a status button, answers its confirmation or reason, and waits for the page to say it is done. */
  async function act(page: Page, label: string, reason?: string) {
    await page.getByRole('group', { name: '任务操作' }).getByRole('button', { name: label }).click();
    if (reason) {
      const dialog = page.getByRole('dialog', { name: label });
      await dialog.getByLabel(`${label}原因`).fill(reason);
      await dialog.getByRole('button', { name: `确定${label}` }).click();
    } else {
      await page.getByRole('button', { name: '确定', exact: true }).click();
    }
    await page.getByText(`已${label}`).first().waitFor();
  }

  async function journey(viewport: typeof DESK, taskId: string, shot: string) {
    const { page, context } = await openPage(web, viewport);
    await login(page, world.users.department.username);
    await page.goto(`/tasks/${taskId}`);
    await page.getByRole('heading', { name: /单一窗口/ }).waitFor();
    await screenshot(page, `${shot}-not-started`);

    await act(page, '启动');
    expect(await taskRow(taskId)).toEqual({ status: 'in_progress', status_reason: null });
    await act(page, '标记受阻', '等待海关总署系统接口开放');
    expect(await taskRow(taskId)).toEqual({ status: 'blocked', status_reason: '等待海关总署系统接口开放' });
    await page.getByText('原因：等待海关总署系统接口开放', { exact: true }).waitFor();
    await act(page, '恢复推进');
    expect((await taskRow(taskId)).status).toBe('in_progress');

    await page.getByRole('button', { name: '标记完成：完成系统对接' }).click();
    await page.getByText('已标记完成').waitFor();
    expect((await web.t.db.query('SELECT done_at IS NOT NULL AS done FROM milestone WHERE task_id = $1', [taskId]))[0].done).toBe(true);

    await page.getByLabel('上传佐证材料').setInputFiles(PDF);
    await page.getByText(`已上传：${PDF.name}`).waitFor();
    expect(await count(web.t.db, 'evidence_file', `task_id = $1 AND purpose = 'progress'`, [taskId])).toBe(1);

    await page.getByRole('group', { name: '任务操作' }).getByRole('button', { name: '提交销号' }).click();
    const dialog = page.getByRole('dialog', { name: '提交销号' });
    await dialog.getByText('单一窗口覆盖全省口岸').waitFor();
    await dialog.getByLabel('完成情况').fill('已建成单一窗口并覆盖全省口岸');
    await dialog.getByLabel('上传销号佐证').setInputFiles(PDF);
    await dialog.locator('.evidence-list').getByText(PDF.name).waitFor();
    await screenshot(page, `${shot}-completion`);
    await dialog.getByRole('button', { name: '提交销号申请' }).click();
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByText('已提交销号申请').waitFor();
    expect((await taskRow(taskId)).status).toBe('submitted');
    const [completion] = await web.t.db.query('SELECT status, summary, submitted_by, cardinality(evidence_ids) AS files FROM task_completion WHERE task_id = $1', [taskId]);
    expect(completion).toEqual({ status: 'submitted', summary: '已建成单一窗口并覆盖全省口岸', submitted_by: world.users.department.id, files: 1 });
    await page.locator('.completion').getByText('待核验').waitFor();
    if (viewport.width < 768) expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, `${shot}-submitted`);
    await context.close();
  }

  it('at a desk: every step writes the task, milestone, evidence and completion rows', async () => {
    await journey(DESK, taskIds[0], 'department-task-desk');
  }, 180_000);

  it('on a phone (390×844): the same journey by touch, without sideways scrolling', async () => {
    await journey(PHONE, taskIds[1], 'department-task-phone');
  }, 180_000);

  it("shows a participating department no action buttons on the lead's task, and the api refuses it", async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.otherDepartment.username);
    await page.goto(`/tasks/${taskIds[0]}`);
    await page.getByRole('heading', { name: /国际贸易单一窗口/ }).waitFor();
    expect(await page.getByRole('group', { name: '任务操作' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /启动|标记受阻|提交销号|新增节点|标记完成|上传佐证材料|催办/ }).count()).toBe(0);
    await screenshot(page, 'department-task-other-department');
    const other = await bearer(web.t, world.users.otherDepartment.username);
    const before = await taskRow(taskIds[0]);
    const refused = await web.t.http.post(`/api/tasks/${taskIds[0]}/transitions`).set('Authorization', other).send({ to: 'blocked', reason: '越权' });
    expect(refused.status).toBe(403);
    expect(await taskRow(taskIds[0])).toEqual(before);
    await context.close();
  }, 180_000);
});

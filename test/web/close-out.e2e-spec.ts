import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../auth-helper.js';
import { makeProvinceWorld } from '../factories.js';
import { makeTasks } from '../reminders-harness.js';
import { loaded, pageWidth } from './page-ready.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describeInBrowser('销号审核: the coordinator verifies one completion and returns another', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let verifyTask: string;
  let returnTask: string;

  /** The lead department submits completion with one evidence file, as it does on its own page. */
  async function submitCompletion(taskId: string, summary: string, department: string) {
    const upload = await web.t.http.post(`/api/tasks/${taskId}/evidence`).set('Authorization', department).field('purpose', 'completion').attach('file', PDF, { filename: '验收报告.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    const res = await web.t.http.post(`/api/tasks/${taskId}/completion`).set('Authorization', department).send({ summary, evidenceIds: [upload.body.id] });
    expect(res.status).toBe(201);
  }

  const taskRow = async (id: string) => (await web.t.db.query('SELECT status, close_note, status_reason, closed_at FROM task WHERE id = $1', [id]))[0];
  const completionRows = (id: string) => web.t.db.query('SELECT status, review_note, reviewed_by FROM task_completion WHERE task_id = $1', [id]);
  const reviewRow = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: '审核' });

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    [verifyTask, returnTask] = await makeTasks(web.t.db, world.province.id, [
      { leadDepartmentId: world.leadDept.id, dueDate: '2026-12-31', name: '国际贸易单一窗口' },
      { leadDepartmentId: world.leadDept.id, dueDate: '2026-12-15', name: '企业准入单一窗口' },
    ]);
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    const department = await bearer(web.t, world.users.department.username);
    for (const id of [verifyTask!, returnTask!]) {
      expect((await web.t.http.patch(`/api/tasks/${id}`).set('Authorization', coordinator).send({ outcome: '系统上线运行，出具验收报告' })).status).toBe(200);
    }
    const report = await web.t.http.post(`/api/tasks/${verifyTask}/progress-reports`).set('Authorization', department).send({ period: '2026Q4', progress: '单一窗口已上线试运行', percentComplete: 90 });
    expect(report.status).toBe(201);
    expect((await web.t.http.post(`/api/progress-reports/${report.body.id}/submit`).set('Authorization', department)).status).toBe(200);
    await submitCompletion(verifyTask!, '单一窗口已上线运行，验收报告附后', department);
    await submitCompletion(returnTask!, '已基本完成', department);
  }, 120_000);
  afterAll(() => web?.close());

  it('lists the submitted completions and verifies one with a note: the task is closed with that note', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '销号审核' }).click();
    await page.waitForURL('**/close-outs');
    await expect(page.getByText('待审核 2 项').textContent()).resolves.toBeTruthy();
    await loaded(page);
    await screenshot(page, 'close-outs-desk');

    await reviewRow(page, '国际贸易单一窗口').click();
    const drawer = page.getByRole('dialog', { name: '销号审核' });
    await expect(drawer.getByText('单一窗口已上线运行，验收报告附后').textContent()).resolves.toBeTruthy();
    await expect(drawer.getByText('系统上线运行，出具验收报告').textContent()).resolves.toBeTruthy();
    await expect(drawer.getByText('验收报告.pdf').textContent()).resolves.toBeTruthy();
    await expect(drawer.getByText('单一窗口已上线试运行').textContent()).resolves.toBeTruthy();
    await loaded(page);
    await screenshot(page, 'close-outs-review-desk');

    // 通过 needs a note; nothing is written without one.
    await drawer.getByRole('button', { name: '通过' }).click();
    await expect(drawer.getByText('请填写核验意见').textContent()).resolves.toBeTruthy();
    expect((await taskRow(verifyTask)).status).toBe('submitted');

    await drawer.getByLabel('审核意见').fill('佐证材料齐全，同意销号');
    await drawer.getByRole('button', { name: '通过' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '通过' }).click();
    await expect(page.getByText('待审核 1 项').textContent()).resolves.toBeTruthy();

    const task = await taskRow(verifyTask);
    expect(task).toMatchObject({ status: 'closed', close_note: '佐证材料齐全，同意销号' });
    expect(task.closed_at).not.toBeNull();
    expect(await completionRows(verifyTask)).toEqual([{ status: 'verified', review_note: '佐证材料齐全，同意销号', reviewed_by: world.users.coordinator.id }]);
    await context.close();
  });

  it('returns the other with a reason on a phone: the task is back in progress and the queue is empty', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto('/close-outs');
    await expect(page.getByText('企业准入单一窗口').first().textContent()).resolves.toBeTruthy();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await loaded(page);
    await screenshot(page, 'close-outs-phone');

    await page.getByRole('button', { name: '审核' }).click();
    const drawer = page.getByRole('dialog', { name: '销号审核' });
    await drawer.getByLabel('审核意见').fill('缺少系统上线的验收报告，请补充后重新提交');
    await loaded(page);
    await screenshot(page, 'close-outs-review-phone');
    await drawer.getByRole('button', { name: '退回' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '退回' }).click();
    await expect(page.getByText('暂无待审核的销号申请').textContent()).resolves.toBeTruthy();

    expect(await taskRow(returnTask)).toMatchObject({ status: 'in_progress', status_reason: '缺少系统上线的验收报告，请补充后重新提交', close_note: null });
    expect(await completionRows(returnTask)).toEqual([{ status: 'returned', review_note: '缺少系统上线的验收报告，请补充后重新提交', reviewed_by: world.users.coordinator.id }]);
    await loaded(page);
    await screenshot(page, 'close-outs-empty-phone');
    await context.close();
  });
});

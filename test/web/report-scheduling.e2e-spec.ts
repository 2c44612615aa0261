import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../auth-helper.js';
import { makeProvinceWorld } from '../factories.js';
import { makeTasks } from '../reminders-harness.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { loaded, pageWidth } from './page-ready.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f00000000049454e44ae426082', 'hex');

describeInBrowser('进展调度: the coordinator accepts one report, returns another and chases the missing ones', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let acceptReport: string;
  let returnReport: string;

  const reportRow = async (id: string) => (await web.t.db.query('SELECT status, review_comment, reviewed_by FROM progress_report WHERE id = $1', [id]))[0];
  const chaseNotices = () => web.t.db.query(`SELECT department_id, kind, sent_by FROM notification WHERE province_id = $1 AND period = '2026Q4' ORDER BY department_id`, [world.province.id]);
  // The state tabs are radio buttons whose labels carry the count ("已提交 2").
  const stateTab = (page: Page, name: RegExp) => page.getByRole('radiogroup', { name: '报告状态' }).locator('label', { hasText: name });
  const openFromRow = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: '审核' });

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    // leadDept reports on its two tasks; otherDept has a draft on one task and nothing on the other.
    const [first, second, draftTask] = await makeTasks(web.t.db, world.province.id, [
      { leadDepartmentId: world.leadDept.id, dueDate: '2026-12-31', name: '国际贸易单一窗口' },
      { leadDepartmentId: world.leadDept.id, deadlineKind: 'ongoing', name: '社会信用体系建设' },
      { leadDepartmentId: world.otherDept.id, dueDate: '2027-03-31', name: '海事政务闭环管理' },
      { leadDepartmentId: world.otherDept.id, dueDate: '2027-06-30', name: '进口商品质量安全风险预警' },
    ]);
    await web.t.db.query('INSERT INTO task_participant (task_id, department_id) VALUES ($1, $2)', [first, world.otherDept.id]);
    const lead = await bearer(web.t, world.users.department.username);
    const other = await bearer(web.t, world.users.otherDepartment.username);
    const file = async (taskId: string, reportId: string, auth: string) => {
      const res = await web.t.http.post(`/api/tasks/${taskId}/evidence`).set('Authorization', auth).field('reportId', reportId).attach('file', PNG, { filename: '现场照片.png', contentType: 'image/png' });
      expect(res.status).toBe(201);
    };
    const report = async (taskId: string, auth: string, body: object, submit: boolean) => {
      const res = await web.t.http.post(`/api/tasks/${taskId}/progress-reports`).set('Authorization', auth).send({ period: '2026Q4', ...body });
      expect(res.status).toBe(201);
      if (submit) expect((await web.t.http.post(`/api/progress-reports/${res.body.id}/submit`).set('Authorization', auth)).status).toBe(200);
      return res.body.id as string;
    };
    acceptReport = await report(first!, lead, { progress: '单一窗口已上线试运行', problems: '部门数据共享不畅', suggestions: '请省大数据局协调接口', percentComplete: 80 }, false);
    await file(first!, acceptReport, lead);
    expect((await web.t.http.put(`/api/progress-reports/${acceptReport}/contributions`).set('Authorization', other).send({ text: '已完成海关数据对接' })).status).toBe(200);
    expect((await web.t.http.post(`/api/progress-reports/${acceptReport}/submit`).set('Authorization', lead)).status).toBe(200);
    returnReport = await report(second!, lead, { progress: '已建立信用信息平台', percentComplete: 50 }, true);
    await report(draftTask!, other, { progress: '正在起草方案' }, false);
  }, 120_000);
  afterAll(() => web?.close());

  it('opens the quarter from a notice link, shows reports by state and who has not reported, and accepts one', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto('/reports?period=2026Q4');
    await stateTab(page, /已提交\s*2/).waitFor();
    await stateTab(page, /草稿\s*1/).waitFor();
    const missing = page.getByRole('region', { name: '未报送情况' });
    await expect(missing.getByText('1 个部门 2 项任务尚未报送').textContent()).resolves.toBeTruthy();
    await missing.getByText(world.otherDept.name).click();
    await expect(missing.getByText('草稿，未提交').textContent()).resolves.toBeTruthy();
    await expect(missing.getByText('未填报').textContent()).resolves.toBeTruthy();
    await loaded(page);
    await screenshot(page, 'reports-desk');

    await openFromRow(page, '国际贸易单一窗口').click();
    const drawer = page.getByRole('dialog', { name: '进展报告' });
    for (const text of ['单一窗口已上线试运行', '部门数据共享不畅', '请省大数据局协调接口', '80%', '已完成海关数据对接', '现场照片.png']) {
      await expect(drawer.getByText(text).first().textContent()).resolves.toBeTruthy();
    }
    await loaded(page);
    await screenshot(page, 'reports-review-desk');
    await drawer.getByLabel('审核意见').fill('进展属实');
    await drawer.getByRole('button', { name: '采纳' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '采纳' }).click();
    await stateTab(page, /已采纳\s*1/).waitFor();
    expect(await reportRow(acceptReport)).toEqual({ status: 'accepted', review_comment: '进展属实', reviewed_by: world.users.coordinator.id });
    await context.close();
  });

  it('returns the other only with a reason, which makes its department owe the report again', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto('/reports');
    // Without ?period= the page opens the current quarter.
    await expect(page.locator('.period-select').getByText('2026年第四季度').textContent()).resolves.toBeTruthy();
    await openFromRow(page, '社会信用体系建设').click();
    const drawer = page.getByRole('dialog', { name: '进展报告' });
    await drawer.getByRole('button', { name: '退回' }).click();
    await expect(drawer.getByText('退回时请填写退回原因').textContent()).resolves.toBeTruthy();
    expect((await reportRow(returnReport)).status).toBe('submitted');

    await drawer.getByLabel('审核意见').fill('未说明信用信息归集的数量，请补充');
    await drawer.getByRole('button', { name: '退回' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '退回' }).click();
    await expect(page.getByText('暂无已提交的进展报告').textContent()).resolves.toBeTruthy();
    expect(await reportRow(returnReport)).toEqual({ status: 'returned', review_comment: '未说明信用信息归集的数量，请补充', reviewed_by: world.users.coordinator.id });
    await expect(page.getByRole('region', { name: '未报送情况' }).getByText('2 个部门 3 项任务尚未报送').textContent()).resolves.toBeTruthy();
    await context.close();
  });

  it('一键催报 on a phone: one notice per missing department after confirming; a second click says they were already chased', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto('/reports?period=2026Q4');
    await stateTab(page, /已退回/).click();
    await expect(page.getByText('社会信用体系建设').first().textContent()).resolves.toBeTruthy();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await loaded(page);
    await screenshot(page, 'reports-phone');

    // Cancelling the confirmation sends nothing.
    await page.getByRole('button', { name: '一键催报' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '取消' }).click();
    expect(await chaseNotices()).toEqual([]);

    await page.getByRole('button', { name: '一键催报' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '催报' }).click();
    const result = page.locator('.el-message-box', { hasText: '催报结果' });
    await expect(result.getByText('未报送部门 2 个，涉及任务 3 项。').textContent()).resolves.toBeTruthy();
    await expect(result.getByText('本次发出催报 2 条。').textContent()).resolves.toBeTruthy();
    await loaded(page);
    await screenshot(page, 'reports-chase-phone');
    await result.getByRole('button', { name: '知道了' }).click();
    const expected = [world.leadDept.id, world.otherDept.id].sort().map((department_id) => ({ department_id, kind: 'report_missing', sent_by: world.users.coordinator.id }));
    expect(await chaseNotices()).toEqual(expected);

    await page.getByRole('button', { name: '一键催报' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '催报' }).click();
    const again = page.locator('.el-message-box', { hasText: '催报结果' });
    await expect(again.getByText('本次发出催报 0 条。').textContent()).resolves.toBeTruthy();
    await expect(again.getByText('2 个部门今天已催报过，未重复发送。').textContent()).resolves.toBeTruthy();
    expect(await chaseNotices()).toEqual(expected);
    await context.close();
  });
});

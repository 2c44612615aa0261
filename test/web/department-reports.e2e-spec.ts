import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { bearer } from '../auth-helper.js';
import { count, makeProvinceWorld } from '../factories.js';
import { makeTasks } from '../reminders-harness.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { loaded } from './page-ready.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f00000000049454e44ae426082', 'hex');
const DRAWER = '2026年第四季度进展报告';

describeInBrowser('进展报送: a department files, gets returned, resubmits; a participant adds its part', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let windowTask: string;
  let creditTask: string;

  const reportOf = async (taskId: string) =>
    (await web.t.db.query(`SELECT id, status, progress, problems, suggestions, percent_complete, review_comment FROM progress_report WHERE task_id = $1 AND period = '2026Q4'`, [taskId]))[0];
  const dueRow = (page: Page, name: string) => page.getByRole('region', { name: '本期待报送' }).locator('li', { hasText: name });
  const drawer = (page: Page) => page.getByRole('dialog', { name: DRAWER });
  const confirm = (page: Page, button: string) => page.locator('.el-message-box').getByRole('button', { name: button }).click();
  const attach = (scope: Locator, name: string) => scope.getByLabel('上传佐证材料').setInputFiles({ name, mimeType: 'image/png', buffer: PNG });

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    [windowTask, creditTask] = await makeTasks(web.t.db, world.province.id, [
      { leadDepartmentId: world.leadDept.id, dueDate: '2026-12-31', name: '国际贸易单一窗口' },
      { leadDepartmentId: world.leadDept.id, deadlineKind: 'ongoing', name: '社会信用体系建设' },
    ]);
    await web.t.db.query('INSERT INTO task_participant (task_id, department_id) VALUES ($1, $2)', [windowTask, world.otherDept.id]);
  }, 120_000);
  afterAll(() => web?.close());

  it('the lead saves a draft with evidence from the menu, the ongoing task is due too', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.department.username);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '进展报送' }).click();
    await dueRow(page, '国际贸易单一窗口').waitFor();
    await expect(dueRow(page, '社会信用体系建设').textContent()).resolves.toContain('持续实施');
    await loaded(page);
    await screenshot(page, 'department-reports-desk');

    await dueRow(page, '国际贸易单一窗口').getByRole('button', { name: '填写报告' }).click();
    const d = drawer(page);
    await expect(d.getByText('保存草稿后可上传佐证材料').textContent()).resolves.toBeTruthy();
    await d.getByLabel('进展情况').fill('单一窗口已上线试运行，覆盖全省口岸');
    await d.getByLabel('存在问题').fill('部门数据共享不畅');
    await d.getByLabel('意见建议').fill('请省大数据局协调接口');
    await d.getByLabel('完成百分比').fill('60');
    await d.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByText('草稿已保存').textContent()).resolves.toBeTruthy();
    const draft = await reportOf(windowTask);
    expect(draft).toMatchObject({ status: 'draft', progress: '单一窗口已上线试运行，覆盖全省口岸', problems: '部门数据共享不畅', suggestions: '请省大数据局协调接口', percent_complete: 60 });

    await attach(d, '现场照片.png');
    await d.getByText('现场照片.png').waitFor();
    expect(await count(web.t.db, 'evidence_file', `report_id = $1 AND purpose = 'progress' AND original_name = '现场照片.png'`, [draft.id])).toBe(1);
    await loaded(page);
    await screenshot(page, 'department-report-drawer-desk');
    await context.close();
  });

  it('a participating department adds its part to the lead report (one contribution row)', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.otherDepartment.username);
    await page.goto('/my-reports?period=2026Q4');
    await page.getByRole('radiogroup', { name: '本部门角色' }).getByText('参加配合').click();
    const row = page.getByRole('row', { name: /国际贸易单一窗口/ });
    await row.getByRole('button', { name: '补充本部门进展' }).click();
    const d = drawer(page);
    await expect(d.getByText('单一窗口已上线试运行，覆盖全省口岸').textContent()).resolves.toBeTruthy();
    // A participant reads the lead's report; only its own part is a field.
    expect(await d.getByLabel('进展情况').count()).toBe(0);
    await d.getByLabel('本部门进展').fill('已完成海关数据对接');
    await d.getByRole('button', { name: '保存本部门进展' }).click();
    await expect(page.getByText('本部门进展已保存').textContent()).resolves.toBeTruthy();
    const { id } = await reportOf(windowTask);
    expect(await web.t.db.query('SELECT department_id, text, author_id FROM progress_contribution WHERE report_id = $1', [id])).toEqual([
      { department_id: world.otherDept.id, text: '已完成海关数据对接', author_id: world.users.otherDepartment.id },
    ]);
    await loaded(page);
    await screenshot(page, 'department-report-contribution-desk');
    await context.close();
  });

  it('the lead submits after confirming; the coordinator returns it with a reason on 进展调度', async () => {
    const lead = await openPage(web);
    await login(lead.page, world.users.department.username);
    await lead.page.goto(`/my-reports?period=2026Q4&taskId=${windowTask}`);
    const d = drawer(lead.page);
    await expect(d.getByText('已完成海关数据对接').textContent()).resolves.toBeTruthy();
    await d.getByRole('button', { name: '报送', exact: true }).click();
    await confirm(lead.page, '取消');
    expect((await reportOf(windowTask)).status).toBe('draft');
    await d.getByRole('button', { name: '报送', exact: true }).click();
    await confirm(lead.page, '报送');
    await expect(lead.page.getByText('已报送，等待省商务厅审核').textContent()).resolves.toBeTruthy();
    expect((await reportOf(windowTask)).status).toBe('submitted');
    // Submitted: read only until the coordinator decides.
    expect(await d.getByLabel('进展情况').count()).toBe(0);
    await lead.context.close();

    // The coordinator's page (helper C's 进展调度) returns it, as the coordinator does it.
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto('/reports?period=2026Q4');
    await page.getByRole('row', { name: /国际贸易单一窗口/ }).getByRole('button', { name: '审核' }).click();
    const review = page.getByRole('dialog', { name: '进展报告' });
    await review.getByLabel('审核意见').fill('请补充接入口岸数量');
    await review.getByRole('button', { name: '退回' }).click();
    await confirm(page, '退回');
    // The page answers after the api: wait for the row rather than a fixed time.
    for (let i = 0; i < 50 && (await reportOf(windowTask)).status !== 'returned'; i++) await page.waitForTimeout(200);
    expect(await reportOf(windowTask)).toMatchObject({ status: 'returned', review_comment: '请补充接入口岸数量' });
    await context.close();
  });

  it('the lead sees the reason from 工作台, edits and resubmits; the coordinator accepts', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.department.username);
    const returned = page.getByRole('region', { name: '退回待处理' });
    await expect(returned.getByText('原因：请补充接入口岸数量').textContent()).resolves.toBeTruthy();
    await returned.getByRole('link', { name: '国际贸易单一窗口' }).click();
    await page.waitForURL((url) => url.pathname === '/my-reports' && url.searchParams.get('taskId') === windowTask);
    const d = drawer(page);
    await expect(d.getByText('退回原因：请补充接入口岸数量').textContent()).resolves.toBeTruthy();
    await d.getByLabel('进展情况').fill('单一窗口已上线试运行，已接入全省 12 个口岸');
    await loaded(page);
    await screenshot(page, 'department-report-returned-desk');
    await d.getByRole('button', { name: '重新报送' }).click();
    await confirm(page, '报送');
    await expect(page.getByText('已报送，等待省商务厅审核').textContent()).resolves.toBeTruthy();
    const resubmitted = await reportOf(windowTask);
    expect(resubmitted).toMatchObject({ status: 'submitted', progress: '单一窗口已上线试运行，已接入全省 12 个口岸' });

    const coordinator = await bearer(web.t, world.users.coordinator.username);
    expect((await web.t.http.post(`/api/progress-reports/${resubmitted.id}/accept`).set('Authorization', coordinator).send({ comment: '进展属实' })).status).toBe(200);
    await page.keyboard.press('Escape');
    await page.getByRole('row', { name: /国际贸易单一窗口/ }).getByText('已审核通过').waitFor();
    expect(await reportOf(windowTask)).toMatchObject({ status: 'accepted', review_comment: '进展属实' });
    await context.close();
  });

  it('on a phone: the ongoing task report is written, evidence attached and submitted without sideways scrolling', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.department.username);
    await page.goto('/my-reports');
    await dueRow(page, '社会信用体系建设').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await loaded(page);
    await screenshot(page, 'department-reports-phone');

    await dueRow(page, '社会信用体系建设').getByRole('button', { name: '填写报告' }).click();
    const d = drawer(page);
    await d.getByLabel('进展情况').fill('信用信息平台归集数据 120 万条');
    await d.getByLabel('完成百分比').fill('50');
    await d.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByText('草稿已保存').textContent()).resolves.toBeTruthy();
    await attach(d, '平台截图.png');
    await d.getByText('平台截图.png').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await loaded(page);
    await screenshot(page, 'department-report-drawer-phone');
    await d.getByRole('button', { name: '报送', exact: true }).click();
    await confirm(page, '报送');
    await expect(page.getByText('已报送，等待省商务厅审核').textContent()).resolves.toBeTruthy();
    const report = await reportOf(creditTask);
    expect(report).toMatchObject({ status: 'submitted', progress: '信用信息平台归集数据 120 万条', percent_complete: 50 });
    expect(await count(web.t.db, 'evidence_file', `report_id = $1 AND original_name = '平台截图.png'`, [report.id])).toBe(1);

    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: '本期待报送' }).getByText('的进展报告已全部报送').textContent()).resolves.toBeTruthy();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await loaded(page);
    await screenshot(page, 'department-reports-done-phone');
    await context.close();
  });
});

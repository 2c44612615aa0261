import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { bearer } from '../auth-helper.js';
import { makeProvinceWorld } from '../factories.js';
import { makeTasks } from '../reminders-harness.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { loaded } from './page-ready.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describeInBrowser('工作台 and 我的任务 for a department: counts that match the api and links that land on them', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let auth: { department: string; coordinator: string };
  let overdueTask: string;
  let soonTask: string;
  let quarterTask: string;
  let ongoingTask: string;
  let joinedTask: string;

  const apiGet = async (url: string) => {
    const res = await web.t.http.get(url).set('Authorization', auth.department);
    expect(res.status).toBe(200);
    return res.body;
  };
  const tile = (page: Page, label: string) => page.getByRole('navigation', { name: '待办统计' }).getByRole('link', { name: new RegExp(`^${label} \\d+$`) });
  const tileCount = async (page: Page, label: string) => Number((await tile(page, label).getAttribute('aria-label'))!.split(' ').pop());

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    auth = { department: await bearer(web.t, world.users.department.username), coordinator: await bearer(web.t, world.users.coordinator.username) };
    // TEST_NOW is 2026-11-26: one overdue, one due within 14 days, one later this quarter, one next year, one ongoing,
    // one closed; and one the department only takes part in (overdue, but its lead answers for it).
    const lead = world.leadDept.id;
    [overdueTask, soonTask, quarterTask, , ongoingTask, , joinedTask] = await makeTasks(web.t.db, world.province.id, [
      { leadDepartmentId: lead, dueDate: '2026-11-10', name: '海事政务闭环管理' },
      { leadDepartmentId: lead, dueDate: '2026-12-04', name: '国际贸易单一窗口' },
      { leadDepartmentId: lead, dueDate: '2026-12-28', name: '企业准入单一窗口' },
      { leadDepartmentId: lead, dueDate: '2027-03-31', name: '进口商品质量安全风险预警' },
      { leadDepartmentId: lead, deadlineKind: 'ongoing', name: '社会信用体系建设' },
      { leadDepartmentId: lead, dueDate: '2026-10-01', name: '已销号事项', status: 'closed' },
      { leadDepartmentId: world.otherDept.id, dueDate: '2026-11-20', name: '跨境电商监管' },
    ]);
    await web.t.db.query('INSERT INTO task_participant (task_id, department_id) VALUES ($1, $2)', [joinedTask, lead]);
    const post = (url: string, who: keyof typeof auth, body: object = {}) => web.t.http.post(url).set('Authorization', auth[who]).send(body);

    // A returned report on the ongoing task.
    const report = await post(`/api/tasks/${ongoingTask}/progress-reports`, 'department', { period: '2026Q4', progress: '平台已建成' });
    expect((await post(`/api/progress-reports/${report.body.id}/submit`, 'department')).status).toBe(200);
    expect((await post(`/api/progress-reports/${report.body.id}/return`, 'coordinator', { comment: '请补充归集数量' })).status).toBe(200);
    // A returned completion on the quarter's task.
    const evidence = await web.t.http.post(`/api/tasks/${quarterTask}/evidence`).set('Authorization', auth.department).field('purpose', 'completion').attach('file', PDF, { filename: '验收报告.pdf', contentType: 'application/pdf' });
    expect((await post(`/api/tasks/${quarterTask}/completion`, 'department', { summary: '系统已上线', evidenceIds: [evidence.body.id] })).status).toBe(201);
    expect((await post(`/api/tasks/${quarterTask}/close-out/return`, 'coordinator', { reason: '缺少验收报告盖章页' })).status).toBe(200);
    // An unread 催办 on the overdue task.
    expect((await post(`/api/tasks/${overdueTask}/reminders`, 'coordinator', { level: 'urge', message: '请说明逾期原因' })).status).toBe(201);
  }, 120_000);
  afterAll(() => web?.close());

  it('shows the counts the api gives, the urgent tasks, the reports owed, what was returned and the unread notices', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.department.username);
    await tile(page, '已逾期').waitFor();
    await loaded(page);

    const base = `/api/tasks?departmentId=${world.leadDept.id}&departmentRole=lead&pageSize=1`;
    const expected = {
      已逾期: (await apiGet(`${base}&overdue=true`)).total,
      '14天内到期': (await apiGet(`${base}&dueWithinDays=14`)).total,
      本季度到期: (await apiGet(`${base}&dueWithinDays=35`)).total,
      本季度待报送: (await apiGet(`/api/progress-reports?missing=true&period=2026Q4&departmentId=${world.leadDept.id}`)).taskCount,
      退回待处理:
        (await apiGet(`/api/progress-reports?status=returned&departmentId=${world.leadDept.id}`)).total + (await apiGet(`${base}&completionReturned=true`)).total,
      未读消息: (await apiGet('/api/me/notifications?unread=true')).unread,
    };
    // The figures of this world, so a wrong filter on both sides cannot pass unnoticed.
    expect(expected).toEqual({ 已逾期: 1, '14天内到期': 1, 本季度到期: 2, 本季度待报送: 5, 退回待处理: 2, 未读消息: expect.any(Number) });
    expect(expected.未读消息).toBeGreaterThan(0);
    for (const [label, n] of Object.entries(expected)) expect({ label, shown: await tileCount(page, label) }).toEqual({ label, shown: n });

    const urgent = page.getByRole('region', { name: '紧急任务' });
    expect(await urgent.locator('li').getByRole('link').allTextContents()).toEqual(['海事政务闭环管理', '国际贸易单一窗口', '企业准入单一窗口']);
    const returned = page.getByRole('region', { name: '退回待处理' });
    await expect(returned.getByText('原因：请补充归集数量').textContent()).resolves.toBeTruthy();
    await expect(returned.getByText('原因：缺少验收报告盖章页').textContent()).resolves.toBeTruthy();
    const notices = (await apiGet('/api/me/notifications?unread=true&pageSize=5')).items.map((n: { title: string }) => n.title);
    expect(await page.getByRole('region', { name: '未读消息' }).locator('li').allTextContents()).toEqual(notices.map((t: string) => expect.stringContaining(t)));
    await screenshot(page, 'department-home-desk');

    // Each item links to where the work is done.
    await returned.getByRole('link', { name: '企业准入单一窗口' }).click();
    await page.waitForURL((url) => url.pathname === `/tasks/${quarterTask}`);
    await page.goBack();
    await page.getByRole('region', { name: '本季度待报送' }).getByRole('link', { name: '进口商品质量安全风险预警' }).click();
    await page.waitForURL((url) => url.pathname === '/my-reports' && url.searchParams.get('period') === '2026Q4' && url.searchParams.has('taskId'));
    await page.getByRole('dialog', { name: '2026年第四季度进展报告' }).getByLabel('进展情况').waitFor();
    await page.goto('/');
    const [first] = (await apiGet('/api/me/notifications?unread=true&pageSize=5')).items;
    const target = first.taskId ? `/tasks/${first.taskId}` : new URL(first.link).pathname;
    await page.getByRole('region', { name: '未读消息' }).getByRole('link', { name: first.title }).click();
    await page.waitForURL((url) => url.pathname === target);
    // Opening it from 工作台 marks it read, as 消息 does.
    expect(await web.t.db.query('SELECT count(*)::int AS n FROM notification_read WHERE notification_id = $1 AND user_id = $2', [first.id, world.users.department.id])).toEqual([{ n: 1 }]);
    await context.close();
  }, 120_000);

  it('a count opens 我的任务 filtered to the same tasks; the switch shows the tasks the department takes part in', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.department.username);
    await tile(page, '本季度到期').click();
    await page.waitForURL((url) => url.pathname === '/my-tasks' && url.searchParams.get('urgency') === 'quarter' && url.searchParams.get('role') === 'lead');
    const rows = page.locator('.el-table__body tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await expect(rows.nth(0).textContent()).resolves.toContain('国际贸易单一窗口');
    await expect(rows.nth(0).textContent()).resolves.toMatch(/剩 \d+ 个工作日/);
    await expect(rows.nth(1).textContent()).resolves.toContain('企业准入单一窗口');
    await loaded(page);
    await screenshot(page, 'department-tasks-desk');

    await page.getByRole('radiogroup', { name: '本部门角色' }).getByText('参加').click();
    await page.waitForURL((url) => url.searchParams.get('role') === 'participant');
    // The urgency filter stays: the task it takes part in is overdue, not due later this quarter.
    await page.getByText('暂无本部门参加的任务').waitFor();
    await page.goto('/my-tasks?role=participant');
    await expect(page.locator('.el-table__body tr').first().textContent()).resolves.toContain('跨境电商监管');
    expect(await page.locator('.el-table__body tr').count()).toBe(1);
    await expect(page.locator('.el-table__body tr').first().textContent()).resolves.toMatch(/逾期 \d+ 个工作日/);
    // A click anywhere on the row opens the task (here its deadline cell; the harness's frozen clock makes Vue drop
    // a click that an inner component's own handler saw first, so not the status tag).
    await page.locator('.el-table__body tr').first().getByText('2026-11-20').click();
    await page.waitForURL((url) => url.pathname === `/tasks/${joinedTask}`);
    await context.close();
  });

  it('on a phone: counts, lists and 我的任务 as cards, nothing scrolls sideways', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.department.username);
    await tile(page, '已逾期').waitFor();
    await loaded(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'department-home-phone');

    await tile(page, '已逾期').click();
    await page.waitForURL((url) => url.pathname === '/my-tasks' && url.searchParams.get('urgency') === 'overdue');
    const card = page.getByRole('link', { name: /海事政务闭环管理/ });
    await card.waitFor();
    expect(await page.getByRole('link', { name: /单一窗口/ }).count()).toBe(0);
    await loaded(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'department-tasks-phone');
    await card.click();
    await page.waitForURL((url) => url.pathname === `/tasks/${overdueTask}`);
    await context.close();
  });
});

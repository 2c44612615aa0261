import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { TEST_NOW } from '../app.js';
import { bearer } from '../auth-helper.js';
import { makeBatch, makeProvinceWorld, makeUser, TEST_PASSWORD } from '../factories.js';
import { describeInBrowser, login, menuLabels, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';
import { loaded } from './page-ready.js';

const COORDINATOR_MENU = ['工作台', '批次与导入', '任务台账', '销号审核', '进展调度', '承接落实', '消息', '领导驾驶舱', '系统设置'];

describeInBrowser('the shell: login, menus by role, logout, expiry, own password', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  beforeAll(async () => {
    // The idle limit as deployed (the run's global setup lifts it for the suites that move the clock by days).
    Object.assign(process.env, { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8' });
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
  }, 60_000);
  afterAll(() => web?.close());

  it('sends a visitor to login, returns them to the page they asked for, and shows who they are', async () => {
    const { page, context } = await openPage(web);
    await page.goto('/tasks');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/tasks');
    await screenshot(page, 'login-desk');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('请输入用户名和密码');
    await page.getByLabel('用户名').fill(world.users.coordinator.username);
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/用户名或密码错误/);
    await login(page, world.users.coordinator.username);
    expect(await menuLabels(page)).toEqual(COORDINATOR_MENU);
    const header = await page.locator('header').textContent();
    expect(header).toContain('测试coordinator');
    expect(header).toContain(world.province.name);
    await context.close();
  });

  it('gives each role exactly its menu; the admin also picks the province', async () => {
    const admin = await makeUser(web.t.db, 'admin');
    const expected: [string, string[]][] = [
      [admin.username, [...COORDINATOR_MENU, '用户与部门']],
      [(await makeUser(web.t.db, 'security_admin')).username, ['安全管理']],
      [(await makeUser(web.t.db, 'audit_admin')).username, ['审计日志']],
      [world.users.department.username, ['工作台', '我的任务', '进展报送', '消息']],
      [world.users.city.username, ['工作台', '承接落实', '消息']],
      [world.users.leader.username, ['领导驾驶舱', '任务台账', '消息']],
    ];
    for (const [username, menu] of expected) {
      const { page, context } = await openPage(web);
      await login(page, username);
      expect(await menuLabels(page)).toEqual(menu);
      if (username === admin.username) expect(await page.getByRole('combobox', { name: '当前省份' }).count()).toBe(1);
      // A page outside the role's menu sends it home with a message instead of a 403 page.
      if (username === world.users.city.username) {
        await page.goto('/tasks');
        await page.waitForURL((url) => url.pathname === '/');
        await expect(page.getByText('您的角色不能打开该页面').textContent()).resolves.toBeTruthy();
      }
      await context.close();
    }
  }, 180_000);

  it("shows the admin the coordinator's pages read-only (三员分立): no import, adopt, assign, 催办, 催报 or review buttons", async () => {
    const admin = await makeUser(web.t.db, 'admin');
    const adopted = await makeBatch(web.t.db, [{ name: '国际贸易单一窗口', deadlineDate: '2026-12-31' }, { name: '有意愿地区试点', deadlineDate: '2027-03-31' }]);
    const notAdopted = await makeBatch(web.t.db, [{ name: '跨境电商退货中心仓', deadlineDate: '2027-06-30' }]);
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    expect((await web.t.http.post(`/api/batches/${adopted.batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id })).status).toBe(200);
    const [assigned, pending] = (await web.t.db.query('SELECT id FROM task WHERE reform_item_id = ANY($1) ORDER BY reform_item_id = $2 DESC', [adopted.itemIds, adopted.itemIds[0]])).map((r: { id: string }) => r.id);
    expect((await web.t.http.patch(`/api/tasks/${assigned}`).set('Authorization', coordinator).send({ leadDepartmentId: world.leadDept.id })).status).toBe(200);
    await web.t.db.query(`UPDATE task SET status = 'submitted' WHERE id = $1`, [assigned]);
    await web.t.db.query(`UPDATE task SET pending_decision = '有意愿的地区' WHERE id = $1`, [pending]);
    const button = (page: import('playwright-core').Page, name: string) => page.getByRole('button', { name, exact: true });

    // The coordinator sees the write buttons on the same data, so their absence below is the admin's, not the data's.
    const asCoordinator = await openPage(web);
    await login(asCoordinator.page, world.users.coordinator.username);
    await asCoordinator.page.goto(`/tasks?batchId=${adopted.batchId}`);
    await asCoordinator.page.getByRole('link', { name: '1. 国际贸易单一窗口' }).waitFor();
    expect(await button(asCoordinator.page, '批量分工').count()).toBe(1);
    expect(await button(asCoordinator.page, '催办').count()).toBe(2);
    await asCoordinator.context.close();

    const { page, context } = await openPage(web);
    await login(page, admin.username);
    await page.evaluate(`sessionStorage.setItem('ftz.adminProvince', '${world.province.id}')`);
    expect(await menuLabels(page)).toEqual([...COORDINATOR_MENU, '用户与部门']);

    await page.goto(`/tasks?batchId=${adopted.batchId}`);
    await page.getByRole('link', { name: '1. 国际贸易单一窗口' }).waitFor();
    await loaded(page);
    await screenshot(page, 'admin-ledger-desk');
    expect(await button(page, '导出台账').count()).toBe(1);
    for (const name of ['批量分工', '催办']) expect({ name, count: await button(page, name).count() }).toEqual({ name, count: 0 });
    expect(await page.locator('.el-table .el-checkbox').count()).toBe(0);

    await page.goto(`/tasks/${pending}`);
    await page.getByText('有意愿的地区').first().waitFor();
    await loaded(page);
    await screenshot(page, 'admin-task-pending-desk');
    for (const name of ['适用', '不适用', '设定时限', '催办', '启动']) expect({ name, count: await button(page, name).count() }).toEqual({ name, count: 0 });

    await page.goto('/batches');
    await page.getByRole('link', { name: /测试批次/ }).first().waitFor();
    expect(await button(page, '导入批次').count()).toBe(0);
    await page.goto(`/batches/${notAdopted.batchId}`);
    await page.getByText('跨境电商退货中心仓').first().waitFor();
    await loaded(page);
    await screenshot(page, 'admin-batch-detail-desk');
    for (const name of ['承接本批次', '人工认定', '按现行范围重新判断']) expect({ name, count: await button(page, name).count() }).toEqual({ name, count: 0 });

    await page.goto('/reports');
    await page.getByText('报告期').first().waitFor();
    await loaded(page);
    expect(await button(page, '一键催报').count()).toBe(0);

    await page.goto('/close-outs');
    await page.getByRole('link', { name: '国际贸易单一窗口' }).waitFor();
    expect(await button(page, '审核').count()).toBe(0);
    await button(page, '查看').click();
    await page.getByRole('dialog', { name: '销号审核' }).waitFor();
    await loaded(page);
    await screenshot(page, 'admin-close-out-desk');
    for (const name of ['通过', '退回']) expect({ name, count: await button(page, name).count() }).toEqual({ name, count: 0 });

    // The import wizard is a write flow only: not the admin's page.
    await page.goto('/batches/import');
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
    // Reading wrote nothing in the admin's name: no business row, not even a refused attempt.
    expect(await web.t.db.query(`SELECT DISTINCT action FROM audit_event WHERE actor_id = $1`, [admin.id])).toEqual([{ action: 'login' }]);
  }, 180_000);

  it('logs out, and an expired session returns to login with a message and then to the same page', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.department.username);
    await page.getByRole('button', { name: '用户菜单' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await expect(page.getByText('您已退出登录').textContent()).resolves.toBeTruthy();
    expect(await page.evaluate("sessionStorage.getItem('ftz.token')")).toBeNull();

    await login(page, world.users.department.username);
    // The token stops being valid (deactivated and re-activated accounts lose their sessions; a forged one never had one).
    await page.evaluate("sessionStorage.setItem('ftz.token', 'expired.token.value')");
    await page.goto('/inbox');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/inbox');
    await expect(page.getByText('请重新登录').first().textContent()).resolves.toBeTruthy();
    await login(page, world.users.department.username);
    expect(new URL(page.url()).pathname).toBe('/inbox');

    // 30 minutes without a request end the session on the server: the next page says so on the login page.
    try {
      web.t.clock.set(new Date(web.t.clock.now().getTime() + 31 * 60_000));
      await page.goto('/my-tasks');
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/my-tasks');
      await expect(page.getByText('超过 30 分钟未操作，请重新登录').textContent()).resolves.toBeTruthy();
      await screenshot(page, 'login-idle-desk');
    } finally {
      web.t.clock.set(TEST_NOW);
    }
    await context.close();
  });

  it('changes the own password: the old one stops working, the new one logs in', async () => {
    const user = await makeUser(web.t.db, 'department', { departmentId: world.otherDept.id });
    const { page, context } = await openPage(web, PHONE);
    await login(page, user.username);
    await screenshot(page, 'home-department-phone');
    await page.goto('/password');
    await page.getByLabel('当前密码').fill(TEST_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('确认新密码').fill('short');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('至少 8 位');
    await page.getByLabel('新密码', { exact: true }).fill('Changed@2026x');
    await page.getByLabel('确认新密码').fill('Changed@2026x');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL('**/login');
    expect((await web.t.http.post('/api/auth/login').send({ username: user.username, password: TEST_PASSWORD })).status).toBe(401);
    await login(page, user.username, 'Changed@2026x');
    await context.close();
  });
});

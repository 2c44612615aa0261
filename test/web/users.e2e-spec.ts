import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { makeProvinceWorld, makeUser, TEST_PASSWORD } from '../factories.js';
import { choose } from './element-plus.js';
import { describeInBrowser, login, menuLabels, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('用户与部门: the system administrator creates, edits and deactivates accounts', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let admin: { id: string; username: string };
  beforeAll(async () => {
    web = await startWebApp();
    await makeProvinceWorld(web.t.db);
    world = await makeProvinceWorld(web.t.db);
    admin = await makeUser(web.t.db, 'admin');
  }, 60_000);
  afterAll(() => web?.close());

  async function openUsersAsAdmin(viewport?: typeof PHONE) {
    const opened = await openPage(web, viewport);
    await login(opened.page, admin.username);
    await opened.page.goto('/users');
    if (!viewport) await choose(opened.page, '当前省份', world.province.name);
    await opened.page.getByRole('button', { name: '新增用户' }).waitFor();
    return opened;
  }

  it('creates a department user, who logs in with the password shown once and must change it first', async () => {
    const { page, context } = await openUsersAsAdmin();
    await page.getByText(world.users.department.username).waitFor();
    await screenshot(page, 'users-desk');

    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    await dialog.getByLabel('用户名').fill('zhang.liaison');
    await dialog.getByLabel('姓名').fill('张联络');
    const password = await dialog.getByLabel('初始密码').inputValue();
    expect(password).toHaveLength(12);
    await choose(page, dialog.getByLabel('所属部门'), world.leadDept.name);
    await dialog.getByLabel('邮箱').fill('zhang@example.gov.cn');
    await dialog.getByRole('button', { name: '保存' }).click();

    const issued = page.getByRole('dialog', { name: '账号已创建' });
    await expect(issued.getByLabel('临时密码').textContent()).resolves.toBe(password);
    await screenshot(page, 'users-created-desk');
    await issued.getByRole('button', { name: '我已记下' }).click();

    const [row] = await web.t.db.query(`SELECT role, department_id, region_id, display_name, email, active FROM app_user WHERE username = 'zhang.liaison'`);
    expect(row).toEqual({ role: 'department', department_id: world.leadDept.id, region_id: null, display_name: '张联络', email: 'zhang@example.gov.cn', active: true });

    const newcomer = await openPage(web);
    await login(newcomer.page, 'zhang.liaison', password);
    // An initial password: the password page and nothing else until it is changed.
    await newcomer.page.waitForURL('**/password');
    await newcomer.page.getByText('首次登录').waitFor();
    await screenshot(newcomer.page, 'password-forced-desk');
    await newcomer.page.goto('/my-tasks');
    await newcomer.page.waitForURL('**/password');
    await newcomer.page.getByLabel('当前密码').fill(password);
    await newcomer.page.getByLabel('新密码', { exact: true }).fill('Zhang#2026own');
    await newcomer.page.getByLabel('确认新密码').fill('Zhang#2026own');
    await newcomer.page.getByRole('button', { name: '保存' }).click();
    await newcomer.page.waitForURL('**/login');
    await login(newcomer.page, 'zhang.liaison', 'Zhang#2026own');
    expect(await menuLabels(newcomer.page)).toEqual(['工作台', '我的任务', '进展报送', '消息']);
    expect(await newcomer.page.locator('header.el-header').textContent()).toContain('张联络');
    await newcomer.context.close();
    await context.close();
  });

  it('deactivates a user who can then no longer log in', async () => {
    const { page, context } = await openUsersAsAdmin();
    const target = world.users.otherDepartment.username;
    await page.getByLabel('搜索用户').fill(target);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('button', { name: `停用 ${target}` }).click();
    await page.getByRole('dialog', { name: '停用账号' }).getByRole('button', { name: '停用' }).click();
    await page.getByText('账号已停用').waitFor();
    await page.getByRole('button', { name: `启用 ${target}` }).waitFor();
    const [row] = await web.t.db.query('SELECT active FROM app_user WHERE id = $1', [world.users.otherDepartment.id]);
    expect(row.active).toBe(false);

    const refused = await openPage(web);
    await refused.page.goto('/login');
    await refused.page.getByLabel('用户名').fill(target);
    await refused.page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
    await refused.page.getByRole('button', { name: '登录' }).click();
    await expect(refused.page.getByRole('alert').textContent()).resolves.toContain('账号已停用');
    expect(new URL(refused.page.url()).pathname).toBe('/login');
    await refused.context.close();
    // Resetting passwords is the security administrator's (安全管理), not offered here.
    expect(await page.getByRole('button', { name: /^重置密码/ }).count()).toBe(0);
    await context.close();
  });

  it('changes a user’s affiliation, leaving the role to the security administrator', async () => {
    const { page, context } = await openUsersAsAdmin();
    const target = world.users.city.username;
    await page.getByLabel('搜索用户').fill(target);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('button', { name: `编辑 ${target}` }).click();
    const dialog = page.getByRole('dialog', { name: `编辑用户：${target}` });
    expect(await dialog.getByLabel('角色').isDisabled()).toBe(true);
    await choose(page, dialog.getByLabel('所属市'), world.cities[1].name);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('用户信息已保存').waitFor();
    const [row] = await web.t.db.query('SELECT role, region_id, department_id FROM app_user WHERE id = $1', [world.users.city.id]);
    expect(row).toEqual({ role: 'city', region_id: world.cities[1].id, department_id: null });
    await context.close();
  });

  it('lists users as cards on a phone without sideways scrolling', async () => {
    const { page, context } = await openUsersAsAdmin(PHONE);
    await page.getByText('暂无用户').or(page.getByText('启用').first()).first().waitFor();
    await screenshot(page, 'users-phone');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});

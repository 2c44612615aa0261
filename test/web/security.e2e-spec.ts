import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { makeProvinceWorld, makeUser, TEST_PASSWORD } from '../factories.js';
import { choose } from './element-plus.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('安全管理: the security administrator unlocks, resets passwords, assigns roles and sets the policy', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let security: { id: string; username: string };
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    security = await makeUser(web.t.db, 'security_admin');
  }, 60_000);
  afterAll(() => web?.close());

  async function openSecurity(viewport?: typeof PHONE) {
    const opened = await openPage(web, viewport);
    await login(opened.page, security.username);
    expect(new URL(opened.page.url()).pathname).toBe('/security');
    return opened;
  }

  async function find(page: Awaited<ReturnType<typeof openSecurity>>['page'], username: string) {
    await page.getByLabel('搜索用户').fill(username);
    await page.getByRole('button', { name: '查询' }).click();
  }

  it('sees a locked account with until when, and unlocks it', async () => {
    const target = world.users.leader.username;
    for (let i = 1; i <= 5; i++) await web.t.http.post('/api/auth/login').send({ username: target, password: `Wrong#pass${i}` });
    const { page, context } = await openSecurity();
    await page.getByText('锁定至 11-26 10:15').first().waitFor();
    await page.locator('.el-loading-mask').first().waitFor({ state: 'hidden' });
    await screenshot(page, 'security-desk');
    await find(page, target);
    await page.getByRole('button', { name: `解锁 ${target}` }).click();
    await page.getByText(`已解锁 ${target}`).waitFor();
    expect(await web.t.db.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [world.users.leader.id])).toEqual([{ failed_logins: 0, locked_until: null }]);
    expect((await web.t.http.post('/api/auth/login').send({ username: target, password: TEST_PASSWORD })).status).toBe(200);
    await context.close();
  });

  it('resets a password: the user must change it at the next login', async () => {
    const target = world.users.city.username;
    const { page, context } = await openSecurity();
    await find(page, target);
    await page.getByRole('button', { name: `重置密码 ${target}` }).click();
    await page.getByRole('dialog', { name: '重置密码' }).getByRole('button', { name: '重置' }).click();
    const issued = page.getByRole('dialog', { name: '密码已重置' });
    const password = (await issued.getByLabel('临时密码').textContent())!;
    await issued.getByRole('button', { name: '我已记下' }).click();
    await page.getByText('待改重置密码').waitFor();

    const user = await openPage(web, PHONE);
    await login(user.page, target, password);
    await user.page.waitForURL('**/password');
    await user.page.getByText('密码已由安全管理员重置').waitFor();
    await screenshot(user.page, 'password-forced-phone');
    await user.page.getByLabel('当前密码').fill(password);
    await user.page.getByLabel('新密码', { exact: true }).fill('City#2026mine');
    await user.page.getByLabel('确认新密码').fill('City#2026mine');
    await user.page.getByRole('button', { name: '保存' }).click();
    await user.page.waitForURL('**/login');
    await login(user.page, target, 'City#2026mine');
    expect(new URL(user.page.url()).pathname).toBe('/');
    await user.context.close();
    await context.close();
  });

  it('assigns a role with its affiliation', async () => {
    const target = world.users.otherDepartment.username;
    const { page, context } = await openSecurity();
    await find(page, target);
    await page.getByRole('button', { name: `分配角色 ${target}` }).click();
    const dialog = page.getByRole('dialog', { name: `分配角色：${target}` });
    await choose(page, dialog.getByLabel('角色'), '市级商务部门');
    await choose(page, dialog.getByLabel('省份'), world.province.name);
    await choose(page, dialog.getByLabel('所属市'), world.cities[0].name);
    // Picking the city answers the 所属市 rule that clearing it on the province change raised.
    await dialog.getByText('请选择所属市').waitFor({ state: 'hidden' });
    await screenshot(page, 'security-assign-role-desk');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('角色已分配').waitFor();
    expect(await web.t.db.query('SELECT role, region_id, department_id FROM app_user WHERE id = $1', [world.users.otherDepartment.id])).toEqual([
      { role: 'city', region_id: world.cities[0].id, department_id: null },
    ]);
    await context.close();
  });

  it('sets the password policy, and shows accounts as cards on a phone', async () => {
    const { page, context } = await openSecurity(PHONE);
    await page.getByText('启用').or(page.getByText('暂无用户')).first().waitFor().catch(() => undefined);
    await page.locator('.card').first().waitFor();
    await screenshot(page, 'security-phone');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('tab', { name: '密码策略' }).click();
    await page.getByLabel('密码最短长度').fill('10');
    await page.getByLabel('密码有效期').fill('60');
    await page.getByRole('button', { name: '保存策略' }).click();
    await page.getByText('密码策略已保存').waitFor();
    await screenshot(page, 'security-policy-phone');
    const [{ policy }] = await web.t.db.query('SELECT policy FROM security_policy');
    expect(policy).toMatchObject({ minLength: 10, maxAgeDays: 60, minClasses: 3, historyCount: 5, lockThreshold: 5, lockMinutes: 15 });
    await web.t.db.query('DELETE FROM security_policy');
    await context.close();
  });
});

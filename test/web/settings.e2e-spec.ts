import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { makeProvinceWorld } from '../factories.js';
import { choose } from './element-plus.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('系统设置: the coordinator edits the reminder ladder and a department’s liaison contact', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
  }, 60_000);
  afterAll(() => web?.close());

  it('changes the escalation ladder: the province gets its own reminder_setting row', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '系统设置' }).click();
    await page.waitForURL('**/settings');
    await expect(page.getByText('本省使用系统默认的提醒规则').textContent()).resolves.toBeTruthy();
    // The default ladder shows as rows: after N working days → recipient → level.
    await expect(page.getByRole('spinbutton', { name: '第 2 级 逾期工作日' }).inputValue()).resolves.toBe('3');
    await screenshot(page, 'settings-reminders-desk');

    // A step down (督办 then 提醒) is named before saving, and saving is not offered.
    await page.getByRole('button', { name: '添加一级' }).click();
    await choose(page, '第 5 级 级别', '提醒');
    await expect(page.getByText('升级只能逐级提高').textContent()).resolves.toContain('逾期 19 个工作日');
    expect(await page.getByRole('button', { name: '保存提醒规则' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '删除第 5 级' }).click();

    const days = page.getByRole('spinbutton', { name: '第 2 级 逾期工作日' });
    await days.fill('5');
    await days.press('Tab');
    await choose(page, '第 2 级 接收对象', '联络员');
    await page.getByRole('button', { name: '保存提醒规则' }).click();
    await page.getByRole('dialog', { name: '保存提醒规则' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('提醒规则已保存').waitFor();

    const [row] = await web.t.db.query('SELECT offsets, ladder, updated_by FROM reminder_setting WHERE province_id = $1', [world.province.id]);
    expect(row.offsets).toEqual([14, 7, 3, 1, 0]);
    expect(row.ladder).toEqual([
      { afterWorkingDays: 0, recipient: 'liaison', level: 'remind' },
      { afterWorkingDays: 5, recipient: 'liaison', level: 'urge' },
      { afterWorkingDays: 7, recipient: 'coordinator', level: 'supervise' },
      { afterWorkingDays: 14, recipient: 'leader', level: 'supervise' },
    ]);
    expect(row.updated_by).toBe(world.users.coordinator.id);
    await page.reload();
    await expect(page.getByText('本省已自定义提醒规则').textContent()).resolves.toBeTruthy();
    await context.close();
  });

  it('edits a department’s liaison contact and adds a department, both written to the department table', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto('/settings');
    await page.getByRole('tab', { name: '部门与联络人' }).click();
    await page.getByRole('button', { name: `编辑 ${world.leadDept.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `编辑部门：${world.leadDept.name}` });
    await dialog.getByLabel('联络员', { exact: true }).fill('王联络');
    await dialog.getByLabel('联络员电话').fill('0531-86001234');
    await dialog.getByLabel('联络员邮箱').fill('not-an-email');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.getByText('邮箱格式不正确').textContent()).resolves.toBeTruthy();
    await dialog.getByLabel('联络员邮箱').fill('wang@example.gov.cn');
    await dialog.getByLabel('负责人邮箱').fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('部门信息已保存').waitFor();
    await page.getByText('0531-86001234').waitFor();
    await screenshot(page, 'settings-departments-desk');

    const [dept] = await web.t.db.query('SELECT liaison_name, liaison_phone, liaison_email, head_name, head_email FROM department WHERE id = $1', [world.leadDept.id]);
    expect(dept).toEqual({ liaison_name: '王联络', liaison_phone: '0531-86001234', liaison_email: 'wang@example.gov.cn', head_name: '负责人', head_email: null });

    await page.getByRole('button', { name: '新增部门' }).click();
    const create = page.getByRole('dialog', { name: '新增部门' });
    await create.getByLabel('部门名称').fill('省大数据局');
    await create.getByLabel('别名').fill('山东省大数据局');
    await create.getByLabel('别名').press('Enter');
    await create.getByLabel('负责人', { exact: true }).fill('赵负责');
    await create.getByRole('button', { name: '保存' }).click();
    await page.getByText('部门已新增').waitFor();
    const [created] = await web.t.db.query(`SELECT level, region_id, aliases, head_name, liaison_name FROM department WHERE name = '省大数据局'`);
    expect(created).toEqual({ level: 'provincial', region_id: world.province.id, aliases: ['山东省大数据局'], head_name: '赵负责', liaison_name: null });
    await context.close();
  });

  it('works on a phone without sideways scrolling', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.coordinator.username);
    await page.goto('/settings');
    await page.getByRole('spinbutton', { name: '第 1 级 逾期工作日' }).waitFor();
    await screenshot(page, 'settings-reminders-phone');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('tab', { name: '部门与联络人' }).click();
    await page.getByText(world.otherDept.name).waitFor();
    await screenshot(page, 'settings-departments-phone');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});

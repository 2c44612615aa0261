import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { TEST_NOW } from '../app.js';
import { makeProvinceWorld } from '../factories.js';
import { makeTasks } from '../reminders-harness.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('系统设置 · 发送异常: the coordinator sees the emails and robot posts that failed or are stuck', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let taskId: string;

  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    [taskId] = (await makeTasks(web.t.db, world.province.id, [{ dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id, name: '国际贸易单一窗口' }])) as [string];
    const now = new Date(TEST_NOW).getTime();
    const [notice] = await web.t.db.query(
      `INSERT INTO notification (dedup_key, kind, level, recipient_role, province_id, department_id, task_id, due_date, step, title, body, created_at)
       VALUES ('web-journey-notice', 'before_due', 'remind', 'liaison', $1, $2, $3, '2026-12-03', 7, '【提醒】“国际贸易单一窗口”将于2026年12月3日到期（还有7天）', '…', $4) RETURNING id`,
      [world.province.id, world.leadDept.id, taskId, new Date(now - 3600_000)],
    );
    // One email failed for good; one robot post still pending an hour after its notice (a stuck queue).
    await web.t.db.query(
      `INSERT INTO notification_delivery (notification_id, channel, target, status, attempts, last_error, failed_at, created_at, updated_at) VALUES
         ($1, 'email', 'nobody@example.gov.cn', 'failed', 1, 'SMTP 550: mailbox unavailable', $2, $3, $2),
         ($1, 'webhook', 'https://oapi.dingtalk.com/robot/send?access_token=secret-token', 'pending', 0, NULL, NULL, $3, $3)`,
      [notice.id, new Date(now - 3000_000), new Date(now - 3600_000)],
    );
  }, 60_000);
  afterAll(() => web?.close());

  it('lists the failed email and the stuck robot post, without the robot’s token, at a desk and on a phone', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.coordinator.username);
    await page.goto('/settings');
    await page.getByRole('tab', { name: '发送异常' }).click();
    await page.getByText('长时间未发送').waitFor();
    const table = page.locator('.el-table');
    await expect(table.getByText('发送失败').textContent()).resolves.toBeTruthy();
    await expect(table.getByText('nobody@example.gov.cn').textContent()).resolves.toBeTruthy();
    await expect(table.getByText('SMTP 550: mailbox unavailable').textContent()).resolves.toBeTruthy();
    await expect(table.getByText('https://oapi.dingtalk.com/…').textContent()).resolves.toBeTruthy();
    expect(await page.getByText('secret-token').count()).toBe(0);
    await screenshot(page, 'settings-deliveries-desk');
    await page.getByRole('link', { name: /国际贸易单一窗口/ }).first().click();
    await page.waitForURL(`**/tasks/${taskId}`);
    await context.close();

    const phone = await openPage(web, PHONE);
    await login(phone.page, world.users.coordinator.username);
    await phone.page.goto('/settings');
    await phone.page.getByRole('tab', { name: '发送异常' }).click();
    await phone.page.getByText('长时间未发送').waitFor();
    await screenshot(phone.page, 'settings-deliveries-phone');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await phone.context.close();
  });
});

import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { bearer } from '../auth-helper.js';
import { count, makeProvinceWorld } from '../factories.js';
import { makeTasks } from '../reminders-harness.js';
import { describeInBrowser, login, openPage, PHONE, screenshot, startWebApp, type WebApp } from './harness.js';

describeInBrowser('消息: a department opens a notice from its inbox and lands on its task; mark all read', () => {
  let web: WebApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let taskIds: string[];
  let notices: { id: string; title: string }[];
  beforeAll(async () => {
    web = await startWebApp();
    world = await makeProvinceWorld(web.t.db);
    taskIds = await makeTasks(web.t.db, world.province.id, [
      { name: '国际贸易单一窗口', dueDate: '2026-11-20', leadDepartmentId: world.leadDept.id },
      { name: '企业准入单一窗口', dueDate: '2026-11-10', leadDepartmentId: world.leadDept.id },
    ]);
    // The coordinator's 催办 and 督办 land in the lead department's inbox (the api writes the inbox row at once).
    const coordinator = await bearer(web.t, world.users.coordinator.username);
    notices = [];
    for (const [taskId, level, message] of [
      [taskIds[0], 'urge', '请于本周五前报送推进情况'],
      [taskIds[1], 'supervise', '已逾期，请说明原因并提出整改时限'],
    ] as const) {
      const res = await web.t.http.post(`/api/tasks/${taskId}/reminders`).set('Authorization', coordinator).send({ level, message });
      expect(res.status).toBe(201);
      notices.push({ id: res.body.id, title: res.body.title });
    }
  }, 60_000);
  afterAll(() => web?.close());

  const readsOf = (userId: string) => count(web.t.db, 'notification_read', 'user_id = $1', [userId]);

  it('shows the notices as cards on a phone, without sideways scrolling', async () => {
    const { page, context } = await openPage(web, PHONE);
    await login(page, world.users.otherDepartment.username);
    await page.goto('/inbox');
    await page.getByText('暂无消息').waitFor();
    await context.close();

    const phone = await openPage(web, PHONE);
    await login(phone.page, world.users.department.username);
    await phone.page.goto('/inbox');
    await phone.page.getByRole('listitem', { name: notices[0].title }).waitFor();
    await screenshot(phone.page, 'inbox-phone');
    expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    // Looking is not reading.
    expect(await readsOf(world.users.department.id)).toBe(0);
    await phone.context.close();
  });

  it('opens a notice: marked read for this user, on its task; then mark all read zeroes the badge', async () => {
    const { page, context } = await openPage(web);
    await login(page, world.users.department.username);
    await page.getByRole('link', { name: '消息，未读 2 条' }).waitFor();
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem', { name: '消息' }).click();
    await page.waitForURL('**/inbox');
    const urge = page.getByRole('listitem', { name: notices[0].title });
    await expect(urge.textContent()).resolves.toContain('催办');
    await expect(page.getByRole('listitem', { name: notices[1].title }).textContent()).resolves.toContain('督办');
    await screenshot(page, 'inbox-desk');

    await urge.getByRole('button', { name: notices[0].title }).click();
    await page.waitForURL(`**/tasks/${taskIds[0]}`);
    const [read] = await web.t.db.query('SELECT notification_id, read_at FROM notification_read WHERE user_id = $1', [world.users.department.id]);
    expect(read.notification_id).toBe(notices[0].id);
    expect(read.read_at).toBeInstanceOf(Date);
    await page.getByRole('link', { name: '消息，未读 1 条' }).waitFor();

    await page.goto('/inbox');
    await page.getByRole('radio', { name: '未读' }).click({ force: true });
    // The read notice leaves once the filtered list has answered; the unread one stays.
    await page.getByRole('listitem', { name: notices[0].title }).waitFor({ state: 'detached' });
    await page.getByRole('listitem', { name: notices[1].title }).waitFor();

    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByText('已将 1 条消息标为已读').waitFor();
    await page.getByText('暂无未读消息').waitFor();
    await page.getByRole('link', { name: '消息，未读 0 条' }).waitFor();
    expect(await readsOf(world.users.department.id)).toBe(2);
    // Reading is per person: the department's other user still has both unread.
    expect(await count(web.t.db, 'notification_read', 'user_id <> $1', [world.users.department.id])).toBe(0);
    await context.close();
  });
});

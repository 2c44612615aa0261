import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeDepartment, makeProvinceWorld, makeUser } from './factories.js';
import { makeTasks } from './reminders-harness.js';

describe('一键催报: POST /api/progress-reports/reminders', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let other: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};
  let thirdDept: { id: string; name: string };

  const chase = (body: object, who = 'coordinator') => t.http.post('/api/progress-reports/reminders').set('Authorization', auth[who]!).send(body);
  const report = (taskId: string, period: string, status: string) =>
    t.db.query(`INSERT INTO progress_report (task_id, period, progress, status) VALUES ($1, $2, '进展', $3)`, [taskId, period, status]);

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    other = await makeProvinceWorld(t.db);
    thirdDept = await makeDepartment(t.db, world.province);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.otherCoordinator = await bearer(t, other.users.coordinator.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
    // leadDept owes two reports (one a draft), otherDept one (its other task is reported), thirdDept none; closed and
    // not-applicable tasks owe nothing.
    const [a, , draft, , reported] = await makeTasks(t.db, world.province.id, [
      { leadDepartmentId: world.leadDept.id, dueDate: '2026-12-31', name: '事项甲' },
      { leadDepartmentId: world.leadDept.id, deadlineKind: 'ongoing', name: '事项乙' },
      { leadDepartmentId: world.otherDept.id, dueDate: '2027-03-31', name: '事项丙' },
      { leadDepartmentId: world.otherDept.id, status: 'closed' },
      { leadDepartmentId: thirdDept.id, dueDate: '2027-03-31' },
      { leadDepartmentId: world.leadDept.id, status: 'not_applicable' },
    ]);
    await report(a!, '2026Q4', 'draft');
    await report(draft!, '2026Q3', 'accepted');
    await report(reported!, '2026Q4', 'submitted');
  });
  afterAll(() => t.close());

  it('sends one 催办 per lead department with unreported tasks, listing them, from the coordinator', async () => {
    t.clock.set(TEST_NOW);
    const res = await chase({ period: '2026Q4' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ period: '2026Q4', periodLabel: '2026年第四季度', departments: 2, tasks: 3, sent: 2, alreadySent: 0 });
    // The same figures as the missing-report list.
    const missing = await t.http.get('/api/progress-reports?period=2026Q4&missing=true').set('Authorization', auth.coordinator!);
    expect([missing.body.departmentCount, missing.body.taskCount]).toEqual([2, 3]);

    const rows = await t.db.query(
      `SELECT department_id, kind, level, recipient_role, period, sent_by, title, body FROM notification WHERE province_id = $1 AND period = '2026Q4' ORDER BY title`,
      [world.province.id],
    );
    expect(rows.map((r: { department_id: string }) => r.department_id).sort()).toEqual([world.leadDept.id, world.otherDept.id].sort());
    for (const r of rows) expect(r).toMatchObject({ kind: 'report_missing', level: 'urge', recipient_role: 'liaison', sent_by: world.users.coordinator.id });
    const lead = rows.find((r: { department_id: string }) => r.department_id === world.leadDept.id);
    expect(lead.title).toBe('【催办】请尽快报送2026年第四季度进展情况，尚有2项任务未报送');
    expect(lead.body).toContain('事项甲');
    expect(lead.body).toContain('事项乙');
    expect(await count(t.db, 'audit_event', `entity_type = 'department' AND action = 'notice_urge' AND actor_id = $1`, [world.users.coordinator.id])).toBe(2);
    const inbox = await t.http.get('/api/me/notifications').set('Authorization', auth.department!);
    expect(inbox.body.items.map((n: { title: string }) => n.title)).toContain(lead.title);
  });

  it('sends nothing again the same day, and chases again the next day', async () => {
    t.clock.set('2026-11-26T09:00:00Z');
    const again = await chase({ period: '2026Q4' });
    expect(again.body).toMatchObject({ departments: 2, tasks: 3, sent: 0, alreadySent: 2 });
    expect(await count(t.db, 'notification', `province_id = $1 AND period = '2026Q4'`, [world.province.id])).toBe(2);
    t.clock.set('2026-11-27T02:00:00Z');
    expect((await chase({ period: '2026Q4' })).body).toMatchObject({ sent: 2, alreadySent: 0 });
    expect(await count(t.db, 'notification', `province_id = $1 AND period = '2026Q4'`, [world.province.id])).toBe(4);
    t.clock.set(TEST_NOW);
  });

  it('refuses a malformed or future period with 400 naming period, and other roles with 403', async () => {
    for (const body of [{ period: '2026Q5' }, { period: '2026-4' }, {}, { period: '2027Q2' }]) {
      const res = await chase(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('period');
    }
    for (const who of ['department', 'leader', 'city', 'admin']) expect((await chase({ period: '2026Q4' }, who)).status).toBe(403);
  });

  it('keeps each coordinator to their own province', async () => {
    const res = await chase({ period: '2026Q3' }, 'otherCoordinator');
    expect(res.body).toMatchObject({ departments: 0, tasks: 0, sent: 0 });
    expect(await count(t.db, 'notification', `province_id = $1`, [world.province.id])).toBe(4);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld } from './factories.js';
import { makeTasks } from './reminders-harness.js';

describe('GET /api/tasks answers what the ledger table shows', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let auth: string;

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    auth = await bearer(t, world.users.coordinator.username);
  });
  afterAll(() => t.close());

  it('carries departments, deadline, status, overdue, working days, the traffic light and the last report — the light as the dashboard has it', async () => {
    // Today is Thursday 2026-11-26.
    const ids = await makeTasks(t.db, world.province.id, [
      { dueDate: '2026-11-20', leadDepartmentId: world.leadDept.id, name: '逾期事项' }, // Fri → Thu: 4 working days late
      { dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id, name: '临期事项' }, // 5 working days left
      { dueDate: '2026-12-03', status: 'submitted', name: '已提交销号事项' },
      { dueDate: '2027-06-30', name: '远期事项' },
      { deadlineKind: 'ongoing', name: '持续实施事项' },
      { dueDate: '2026-01-31', status: 'closed', name: '已销号事项' },
    ]);
    await t.db.query(`INSERT INTO task_participant (task_id, department_id) VALUES ($1, $2)`, [ids[0], world.otherDept.id]);
    await t.db.query(`INSERT INTO progress_report (task_id, period, progress, status) VALUES ($1, '2026Q3', '三季度', 'accepted'), ($1, '2026Q4', '四季度', 'returned')`, [ids[0]]);

    const res = await t.http.get('/api/tasks?sort=seq&pageSize=100').set('Authorization', auth);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    const view = (k: number) => byId.get(ids[k]!) as Record<string, unknown>;
    expect(view(0)).toMatchObject({
      leadDepartment: { id: world.leadDept.id, name: world.leadDept.name },
      participants: [{ id: world.otherDept.id, name: world.otherDept.name }],
      dueDate: '2026-11-20',
      status: 'in_progress',
      statusLabel: '推进中',
      overdue: true,
      workingDaysOverdue: 4,
      workingDaysLeft: null,
      trafficLight: 'red',
      lastReport: { period: '2026Q4', periodLabel: '2026年第四季度', status: 'returned', statusLabel: '已退回' },
    });
    expect(view(1)).toMatchObject({ overdue: false, workingDaysLeft: 5, workingDaysOverdue: null, trafficLight: 'yellow', lastReport: null });
    expect(view(2)).toMatchObject({ trafficLight: 'green', workingDaysLeft: 5 });
    expect(view(3)).toMatchObject({ trafficLight: 'green' });
    expect(view(4)).toMatchObject({ trafficLight: 'green', workingDaysLeft: null, workingDaysOverdue: null });
    expect(view(5)).toMatchObject({ trafficLight: null, overdue: false, workingDaysLeft: null });

    const lights = await t.http.get('/api/dashboard/traffic-lights').set('Authorization', auth);
    expect(lights.status).toBe(200);
    for (const item of lights.body.items as { taskId: string; light: string }[]) {
      if (ids.includes(item.taskId)) expect([item.taskId, (byId.get(item.taskId) as { trafficLight: string }).trafficLight]).toEqual([item.taskId, item.light]);
    }
    expect((lights.body.items as { taskId: string }[]).filter((i) => ids.includes(i.taskId))).toHaveLength(5);

    // A PATCH answers the same view, last report included.
    const patched = await t.http.patch(`/api/tasks/${ids[0]}`).set('Authorization', auth).send({ outcome: '上线运行' });
    expect(patched.body.lastReport).toMatchObject({ period: '2026Q4', status: 'returned' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeProvinceWorld, makeUser } from './factories.js';
import { makeTasks } from './reminders-harness.js';

/**
 * 进展调度 for the province the admin picked: reports and missing reports take regionId. 一键催报 is the coordinator's,
 * for its own province; the system administrator only reads (三员分立).
 */
describe('progress reports by province (regionId)', () => {
  let t: TestApp;
  let here: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let there: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};
  let hereTasks: string[];
  let thereTask: string;

  const get = (query: string, who = 'admin') => t.http.get(`/api/progress-reports?${query}`).set('Authorization', auth[who]!);
  const chase = (body: object, who = 'admin') => t.http.post('/api/progress-reports/reminders').set('Authorization', auth[who]!).send(body);
  // The suites of a run share one database: only these two provinces' notices count here.
  const notices = () => t.db.query(`SELECT province_id FROM notification WHERE period = '2026Q4' AND province_id IN ($1, $2)`, [here.province.id, there.province.id]);

  beforeAll(async () => {
    t = await createTestApp();
    here = await makeProvinceWorld(t.db);
    there = await makeProvinceWorld(t.db);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
    auth.coordinator = await bearer(t, here.users.coordinator.username);
    hereTasks = await makeTasks(t.db, here.province.id, [{ leadDepartmentId: here.leadDept.id, dueDate: '2026-12-31' }, { leadDepartmentId: here.otherDept.id, dueDate: '2026-12-31' }]);
    [thereTask] = await makeTasks(t.db, there.province.id, [{ leadDepartmentId: there.leadDept.id, dueDate: '2026-12-31' }]);
    for (const taskId of [hereTasks[0], thereTask]) {
      await t.db.query(`INSERT INTO progress_report (task_id, period, progress, status) VALUES ($1, '2026Q4', '进展', 'submitted')`, [taskId]);
    }
  });
  afterAll(() => t.close());

  it("lists only the chosen province's reports and missing reports for an admin", async () => {
    const all = await get('period=2026Q4&pageSize=200');
    expect(all.body.items.map((r: { taskId: string }) => r.taskId)).toEqual(expect.arrayContaining([hereTasks[0], thereTask]));
    const mine = await get(`period=2026Q4&regionId=${here.province.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { taskId: string }) => r.taskId)).toEqual([hereTasks[0]]);
    const missing = await get(`period=2026Q4&missing=true&regionId=${here.province.id}`);
    expect(missing.body).toMatchObject({ departmentCount: 1, taskCount: 1, departments: [{ department: { id: here.otherDept.id } }] });
  });

  it("never widens a coordinator's view: another province's id gives nothing", async () => {
    expect((await get(`period=2026Q4&regionId=${there.province.id}`, 'coordinator')).body.total).toBe(0);
    expect((await get('period=2026Q4&regionId=not-a-uuid', 'coordinator')).status).toBe(400);
  });

  it("chases only the coordinator's own province, and refuses the admin (403, nothing sent)", async () => {
    const refused = await chase({ period: '2026Q4' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('省商务厅');
    expect(await notices()).toEqual([]);
    const widened = await chase({ period: '2026Q4', regionId: there.province.id }, 'coordinator');
    expect(widened.status).toBe(400);
    expect(widened.body.errors[0].field).toBe('regionId');
    expect(await notices()).toEqual([]);
    const res = await chase({ period: '2026Q4' }, 'coordinator');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ departments: 1, tasks: 1, sent: 1, alreadySent: 0 });
    expect(await notices()).toEqual([{ province_id: here.province.id }]);
  });
});

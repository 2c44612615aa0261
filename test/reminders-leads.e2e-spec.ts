import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { NoticeService, noticesDue, deadlineJobs } from '#libs/reminders';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeDepartment, makeProvinceWorld, makeUser } from './factories.js';
import { makeTasks, noticesOf, settle, startWorker, type WorkerHandle } from './reminders-harness.js';

jest.setTimeout(60_000);

/** Who the sweep chases: never a task 待确认 (until it is decided), and every lead of a task (lead and co-leads). */
describe('reminders: 待确认 tasks and co-lead departments', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let worker: WorkerHandle;
  const auth: Record<string, string> = {};
  let coLeads: { id: string; name: string }[];

  const sweep = async () => {
    const res = await t.http.post('/api/admin/reminders/sweep').set('Authorization', auth.coordinator!).send({});
    expect(res.status).toBe(200);
    await settle(t);
    return res.body as { notices: { jobId: string; taskId?: string; departmentId: string | null }[] };
  };
  const inboxOf = async (who: string, taskId: string) =>
    ((await t.http.get('/api/me/notifications?pageSize=100').set('Authorization', auth[who]!)).body.items as { taskId: string; title: string }[]).filter((n) => n.taskId === taskId);

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    coLeads = [await makeDepartment(t.db, world.province), await makeDepartment(t.db, world.province)];
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    for (const [i, d] of coLeads.entries()) auth[`coLead${i}`] = await bearer(t, (await makeUser(t.db, 'department', { departmentId: d.id })).username);
    worker = await startWorker(t.clock);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('sends nothing about an overdue task 待确认, and chases it once the coordinator decides it applies', async () => {
    t.clock.set(TEST_NOW); // Thursday 2026-11-26
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-11-20', status: 'not_started', leadDepartmentId: world.leadDept.id, name: '有意愿的地区试点事项' }]);
    await t.db.query(`UPDATE task SET pending_decision = '有意愿的' WHERE id = $1`, [taskId]);

    const before = await sweep();
    expect(before.notices.filter((n) => n.taskId === taskId)).toEqual([]);
    expect(await noticesOf(t.db, taskId!)).toEqual([]);
    expect(await inboxOf('department', taskId!)).toEqual([]);

    const decided = await t.http.post(`/api/tasks/${taskId}/applicability`).set('Authorization', auth.coordinator!).send({ applies: true, reason: '本省决定试点' });
    expect(decided.status).toBe(200);
    const after = await sweep();
    expect(after.notices.filter((n) => n.taskId === taskId).length).toBeGreaterThan(0);
    expect((await noticesOf(t.db, taskId!)).map((n) => [n.kind, n.step, n.recipient_role])).toEqual([
      ['overdue', 0, 'liaison'],
      ['overdue', 3, 'head'],
    ]);
    expect(await inboxOf('department', taskId!)).toHaveLength(2);
  });

  it('drops a planned notice whose task became 待确认 before it went out', async () => {
    t.clock.set(TEST_NOW);
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-11-25', leadDepartmentId: world.leadDept.id, name: '重新判断后待确认的事项' }]);
    const jobs = deadlineJobs({ subject_type: 'task', subject_id: taskId!, task_id: taskId!, lead_department_id: world.leadDept.id, lead_department_ids: [world.leadDept.id], due_date: '2026-11-25' }, noticesDue({ dueDate: '2026-11-25' }, '2026-11-26'));
    expect(jobs).toHaveLength(1);
    await t.db.query(`UPDATE task SET pending_decision = '推广范围变更后须重新确认' WHERE id = $1`, [taskId]);
    const [outcome] = await t.app.get(NoticeService).sendDeadlines(jobs);
    expect(outcome).toEqual({ status: 'fulfilled', value: { status: 'skipped', reason: 'task pending an applicability decision' } });
    expect(await noticesOf(t.db, taskId!)).toEqual([]);
  });

  it('sends the ladder’s department steps and a 催办 to the lead and each co-lead, once each', async () => {
    t.clock.set(TEST_NOW);
    // Due yesterday: today is the first working day overdue, the liaison's step (0) and nobody else's.
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-11-25', leadDepartmentId: world.leadDept.id, name: '省商务厅、省市场监管局牵头的事项' }]);
    const set = await t.http
      .patch(`/api/tasks/${taskId}`)
      .set('Authorization', auth.coordinator!)
      .send({ coLeadDepartmentIds: coLeads.map((d) => d.id), participantDepartmentIds: [world.otherDept.id] });
    expect(set.status).toBe(200);

    const [first, second] = await Promise.all([sweep(), sweep()]);
    const planned = [...first.notices, ...second.notices].filter((n) => n.taskId === taskId);
    expect(new Set(planned.map((n) => n.departmentId))).toEqual(new Set([world.leadDept.id, ...coLeads.map((d) => d.id)]));
    await sweep();

    const rows = await noticesOf(t.db, taskId!);
    expect(rows.map((n) => [n.recipient_role, n.department_id]).sort()).toEqual([world.leadDept.id, ...coLeads.map((d) => d.id)].map((id) => ['liaison', id]).sort());
    for (const who of ['department', 'coLead0', 'coLead1']) {
      const mine = await inboxOf(who, taskId!);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.title).toContain('已逾期');
    }
    expect(await inboxOf('otherDepartment', taskId!)).toEqual([]);
    const [{ body }] = await t.db.query(`SELECT body FROM notification WHERE task_id = $1 AND department_id = $2`, [taskId, coLeads[0]!.id]);
    expect(body).toContain(`牵头部门：${world.leadDept.name}、`);

    const urged = await t.http.post(`/api/tasks/${taskId}/reminders`).set('Authorization', auth.coordinator!).send({ level: 'urge', message: '请本周内报送进展' });
    expect(urged.status).toBe(201);
    expect(urged.body.department).toEqual({ id: world.leadDept.id, name: world.leadDept.name });
    const again = await t.http.post(`/api/tasks/${taskId}/reminders`).set('Authorization', auth.coordinator!).send({ level: 'urge', message: '请本周内报送进展' });
    expect(again.body.id).toBe(urged.body.id);
    for (const who of ['department', 'coLead0', 'coLead1']) {
      expect((await inboxOf(who, taskId!)).filter((n) => n.title.startsWith('【催办】'))).toHaveLength(1);
    }
    expect(await inboxOf('otherDepartment', taskId!)).toEqual([]);
  });
});

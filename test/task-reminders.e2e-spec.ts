import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeProvinceWorld, makeUser } from './factories.js';
import { hook, makeTasks, settle, startWorker, type Hook, type WorkerHandle } from './reminders-harness.js';

jest.setTimeout(60_000);

describe('催办 now: POST /api/tasks/:id/reminders and GET /api/tasks/:id/notifications', () => {
  let t: TestApp;
  let worker: WorkerHandle;
  let robot: Hook;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let other: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};

  const remind = (taskId: string, body: object, who = 'coordinator') => t.http.post(`/api/tasks/${taskId}/reminders`).set('Authorization', auth[who]!).send(body);
  const noticesOf = (taskId: string, who = 'coordinator') => t.http.get(`/api/tasks/${taskId}/notifications`).set('Authorization', auth[who]!);

  beforeAll(async () => {
    t = await createTestApp();
    robot = await hook(200);
    world = await makeProvinceWorld(t.db);
    other = await makeProvinceWorld(t.db);
    await t.db.query('UPDATE department SET webhook_url = $1 WHERE id = $2', [`${robot.url}?access_token=secret-token`, world.leadDept.id]);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.otherCoordinator = await bearer(t, other.users.coordinator.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
    worker = await startWorker(t.clock);
  });
  afterAll(async () => {
    await worker.close();
    robot.server.close();
    await t.close();
  });

  it('sends a 催办 to the lead department’s head through the inbox and its group robot, records who sent it and audits it', async () => {
    t.clock.set(TEST_NOW);
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-11-20', leadDepartmentId: world.leadDept.id, name: '国际贸易单一窗口' }]);
    const res = await remind(taskId!, { level: 'urge', message: '  请于本周五前报送推进情况并说明逾期原因  ' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'manual',
      manual: true,
      level: 'urge',
      levelLabel: '催办',
      recipientRole: 'head',
      recipientLabel: `${world.leadDept.name} 负责人`,
      department: { id: world.leadDept.id, name: world.leadDept.name },
      sentBy: { id: world.users.coordinator.id, displayName: '测试coordinator' },
      sentByLabel: '测试coordinator',
      title: '【催办】“国际贸易单一窗口”：请于本周五前报送推进情况并说明逾期原因',
      read: false,
    });
    expect(res.body.body).toContain('催办意见：请于本周五前报送推进情况并说明逾期原因');
    expect(res.body.body).toContain('到期日：2026年11月20日');

    const [row] = await t.db.query(`SELECT kind, level, recipient_role, department_id, sent_by, province_id FROM notification WHERE task_id = $1`, [taskId]);
    expect(row).toEqual({ kind: 'manual', level: 'urge', recipient_role: 'head', department_id: world.leadDept.id, sent_by: world.users.coordinator.id, province_id: world.province.id });
    const [audit] = await t.db.query(`SELECT actor_id, actor_username, after FROM audit_event WHERE entity_type = 'task' AND entity_id = $1 AND action = 'notice_urge'`, [taskId]);
    expect(audit.actor_id).toBe(world.users.coordinator.id);
    expect(audit.after.kind).toBe('manual');

    // The department's users see it in their inbox; the worker posts it to the department's robot.
    const inbox = await t.http.get('/api/me/notifications').set('Authorization', auth.department!);
    expect(inbox.body.items.map((n: { id: string }) => n.id)).toContain(res.body.id);
    await settle(t);
    expect(robot.calls.some((c) => c.body.includes('国际贸易单一窗口'))).toBe(true);
    expect((await t.http.post(`/api/me/notifications/${res.body.id}/read`).set('Authorization', auth.department!)).status).toBe(200);

    const list = await noticesOf(taskId!, 'leader');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const notice = list.body[0];
    expect(notice.read).toBe(true);
    expect(notice.reads).toEqual([{ userId: world.users.department.id, displayName: '测试department', readAt: expect.any(String) }]);
    expect(notice.deliveries.map((d: { channel: string; status: string; statusLabel: string }) => [d.channel, d.status, d.statusLabel])).toEqual([
      ['inbox', 'sent', '已发送'],
      ['webhook', 'sent', '已发送'],
    ]);
    // The robot's URL holds its key: readers see where it went, not the token.
    expect(JSON.stringify(notice.deliveries)).not.toContain('secret-token');
  });

  it('does not send the same level and message twice the same day; another level is another notice', async () => {
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-20', leadDepartmentId: world.leadDept.id }]);
    const first = await remind(taskId!, { level: 'remind', message: '请更新进展' });
    const again = await remind(taskId!, { level: 'remind', message: '请更新进展' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body.recipientRole).toBe('liaison');
    const supervise = await remind(taskId!, { level: 'supervise', message: '请更新进展' });
    expect(supervise.body.id).not.toBe(first.body.id);
    expect(await count(t.db, 'notification', 'task_id = $1', [taskId])).toBe(2);
    expect(await count(t.db, 'audit_event', `entity_id = $1 AND action LIKE 'notice_%'`, [taskId])).toBe(2);
  });

  it('answers bad input with 400 naming the field in Chinese and writes nothing', async () => {
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-20', leadDepartmentId: world.leadDept.id }]);
    const cases: [object, string][] = [
      [{ level: 'shout', message: '请更新' }, 'level'],
      [{ message: '请更新' }, 'level'],
      [{ level: 'urge', message: '' }, 'message'],
      [{ level: 'urge', message: '   ' }, 'message'],
      [{ level: 'urge' }, 'message'],
      [{ level: 'urge', message: '催'.repeat(501) }, 'message'],
    ];
    for (const [body, field] of cases) {
      const res = await remind(taskId!, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count(t.db, 'notification', 'task_id = $1', [taskId])).toBe(0);
  });

  it('lets only the province’s coordinator send (403 for others and the system administrator, 404 for another province), and reads for the whole province', async () => {
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-20', leadDepartmentId: world.leadDept.id }]);
    for (const who of ['department', 'leader', 'city', 'admin']) expect((await remind(taskId!, { level: 'urge', message: '请更新' }, who)).status).toBe(403);
    expect((await remind(taskId!, { level: 'urge', message: '请更新' }, 'otherCoordinator')).status).toBe(404);
    expect((await remind('00000000-0000-4000-8000-000000000000', { level: 'urge', message: '请更新' })).status).toBe(404);
    expect(await count(t.db, 'notification', 'task_id = $1', [taskId])).toBe(0);
    expect((await remind(taskId!, { level: 'urge', message: '省商务厅催办' }, 'coordinator')).status).toBe(201);
    for (const who of ['department', 'otherDepartment', 'leader', 'city', 'admin']) expect((await noticesOf(taskId!, who)).body).toHaveLength(1);
    expect((await noticesOf(taskId!, 'otherCoordinator')).status).toBe(404);
  });

  it('answers 409 for a closed or not-applicable task, and for one without a lead department', async () => {
    const [closed, notApplicable, unassigned] = await makeTasks(t.db, world.province.id, [
      { status: 'closed', leadDepartmentId: world.leadDept.id },
      { status: 'not_applicable', leadDepartmentId: world.leadDept.id },
      { status: 'in_progress', leadDepartmentId: null },
    ]);
    const answers = await Promise.all([closed, notApplicable, unassigned].map((id) => remind(id!, { level: 'urge', message: '请更新' })));
    expect(answers.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(answers[0]!.body.message).toContain('已销号');
    expect(answers[1]!.body.message).toContain('不适用');
    expect(answers[2]!.body.message).toContain('牵头部门');
    expect(await count(t.db, 'notification', 'task_id = ANY($1)', [[closed, notApplicable, unassigned]])).toBe(0);
  });

  it('lists the sweep’s automatic notices beside the manual ones, newest first', async () => {
    t.clock.set(TEST_NOW); // 2026-11-26: a task due 2026-12-03 gets its T-7 notice
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id }]);
    expect((await t.http.post('/api/admin/reminders/sweep').set('Authorization', auth.coordinator!).send({})).status).toBe(200);
    await settle(t);
    t.clock.set('2026-11-26T03:00:00Z');
    expect((await remind(taskId!, { level: 'remind', message: '请抓紧' })).status).toBe(201);
    t.clock.set(TEST_NOW);
    const list = (await noticesOf(taskId!, 'department')).body;
    expect(list.map((n: { kind: string; manual: boolean; sentByLabel: string }) => [n.kind, n.manual, n.sentByLabel])).toEqual([
      ['manual', true, '测试coordinator'],
      ['before_due', false, '系统自动'],
    ]);
  });
});

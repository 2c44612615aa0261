import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeBatch, makeProvinceWorld } from './factories.js';

describe('a task’s history as a person reads it: GET /api/tasks/:id', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
  });
  afterAll(() => t.close());

  it('says who (name and department), what, and which field changed from what to what', async () => {
    const batch = await makeBatch(t.db, [{ name: '国际贸易单一窗口', deadlineDate: '2026-12-31' }]);
    const adopted = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth.coordinator!).send({ regionId: world.province.id });
    const taskId = adopted.body.taskIds[0] as string;
    const act = async (req: Promise<{ status: number }>) => expect((await req).status).toBeLessThan(300);
    await act(t.http.patch(`/api/tasks/${taskId}`).set('Authorization', auth.coordinator!).send({ leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.otherDept.id], dueDate: '2027-03-31' }));
    await act(t.http.post(`/api/tasks/${taskId}/transitions`).set('Authorization', auth.department!).send({ to: 'in_progress' }));
    await act(t.http.post(`/api/tasks/${taskId}/transitions`).set('Authorization', auth.department!).send({ to: 'blocked', reason: '等待海关系统对接' }));
    const milestone = await t.http.post(`/api/tasks/${taskId}/milestones`).set('Authorization', auth.department!).send({ title: '出台实施方案', dueDate: '2027-01-31' });
    await act(t.http.patch(`/api/tasks/${taskId}/milestones/${milestone.body.id}`).set('Authorization', auth.department!).send({ done: true }));
    await act(t.http.post(`/api/tasks/${taskId}/reminders`).set('Authorization', auth.coordinator!).send({ level: 'urge', message: '请尽快解决对接问题' }));
    // What the reference data's loading writes: a milestone audited with no actor.
    await t.db.query(`INSERT INTO audit_event (entity_type, entity_id, action, after) VALUES ('milestone', $1, 'update', $2)`, [milestone.body.id, JSON.stringify({ title: '出台实施方案' })]);

    const res = await t.http.get(`/api/tasks/${taskId}`).set('Authorization', auth.leader!);
    expect(res.status).toBe(200);
    const history = res.body.history as { action: string; actorLabel: string; actionLabel: string; summary: string; changes: { field: string; label: string; from: string; to: string }[] }[];
    const coordinator = `测试coordinator（${world.province.name}）`;
    const department = `测试department（${world.leadDept.name}）`;
    expect(history.map((h) => [h.actorLabel, h.actionLabel])).toEqual([
      [coordinator, '承接批次生成任务'],
      [coordinator, '调整分工与时限'],
      [department, '启动'],
      [department, '标记受阻'],
      [department, '新增时间节点'],
      [department, '修改时间节点'],
      [coordinator, '发送催办'],
      ['系统自动', '修改时间节点'],
    ]);
    expect(history[0]!.summary).toBe('承接批次生成任务，未启动');
    expect(history[1]!.changes).toEqual([
      { field: 'leadDepartmentId', label: '牵头部门', from: '（空）', to: world.leadDept.name },
      { field: 'participantDepartmentIds', label: '参加部门', from: '（空）', to: world.otherDept.name },
      { field: 'dueDate', label: '截止日期', from: '2026年12月31日', to: '2027年3月31日' },
    ]);
    expect(history[1]!.summary).toBe(`调整分工与时限：牵头部门由“（空）”改为“${world.leadDept.name}”；参加部门由“（空）”改为“${world.otherDept.name}”；截止日期由“2026年12月31日”改为“2027年3月31日”`);
    expect(history[2]!.summary).toBe('启动：未启动 → 推进中');
    expect(history[3]!.summary).toBe('标记受阻：推进中 → 受阻，原因：等待海关系统对接');
    expect(history[4]!.summary).toBe('新增时间节点“出台实施方案”（截止2027年1月31日）');
    expect(history[5]!.changes).toEqual([{ field: 'doneAt', label: '完成时间', from: '（空）', to: '2026年11月26日' }]);
    expect(history[6]!.summary).toBe('发送催办：【催办】“国际贸易单一窗口”：请尽快解决对接问题');
    expect(history[7]!.summary).toBe('修改时间节点“出台实施方案”');
    expect(JSON.stringify(history.map((h) => [h.actorLabel, h.actionLabel, h.summary]))).not.toMatch(/adopt|update|notice_|milestone|not_started|in_progress|blocked|null/);
  });
});

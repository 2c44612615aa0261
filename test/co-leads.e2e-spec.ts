import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeBatch, makeDepartment, makeProvinceWorld, makeUser } from './factories.js';

type World = Awaited<ReturnType<typeof makeProvinceWorld>>;

/** "X、Y牵头": the lead (leadDept) and a co-lead (coLead) on one task; a participant (otherDept) beside them. */
describe('co-leads: a task with more than one lead department', () => {
  let t: TestApp;
  let world: World;
  let coLead: { id: string; name: string };
  let auth: Record<'coordinator' | 'coLead' | 'participant' | 'lead', string>;
  let taskId: string;
  let soloTaskId: string;

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    coLead = await makeDepartment(t.db, world.province);
    const coLeadUser = await makeUser(t.db, 'department', { departmentId: coLead.id });
    auth = {
      coordinator: await bearer(t, world.users.coordinator.username),
      lead: await bearer(t, world.users.department.username),
      participant: await bearer(t, world.users.otherDepartment.username),
      coLead: await bearer(t, coLeadUser.username),
    };
    const { batchId } = await makeBatch(t.db, [{ name: '共同牵头的事项' }, { name: '只有牵头部门的事项' }]);
    const adopted = await t.http.post(`/api/batches/${batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id });
    [taskId, soloTaskId] = adopted.body.taskIds;
  });
  afterAll(() => t.close());

  it('the coordinator names a co-lead beside the lead and the participants, audited', async () => {
    const res = await t.http.patch(`/api/tasks/${taskId}`).set('Authorization', auth.coordinator)
      .send({ leadDepartmentId: world.leadDept.id, coLeadDepartmentIds: [coLead.id], participantDepartmentIds: [world.otherDept.id] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ leadDepartment: { id: world.leadDept.id }, coLeadDepartments: [{ id: coLead.id }], participants: [{ id: world.otherDept.id }] });
    expect(await t.db.query(`SELECT department_id, role FROM task_participant WHERE task_id = $1 ORDER BY role`, [taskId])).toEqual([
      { department_id: coLead.id, role: 'co_lead' },
      { department_id: world.otherDept.id, role: 'participant' },
    ]);
    const [audit] = await t.db.query(`SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'update' ORDER BY at DESC LIMIT 1`, [taskId]);
    expect(audit.after).toMatchObject({ coLeadDepartmentIds: [coLead.id], participantDepartmentIds: [world.otherDept.id] });
    // Changing the participants alone keeps the co-lead.
    await t.http.patch(`/api/tasks/${taskId}`).set('Authorization', auth.coordinator).send({ participantDepartmentIds: [world.otherDept.id] });
    expect((await t.http.get(`/api/tasks/${taskId}`).set('Authorization', auth.coordinator)).body.coLeadDepartments).toEqual([{ id: coLead.id, name: coLead.name }]);
    await t.http.patch(`/api/tasks/${soloTaskId}`).set('Authorization', auth.coordinator).send({ leadDepartmentId: world.leadDept.id });
  });

  it('refuses the lead as its own co-lead, or a department as both co-lead and participant (400 naming the field)', async () => {
    for (const body of [{ leadDepartmentId: world.leadDept.id, coLeadDepartmentIds: [world.leadDept.id] }, { coLeadDepartmentIds: [coLead.id], participantDepartmentIds: [coLead.id] }]) {
      const res = await t.http.patch(`/api/tasks/${taskId}`).set('Authorization', auth.coordinator).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('coLeadDepartmentIds');
    }
  });

  it('a co-lead works the task as the lead does: actions, status moves, milestones; a participant does not', async () => {
    const detail = await t.http.get(`/api/tasks/${taskId}`).set('Authorization', auth.coLead);
    expect(detail.body.allowedActions).toMatchObject({ work: true, manage: false });
    const moved = await t.http.post(`/api/tasks/${taskId}/transitions`).set('Authorization', auth.coLead).send({ to: 'in_progress' });
    expect(moved.status).toBe(200);
    const milestone = await t.http.post(`/api/tasks/${taskId}/milestones`).set('Authorization', auth.coLead).send({ title: '出台实施细则' });
    expect(milestone.status).toBe(201);
    expect((await t.http.post(`/api/tasks/${taskId}/transitions`).set('Authorization', auth.participant).send({ to: 'blocked', reason: '等待' })).status).toBe(403);
    expect((await t.http.post(`/api/tasks/${soloTaskId}/transitions`).set('Authorization', auth.coLead).send({ to: 'in_progress' })).status).toBe(403);
  });

  it('the 牵头 filter of my tasks lists it for the lead and the co-lead, the 参加 filter for the participant only', async () => {
    const ids = async (departmentId: string, role: string) =>
      (await t.http.get(`/api/tasks?departmentId=${departmentId}&departmentRole=${role}`).set('Authorization', auth.coordinator)).body.items.map((i: { id: string }) => i.id).sort();
    expect(await ids(world.leadDept.id, 'lead')).toEqual([taskId, soloTaskId].sort());
    expect(await ids(coLead.id, 'lead')).toEqual([taskId]);
    expect(await ids(coLead.id, 'participant')).toEqual([]);
    expect(await ids(world.otherDept.id, 'participant')).toEqual([taskId]);
  });

  it('rankings count the task once for each of its leads, and its completion for each', async () => {
    await t.db.query(`UPDATE task SET status = 'closed', closed_at = now() WHERE id = $1`, [taskId]);
    const res = await t.http.get('/api/dashboard/departments').set('Authorization', auth.coordinator);
    expect(res.status).toBe(200);
    const rows = Object.fromEntries(res.body.items.map((r: { departmentId: string; assigned: number; closed: number }) => [r.departmentId, [r.assigned, r.closed]]));
    expect(rows).toEqual({ [world.leadDept.id]: [2, 1], [coLead.id]: [1, 1] });
    const coLeadView = await t.http.get(`/api/dashboard/summary?departmentId=${coLead.id}`).set('Authorization', auth.coordinator);
    expect(coLeadView.body).toMatchObject({ total: 1, closed: 1 });
  });
  it('批量分工 sets co-leads on several tasks at once, and clears them', async () => {
    const { batchId } = await makeBatch(t.db, [{ name: '批量一' }, { name: '批量二' }]);
    const { taskIds } = (await t.http.post(`/api/batches/${batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id })).body;
    const set = await t.http.patch('/api/tasks/bulk').set('Authorization', auth.coordinator).send({ taskIds, leadDepartmentId: world.leadDept.id, coLeadDepartmentIds: [coLead.id] });
    expect(set.body).toEqual({ updated: 2 });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM task_participant WHERE task_id = ANY($1::uuid[]) AND role = 'co_lead'`, [taskIds])).toEqual([{ n: 2 }]);
    await t.http.patch('/api/tasks/bulk').set('Authorization', auth.coordinator).send({ taskIds, coLeadDepartmentIds: [] });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM task_participant WHERE task_id = ANY($1::uuid[])`, [taskIds])).toEqual([{ n: 0 }]);
  });
});

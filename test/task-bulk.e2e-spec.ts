import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeDepartment, makeProvinceWorld, makeUser } from './factories.js';
import { makeTasks } from './reminders-harness.js';

describe('批量分工: PATCH /api/tasks/bulk', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let other: Awaited<ReturnType<typeof makeProvinceWorld>>;
  const auth: Record<string, string> = {};

  const bulk = (body: object, who = 'coordinator') => t.http.patch('/api/tasks/bulk').set('Authorization', auth[who]!).send(body);
  const rows = (ids: string[]) =>
    t.db.query(
      `SELECT t.id, t.lead_department_id, t.due_date::text AS due, t.deadline_kind, array(SELECT department_id::text FROM task_participant p WHERE p.task_id = t.id ORDER BY 1) AS participants
       FROM task t WHERE t.id = ANY($1) ORDER BY array_position($1::uuid[], t.id)`,
      [ids],
    );

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    other = await makeProvinceWorld(t.db);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
  });
  afterAll(() => t.close());

  it('sets lead, participants and due date on every task in one go, one audit row each', async () => {
    const ids = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-01' }, { deadlineKind: 'ongoing' }, { dueDate: null, leadDepartmentId: world.otherDept.id }]);
    const res = await bulk({ taskIds: ids, leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.otherDept.id], dueDate: '2027-03-31' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 3 });
    for (const row of await rows(ids)) {
      expect(row).toMatchObject({ lead_department_id: world.leadDept.id, due: '2027-03-31', deadline_kind: 'date', participants: [world.otherDept.id] });
    }
    const audits = await t.db.query(`SELECT entity_id, actor_id, before, after FROM audit_event WHERE action = 'bulk_update' AND entity_id = ANY($1)`, [ids]);
    expect(audits).toHaveLength(3);
    const third = audits.find((a: { entity_id: string }) => a.entity_id === ids[2]);
    expect(third.actor_id).toBe(world.users.coordinator.id);
    expect([third.before.leadDepartmentId, third.after.leadDepartmentId]).toEqual([world.otherDept.id, world.leadDept.id]);
    expect(third.after.participantDepartmentIds).toEqual([world.otherDept.id]);
  });

  it('changes only what it is given', async () => {
    const ids = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-01', leadDepartmentId: world.otherDept.id }, { dueDate: '2026-12-02' }]);
    expect((await bulk({ taskIds: ids, dueDate: '2027-01-15' })).body).toEqual({ updated: 2 });
    expect((await rows(ids)).map((r: { lead_department_id: string | null; due: string }) => [r.lead_department_id, r.due])).toEqual([
      [world.otherDept.id, '2027-01-15'],
      [null, '2027-01-15'],
    ]);
  });

  it('answers 404 naming a task of another province (or unknown), and changes none of the others', async () => {
    const [mine] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-01' }]);
    const [theirs] = await makeTasks(t.db, other.province.id, [{ dueDate: '2026-12-01' }]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await bulk({ taskIds: [mine, theirs, unknown], dueDate: '2027-06-30' });
    expect(res.status).toBe(404);
    expect(res.body.message).toContain(theirs);
    expect(res.body.message).toContain(unknown);
    expect(res.body.message).not.toContain(mine);
    expect((await rows([mine!, theirs!])).map((r: { due: string }) => r.due)).toEqual(['2026-12-01', '2026-12-01']);
    expect(await count(t.db, 'audit_event', 'entity_id = ANY($1)', [[mine, theirs]])).toBe(0);
  });

  it('answers 409 naming closed tasks, and changes nothing', async () => {
    const ids = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-01' }, { status: 'closed', dueDate: '2026-06-30', name: '已销号的事项' }]);
    const res = await bulk({ taskIds: ids, leadDepartmentId: world.leadDept.id });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('已销号的事项');
    expect((await rows(ids)).map((r: { lead_department_id: string | null }) => r.lead_department_id)).toEqual([null, null]);
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const [id] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-01' }]);
    const foreignDept = await makeDepartment(t.db, other.province);
    const many = Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const cases: [object, string][] = [
      [{ dueDate: '2027-01-01' }, 'taskIds'],
      [{ taskIds: [], dueDate: '2027-01-01' }, 'taskIds'],
      [{ taskIds: many, dueDate: '2027-01-01' }, 'taskIds'],
      [{ taskIds: [id, id], dueDate: '2027-01-01' }, 'taskIds'],
      [{ taskIds: ['abc'], dueDate: '2027-01-01' }, 'taskIds'],
      [{ taskIds: [id] }, 'leadDepartmentId'],
      [{ taskIds: [id], dueDate: '2027-02-30' }, 'dueDate'],
      [{ taskIds: [id], leadDepartmentId: foreignDept.id }, 'leadDepartmentId'],
      [{ taskIds: [id], participantDepartmentIds: ['x'] }, 'participantDepartmentIds'],
      [{ taskIds: [id], leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.leadDept.id] }, 'participantDepartmentIds'],
      [{ taskIds: [id], outcome: '不在批量范围' }, 'outcome'],
    ];
    for (const [body, field] of cases) {
      const res = await bulk(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count(t.db, 'audit_event', 'entity_id = $1', [id])).toBe(0);
  });

  it('refuses departments, leaders, cities and the system administrator (三员分立) with 403', async () => {
    const [id] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-01' }]);
    for (const who of ['department', 'leader', 'city', 'admin']) expect((await bulk({ taskIds: [id], dueDate: '2027-01-01' }, who)).status).toBe(403);
    expect((await rows([id!]))[0].due).toBe('2026-12-01');
  });

  it('takes 500 tasks at once', async () => {
    const ids = await makeTasks(t.db, world.province.id, Array.from({ length: 500 }, () => ({ dueDate: '2026-12-01' })));
    const started = Date.now();
    const res = await bulk({ taskIds: ids, leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.otherDept.id] }, 'coordinator');
    expect(res.body).toEqual({ updated: 500 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await count(t.db, 'task', 'id = ANY($1) AND lead_department_id = $2', [ids, world.leadDept.id])).toBe(500);
    expect(await count(t.db, 'task_participant', 'task_id = ANY($1)', [ids])).toBe(500);
    expect(await count(t.db, 'audit_event', `action = 'bulk_update' AND entity_id = ANY($1)`, [ids])).toBe(500);
  });
});

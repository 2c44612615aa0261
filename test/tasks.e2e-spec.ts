import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeBatch, makeProvinceWorld, makeUser } from './factories.js';

describe('tasks: adopt, assign, move along, with permissions and audit', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let batch: Awaited<ReturnType<typeof makeBatch>>;
  const auth: Record<string, string> = {};
  let taskIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db, { coastal: false, has_ftz: false, has_special_customs_zone: true });
    batch = await makeBatch(t.db, [
      { name: '国际贸易单一窗口', deadlineDate: '2026-11-20' },
      { name: '企业准入单一窗口', deadlineDate: '2026-11-30' },
      { name: '融资租赁监管', deadlineDate: '2026-12-20' },
      { name: '社会信用体系建设', deadlineKind: 'ongoing', deadlineText: '持续实施' },
      { name: '扩大服务业开放', deadlineKind: 'conditional', deadlineText: '结合扩大开放情况' },
      { name: '沿海港口监管改革', scope: { kind: 'coastal', label: '沿海地区' }, deadlineDate: '2026-12-31' },
    ]);
    for (const [role, user] of Object.entries(world.users)) auth[role] = await bearer(t, user.username);
    auth.admin = await bearer(t, (await makeUser(t.db, 'admin')).username);
  });
  afterAll(() => t.close());

  describe('adopting a batch', () => {
    it('refuses departments, leaders and cities with 403 and creates nothing', async () => {
      for (const role of ['department', 'leader', 'city']) {
        const res = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth[role]).send({ regionId: world.province.id });
        expect(res.status).toBe(403);
      }
      expect(await count(t.db, 'task', 'region_id = $1', [world.province.id])).toBe(0);
    });

    it('creates one task per item with the item deadline, and marks out-of-scope items not applicable with the reason', async () => {
      const res = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 6, existing: 0, applicable: 5 });
      expect(res.body.notApplicable).toHaveLength(1);
      expect(res.body.notApplicable[0].reason).toContain('沿海');
      taskIds = res.body.taskIds;
      const rows = await t.db.query('SELECT t.status, t.due_date::text AS due, t.deadline_kind FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE t.region_id = $1 ORDER BY i.seq', [world.province.id]);
      expect(rows.map((r: { due: string | null }) => r.due)).toEqual(['2026-11-20', '2026-11-30', '2026-12-20', null, null, '2026-12-31']);
      expect(rows.map((r: { deadline_kind: string }) => r.deadline_kind)).toEqual(['date', 'date', 'date', 'ongoing', 'conditional', 'date']);
      expect(rows[5].status).toBe('not_applicable');
      expect(await count(t.db, 'audit_event', `entity_type = 'task' AND action = 'adopt' AND entity_id = ANY($1)`, [taskIds])).toBe(6);
      // national items roll out to both cities; the not-applicable coastal item to none
      expect(await count(t.db, 'rollout', 'task_id = ANY($1)', [taskIds])).toBe(10);
      expect(await count(t.db, 'rollout', 'task_id = $1', [taskIds[5]])).toBe(0);
    });

    it('is idempotent: adopting again creates nothing and reports what existed', async () => {
      const res = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 0, existing: 6 });
      expect(res.body.taskIds).toEqual(taskIds);
      expect(await count(t.db, 'task', 'region_id = $1', [world.province.id])).toBe(6);
    });

    it('refuses a city as the adopting region, and unknown ids', async () => {
      const city = await t.http.post(`/api/batches/${batch.batchId}/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.cities[0].id });
      expect(city.status).toBe(400);
      expect(city.body.errors[0].field).toBe('regionId');
      expect((await t.http.post(`/api/batches/00000000-0000-4000-8000-000000000000/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id })).status).toBe(404);
      expect((await t.http.post(`/api/batches/not-a-uuid/adopt`).set('Authorization', auth.coordinator).send({ regionId: world.province.id })).status).toBe(400);
    });
  });

  describe('assigning (PATCH)', () => {
    it('lets the coordinator set lead, participants and due date, and audits before/after', async () => {
      const res = await t.http
        .patch(`/api/tasks/${taskIds[0]}`)
        .set('Authorization', auth.coordinator)
        .send({ leadDepartmentId: world.leadDept.id, participantDepartmentIds: [world.otherDept.id], dueDate: '2026-11-20', outcome: '建成并上线' });
      expect(res.status).toBe(200);
      expect(res.body.leadDepartment.id).toBe(world.leadDept.id);
      expect(res.body.participants.map((d: { id: string }) => d.id)).toEqual([world.otherDept.id]);
      const [audit] = await t.db.query(`SELECT before, after FROM audit_event WHERE entity_id = $1 AND action = 'update'`, [taskIds[0]]);
      expect(audit.before.leadDepartmentId).toBeNull();
      expect(audit.after.leadDepartmentId).toBe(world.leadDept.id);
      expect(audit.after.participantDepartmentIds).toEqual([world.otherDept.id]);
      for (const id of taskIds.slice(1, 5)) {
        expect((await t.http.patch(`/api/tasks/${id}`).set('Authorization', auth.coordinator).send({ leadDepartmentId: world.leadDept.id })).status).toBe(200);
      }
    });

    it('forbids departments and leaders from assigning (403, nothing written)', async () => {
      for (const role of ['department', 'leader', 'city']) {
        const res = await t.http.patch(`/api/tasks/${taskIds[1]}`).set('Authorization', auth[role]).send({ dueDate: '2030-01-01' });
        expect(res.status).toBe(403);
      }
      const [row] = await t.db.query('SELECT due_date::text AS due FROM task WHERE id = $1', [taskIds[1]]);
      expect(row.due).toBe('2026-11-30');
    });

    it('answers bad input with 400 naming the field and writes nothing', async () => {
      const before = await count(t.db, 'audit_event', 'entity_id = $1', [taskIds[1]]);
      const cases: [object, string][] = [
        [{ dueDate: '2026-02-30' }, 'dueDate'],
        [{ dueDate: 20261231 }, 'dueDate'],
        [{ leadDepartmentId: 'abc' }, 'leadDepartmentId'],
        [{ leadDepartmentId: '00000000-0000-4000-8000-000000000000' }, 'leadDepartmentId'],
        [{ participantDepartmentIds: 'x' }, 'participantDepartmentIds'],
        [{ unknownField: 1 }, 'unknownField'],
        [{ outcome: 'x'.repeat(10_240) }, 'outcome'],
        [{ deadlineKind: 'ongoing', dueDate: '2026-12-01' }, 'dueDate'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.patch(`/api/tasks/${taskIds[1]}`).set('Authorization', auth.coordinator).send(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const malformed = await t.http.patch(`/api/tasks/${taskIds[1]}`).set('Authorization', auth.coordinator).set('Content-Type', 'application/json').send('{"dueDate": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toMatch(/JSON/);
      expect((await t.http.patch(`/api/tasks/00000000-0000-4000-8000-000000000000`).set('Authorization', auth.coordinator).send({ outcome: 'x' })).status).toBe(404);
      expect(await count(t.db, 'audit_event', 'entity_id = $1', [taskIds[1]])).toBe(before);
    });
  });

  describe('transitions', () => {
    const move = (id: string, role: string, to: string, reason?: string) => t.http.post(`/api/tasks/${id}/transitions`).set('Authorization', auth[role]).send({ to, reason });

    it('lets the lead department start, block, unblock and submit; the coordinator closes and reopens', async () => {
      const id = taskIds[0];
      expect((await move(id, 'department', 'in_progress')).status).toBe(200);
      expect((await move(id, 'department', 'blocked')).status).toBe(400); // reason required
      expect((await move(id, 'department', 'blocked', '等待海关总署系统对接')).body.status).toBe('blocked');
      expect((await move(id, 'department', 'in_progress')).status).toBe(200);
      expect((await move(id, 'department', 'submitted')).body.status).toBe('submitted');
      expect((await move(id, 'department', 'closed')).status).toBe(403);
      const closed = await move(id, 'coordinator', 'closed', '经核验，成果材料齐全');
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', statusLabel: '已销号', closeNote: '经核验，成果材料齐全' });
      expect((await move(id, 'coordinator', 'in_progress')).status).toBe(400); // reopen needs a reason
      expect((await move(id, 'coordinator', 'in_progress', '复核发现系统未全面上线')).body.status).toBe('in_progress');
      const actions = await t.db.query(`SELECT action, before->>'status' AS from_status, after->>'status' AS to_status FROM audit_event WHERE entity_id = $1 AND entity_type = 'task' AND action NOT IN ('adopt', 'update') ORDER BY at`, [id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['start', 'block', 'unblock', 'submit', 'close', 'reopen']);
      expect(actions[4]).toMatchObject({ from_status: 'submitted', to_status: 'closed' });
      // The audit row holds the task as it was and as the move left it, down to the columns only some moves write.
      const rows = await t.db.query(`SELECT action, actor_username, before, after FROM audit_event WHERE entity_id = $1 AND action IN ('close', 'reopen') ORDER BY at`, [id]);
      expect(rows[0]).toEqual({
        action: 'close',
        actor_username: expect.stringMatching(/^coordinator_/),
        before: { status: 'submitted', statusReason: null, notApplicableReason: null, closeNote: null },
        after: { status: 'closed', statusReason: '经核验，成果材料齐全', notApplicableReason: null, closeNote: '经核验，成果材料齐全', closedAt: '2026-11-26T02:00:00.000Z' },
      });
      expect(rows[1].before).toMatchObject({ status: 'closed', closeNote: '经核验，成果材料齐全' });
      expect(rows[1].after).toMatchObject({ status: 'in_progress', statusReason: '复核发现系统未全面上线', closedAt: null });
      const [stored] = await t.db.query('SELECT status, closed_at, close_note, submitted_at IS NOT NULL AS submitted FROM task WHERE id = $1', [id]);
      expect(stored).toEqual({ status: 'in_progress', closed_at: null, close_note: '经核验，成果材料齐全', submitted: true });
    });

    it('answers 409 naming both statuses for a move the workflow does not allow, and changes nothing', async () => {
      const res = await move(taskIds[1], 'coordinator', 'closed');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ currentStatus: 'not_started', requestedStatus: 'closed' });
      expect(res.body.message).toContain('not_started');
      const [row] = await t.db.query('SELECT status FROM task WHERE id = $1', [taskIds[1]]);
      expect(row.status).toBe('not_started');
    });

    it('lets the coordinator return a submission with a reason and override applicability', async () => {
      const id = taskIds[2];
      await move(id, 'department', 'in_progress');
      await move(id, 'department', 'submitted');
      expect((await move(id, 'coordinator', 'in_progress', '佐证材料不足')).body.status).toBe('in_progress');
      const override = await move(taskIds[5], 'coordinator', 'not_started', '本省港口事项经研究适用');
      expect(override.body).toMatchObject({ status: 'not_started', notApplicableReason: null, applicabilityOverridden: true });
      const na = await move(taskIds[4], 'coordinator', 'not_applicable', '本省暂不具备条件');
      expect(na.body).toMatchObject({ status: 'not_applicable', notApplicableReason: '本省暂不具备条件' });
    });

    it('lets only one of two simultaneous moves win; the other gets 409 and writes no audit row', async () => {
      const id = taskIds[2]; // in_progress after the return above
      const [a, b] = await Promise.all([move(id, 'department', 'submitted'), move(id, 'coordinator', 'blocked', '同时操作')]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [row] = await t.db.query('SELECT status FROM task WHERE id = $1', [id]);
      const winner = a.status === 200 ? a : b;
      expect(row.status).toBe(winner.body.status);
      expect(await count(t.db, 'audit_event', `entity_id = $1 AND action IN ('submit', 'block')`, [id])).toBe(2); // the earlier submit + this one move
    });

    it('forbids other departments, leaders and cities (403, nothing written), and validates the target status', async () => {
      const before = await count(t.db, 'audit_event', 'entity_id = $1', [taskIds[3]]);
      for (const role of ['otherDepartment', 'leader', 'city']) expect((await move(taskIds[3], role, 'in_progress')).status).toBe(403);
      expect((await move(taskIds[3], 'department', 'done')).status).toBe(400);
      expect(await count(t.db, 'audit_event', 'entity_id = $1', [taskIds[3]])).toBe(before);
    });
  });

  describe('listing', () => {
    const list = (query: string, role = 'leader') => t.http.get(`/api/tasks?${query}`).set('Authorization', auth[role]);

    it('filters by overdue and due-within against today, by department, status and text', async () => {
      const overdue = await list(`batchId=${batch.batchId}&overdue=true`);
      expect(overdue.status).toBe(200);
      // seq 1 was reopened (due 2026-11-20, today 2026-11-26)
      expect(overdue.body.items.map((i: { reformItem: { seq: number } }) => i.reformItem.seq)).toEqual([1]);
      expect(overdue.body.items[0].overdue).toBe(true);
      const soon = await list(`batchId=${batch.batchId}&dueWithinDays=14`);
      expect(soon.body.items.map((i: { reformItem: { seq: number } }) => i.reformItem.seq)).toEqual([2]);
      const month = await list(`batchId=${batch.batchId}&dueWithinDays=40&sort=dueDate&order=desc`);
      expect(month.body.items.map((i: { reformItem: { seq: number } }) => i.reformItem.seq)).toEqual([6, 3, 2]);
      const byDept = await list(`departmentId=${world.otherDept.id}`);
      expect(byDept.body.total).toBe(1);
      const byStatus = await list(`batchId=${batch.batchId}&status=not_started,not_applicable`);
      expect(byStatus.body.total).toBe(4);
      // Beside the list: how many apply and why the others don't (seq 5 was marked not applicable by hand above).
      expect(byStatus.body.applicability).toEqual({ applicable: 3, notApplicable: 1, pendingDecision: 0, reasons: [{ reason: '本省暂不具备条件', count: 1 }] });
      const whole = await list(`batchId=${batch.batchId}&pageSize=2&page=9`);
      expect(whole.body.items).toEqual([]);
      expect(whole.body.applicability).toMatchObject({ applicable: 5, notApplicable: 1 });
      const text = await list(`q=${encodeURIComponent('单一窗口')}`);
      expect(text.body.total).toBe(2);
    });

    it('paginates with a total and keeps other provinces out of sight', async () => {
      const page = await list(`batchId=${batch.batchId}&page=2&pageSize=4`);
      expect(page.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
      expect(page.body.items).toHaveLength(2);
      const stranger = await makeProvinceWorld(t.db);
      const strangerAuth = await bearer(t, stranger.users.coordinator.username);
      expect((await t.http.get(`/api/tasks?batchId=${batch.batchId}`).set('Authorization', strangerAuth)).body.total).toBe(0);
      expect((await t.http.get(`/api/tasks/${taskIds[0]}`).set('Authorization', strangerAuth)).status).toBe(404);
      expect((await t.http.get(`/api/tasks?batchId=${batch.batchId}`).set('Authorization', auth.admin)).body.total).toBe(6);
    });

    it('refuses bad filters with 400', async () => {
      for (const q of ['overdue=maybe', 'dueWithinDays=-1', 'status=finished', 'pageSize=1000', 'departmentId=abc', 'sort=name']) {
        expect({ q, status: (await list(q)).status }).toEqual({ q, status: 400 });
      }
    });

    it('shows one task with item, departments, milestones and its history', async () => {
      const res = await t.http.get(`/api/tasks/${taskIds[0]}`).set('Authorization', auth.city);
      expect(res.status).toBe(200);
      expect(res.body.reformItem).toMatchObject({ seq: 1, name: '国际贸易单一窗口', batchId: batch.batchId });
      expect(res.body.leadDepartment.id).toBe(world.leadDept.id);
      expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['adopt', 'update', 'start', 'block', 'unblock', 'submit', 'close', 'reopen']);
      expect(res.body.milestones).toEqual([]);
    });

    it('tells each caller which actions it may take on the task, and only those', async () => {
      const actionsOf = async (role: string) => (await t.http.get(`/api/tasks/${taskIds[0]}`).set('Authorization', auth[role])).body.allowedActions;
      // taskIds[0] is in progress again after the reopen above.
      expect(await actionsOf('department')).toEqual({
        manage: false,
        work: true,
        transitions: [
          { to: 'submitted', action: 'submit', label: '提交销号', reasonRequired: false },
          { to: 'blocked', action: 'block', label: '标记受阻', reasonRequired: true },
        ],
      });
      const coordinator = await actionsOf('coordinator');
      expect(coordinator).toMatchObject({ manage: true, work: true });
      expect(coordinator.transitions.map((o: { action: string }) => o.action)).toEqual(['submit', 'block', 'mark_not_applicable']);
      for (const role of ['otherDepartment', 'leader', 'city']) expect(await actionsOf(role)).toEqual({ manage: false, work: false, transitions: [] });
    });
  });

  describe('milestones', () => {
    it('lets the lead department keep milestones; others get 403; every write is audited', async () => {
      const url = `/api/tasks/${taskIds[1]}/milestones`;
      const created = await t.http.post(url).set('Authorization', auth.department).send({ title: '出台实施方案', dueDate: '2026-11-25', deadlineText: '2026年11月25日前' });
      expect(created.status).toBe(201);
      expect(created.body.overdue).toBe(true);
      expect((await t.http.post(url).set('Authorization', auth.otherDepartment).send({ title: 'x' })).status).toBe(403);
      expect((await t.http.post(url).set('Authorization', auth.leader).send({ title: 'x' })).status).toBe(403);
      expect((await t.http.post(url).set('Authorization', auth.department).send({ title: '' })).status).toBe(400);
      const done = await t.http.patch(`${url}/${created.body.id}`).set('Authorization', auth.department).send({ done: true });
      expect(done.status).toBe(200);
      expect(done.body.doneAt).not.toBeNull();
      expect(done.body.overdue).toBe(false);
      expect((await t.http.get(url).set('Authorization', auth.leader)).body).toHaveLength(1);
      expect((await t.http.delete(`${url}/${created.body.id}`).set('Authorization', auth.coordinator)).status).toBe(204);
      expect((await t.http.delete(`${url}/${created.body.id}`).set('Authorization', auth.coordinator)).status).toBe(404);
      const actions = await t.db.query(`SELECT action FROM audit_event WHERE entity_type = 'milestone' AND entity_id = $1 ORDER BY at`, [created.body.id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'delete']);
    });
  });
});

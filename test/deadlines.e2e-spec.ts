import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeBatch, makeProvinceWorld } from './factories.js';
import { settle, startWorker, type WorkerHandle } from './reminders-harness.js';

type World = Awaited<ReturnType<typeof makeProvinceWorld>>;

/** Items as pilot task lists write them: one dated, one 持续实施, and two without any 时限 (one unreadable). */
const ITEMS = [
  { name: '有时限的事项', deadlineText: '2026年12月31日前', deadlineDate: '2026-12-31' },
  { name: '持续实施的事项', deadlineKind: 'ongoing' as const, deadlineText: '持续实施' },
  { name: '未写时限的事项', deadlineKind: 'unparsed' as const },
  { name: '时限无法识别的事项', deadlineKind: 'unparsed' as const, deadlineText: '适时' },
];

describe('items without a 时限: provincial default at adoption, 未设时限 counted and chased', () => {
  let t: TestApp;
  let world: World;
  let coordinator: string;
  let worker: WorkerHandle;

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    coordinator = await bearer(t, world.users.coordinator.username);
    worker = await startWorker(t.clock);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const adopt = (batchId: string, body: object = {}) => t.http.post(`/api/batches/${batchId}/adopt`).set('Authorization', coordinator).send({ regionId: world.province.id, ...body });
  const tasksOf = (batchId: string) =>
    t.db.query(`SELECT i.name, t.deadline_kind, t.due_date::text AS due FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE i.batch_id = $1 ORDER BY i.seq`, [batchId]);

  it('the preview marks items without a 时限, and adoption gives them the provincial default date, audited', async () => {
    const { batchId } = await makeBatch(t.db, ITEMS);
    const preview = await t.http.get(`/api/batches/${batchId}/adoption-preview?regionId=${world.province.id}`).set('Authorization', coordinator);
    expect(preview.body.items.map((i: { withoutDeadline: boolean }) => i.withoutDeadline)).toEqual([false, false, true, true]);

    const res = await adopt(batchId, { defaultDeadline: { kind: 'date', dueDate: '2027-06-30' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 4, defaultDeadlineApplied: 2, withoutDeadline: 0 });
    expect(await tasksOf(batchId)).toEqual([
      { name: '有时限的事项', deadline_kind: 'date', due: '2026-12-31' },
      { name: '持续实施的事项', deadline_kind: 'ongoing', due: null },
      { name: '未写时限的事项', deadline_kind: 'date', due: '2027-06-30' },
      { name: '时限无法识别的事项', deadline_kind: 'date', due: '2027-06-30' },
    ]);
    expect(await count(t.db, 'audit_event', `entity_type = 'task' AND action = 'adopt' AND after ? 'provincialDeadline' AND entity_id IN (SELECT id FROM task WHERE reform_item_id IN (SELECT id FROM reform_item WHERE batch_id = $1))`, [batchId])).toBe(2);
  });

  it('持续实施 as the default', async () => {
    const { batchId } = await makeBatch(t.db, ITEMS);
    expect((await adopt(batchId, { defaultDeadline: { kind: 'ongoing' } })).body).toMatchObject({ defaultDeadlineApplied: 2, withoutDeadline: 0 });
    expect((await tasksOf(batchId)).map((r: { deadline_kind: string }) => r.deadline_kind)).toEqual(['date', 'ongoing', 'ongoing', 'ongoing']);
  });

  it('refuses a default that is not a date or 持续实施 with 400 naming the field, and writes nothing', async () => {
    const { batchId } = await makeBatch(t.db, ITEMS);
    for (const [body, field] of [
      [{ kind: 'date' }, 'defaultDeadline.dueDate'],
      [{ kind: 'date', dueDate: '2027-02-30' }, 'defaultDeadline.dueDate'],
      [{ kind: 'soon' }, 'defaultDeadline.kind'],
      [{ kind: 'ongoing', dueDate: '2027-06-30' }, 'defaultDeadline.dueDate'],
    ] as const) {
      const res = await adopt(batchId, { defaultDeadline: body });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await count(t.db, 'task t JOIN reform_item i ON i.id = t.reform_item_id', 'i.batch_id = $1', [batchId])).toBe(0);
  });

  describe('without a default: 未设时限', () => {
    let batchId: string;
    let undatedIds: string[];

    beforeAll(async () => {
      ({ batchId } = await makeBatch(t.db, ITEMS));
      const res = await adopt(batchId);
      expect(res.body).toMatchObject({ created: 4, defaultDeadlineApplied: 0, withoutDeadline: 2 });
      undatedIds = (await t.db.query(`SELECT t.id FROM task t JOIN reform_item i ON i.id = t.reform_item_id WHERE i.batch_id = $1 AND t.due_date IS NULL AND t.deadline_kind = 'date' ORDER BY i.seq`, [batchId])).map((r: { id: string }) => r.id);
    });

    it('the task list counts them and filters on them, and the task says 未设时限', async () => {
      const all = await t.http.get(`/api/tasks?batchId=${batchId}`).set('Authorization', coordinator);
      expect(all.body.deadlines).toEqual({ withoutDeadline: 2 });
      const only = await t.http.get(`/api/tasks?batchId=${batchId}&withoutDeadline=true`).set('Authorization', coordinator);
      expect(only.body.items.map((i: { id: string }) => i.id)).toEqual(undatedIds);
      expect(only.body.items[0]).toMatchObject({ withoutDeadline: true, deadlineKindLabel: '未设时限', overdue: false });
      expect((await t.http.get(`/api/tasks?batchId=${batchId}&withoutDeadline=false`).set('Authorization', coordinator)).body.total).toBe(2);
    });

    it('the dashboards count them', async () => {
      const res = await t.http.get(`/api/dashboard/summary?batchId=${batchId}`).set('Authorization', coordinator);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 4, withoutDeadline: 2, overdue: 0 });
    });

    it('the sweep sends the coordinator one list a week, until each task is dated', async () => {
      const sweep = async () => {
        const res = await t.http.post('/api/admin/reminders/sweep').set('Authorization', coordinator).send({});
        expect(res.status).toBe(200);
        await settle(t);
        return res.body as { notices: { kind: string }[] };
      };
      const lists = () => t.db.query(`SELECT recipient_role, department_id, title, body, link FROM notification WHERE province_id = $1 AND kind = 'deadline_missing'`, [world.province.id]);
      expect((await sweep()).notices.filter((n) => n.kind === 'deadline_missing')).toHaveLength(1);
      await sweep();
      const [notice, ...more] = await lists();
      expect(more).toEqual([]);
      expect(notice).toMatchObject({ recipient_role: 'coordinator', department_id: null, title: expect.stringContaining('未设时限'), link: expect.stringContaining('/tasks?withoutDeadline=true') });
      expect(notice.body).toContain('未写时限的事项');
      expect(notice.body).toContain('时限无法识别的事项');
      expect(notice.body).not.toContain('有时限的事项');
      const inbox = await t.http.get('/api/me/notifications').set('Authorization', coordinator);
      expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('deadline_missing');

      // The coordinator dates them one by one; next week there is nothing to send.
      for (const id of undatedIds) {
        const res = await t.http.patch(`/api/tasks/${id}`).set('Authorization', coordinator).send({ dueDate: '2027-03-31' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ withoutDeadline: false, dueDate: '2027-03-31' });
      }
      t.clock.set('2026-12-03T02:00:00Z');
      expect((await sweep()).notices.filter((n) => n.kind === 'deadline_missing')).toEqual([]);
      expect(await lists()).toHaveLength(1);
    });
  });
});

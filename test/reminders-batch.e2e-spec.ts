import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { WorkerSettings } from '../apps/worker/src/worker-settings.js';
import { createTestApp, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeDepartment, makeProvinceWorld } from './factories.js';
import { hook, makeTasks, queues, settle, startWorker, testSettings, type Hook, type WorkerHandle } from './reminders-harness.js';

jest.setTimeout(60_000);

interface PlannedView {
  jobId: string;
  taskId: string;
  subjectType: 'task' | 'milestone';
  subjectId: string;
  kind: string;
  recipient: string;
}

/**
 * Deadline notices that a worker's concurrent jobs hand in together are stored by one statement (NoticeBatcher):
 * each must still come out exactly as a notice processed alone — one notification, its deliveries, one audit row.
 */
describe('deadline notices stored in batches (worker in-process, real Redis and PostgreSQL)', () => {
  let t: TestApp;
  let worker: WorkerHandle;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let coordinatorAuth: string;
  let departmentHook: Hook;
  let provinceHook: Hook;
  let department: { id: string; name: string };
  let firstTasks: string[] = [];

  const at = (date: string) => t.clock.set(`${date}T02:00:00Z`); // 10:00 in Shanghai
  /** Sweeps with the notice queue paused, so that the worker finds every notice waiting at once. */
  const sweepAtOnce = async (): Promise<PlannedView[]> => {
    await queues(t).notifications.pause();
    const res = await t.http.post('/api/admin/reminders/sweep').set('Authorization', coordinatorAuth).send({});
    expect(res.status).toBe(200);
    return res.body.notices as PlannedView[];
  };
  const resumeAndSettle = async () => {
    await queues(t).notifications.resume();
    await settle(t);
  };
  const outcomeOf = async (jobId: string) => (await queues(t).notifications.getJob(jobId))?.returnvalue;

  beforeAll(async () => {
    [departmentHook, provinceHook] = await Promise.all([hook(200), hook(200)]);
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    coordinatorAuth = await bearer(t, world.users.coordinator.username);
    department = await makeDepartment(t.db, world.province);
    await t.db.query('UPDATE department SET webhook_url = $1 WHERE id = $2', [departmentHook.url, department.id]);
    // Fifty notice jobs at a time: the batches are what this suite is about.
    worker = await startWorker(t.clock, testSettings({ provinceWebhookUrl: provinceHook.url }), new WorkerSettings(50, 1000, 500));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    for (const h of [departmentHook, provinceHook]) h?.server.close();
  });

  it('stores many notices together: one notification, its deliveries and one audit row each, every webhook posted once', async () => {
    firstTasks = await makeTasks(t.db, world.province.id, Array.from({ length: 40 }, (_, i) => ({ dueDate: '2026-11-05', leadDepartmentId: department.id, name: `批量督办事项${i + 1}` })));
    // 15 working days overdue: the four ladder steps of every task are due at once. Outside the quarter's reporting
    // window, so that no report notice joins in.
    at('2026-11-26');
    const planned = await sweepAtOnce();
    expect(planned.filter((p) => firstTasks.includes(p.taskId))).toHaveLength(160);
    await resumeAndSettle();

    const perTask: { task_id: string; n: number; steps: number[] }[] = await t.db.query(
      `SELECT task_id, count(*)::int AS n, array_agg(step ORDER BY step) AS steps FROM notification WHERE task_id = ANY($1) GROUP BY task_id`,
      [firstTasks],
    );
    expect(perTask).toHaveLength(40);
    expect(perTask.every((r) => r.n === 4 && r.steps.join() === '0,3,7,14')).toBe(true);

    // Each notice: its inbox, sent at once, and one webhook (the department's for liaison and head, the province's above).
    const deliveries: { recipient_role: string; channel: string; target: string; status: string; n: number }[] = await t.db.query(
      `SELECT n.recipient_role, d.channel, CASE WHEN d.channel = 'inbox' THEN split_part(d.target, '/', 1) ELSE d.target END AS target, d.status, count(*)::int AS n
       FROM notification n JOIN notification_delivery d ON d.notification_id = n.id WHERE n.task_id = ANY($1)
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2`,
      [firstTasks],
    );
    expect(deliveries).toEqual([
      { recipient_role: 'coordinator', channel: 'inbox', target: 'province', status: 'sent', n: 40 },
      { recipient_role: 'coordinator', channel: 'webhook', target: provinceHook.url, status: 'sent', n: 40 },
      { recipient_role: 'head', channel: 'inbox', target: 'department', status: 'sent', n: 40 },
      { recipient_role: 'head', channel: 'webhook', target: departmentHook.url, status: 'sent', n: 40 },
      { recipient_role: 'leader', channel: 'inbox', target: 'province', status: 'sent', n: 40 },
      { recipient_role: 'leader', channel: 'webhook', target: provinceHook.url, status: 'sent', n: 40 },
      { recipient_role: 'liaison', channel: 'inbox', target: 'department', status: 'sent', n: 40 },
      { recipient_role: 'liaison', channel: 'webhook', target: departmentHook.url, status: 'sent', n: 40 },
    ]);
    expect(departmentHook.calls).toHaveLength(80);
    expect(provinceHook.calls).toHaveLength(80);

    // One history entry per notice, naming it, on its task.
    expect(await count(t.db, 'audit_event', `entity_type = 'task' AND entity_id = ANY($1) AND action LIKE 'notice_%'`, [firstTasks])).toBe(160);
    const [liaison] = await t.db.query(`SELECT id, title FROM notification WHERE task_id = $1 AND step = 0`, [firstTasks[0]]);
    const [audit] = await t.db.query(`SELECT actor_id, action, before, after FROM audit_event WHERE entity_type = 'task' AND entity_id = $1 AND after->>'notificationId' = $2`, [firstTasks[0], liaison.id]);
    expect(liaison.title).toBe('【提醒】“批量督办事项1”已逾期15个工作日（到期日：2026年11月5日）');
    expect(audit).toEqual({
      actor_id: null,
      action: 'notice_remind',
      before: null,
      after: { notificationId: liaison.id, kind: 'overdue', step: 0, level: 'remind', recipientRole: 'liaison', milestoneId: null, period: null, title: liaison.title, channels: ['inbox', 'webhook'] },
    });
    // One statement stores a whole batch, and all its audit rows carry that statement's transaction time.
    const [{ statements }] = await t.db.query(`SELECT count(DISTINCT at)::int AS statements FROM audit_event WHERE entity_id = ANY($1) AND action LIKE 'notice_%'`, [firstTasks]);
    expect(statements).toBeLessThan(40);
  });

  it('re-runs stored notices beside new ones: only their deliveries still pending are enqueued, nothing is stored twice', async () => {
    // As if a worker died after storing three notices and before their department webhooks went out.
    const rerun: { dedup_key: string; delivery_id: string }[] = await t.db.query(
      `SELECT n.dedup_key, d.id AS delivery_id FROM notification n JOIN notification_delivery d ON d.notification_id = n.id AND d.channel = 'webhook'
       WHERE n.task_id = ANY($1) AND n.recipient_role = 'liaison' ORDER BY n.dedup_key LIMIT 3`,
      [firstTasks],
    );
    const notifications = queues(t).notifications;
    const jobs = await Promise.all(rerun.map((r) => notifications.getJob(r.dedup_key)));
    for (const r of rerun) {
      await t.db.query(`UPDATE notification_delivery SET status = 'pending', attempts = 0, sent_at = NULL WHERE id = $1`, [r.delivery_id]);
      await queues(t).deliveries.remove(`delivery|${r.delivery_id}`);
      await notifications.remove(r.dedup_key);
    }
    const webhooksBefore = departmentHook.calls.length;
    const auditBefore = await count(t.db, 'audit_event', `action LIKE 'notice_%'`);

    const fresh = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-03', leadDepartmentId: department.id, name: '新到期事项' }]);
    const planned = await sweepAtOnce(); // T-7 for the new task; the stored notices are not planned again
    expect(planned.map((p) => p.taskId)).toEqual(fresh);
    await notifications.addBulk(jobs.map((j) => ({ name: j!.name, data: j!.data, opts: { ...j!.opts, jobId: j!.id } })));
    await resumeAndSettle();

    for (const r of rerun) expect(await outcomeOf(r.dedup_key)).toMatchObject({ status: 'sent', created: false, deliveriesEnqueued: 1 });
    expect(await outcomeOf(planned[0]!.jobId)).toMatchObject({ status: 'sent', created: true, deliveriesEnqueued: 1 });
    expect(departmentHook.calls.length - webhooksBefore).toBe(4); // the three left pending, and the new notice's
    expect(await count(t.db, 'notification_delivery', `id = ANY($1) AND status = 'sent' AND attempts = 1`, [rerun.map((r) => r.delivery_id)])).toBe(3);
    expect(await count(t.db, 'notification', 'task_id = ANY($1)', [firstTasks])).toBe(160);
    expect(await count(t.db, 'audit_event', `action LIKE 'notice_%'`)).toBe(auditBefore + 1);
  });

  it('skips, in a batch, just the notices whose subject was closed, deleted, done or moved since the sweep', async () => {
    const tasks = await makeTasks(t.db, world.province.id, Array.from({ length: 10 }, (_, i) => ({ dueDate: '2026-12-10', leadDepartmentId: department.id, name: `跳过测试事项${i + 1}` })));
    const [closed, deleted, withGoneMilestone, withDoneMilestone, moved, ...open] = tasks;
    const [goneMilestone, doneMilestone] = await Promise.all(
      [withGoneMilestone, withDoneMilestone].map(async (taskId) => (await t.db.query(`INSERT INTO milestone (task_id, title, due_date) VALUES ($1, '完成配套制度', '2026-12-10') RETURNING id`, [taskId]))[0].id as string),
    );
    // T-14 for every task and both milestones (still today, 2026-11-26)
    const planned = (await sweepAtOnce()).filter((p) => tasks.includes(p.taskId));
    expect(planned).toHaveLength(12);
    const jobOf = (subjectId: string) => planned.find((p) => p.subjectId === subjectId)!.jobId;

    await t.db.query(`UPDATE task SET status = 'closed' WHERE id = $1`, [closed]);
    await t.db.query(`DELETE FROM task WHERE id = $1`, [deleted]);
    await t.db.query(`DELETE FROM milestone WHERE id = $1`, [goneMilestone]);
    await t.db.query(`UPDATE milestone SET done_at = now() WHERE id = $1`, [doneMilestone]);
    await t.db.query(`UPDATE task SET due_date = '2026-12-17' WHERE id = $1`, [moved]);
    await resumeAndSettle();

    expect(await outcomeOf(jobOf(closed!))).toEqual({ status: 'skipped', reason: 'task closed' });
    expect(await outcomeOf(jobOf(deleted!))).toEqual({ status: 'skipped', reason: 'task deleted' });
    expect(await outcomeOf(jobOf(goneMilestone))).toEqual({ status: 'skipped', reason: 'milestone deleted' });
    expect(await outcomeOf(jobOf(doneMilestone))).toEqual({ status: 'skipped', reason: 'milestone done' });
    expect(await outcomeOf(jobOf(moved!))).toEqual({ status: 'skipped', reason: 'due date changed' });
    expect(await queues(t).notifications.getFailedCount()).toBe(0);
    // The tasks of both milestones still get their own notice; so does every untouched task.
    const stored: { task_id: string; milestone_id: string | null }[] = await t.db.query(
      `SELECT task_id, milestone_id FROM notification WHERE task_id = ANY($1) ORDER BY task_id`,
      [tasks],
    );
    expect(stored.map((s) => s.task_id).sort()).toEqual([withGoneMilestone, withDoneMilestone, ...open].sort());
    expect(stored.every((s) => s.milestone_id === null)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { JobName } from '#libs/queue';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeProvinceWorld } from './factories.js';
import { makeTasks, noticesOf, queues, settle, startWorker, waitUntil, type WorkerHandle } from './reminders-harness.js';

type World = Awaited<ReturnType<typeof makeProvinceWorld>>;

jest.setTimeout(60_000);

describe('reminders and escalation (worker in-process, real Redis and PostgreSQL)', () => {
  let t: TestApp;
  let world: World;
  let auth: Record<string, string>;
  let workers: WorkerHandle[] = [];

  const at = (date: string) => t.clock.set(`${date}T02:00:00Z`); // 10:00 in Shanghai
  const sweep = async (who = 'coordinator', body: object = {}) => {
    const res = await t.http.post('/api/admin/reminders/sweep').set('Authorization', auth[who]!).send(body);
    expect(res.status).toBe(200);
    return res.body as { today: string; workingDay: boolean; enqueued: number; alreadySent: number; notices: { jobId: string; taskId?: string; kind: string }[] };
  };
  const sweepAndSettle = async (who = 'coordinator') => {
    const result = await sweep(who);
    await settle(t);
    return result;
  };
  const inbox = async (who: string, query = '') => (await t.http.get(`/api/me/notifications${query}`).set('Authorization', auth[who]!)).body;

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    auth = Object.fromEntries(await Promise.all(Object.entries(world.users).map(async ([role, u]) => [role, await bearer(t, u.username)] as const)));
    // Two worker processes' worth of consumers on the same Redis and database.
    workers = [await startWorker(t.clock), await startWorker(t.clock)];
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await t.close();
  });

  it('sends the T-7 notice to the liaison exactly once, after concurrent and repeated sweeps on two workers', async () => {
    t.clock.set(TEST_NOW); // Thursday 2026-11-26
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id, name: '国际贸易单一窗口' }]);
    const [a, b] = await Promise.all([sweep(), sweep()]);
    const jobId = `notice|${taskId}|2026-12-03|before_due|7`;
    expect(a.notices.map((n) => n.jobId)).toContain(jobId);
    expect(b.notices.map((n) => n.jobId)).toContain(jobId);
    // The scheduled path too: a sweep job consumed by whichever worker takes it.
    await queues(t).reminders.add(JobName.ReminderSweep, { provinceId: world.province.id });
    await waitUntil(async () => (await queues(t).reminders.getCompletedCount()) > 0);
    await settle(t);
    const again = await sweepAndSettle();
    expect(again.notices.map((n) => n.jobId)).not.toContain(jobId);
    expect(again.alreadySent).toBeGreaterThanOrEqual(1);

    const notices = await noticesOf(t.db, taskId!);
    expect(notices.map((n) => [n.kind, n.step, n.recipient_role, n.level])).toEqual([['before_due', 7, 'liaison', 'remind']]);
    expect(notices[0]!.title).toBe('【提醒】“国际贸易单一窗口”将于2026年12月3日到期（还有7天）');
    expect(await count(t.db, 'notification_delivery', 'notification_id = $1', [notices[0]!.id])).toBe(1); // inbox only: no SMTP, no webhook
    expect(await count(t.db, 'audit_event', `entity_type = 'task' AND entity_id = $1 AND action = 'notice_remind'`, [taskId])).toBe(1);

    const mine = await inbox('department', '?unread=true');
    expect(mine.items.filter((n: { taskId: string }) => n.taskId === taskId)).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ levelLabel: '提醒', recipientRoleLabel: '联络员', link: expect.stringContaining(`/tasks/${taskId}`) });
    expect((await inbox('otherDepartment')).total).toBe(0);
    expect((await inbox('coordinator')).items.some((n: { taskId: string }) => n.taskId === taskId)).toBe(false);
  });

  it('climbs the ladder at 0/3/7/14 working days overdue, one notice per step, to the right person', async () => {
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id, name: '企业名称自主申报' }]);
    const steps: [string, number, string, string][] = [
      ['2026-12-04', 0, 'liaison', 'remind'], // 1st working day after the due date
      ['2026-12-08', 3, 'head', 'urge'],
      ['2026-12-14', 7, 'coordinator', 'supervise'],
      ['2026-12-23', 14, 'leader', 'supervise'],
    ];
    const expected: unknown[] = [];
    for (const [date, step, recipient, level] of steps) {
      at(date);
      await sweepAndSettle();
      await sweepAndSettle(); // the same day again: nothing new
      expected.push(['overdue', step, recipient, level]);
      const notices = await noticesOf(t.db, taskId!);
      expect({ date, got: notices.filter((n) => n.kind === 'overdue').map((n) => [n.kind, n.step, n.recipient_role, n.level]) }).toEqual({ date, got: expected });
    }
    const titles = (await noticesOf(t.db, taskId!)).map((n) => n.title);
    expect(titles).toContain('【催办】“企业名称自主申报”已逾期3个工作日（到期日：2026年12月3日）');
    // Who sees which step.
    const ofTask = (page: { items: { taskId: string; recipientRole: string }[] }) => page.items.filter((n) => n.taskId === taskId).map((n) => n.recipientRole).sort();
    expect(ofTask(await inbox('department', '?pageSize=200'))).toEqual(['head', 'liaison']);
    expect(ofTask(await inbox('coordinator', '?pageSize=200'))).toEqual(['coordinator']);
    expect(ofTask(await inbox('leader', '?pageSize=200'))).toEqual(['leader']);
    expect(ofTask(await inbox('city', '?pageSize=200'))).toEqual([]);
    // The history on the task shows each step.
    const history = await t.db.query(`SELECT action FROM audit_event WHERE entity_type = 'task' AND entity_id = $1 ORDER BY at`, [taskId]);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['notice_remind', 'notice_urge', 'notice_supervise', 'notice_supervise']);
  });

  it('stops the ladder when the task is submitted or closed, including notices already queued', async () => {
    const [submitted, closedLater] = await makeTasks(t.db, world.province.id, [
      { dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id },
      { dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id },
    ]);
    at('2026-12-04');
    await sweepAndSettle();
    expect((await noticesOf(t.db, submitted!)).map((n) => n.step)).toEqual([0]);
    // Submitted through the API: the ladder stops.
    const move = (id: string, role: string, to: string, reason?: string) => t.http.post(`/api/tasks/${id}/transitions`).set('Authorization', auth[role]!).send({ to, reason });
    expect((await move(submitted!, 'department', 'submitted')).status).toBe(200);
    at('2026-12-08');
    // The sweep plans the head's step for closedLater, then the task is closed before a worker gets to it.
    await queues(t).notifications.pause();
    const planned = await sweep();
    expect(planned.notices.filter((n) => n.taskId === submitted)).toEqual([]);
    expect(planned.notices.filter((n) => n.taskId === closedLater).map((n) => n.kind)).toEqual(['overdue']);
    expect((await move(closedLater!, 'department', 'submitted')).status).toBe(200);
    expect((await move(closedLater!, 'coordinator', 'closed', '经核验已完成')).status).toBe(200);
    await queues(t).notifications.resume();
    await settle(t);
    for (const date of ['2026-12-14', '2026-12-23']) {
      at(date);
      await sweepAndSettle();
    }
    expect((await noticesOf(t.db, submitted!)).map((n) => n.step)).toEqual([0]);
    expect((await noticesOf(t.db, closedLater!)).map((n) => n.step)).toEqual([0]);
  });

  describe('working days (Asia/Shanghai calendar with 调休)', () => {
    it('moves a notice due on a Saturday to Monday, and one due on a holiday to the next working day', async () => {
      // Due Saturday 12-12: T-7 is Saturday 12-05 → Monday 12-07. Due 10-09: T-14 is Mid-Autumn (9-25) → 9-28.
      const [saturday, holiday] = await makeTasks(t.db, world.province.id, [
        { dueDate: '2026-12-12', leadDepartmentId: world.leadDept.id, name: '周六到期事项' },
        { dueDate: '2026-10-09', leadDepartmentId: world.leadDept.id, name: '节后到期事项' },
      ]);
      at('2026-09-25');
      expect((await sweepAndSettle()).workingDay).toBe(false);
      expect(await noticesOf(t.db, holiday!)).toEqual([]);
      at('2026-09-28');
      await sweepAndSettle();
      expect((await noticesOf(t.db, holiday!)).map((n) => `${n.kind}:${n.step}`)).toEqual(['before_due:14']);
      expect((await noticesOf(t.db, holiday!))[0]!.title).toContain('（还有11天）');

      at('2026-12-05');
      const sat = await sweepAndSettle();
      expect(sat.notices.filter((n) => n.taskId === saturday)).toEqual([]);
      expect((await noticesOf(t.db, saturday!)).map((n) => `${n.kind}:${n.step}`)).toEqual([]);
      at('2026-12-07');
      await sweepAndSettle();
      const notices = await noticesOf(t.db, saturday!);
      expect(notices.map((n) => `${n.kind}:${n.step}`)).toEqual(['before_due:7']);
      expect(notices[0]!.title).toContain('（还有5天）');
    });

    it('counts a 调休 Saturday as a working day, and fires a due-day notice on a holiday', async () => {
      // Due Saturday 10-17: T-7 is Saturday 10-10, an adjusted working day after National Day. Due 10-01: a holiday.
      const [adjusted, nationalDay] = await makeTasks(t.db, world.province.id, [
        { dueDate: '2026-10-17', leadDepartmentId: world.leadDept.id },
        { dueDate: '2026-10-01', leadDepartmentId: world.leadDept.id },
      ]);
      at('2026-10-01');
      await sweepAndSettle();
      expect((await noticesOf(t.db, nationalDay!)).map((n) => `${n.kind}:${n.step}`)).toEqual(['due_day:0']);
      at('2026-10-10');
      expect((await sweepAndSettle()).workingDay).toBe(true);
      expect((await noticesOf(t.db, adjusted!)).map((n) => `${n.kind}:${n.step}`)).toEqual(['before_due:7']);
    });
  });

  it('loses and duplicates nothing when a worker is killed mid-run and another takes over', async () => {
    const crashWorld = await makeProvinceWorld(t.db);
    const ids = await makeTasks(t.db, crashWorld.province.id, Array.from({ length: 120 }, () => ({ dueDate: '2026-12-03', leadDepartmentId: crashWorld.leadDept.id })));
    at('2026-12-23'); // every task has reached all four ladder steps: 480 notices
    for (const w of workers) await w.close();
    workers = [];
    const victim = await startWorker(t.clock);
    await queues(t).reminders.add(JobName.ReminderSweep, { provinceId: crashWorld.province.id });
    const created = () => count(t.db, 'notification', 'task_id = ANY($1)', [ids]);
    await waitUntil(async () => (await created()) >= 20);
    await victim.workers.stop(true); // like kill -9: active jobs are abandoned with their locks
    const atKill = await created();
    const survivor = await startWorker(t.clock);
    workers.push(survivor); // serves the remaining tests
    try {
      await waitUntil(async () => (await created()) === 480, 30_000);
      await settle(t, 30_000);
      expect(atKill).toBeLessThan(480);
      await queues(t).reminders.add(JobName.ReminderSweep, { provinceId: crashWorld.province.id }); // one more sweep changes nothing
      await settle(t);
      expect(await created()).toBe(480);
      const [dups] = await t.db.query(
        `SELECT count(*)::int AS n FROM (SELECT task_id, kind, step FROM notification WHERE task_id = ANY($1) GROUP BY 1, 2, 3 HAVING count(*) > 1) d`,
        [ids],
      );
      expect(dups.n).toBe(0);
      expect(await count(t.db, 'notification_delivery d JOIN notification n ON n.id = d.notification_id', 'n.task_id = ANY($1)', [ids])).toBe(480);
      expect(await count(t.db, 'audit_event', `entity_type = 'task' AND entity_id = ANY($1) AND action LIKE 'notice_%'`, [ids])).toBe(480);
    } finally {
      await victim.close();
    }
  });

  it('runs the quarterly scheduling: report-due notices when the window opens, reminders for missing reports when it closes', async () => {
    const q = await makeProvinceWorld(t.db);
    const qAuth = await bearer(t, q.users.coordinator.username);
    const [reported, ongoing] = await makeTasks(t.db, q.province.id, [
      { dueDate: '2027-06-30', leadDepartmentId: q.leadDept.id, name: '已报送事项' },
      { deadlineKind: 'ongoing', leadDepartmentId: q.otherDept.id, name: '持续实施事项' },
    ]);
    const sweepQ = async () => {
      const res = await t.http.post('/api/admin/reminders/sweep').set('Authorization', qAuth).send({});
      expect(res.status).toBe(200);
      await settle(t);
      return res.body;
    };
    const ofKind = (kind: string) => t.db.query(`SELECT department_id, recipient_role, level, title, body FROM notification WHERE province_id = $1 AND kind = $2 ORDER BY department_id`, [q.province.id, kind]);

    at('2026-12-21'); // the Q4 window opens (12-20 is a Sunday)
    await sweepQ();
    const due = await ofKind('report_due');
    expect(due.map((n: { department_id: string }) => n.department_id).sort()).toEqual([q.leadDept.id, q.otherDept.id].sort());
    expect(due[0].title).toMatch(/^【提醒】2026年第四季度进展情况报送已开始，请于2027年1月8日前报送1项任务$/);

    // The lead department reports; the other does not (a draft does not count).
    await t.db.query(`INSERT INTO progress_report (task_id, period, department_id, progress, status, submitted_at) VALUES ($1, '2026Q4', $2, '已完成系统上线', 'submitted', now())`, [reported, q.leadDept.id]);
    await t.db.query(`INSERT INTO progress_report (task_id, period, department_id, progress, status) VALUES ($1, '2026Q4', $2, '草稿', 'draft')`, [ongoing, q.otherDept.id]);
    at('2027-01-11'); // first working day after the window closed on 2027-01-08
    await sweepQ();
    await sweepQ();
    const missing = await ofKind('report_missing');
    expect(missing.map((n: { department_id: string; level: string }) => [n.department_id, n.level])).toEqual([[q.otherDept.id, 'urge']]);
    expect(missing[0].body).toContain('持续实施事项');
    const summary = await ofKind('report_missing_summary');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ recipient_role: 'coordinator', department_id: null });
    expect(summary[0].body).toContain(q.otherDept.name);
    expect(summary[0].body).not.toContain(q.leadDept.name);
    const coordinatorInbox = (await t.http.get('/api/me/notifications').set('Authorization', qAuth)).body;
    expect(coordinatorInbox.items.map((n: { kind: string }) => n.kind)).toEqual(['report_missing_summary']);
  });

  describe('inbox and administration', () => {
    it('marks one notice and then all as read for this user only, and audits it', async () => {
      t.clock.set(TEST_NOW);
      const before = await inbox('department');
      expect(before.unread).toBeGreaterThan(1);
      const first = before.items[0];
      const read = await t.http.post(`/api/me/notifications/${first.id}/read`).set('Authorization', auth.department!);
      expect(read.status).toBe(200);
      expect(read.body.readAt).not.toBeNull();
      expect((await inbox('department')).unread).toBe(before.unread - 1);
      expect((await inbox('department', '?unread=true')).items.map((n: { id: string }) => n.id)).not.toContain(first.id);
      // Another department cannot see (so cannot read) it.
      expect((await t.http.post(`/api/me/notifications/${first.id}/read`).set('Authorization', auth.otherDepartment!)).status).toBe(404);
      expect((await t.http.post(`/api/me/notifications/not-a-uuid/read`).set('Authorization', auth.department!)).status).toBe(400);
      const all = await t.http.post('/api/me/notifications/read-all').set('Authorization', auth.department!);
      expect(all.body.marked).toBe(before.unread - 1);
      expect((await inbox('department')).unread).toBe(0);
      expect(await count(t.db, 'audit_event', `action = 'read_all_notifications' AND entity_id = $1`, [world.users.department.id])).toBe(1);
      expect((await t.http.get('/api/me/notifications?unread=maybe').set('Authorization', auth.department!)).status).toBe(400);
    });

    it('lets only admins and coordinators sweep, coordinators only their own province', async () => {
      for (const role of ['department', 'leader', 'city']) {
        expect((await t.http.post('/api/admin/reminders/sweep').set('Authorization', auth[role]!).send({})).status).toBe(403);
      }
      const stranger = await makeProvinceWorld(t.db);
      expect((await t.http.post('/api/admin/reminders/sweep').set('Authorization', auth.coordinator!).send({ provinceId: stranger.province.id })).status).toBe(403);
      expect((await t.http.post('/api/admin/reminders/sweep').set('Authorization', auth.coordinator!).send({ provinceId: 'x' })).status).toBe(400);
    });

    it('applies a province’s own reminder offsets, validated field by field and audited', async () => {
      const p = await makeProvinceWorld(t.db);
      const pAuth = await bearer(t, p.users.coordinator.username);
      const url = `/api/admin/reminders/config/${p.province.id}`;
      expect((await t.http.get(url).set('Authorization', pAuth)).body).toMatchObject({ custom: false, offsets: [14, 7, 3, 1, 0] });
      const bad = await t.http.put(url).set('Authorization', pAuth).send({ offsets: [10], ladder: [{ afterWorkingDays: 0, recipient: 'boss', level: 'remind' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('ladder[0].recipient');
      expect((await t.http.put(url).set('Authorization', auth.coordinator!).send({ offsets: [10], ladder: [] })).status).toBe(403);
      const ok = await t.http.put(url).set('Authorization', pAuth).send({ offsets: [10], ladder: [{ afterWorkingDays: 2, recipient: 'coordinator', level: 'urge' }] });
      expect(ok.status).toBe(200);
      expect(await count(t.db, 'audit_event', `entity_id = $1 AND action = 'reminder_config'`, [p.province.id])).toBe(1);
      // Due Sunday 12-06: the default would send T-14 today; this province only reminds 10 days ahead.
      const [taskId] = await makeTasks(t.db, p.province.id, [{ dueDate: '2026-12-06', leadDepartmentId: p.leadDept.id }]);
      t.clock.set(TEST_NOW);
      await t.http.post('/api/admin/reminders/sweep').set('Authorization', pAuth).send({});
      await settle(t);
      expect((await noticesOf(t.db, taskId!)).map((n) => `${n.kind}:${n.step}`)).toEqual(['before_due:10']);
    });

    it('shows queue counts to admins and queue lag on /health', async () => {
      const { makeUser } = await import('./factories.js');
      const admin = await makeUser(t.db, 'admin');
      const adminAuth = await bearer(t, admin.username);
      const res = await t.http.get('/api/admin/queues').set('Authorization', adminAuth);
      expect(res.status).toBe(200);
      expect(res.body.map((q: { name: string }) => q.name)).toEqual(['reminders', 'notifications', 'deliveries']);
      const notifications = res.body.find((q: { name: string }) => q.name === 'notifications');
      expect(notifications.counts.completed).toBeGreaterThan(480);
      expect(notifications.counts).toMatchObject({ waiting: 0, active: 0 });
      expect((await t.http.get('/api/admin/queues').set('Authorization', auth.coordinator!)).status).toBe(403);
      const health = await t.http.get('/health');
      expect(health.body).toMatchObject({ status: 'ok', db: 'up', redis: 'up', queues: { reminders: { waiting: 0, lagMs: 0 }, notifications: { waiting: 0 }, deliveries: { waiting: 0 } } });
      const scheduler = await queues(t).reminders.getJobScheduler('reminder-sweep');
      expect(scheduler).toMatchObject({ pattern: '0 0 1 1 *', tz: 'Asia/Shanghai' });
      const quarterEnd = await queues(t).reminders.getJobScheduler('quarter-snapshot');
      expect(quarterEnd).toMatchObject({ pattern: '5 0 1 1,4,7,10 *', tz: 'Asia/Shanghai' });
    });
  });
});

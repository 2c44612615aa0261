import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { appConfig } from '#libs/common';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { count, makeDepartment, makeProvinceWorld, makeUser } from './factories.js';
import { hook, makeTasks, queues, settle, startWorker, testSettings, type Hook, type WorkerHandle } from './reminders-harness.js';

jest.setTimeout(60_000);

interface Mail {
  from: string;
  to: string[];
  subject: string;
  raw: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in an unfolded header, joining adjacent words. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? `\u0000B${text}\u0000` : `\u0000Q${text}\u0000`,
    )
    .replace(/(\u0000[BQ][^\u0000]*\u0000)+/g, (run) => {
      const bytes = run
        .split('\u0000')
        .filter(Boolean)
        .map((w) => (w[0] === 'B' ? Buffer.from(w.slice(1), 'base64') : Buffer.from(w.slice(1).replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')));
      return Buffer.concat(bytes).toString('utf8');
    });
}

function subjectOf(raw: string): string {
  const unfolded = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => /^subject:/i.test(l)) ?? '';
  return decodeHeader(line.replace(/^subject:\s*/i, ''));
}

describe('notification channels: email over SMTP and signed webhooks, with retries', () => {
  let t: TestApp;
  let worker: WorkerHandle;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  let ok: Hook, broken: Hook, rejecting: Hook, province: Hook;
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let coordinatorAuth: string;

  const sweepAndSettle = async () => {
    const res = await t.http.post('/api/admin/reminders/sweep').set('Authorization', coordinatorAuth).send({});
    expect(res.status).toBe(200);
    await settle(t);
    return res.body;
  };
  const deliveriesOf = (taskId: string) =>
    t.db.query(`SELECT d.channel, d.target, d.status, d.attempts, d.last_error FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.task_id = $1 AND d.channel <> 'inbox' ORDER BY d.channel, d.target`, [taskId]);

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, cb) {
        // A mailbox that does not exist: a permanent 550 answer.
        if (address.address.startsWith('nobody@')) return cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          mails.push({ from: (session.envelope.mailFrom || { address: '' }).address, to: session.envelope.rcptTo.map((r) => r.address), subject: subjectOf(raw), raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    [ok, broken, rejecting, province] = await Promise.all([hook(200), hook(500), hook(400), hook(200)]);

    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    coordinatorAuth = await bearer(t, world.users.coordinator.username);
    const base = testSettings();
    worker = await startWorker(
      t.clock,
      testSettings({ smtp: { ...base.smtp, host: '127.0.0.1', port: smtpPort, secure: false }, provinceWebhookUrl: province.url, retry: { attempts: 3, backoffMs: 50 } }),
    );
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    for (const h of [ok, broken, rejecting, province]) h?.server.close();
  });

  it('emails the liaison in Chinese with the task link and posts signed JSON to the department’s webhook', async () => {
    t.clock.set(TEST_NOW);
    const liaison = `liaison-${world.leadDept.id.slice(0, 8)}@example.gov.cn`;
    await t.db.query('UPDATE department SET liaison_email = $1, webhook_url = $2 WHERE id = $3', [liaison, ok.url, world.leadDept.id]);
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-03', leadDepartmentId: world.leadDept.id, name: '国际贸易单一窗口' }]);
    await sweepAndSettle();
    await sweepAndSettle();

    const toLiaison = mails.filter((m) => m.to.includes(liaison));
    expect(toLiaison).toHaveLength(1);
    expect(toLiaison[0]!.subject).toBe('【提醒】“国际贸易单一窗口”将于2026年12月3日到期（还有7天）');
    expect(toLiaison[0]!.raw).toMatch(/text\/html/);
    expect(toLiaison[0]!.from).toBe('noreply@localhost');

    expect(ok.calls).toHaveLength(1);
    const call = ok.calls[0]!;
    const timestamp = call.headers['x-ftz-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', appConfig().WEBHOOK_SECRET).update(`${timestamp}.${call.body}`).digest('hex')}`;
    expect(call.headers['x-ftz-signature']).toBe(expected);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
    const json = JSON.parse(call.body);
    expect(json).toMatchObject({ msgtype: 'text', notification: { taskId, kind: 'before_due', level: 'remind', levelLabel: '提醒', recipientRole: 'liaison' } });
    expect(json.text.content).toContain(`/tasks/${taskId}`);
    expect(await deliveriesOf(taskId!)).toEqual([
      { channel: 'email', target: liaison, status: 'sent', attempts: 1, last_error: null },
      { channel: 'webhook', target: ok.url, status: 'sent', attempts: 1, last_error: null },
    ]);
  });

  it('emails the coordinators and posts to the province webhook when the ladder reaches them', async () => {
    const coordinator = await makeUser(t.db, 'coordinator', { regionId: world.province.id });
    await t.db.query(`UPDATE app_user SET email = 'coordinator-${coordinator.id.slice(0, 8)}@example.gov.cn' WHERE id = $1`, [coordinator.id]);
    const quiet = await makeDepartment(t.db, world.province);
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-03', leadDepartmentId: quiet.id, name: '跨境电商综试区' }]);
    t.clock.set('2026-12-14T02:00:00Z'); // 7 working days overdue: liaison, head and coordinator steps
    await sweepAndSettle();
    const toCoordinator = mails.filter((m) => m.to.includes(`coordinator-${coordinator.id.slice(0, 8)}@example.gov.cn`));
    // The first test's task (also due 12-03) reaches the coordinator on the same day.
    expect(toCoordinator.map((m) => m.subject).sort()).toEqual([
      '【督办】“国际贸易单一窗口”已逾期7个工作日（到期日：2026年12月3日）',
      '【督办】“跨境电商综试区”已逾期7个工作日（到期日：2026年12月3日）',
    ]);
    const posted = province.calls.map((c) => JSON.parse(c.body).notification);
    expect(posted.filter((n: { taskId: string }) => n.taskId === taskId).map((n: { recipientRole: string }) => n.recipientRole)).toEqual(['coordinator']);
    expect(posted.every((n: { recipientRole: string }) => n.recipientRole === 'coordinator')).toBe(true);
  });

  it('retries a webhook answering 500, then records the failure for the coordinator; a 400 is not retried', async () => {
    const flaky = await makeDepartment(t.db, world.province);
    const wrong = await makeDepartment(t.db, world.province);
    await t.db.query('UPDATE department SET webhook_url = $1, liaison_email = NULL, head_email = NULL WHERE id = $2', [broken.url, flaky.id]);
    await t.db.query(`UPDATE department SET webhook_url = $1, liaison_email = 'nobody@example.gov.cn', head_email = NULL WHERE id = $2`, [rejecting.url, wrong.id]);
    const [flakyTask, wrongTask] = await makeTasks(t.db, world.province.id, [
      { dueDate: '2026-12-10', leadDepartmentId: flaky.id },
      { dueDate: '2026-12-10', leadDepartmentId: wrong.id },
    ]);
    t.clock.set(TEST_NOW); // T-14 for both
    await sweepAndSettle();

    expect(broken.calls).toHaveLength(3); // NOTIFY_ATTEMPTS = 3 in this suite
    expect(await deliveriesOf(flakyTask!)).toEqual([{ channel: 'webhook', target: broken.url, status: 'failed', attempts: 3, last_error: expect.stringContaining('HTTP 500') }]);
    expect(rejecting.calls).toHaveLength(1);
    expect(await deliveriesOf(wrongTask!)).toEqual([
      { channel: 'email', target: 'nobody@example.gov.cn', status: 'failed', attempts: 1, last_error: expect.stringContaining('550') },
      { channel: 'webhook', target: rejecting.url, status: 'failed', attempts: 1, last_error: expect.stringContaining('HTTP 400') },
    ]);
    // The inbox notice is there regardless of the channels that failed.
    expect(await count(t.db, 'notification', 'task_id = ANY($1)', [[flakyTask, wrongTask]])).toBe(2);

    const failures = await t.http.get('/api/admin/notifications/failures').set('Authorization', coordinatorAuth);
    expect(failures.status).toBe(200);
    expect(failures.body.total).toBe(3);
    expect(failures.body.items.map((f: { target: string; attempts: number }) => [f.target, f.attempts]).sort()).toEqual([
      [broken.url, 3],
      ['nobody@example.gov.cn', 1],
      [rejecting.url, 1],
    ].sort());
    const stranger = await makeProvinceWorld(t.db);
    expect((await t.http.get('/api/admin/notifications/failures').set('Authorization', await bearer(t, stranger.users.coordinator.username))).body.total).toBe(0);
    expect((await t.http.get('/api/admin/notifications/failures').set('Authorization', await bearer(t, world.users.department.username))).status).toBe(403);
    expect(await queues(t).deliveries.getFailedCount()).toBe(3);
  });
});

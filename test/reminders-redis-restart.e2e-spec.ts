import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { WorkerSettings } from '../apps/worker/src/worker-settings.js';
import { RedisWatch } from '../apps/worker/src/redis-watch.js';
import { DEFAULT_NOTICE_BATCH } from '#libs/reminders';
import { createTestApp, TEST_NOW, type TestApp } from './app.js';
import { bearer } from './auth-helper.js';
import { makeDepartment, makeProvinceWorld } from './factories.js';
import { makeTasks, queues, startWorker, testSettings, waitUntil, type WorkerHandle } from './reminders-harness.js';

jest.setTimeout(120_000);

/** A spare TCP port: bind port 0, read what the kernel chose, let it go. */
async function sparePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A redis-server of this suite's own, without persistence: what a restart forgets is everything. */
class ThrowawayRedis {
  private process: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  }

  /** SIGKILL: the crash of a Redis that keeps nothing on disk. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * A group robot that keeps one entry per delivery id (X-FTZ-Delivery), as the docs tell receivers to, and counts
 * every POST. While held, it keeps what it receives but answers nothing: the deliveries posting to it stay in flight.
 */
class DedupingRobot {
  readonly stored = new Map<string, string>();
  readonly postsById = new Map<string, number>();
  private holding = false;
  private held: ServerResponse[] = [];
  readonly server: Server = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const id = req.headers['x-ftz-delivery'] as string;
      this.postsById.set(id, (this.postsById.get(id) ?? 0) + 1);
      if (!this.stored.has(id)) this.stored.set(id, body);
      if (this.holding) this.held.push(res);
      else answer(res);
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/robot/send`;
  }

  get waiting(): number {
    return this.held.length;
  }

  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const res of this.held.splice(0)) answer(res);
  }

  /** The senders' connections break before any answer: what the robot sees of a worker killed mid-delivery. */
  drop(): void {
    this.holding = false;
    for (const res of this.held.splice(0)) res.socket?.destroy();
  }
}

function answer(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"errcode":0}');
}

/** A mailbox that keeps one message per Message-ID and counts every message. */
class DedupingMailbox {
  readonly stored = new Map<string, string>();
  readonly receivedById = new Map<string, number>();
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const id = /^message-id:\s*(\S+)/im.exec(raw)?.[1] ?? '';
        this.receivedById.set(id, (this.receivedById.get(id) ?? 0) + 1);
        if (!this.stored.has(id)) this.stored.set(id, raw);
        cb();
      });
    },
  });

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }
}

describe('nothing lost: Redis restarting without persistence, or a worker dying, while deliveries are in flight', () => {
  let redis: ThrowawayRedis;
  let t: TestApp;
  let worker: WorkerHandle;
  const robot = new DedupingRobot();
  const mailbox = new DedupingMailbox();
  let world: Awaited<ReturnType<typeof makeProvinceWorld>>;
  let coordinatorAuth: string;
  const savedRedisUrl = process.env.REDIS_URL;
  const settings = () => {
    const base = testSettings();
    return testSettings({ smtp: { ...base.smtp, host: '127.0.0.1', port: mailbox.port, secure: false }, deliveryGraceMs: 5_000 });
  };
  // This suite's own deliveries: the run's database holds other suites' provinces, which a catch-up sweep also serves.
  const external = () => `d.channel <> 'inbox' AND d.notification_id IN (SELECT id FROM notification WHERE province_id = '${world.province.id}')`;
  const deliveryCount = async (where: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM notification_delivery d WHERE ${external()} AND ${where}`))[0].n;

  beforeAll(async () => {
    redis = new ThrowawayRedis(await sparePort());
    await redis.start();
    // Before anything reads the configuration: the api and the worker use this suite's Redis.
    process.env.REDIS_URL = redis.url;
    await new Promise<void>((r) => robot.server.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => mailbox.server.listen(0, '127.0.0.1', r));
    t = await createTestApp();
    world = await makeProvinceWorld(t.db);
    coordinatorAuth = await bearer(t, world.users.coordinator.username);
    // The reconciler every 300 ms instead of every minute, so the suite does not wait for the clock.
    worker = await startWorker(t.clock, settings(), new WorkerSettings(5, 1000, 500, 5, DEFAULT_NOTICE_BATCH, 300));
  });

  afterAll(async () => {
    robot.drop();
    await worker?.close();
    await t?.close();
    await redis?.kill();
    robot.server.close();
    await new Promise<void>((r) => mailbox.server.close(() => r()));
    process.env.REDIS_URL = savedRedisUrl;
  });

  it('delivers every notice, each stored once by its receiver, and brings the job schedulers back', async () => {
    t.clock.set(TEST_NOW);
    const departments = [world.leadDept, await makeDepartment(t.db, world.province), await makeDepartment(t.db, world.province)];
    for (const d of departments) {
      await t.db.query(`UPDATE department SET liaison_email = $1, webhook_url = $2 WHERE id = $3`, [`liaison-${d.id.slice(0, 8)}@example.gov.cn`, robot.url, d.id]);
    }
    // Wave 1: stored as notices, their deliveries in flight (the robot holds every POST) when Redis dies.
    robot.hold();
    await makeTasks(t.db, world.province.id, Array.from({ length: 12 }, (_, i) => ({ dueDate: '2026-12-03', leadDepartmentId: departments[i % 3]!.id })));
    expect((await t.http.post('/api/admin/reminders/sweep').set('Authorization', coordinatorAuth).send({})).body.enqueued).toBe(12);
    await waitUntil(async () => (await deliveryCount('true')) === 24 && robot.waiting >= 5);

    // Wave 2: planned while the notices queue is paused, so their jobs are still in Redis, not yet notices, when it dies.
    await queues(t).notifications.pause();
    await makeTasks(t.db, world.province.id, Array.from({ length: 9 }, (_, i) => ({ dueDate: '2026-12-03', leadDepartmentId: departments[i % 3]!.id })));
    expect((await t.http.post('/api/admin/reminders/sweep').set('Authorization', coordinatorAuth).send({})).body.enqueued).toBe(9);
    expect(await queues(t).notifications.getWaitingCount()).toBe(9);

    await redis.kill();
    await redis.start();
    // Redis forgot wave 1's delivery jobs, wave 2's notice jobs and the job schedulers; the database did not.
    expect(await deliveryCount(`d.status = 'pending'`)).toBeGreaterThan(0);

    // The worker sees a new Redis, asserts its schedulers and sweeps at once (the scheduled sweep would not run
    // before January): wave 2 is stored after all.
    await waitUntil(async () => (await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE province_id = $1`, [world.province.id]))[0].n === 21, 30_000);
    await worker.module.get(RedisWatch).settled;
    expect(await queues(t).reminders.getJobScheduler('reminder-sweep')).toMatchObject({ pattern: '0 0 1 1 *', tz: 'Asia/Shanghai' });
    expect(await queues(t).reminders.getJobScheduler('quarter-snapshot')).toBeDefined();
    expect(await queues(t).reminders.getJobScheduler('delivery-reconcile')).toBeDefined();

    // Past the grace period, the reconciler re-enqueues wave 1's deliveries whose jobs Redis lost.
    robot.release();
    t.clock.set(new Date(new Date(TEST_NOW).getTime() + 60_000));
    await waitUntil(async () => (await deliveryCount(`d.status <> 'sent'`)) === 0, 30_000);

    const rows: { id: string; channel: string }[] = await t.db.query(`SELECT d.id, d.channel FROM notification_delivery d WHERE ${external()} ORDER BY d.id`);
    expect(rows).toHaveLength(42);
    const webhookIds = rows.filter((r) => r.channel === 'webhook').map((r) => r.id);
    const emailIds = rows.filter((r) => r.channel === 'email').map((r) => `<delivery.${r.id}@localhost>`);
    // Each delivery reached its receiver and is stored there once, whatever the attempts it took (at least once). The
    // receivers may also get other suites' notices: the catch-up sweep after the restart serves every province.
    expect(webhookIds.filter((id) => !robot.stored.has(id))).toEqual([]);
    expect(emailIds.filter((id) => !mailbox.stored.has(id))).toEqual([]);
    // Measured: a Redis restart sends nothing twice — the posts in flight were answered before their jobs were
    // re-enqueued, and a re-enqueued job finds its delivery sent.
    expect(webhookIds.map((id) => robot.postsById.get(id))).toEqual(webhookIds.map(() => 1));
    expect(emailIds.map((id) => mailbox.receivedById.get(id))).toEqual(emailIds.map(() => 1));
    expect(webhookIds.length + emailIds.length).toBe(42);
  });

  it('sends again what a worker killed mid-delivery had in flight, under the same delivery id, so receivers store it once', async () => {
    const quiet = await makeDepartment(t.db, world.province);
    await t.db.query(`UPDATE department SET webhook_url = $1 WHERE id = $2`, [robot.url, quiet.id]);
    robot.hold();
    const tasks = await makeTasks(t.db, world.province.id, Array.from({ length: 8 }, () => ({ dueDate: '2026-12-03', leadDepartmentId: quiet.id })));
    await t.http.post('/api/admin/reminders/sweep').set('Authorization', coordinatorAuth).send({});
    await waitUntil(async () => robot.waiting === 5); // DELIVERY_CONCURRENCY 5 in this suite

    // Like kill -9: the worker abandons its active jobs, and its connections to the robot break unanswered.
    await worker.workers.stop(true);
    robot.drop();
    await worker.close();
    worker = await startWorker(t.clock, settings(), new WorkerSettings(5, 1000, 500, 5, DEFAULT_NOTICE_BATCH, 300));
    const ofTasks = `d.notification_id IN (SELECT id FROM notification WHERE task_id = ANY('{${tasks.join(',')}}'::uuid[]))`;
    await waitUntil(async () => (await deliveryCount(`${ofTasks} AND d.status <> 'sent'`)) === 0, 30_000);

    // Measured: the five posts in flight went twice, the other three once; the robot stored each delivery once.
    const ids: { id: string }[] = await t.db.query(`SELECT d.id FROM notification_delivery d WHERE d.channel = 'webhook' AND ${ofTasks}`);
    expect(ids).toHaveLength(8);
    expect(ids.map(({ id }) => robot.postsById.get(id) ?? 0).sort()).toEqual([1, 1, 1, 2, 2, 2, 2, 2]);
    expect(ids.every(({ id }) => robot.stored.has(id))).toBe(true);
  });

  it('reports deliveries pending too long on /health and in the failures list, without failing health', async () => {
    await worker.close();
    const [taskId] = await makeTasks(t.db, world.province.id, [{ dueDate: '2026-12-20', leadDepartmentId: world.leadDept.id }]);
    // A coordinator's 提醒 is stored by the api at once; with no worker running, its webhook waits (the api of this
    // suite has no SMTP server, so no email).
    const remind = await t.http.post(`/api/tasks/${taskId}/reminders`).set('Authorization', coordinatorAuth).send({ level: 'remind', message: '请尽快推进' });
    expect(remind.status).toBe(201);
    expect(await deliveryCount(`d.status = 'pending'`)).toBe(1);

    const fresh = await t.http.get('/health');
    expect(fresh.status).toBe(200);
    expect(fresh.body.deliveries).toEqual({ stuck: 0, oldestPendingSeconds: 0, stuckAfterSeconds: 1800 });

    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000));
    const late = await t.http.get('/health');
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'ok', deliveries: { stuck: 1, oldestPendingSeconds: 31 * 60, stuckAfterSeconds: 1800 } });
    const failures = await t.http.get('/api/admin/notifications/failures').set('Authorization', coordinatorAuth);
    expect(failures.status).toBe(200);
    expect(failures.body.items.map((f: { channel: string; status: string; statusLabel: string }) => [f.channel, f.status, f.statusLabel])).toEqual([['webhook', 'pending', '长时间未发送']]);

    // This suite's Redis keeps nothing on disk: the worker says so when it starts.
    const warn = jest.spyOn(Logger.prototype, 'warn');
    worker = await startWorker(t.clock, settings(), new WorkerSettings(5, 1000, 500, 5, DEFAULT_NOTICE_BATCH, 300));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('appendonly no'));
    warn.mockRestore();
    await waitUntil(async () => (await deliveryCount(`d.status <> 'sent'`)) === 0, 30_000);
    expect((await t.http.get('/health')).body.deliveries.stuck).toBe(0);
    expect((await t.http.get('/api/admin/notifications/failures').set('Authorization', coordinatorAuth)).body.total).toBe(0);
  });
});

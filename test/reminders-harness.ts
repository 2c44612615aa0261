import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { QueueWorkers } from '../apps/worker/src/queue-workers.js';
import { WorkerSettings } from '../apps/worker/src/worker-settings.js';
import { appConfig, Clock, type FixedClock } from '#libs/common';
import { QueueMonitor, QueueName } from '#libs/queue';
import { ReminderSettings, type ReminderSettingsValues } from '#libs/reminders';
import type { TestApp } from './app.js';
import { makeBatch } from './factories.js';

/** Test defaults: no scheduled sweep during the run (Jan 1 only), fast retries, SMTP off unless a suite turns it on. */
export function testSettings(overrides: Partial<ReminderSettingsValues> = {}): ReminderSettings {
  const base = ReminderSettings.fromConfig(appConfig());
  return new ReminderSettings({ ...base, sweepCron: '0 0 1 1 *', retry: { attempts: 3, backoffMs: 100 }, smtp: { ...base.smtp, host: null }, ...overrides });
}

export interface WorkerHandle {
  module: TestingModule;
  workers: QueueWorkers;
  close(): Promise<void>;
}

/**
 * apps/worker's module in-process, on the run's Redis prefix and database, with the test's clock. Five jobs at a
 * time per queue unless a suite asks for more (deadline notices in flight together are stored as one batch).
 */
export async function startWorker(clock: FixedClock, settings: ReminderSettings = testSettings(), worker = new WorkerSettings(5, 1000, 500)): Promise<WorkerHandle> {
  const module = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(ReminderSettings)
    .useValue(settings)
    .overrideProvider(WorkerSettings)
    .useValue(worker)
    .compile();
  module.useLogger(process.env.REMINDER_TEST_LOGS ? ['log', 'error', 'warn'] : ['error']);
  await module.init();
  return { module, workers: module.get(QueueWorkers), close: () => module.close() };
}

export function queues(t: TestApp): Record<'reminders' | 'notifications' | 'deliveries', Queue> {
  const monitor = t.app.get(QueueMonitor);
  return { reminders: monitor.queue(QueueName.Reminders), notifications: monitor.queue(QueueName.Notifications), deliveries: monitor.queue(QueueName.Deliveries) };
}

/**
 * Waits until no job is waiting or active in any queue, nor delayed in the notice and delivery queues (deliveries
 * in backoff are delayed). The reminders queue always holds one delayed job: the scheduler's next sweep.
 */
export async function settle(t: TestApp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let busy = 0;
    for (const q of Object.values(queues(t))) {
      const c = q.name === 'reminders' ? await q.getJobCounts('waiting', 'active', 'prioritized') : await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      busy += Object.values(c).reduce((a, b) => a + b, 0);
    }
    if (busy === 0) return;
    if (Date.now() > deadline) throw new Error(`queues did not settle within ${timeoutMs} ms (${busy} jobs left)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface TaskSpec {
  dueDate?: string | null;
  status?: string;
  leadDepartmentId?: string | null;
  deadlineKind?: 'date' | 'ongoing' | 'conditional';
  name?: string;
}

/** Tasks of one province, each on its own reform item. */
export async function makeTasks(db: DataSource, provinceId: string, specs: TaskSpec[]): Promise<string[]> {
  const batch = await makeBatch(db, specs.map((s, i) => ({ name: s.name ?? `督办测试事项${i + 1}` })));
  const ids: string[] = [];
  for (const [i, s] of specs.entries()) {
    const [row] = await db.query(
      `INSERT INTO task (reform_item_id, region_id, lead_department_id, deadline_kind, due_date, status) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [batch.itemIds[i], provinceId, s.leadDepartmentId ?? null, s.deadlineKind ?? 'date', s.deadlineKind && s.deadlineKind !== 'date' ? null : (s.dueDate ?? null), s.status ?? 'in_progress'],
    );
    ids.push(row.id as string);
  }
  return ids;
}

export interface NoticeRow {
  id: string;
  kind: string;
  step: number | null;
  recipient_role: string;
  level: string;
  title: string;
  department_id: string | null;
}

export function noticesOf(db: DataSource, taskId: string): Promise<NoticeRow[]> {
  return db.query(`SELECT id, kind, step, recipient_role, level, title, department_id FROM notification WHERE task_id = $1 ORDER BY created_at, step`, [taskId]);
}

export interface Hook {
  server: Server;
  url: string;
  calls: { body: string; headers: IncomingHttpHeaders }[];
}

/** A group-robot endpoint that answers every POST with `status` and keeps what it received. */
export async function hook(status: number): Promise<Hook> {
  const calls: Hook['calls'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      calls.push({ body, headers: req.headers });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errcode: status === 200 ? 0 : status }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, calls, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send` };
}

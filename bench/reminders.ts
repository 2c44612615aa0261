import type { ConnectionOptions, Queue as BullQueue } from 'bullmq';
import pg from 'pg';
import { flag } from './lib/args.js';
import { backendsOf, cpuSecondsOf } from './lib/measure.js';

/**
 * `npm run build && npm run bench:reminders -- --n 200000`: generates N deadline subjects (half tasks, half
 * milestones) in a separate database, runs one sweep and lets the real worker process every notice job; then
 * pushes as many jobs through a no-op BullMQ processor on the same Redis with the same concurrency. The ratio
 * of the two rates is the figure that matters: how much of the queue's own throughput the notice work keeps.
 * Each run also prints the CPU time per job of this process, PostgreSQL and Redis: both runs saturate the machine's
 * cores, so the ratio follows the CPU each job costs, and that split says where it goes.
 */
const n = Number(flag('n', '200000'));
if (!Number.isInteger(n) || n < 2) throw new Error('--n must be an integer ≥ 2');
const base = (process.env.BENCH_DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const dbName = 'ftz_bench_reminders';
// Before any product module reads the environment (appConfig() caches it on first use).
Object.assign(process.env, {
  DATABASE_URL: `${base}/${dbName}`,
  QUEUE_PREFIX: 'ftzbench_reminders',
  REMINDER_SWEEP_CRON: '0 0 1 1 *', // no scheduled sweep during the run
  SMTP_HOST: '', // inbox deliveries only: the figure is the pipeline's, not a mail server's
  FTZ_FIXED_NOW: '',
});

const { NestFactory } = await import('@nestjs/core');
const { Queue, Worker } = await import('bullmq');
const { runMigrations } = await import('#libs/database');
const { appConfig, Clock } = await import('#libs/common');
const { QueueMonitor, QueueName, defaultJobOptions, redisOptions } = await import('#libs/queue');
const { ReminderSweepService } = await import('#libs/reminders');
const { WorkerModule } = await import('../apps/worker/src/worker.module.js');

const config = appConfig();
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function recreateDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}" ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
}

/** Set-based generation: due dates spread over ±400 days around today, most tasks open, some milestones done. */
async function generate(today: string): Promise<void> {
  const db = new pg.Client({ connectionString: config.DATABASE_URL });
  await db.connect();
  const tasks = Math.ceil(n / 2);
  const milestones = n - tasks;
  await db.query(`SELECT setseed(0.42)`);
  await db.query(`
    INSERT INTO region (code, name, level, coastal, has_ftz) VALUES ('BENCH', '基准测试省', 'province', true, true);
    INSERT INTO department (name, level, region_id, liaison_name, liaison_email, head_name, head_email)
      SELECT '基准部门' || g, 'provincial', (SELECT id FROM region WHERE code = 'BENCH'), '联络员', 'liaison' || g || '@bench.invalid', '负责人', 'head' || g || '@bench.invalid'
      FROM generate_series(1, 60) g;
    INSERT INTO policy_document (doc_number, title) VALUES ('基准〔2026〕1号', '基准测试文件');
    INSERT INTO batch (document_id, name, kind) SELECT id, '基准批次', 'provincial' FROM policy_document;`);
  await db.query(
    `INSERT INTO reform_item (batch_id, seq, name, deadline_kind) SELECT (SELECT id FROM batch), g, '基准改革事项' || g, 'date' FROM generate_series(1, $1) g`,
    [tasks],
  );
  await db.query(
    `WITH d AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM department)
     INSERT INTO task (reform_item_id, region_id, lead_department_id, deadline_kind, due_date, status)
     SELECT i.id, (SELECT id FROM region WHERE code = 'BENCH'), d.id, 'date', $1::date + (floor(random() * 801) - 400)::int,
            (ARRAY['not_started', 'in_progress', 'in_progress', 'in_progress', 'blocked', 'submitted', 'closed', 'not_applicable'])[1 + floor(random() * 8)::int]
     FROM reform_item i JOIN d ON d.k = 1 + i.seq % 60`,
    [today],
  );
  await db.query(
    `INSERT INTO milestone (task_id, title, due_date, done_at)
     SELECT id, '基准时间节点', $1::date + (floor(random() * 801) - 400)::int, CASE WHEN random() < 0.2 THEN now() END
     FROM task ORDER BY id LIMIT $2`,
    [today, milestones],
  );
  await db.query('ANALYZE');
  await db.end();
}

async function drain(queue: BullQueue, total: number, timeoutMs = 30 * 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    if (c.waiting + c.active + c.delayed + c.prioritized === 0 && c.completed + c.failed >= total) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${queue.name} did not drain: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * CPU seconds spent so far by this process (worker and no-op processor), the PostgreSQL backends of the bench
 * database and Redis. The machine is shared, so wall-clock rates move with whatever else runs; CPU per job does not.
 */
async function cpuNow(redis: { info(section: string): Promise<string> }, db: { query(sql: string, params: unknown[]): Promise<{ pid: number }[]> }): Promise<Record<'worker' | 'postgres' | 'redis', number>> {
  const u = process.cpuUsage();
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp('^' + name + ':([0-9.]+)', 'm').exec(info)?.[1] ?? 0);
  const postgres = cpuSecondsOf(await backendsOf((sql, params) => db.query(sql, params), dbName));
  return { worker: (u.user + u.system) / 1e6, postgres, redis: field('used_cpu_user') + field('used_cpu_sys') };
}

function cpuPerJob(before: Record<string, number>, after: Record<string, number>, jobs: number): string {
  return Object.keys(before).map((k) => `${k} ${(((after[k]! - before[k]!) / jobs) * 1e6).toFixed(0)} µs`).join(', ');
}

await recreateDatabase();
await runMigrations(config.DATABASE_URL);
const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
const today = app.get(Clock).today();
const monitor = app.get(QueueMonitor);
const notifications = monitor.queue(QueueName.Notifications);
for (const name of Object.values(QueueName)) await monitor.queue(name).obliterate({ force: true });

let t0 = Date.now();
await generate(today);
console.log(`generated ${n} subjects (${Math.ceil(n / 2)} tasks, ${n - Math.ceil(n / 2)} milestones) in ${dbName} in ${seconds(Date.now() - t0)}; today ${today}`);

// Paused so the sweep is timed alone; the worker consumes once it resumes.
await notifications.pause();
t0 = Date.now();
const result = await app.get(ReminderSweepService).sweep(null);
const sweepMs = Date.now() - t0;
console.log(`sweep: ${result.subjects} subjects in range, ${result.enqueued} notice jobs enqueued in ${seconds(sweepMs)}`);

const dataSource = app.get((await import('typeorm')).DataSource);
const redis = new (await import('ioredis')).Redis(redisOptions(config.REDIS_URL));
const cpuBefore = await cpuNow(redis, dataSource);
await notifications.resume();
const noticeMs = await drain(notifications, result.enqueued);
const noticeRate = result.enqueued / (noticeMs / 1000);
const cpuNotices = await cpuNow(redis, dataSource);
const [{ count: stored }] = (await dataSource.query('SELECT count(*)::int AS count FROM notification')) as { count: number }[];
console.log(`notice jobs: ${result.enqueued} processed in ${seconds(noticeMs)} → ${noticeRate.toFixed(0)} jobs/s (${stored} notifications stored, concurrency ${config.NOTIFY_CONCURRENCY})`);
console.log(`  CPU per job: ${cpuPerJob(cpuBefore, cpuNotices, result.enqueued)}`);

// The floor: the same number of jobs, same options and concurrency, through a processor that does nothing.
const connection = redisOptions(config.REDIS_URL) as ConnectionOptions;
const noop = new Queue('bench-noop', { connection, prefix: config.QUEUE_PREFIX });
await noop.obliterate({ force: true });
const options = defaultJobOptions(QueueName.Notifications, { attempts: config.NOTIFY_ATTEMPTS, backoffMs: config.NOTIFY_BACKOFF_MS });
// Like the notice run: the worker is connected and waiting before the clock starts, and the queue resumes under it.
await noop.pause();
for (let i = 0; i < result.enqueued; i += 1000) {
  await noop.addBulk(Array.from({ length: Math.min(1000, result.enqueued - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { ...options, jobId: `noop|${i + k}` } })));
}
const worker = new Worker('bench-noop', async () => undefined, { connection, prefix: config.QUEUE_PREFIX, concurrency: config.NOTIFY_CONCURRENCY });
await worker.waitUntilReady();
const cpuNoopBefore = await cpuNow(redis, dataSource);
await noop.resume();
const noopMs = await drain(noop, result.enqueued);
const noopRate = result.enqueued / (noopMs / 1000);
const cpuNoop = await cpuNow(redis, dataSource);
await worker.close();
console.log(`no-op jobs: ${result.enqueued} processed in ${seconds(noopMs)} → ${noopRate.toFixed(0)} jobs/s`);
console.log(`  CPU per job: ${cpuPerJob(cpuNoopBefore, cpuNoop, result.enqueued)}`);
console.log(`ratio notice/no-op: ${(noticeRate / noopRate).toFixed(2)}`);

await noop.obliterate({ force: true });
await noop.close();
redis.disconnect();
for (const name of Object.values(QueueName)) await monitor.queue(name).obliterate({ force: true });
await app.close();

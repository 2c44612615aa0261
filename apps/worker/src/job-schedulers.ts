import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { appConfig } from '#libs/common';
import { AUDIT_DAILY_CRON, AUDIT_DAILY_SCHEDULER_ID, AUDIT_SEAL_SCHEDULER_ID, defaultJobOptions, DELIVERY_RECONCILE_SCHEDULER_ID, JobName, QUARTER_SNAPSHOT_CRON, QUARTER_SNAPSHOT_SCHEDULER_ID, QueueName } from '#libs/queue';
import { ReminderSettings, ReminderSweepService } from '#libs/reminders';
import { WorkerSettings } from './worker-settings.js';

/**
 * The worker's repeatable jobs. Job schedulers live in Redis: a Redis that restarts without its data forgets them,
 * so RedisWatch asserts them again on every (re)connection — upserting is idempotent.
 */
@Injectable()
export class JobSchedulers {
  constructor(
    @InjectQueue(QueueName.Reminders) private readonly reminders: Queue,
    @InjectQueue(QueueName.Audit) private readonly audit: Queue,
    private readonly sweeps: ReminderSweepService,
    private readonly settings: ReminderSettings,
    private readonly worker: WorkerSettings,
  ) {}

  async assert(): Promise<void> {
    const opts = defaultJobOptions(QueueName.Reminders, this.settings.retry);
    await this.sweeps.ensureScheduler();
    await this.reminders.upsertJobScheduler(QUARTER_SNAPSHOT_SCHEDULER_ID, { pattern: QUARTER_SNAPSHOT_CRON, tz: 'Asia/Shanghai' }, { name: JobName.QuarterSnapshot, data: {}, opts });
    await this.reminders.upsertJobScheduler(DELIVERY_RECONCILE_SCHEDULER_ID, { every: this.worker.reconcileEveryMs }, { name: JobName.DeliveryReconcile, data: {}, opts });
    const auditOpts = defaultJobOptions(QueueName.Audit, this.settings.retry);
    await this.audit.upsertJobScheduler(AUDIT_SEAL_SCHEDULER_ID, { every: appConfig().AUDIT_SEAL_SECONDS * 1000 }, { name: JobName.AuditSeal, data: {}, opts: auditOpts });
    await this.audit.upsertJobScheduler(AUDIT_DAILY_SCHEDULER_ID, { pattern: AUDIT_DAILY_CRON, tz: 'Asia/Shanghai' }, { name: JobName.AuditDaily, data: {}, opts: auditOpts });
  }

  /**
   * After Redis lost its data: a sweep now plans again every notice whose job vanished before it was stored, and a
   * reconcile now re-enqueues the deliveries past their grace period, instead of waiting for the next hour and minute.
   * The ids carry the Redis run, so each restart catches up once however many workers see it.
   */
  async catchUp(redisRunId: string): Promise<void> {
    const opts = defaultJobOptions(QueueName.Reminders, this.settings.retry);
    await this.reminders.addBulk([
      { name: JobName.ReminderSweep, data: { provinceId: null }, opts: { ...opts, jobId: `catch-up-sweep|${redisRunId}` } },
      { name: JobName.DeliveryReconcile, data: {}, opts: { ...opts, jobId: `catch-up-reconcile|${redisRunId}` } },
    ]);
  }
}

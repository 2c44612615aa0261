import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job, type Queue } from 'bullmq';
import { appConfig } from '#libs/common';
import { AUDIT_DAILY_CRON, AUDIT_DAILY_SCHEDULER_ID, AUDIT_SEAL_SCHEDULER_ID, defaultJobOptions, JobName, QUARTER_SNAPSHOT_CRON, QUARTER_SNAPSHOT_SCHEDULER_ID, QueueName } from '#libs/queue';
import { ReminderSettings, ReminderSweepService } from '#libs/reminders';
import { AuditProcessor } from './processors/audit.processor.js';
import { DeliveryProcessor } from './processors/delivery.processor.js';
import { NoticeProcessor } from './processors/notice.processor.js';
import { QuarterSnapshotProcessor } from './processors/quarter-snapshot.processor.js';
import { ReminderSweepProcessor } from './processors/reminder-sweep.processor.js';
import { WorkerSettings } from './worker-settings.js';

/**
 * Starts one BullMQ worker per queue with options from WorkerSettings (a DI provider, unlike @Processor's
 * decorator options, so tests can shorten the lock) and upserts the sweep's job scheduler. On shutdown the
 * workers close before the database does: active jobs finish, waiting ones stay for the next worker.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('QueueWorkers');
  private workers: Worker[] = [];

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly reminders: Queue,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
    @InjectQueue(QueueName.Deliveries) private readonly deliveries: Queue,
    @InjectQueue(QueueName.Audit) private readonly audit: Queue,
    private readonly sweeps: ReminderSweepService,
    private readonly sweepProcessor: ReminderSweepProcessor,
    private readonly noticeProcessor: NoticeProcessor,
    private readonly deliveryProcessor: DeliveryProcessor,
    private readonly quarterSnapshotProcessor: QuarterSnapshotProcessor,
    private readonly auditProcessor: AuditProcessor,
    private readonly settings: WorkerSettings,
    private readonly reminderSettings: ReminderSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweeps.ensureScheduler();
    await this.reminders.upsertJobScheduler(
      QUARTER_SNAPSHOT_SCHEDULER_ID,
      { pattern: QUARTER_SNAPSHOT_CRON, tz: 'Asia/Shanghai' },
      { name: JobName.QuarterSnapshot, data: {}, opts: defaultJobOptions(QueueName.Reminders, this.reminderSettings.retry) },
    );
    await this.ensureAuditSchedulers();
    this.workers = [
      // The reminders queue carries the scheduled housekeeping jobs: the sweep and the quarter-end snapshot.
      this.start(this.reminders, (job) => (job.name === JobName.QuarterSnapshot ? this.quarterSnapshotProcessor.process() : this.sweepProcessor.process(job)), 1),
      this.start(this.notifications, (job) => this.noticeProcessor.process(job), this.settings.concurrency),
      this.start(this.deliveries, (job) => this.deliveryProcessor.process(job), this.settings.deliveryConcurrency),
      this.start(this.audit, (job) => this.auditProcessor.process(job), 1),
    ];
  }

  private async ensureAuditSchedulers(): Promise<void> {
    const opts = defaultJobOptions(QueueName.Audit, this.reminderSettings.retry);
    await this.audit.upsertJobScheduler(AUDIT_SEAL_SCHEDULER_ID, { every: appConfig().AUDIT_SEAL_SECONDS * 1000 }, { name: JobName.AuditSeal, data: {}, opts });
    await this.audit.upsertJobScheduler(AUDIT_DAILY_SCHEDULER_ID, { pattern: AUDIT_DAILY_CRON, tz: 'Asia/Shanghai' }, { name: JobName.AuditDaily, data: {}, opts });
  }

  private start(queue: Queue, process: (job: Job) => Promise<unknown>, concurrency: number): Worker {
    const worker = new Worker(queue.name, process, {
      connection: queue.opts.connection,
      prefix: queue.opts.prefix,
      concurrency,
      lockDuration: this.settings.lockDurationMs,
      stalledInterval: this.settings.stalledIntervalMs,
      // A job whose worker died is retried, not failed, unless it keeps killing workers.
      maxStalledCount: 3,
    });
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.logger.warn(`${queue.name} job ${job.id} failed for good: ${err.message}`);
    });
    worker.on('error', (err) => this.logger.error(`${queue.name} worker: ${err.message}`));
    return worker;
  }

  /** force = true abandons active jobs like a killed process would (their locks expire and another worker takes them). */
  async stop(force = false): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.close(force)));
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}

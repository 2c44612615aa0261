import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import { JobName, QueueName } from '#libs/queue';
import { AuditProcessor } from './processors/audit.processor.js';
import { DeliveryReconcileProcessor } from './processors/delivery-reconcile.processor.js';
import { DeliveryProcessor } from './processors/delivery.processor.js';
import { NoticeProcessor } from './processors/notice.processor.js';
import { QuarterSnapshotProcessor } from './processors/quarter-snapshot.processor.js';
import { ReminderSweepProcessor } from './processors/reminder-sweep.processor.js';
import { WorkerSettings } from './worker-settings.js';

/**
 * Starts one BullMQ worker per queue with options from WorkerSettings (a DI provider, unlike @Processor's
 * decorator options, so tests can shorten the lock); the job schedulers are RedisWatch's. On shutdown the
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
    private readonly sweepProcessor: ReminderSweepProcessor,
    private readonly noticeProcessor: NoticeProcessor,
    private readonly deliveryProcessor: DeliveryProcessor,
    private readonly quarterSnapshotProcessor: QuarterSnapshotProcessor,
    private readonly reconcileProcessor: DeliveryReconcileProcessor,
    private readonly auditProcessor: AuditProcessor,
    private readonly settings: WorkerSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.workers = [
      this.start(this.reminders, (job) => this.housekeeping(job), 1),
      this.start(this.notifications, (job) => this.noticeProcessor.process(job), this.settings.concurrency),
      this.start(this.deliveries, (job) => this.deliveryProcessor.process(job), this.settings.deliveryConcurrency),
      this.start(this.audit, (job) => this.auditProcessor.process(job), 1),
    ];
  }

  /** The reminders queue carries the scheduled housekeeping: the sweep, the quarter-end snapshot, the delivery reconcile. */
  private housekeeping(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.ReminderSweep:
        return this.sweepProcessor.process(job);
      case JobName.QuarterSnapshot:
        return this.quarterSnapshotProcessor.process();
      case JobName.DeliveryReconcile:
        return this.reconcileProcessor.process();
      default:
        throw new UnrecoverableError(`no processor for job ${job.name}`);
    }
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

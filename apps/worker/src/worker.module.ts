import { Module } from '@nestjs/common';
import { AuditChainService, AuditModule } from '#libs/audit';
import { appConfig, ClockModule } from '#libs/common';
import { DashboardsModule } from '#libs/dashboards';
import { DatabaseModule } from '#libs/database';
import { QueueRootModule, QueuesModule } from '#libs/queue';
import { RemindersModule } from '#libs/reminders';
import { JobSchedulers } from './job-schedulers.js';
import { DeliveryReconcileProcessor } from './processors/delivery-reconcile.processor.js';
import { AuditProcessor } from './processors/audit.processor.js';
import { DeliveryProcessor } from './processors/delivery.processor.js';
import { NoticeProcessor } from './processors/notice.processor.js';
import { QuarterSnapshotProcessor } from './processors/quarter-snapshot.processor.js';
import { ReminderSweepProcessor } from './processors/reminder-sweep.processor.js';
import { QueueWorkers } from './queue-workers.js';
import { RedisWatch } from './redis-watch.js';
import { WorkerReadiness } from './worker-readiness.js';
import { WorkerSettings } from './worker-settings.js';

@Module({
  imports: [DatabaseModule, ClockModule, QueueRootModule, QueuesModule, RemindersModule, DashboardsModule, AuditModule],
  providers: [
    WorkerReadiness,
    { provide: WorkerSettings, useFactory: () => WorkerSettings.fromConfig(appConfig()) },
    ReminderSweepProcessor,
    NoticeProcessor,
    DeliveryProcessor,
    QuarterSnapshotProcessor,
    DeliveryReconcileProcessor,
    { provide: AuditProcessor, inject: [AuditChainService], useFactory: (chain: AuditChainService) => new AuditProcessor(chain, appConfig().AUDIT_RETENTION_DAYS) },
    QueueWorkers,
    JobSchedulers,
    RedisWatch,
  ],
})
export class WorkerModule {}

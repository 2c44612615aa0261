import type { JobsOptions } from 'bullmq';
import { QueueName } from './queue-names.js';

/** Every job name, per queue. Payload types live beside their producers (libs/reminders/src/jobs.ts). */
export enum JobName {
  /** Reminders queue: plan today's notices and enqueue them (repeatable, through a job scheduler). */
  ReminderSweep = 'reminder-sweep',
  /** Notifications queue: one deadline notice (task or milestone, one ladder step or offset). */
  DeadlineNotice = 'deadline-notice',
  /** Notifications queue: one quarterly report notice (window opened / report missing / coordinator summary). */
  ReportNotice = 'report-notice',
  /** Deliveries queue: send one notice over one channel to one target. */
  Delivery = 'delivery',
  /** Reminders queue: freeze the quarter that just ended for the dashboards' trend (repeatable, quarterly). */
  QuarterSnapshot = 'quarter-snapshot',
  /** Reminders queue: re-enqueue deliveries the database holds as pending but Redis has no job for (repeatable). */
  DeliveryReconcile = 'delivery-reconcile',
  /** Audit queue: chain the audit rows committed since the last seal (repeatable, every AUDIT_SEAL_SECONDS). */
  AuditSeal = 'audit-seal',
  /** Audit queue: chain every row left behind, then delete rows past the retention period (repeatable, daily). */
  AuditDaily = 'audit-daily',
}

/** The id of the job scheduler that repeats the sweep; one per deployment, upserted by every worker at boot. */
export const REMINDER_SWEEP_SCHEDULER_ID = 'reminder-sweep';

/** Five minutes into each quarter (Asia/Shanghai): the quarter just ended is frozen while its figures are still exact. */
export const QUARTER_SNAPSHOT_SCHEDULER_ID = 'quarter-snapshot';
export const QUARTER_SNAPSHOT_CRON = '5 0 1 1,4,7,10 *';

/** Every minute: a delivery whose job Redis lost waits at most the grace period plus this. */
export const DELIVERY_RECONCILE_SCHEDULER_ID = 'delivery-reconcile';
export const DELIVERY_RECONCILE_EVERY_MS = 60_000;
export const AUDIT_SEAL_SCHEDULER_ID = 'audit-seal';
export const AUDIT_DAILY_SCHEDULER_ID = 'audit-daily';
/** 03:30 Beijing time, away from office hours and the hourly reminder sweep. */
export const AUDIT_DAILY_CRON = '30 3 * * *';

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * Default options of every job, in one place. Completed jobs are kept for a week so their deterministic
 * ids keep deduplicating re-enqueues (the database's unique keys are the final guard); failed jobs are
 * capped so a long outage cannot fill Redis.
 */
export function defaultJobOptions(queue: QueueName, retry: RetryPolicy): JobsOptions {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600, count: queue === QueueName.Reminders || queue === QueueName.Audit ? 200 : 100_000 },
    removeOnFail: { count: 5_000 },
  };
}

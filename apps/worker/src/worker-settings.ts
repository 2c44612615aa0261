import type { AppConfig } from '#libs/common';
import { DELIVERY_RECONCILE_EVERY_MS } from '#libs/queue';
import { DEFAULT_NOTICE_BATCH, type NoticeBatchOptions } from '#libs/reminders';

/** How the worker consumes; a DI provider so tests can shorten lock times and simulate a crash quickly. */
export class WorkerSettings {
  constructor(
    /** Parallel notice jobs (the sweep runs one at a time). */
    readonly concurrency: number,
    /** A job's lock lasts this long unless its worker keeps renewing it; a crashed worker stops renewing. */
    readonly lockDurationMs: number,
    /** How often workers look for jobs whose lock expired and put them back in the queue. */
    readonly stalledIntervalMs: number,
    /** Parallel deliveries (email, webhook). */
    readonly deliveryConcurrency: number = concurrency,
    /** How the deadline notices of concurrent jobs are stored together. */
    readonly noticeBatch: NoticeBatchOptions = DEFAULT_NOTICE_BATCH,
    /** How often the delivery reconciler runs (a job scheduler). */
    readonly reconcileEveryMs: number = DELIVERY_RECONCILE_EVERY_MS,
  ) {}

  /** BullMQ's defaults (30 s): a crashed worker's jobs are retried within a minute. */
  static fromConfig(c: AppConfig): WorkerSettings {
    return new WorkerSettings(c.NOTIFY_CONCURRENCY, 30_000, 30_000, c.DELIVERY_CONCURRENCY);
  }
}

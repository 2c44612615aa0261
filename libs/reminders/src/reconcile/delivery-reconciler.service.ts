import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '#libs/common';
import { QueueName } from '#libs/queue';
import { deliveryJobId, deliveryJobs, type DeliveryJob } from '../jobs.js';
import { DeliveryRepository } from '../notifications/delivery.repository.js';
import { ReminderSettings } from '../reminder-settings.js';
import { pendingBacklog, reconcileAction, type PendingBacklog } from './reconcile-rules.js';

export interface ReconcileResult {
  /** Pending deliveries past the grace period that were looked at. */
  checked: number;
  enqueued: number;
  failed: number;
}

const PAGE = 500;

/**
 * The database is the source of truth for deliveries; Redis only holds the work in progress. Every minute (a job
 * scheduler in the worker) and at once after Redis restarts, each delivery still pending after the grace period
 * is matched with its job (`delivery|<id>`) and re-enqueued when Redis has none (reconcile-rules.ts).
 * Notices whose jobs vanished need nothing here: the sweep plans every notice not stored yet again.
 */
@Injectable()
export class DeliveryReconciler {
  private readonly logger = new Logger('DeliveryReconciler');

  constructor(
    @InjectQueue(QueueName.Deliveries) private readonly deliveries: Queue<DeliveryJob>,
    private readonly rows: DeliveryRepository,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<ReconcileResult> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - this.settings.deliveryGraceMs);
    const result: ReconcileResult = { checked: 0, enqueued: 0, failed: 0 };
    for (let page = await this.rows.pendingStoredBefore(before, null, PAGE); page.length > 0; page = page.length < PAGE ? [] : await this.rows.pendingStoredBefore(before, page.at(-1)!, PAGE)) {
      result.checked += page.length;
      // Concurrent commands on one connection are pipelined: one round trip per page, not per delivery.
      const states = await Promise.all(page.map((p) => this.deliveries.getJobState(deliveryJobId(p.id))));
      const enqueue: string[] = [];
      for (const [i, { id }] of page.entries()) {
        const state = states[i]!;
        const action = reconcileAction(state);
        if (action === 'enqueue') {
          // A finished job keeps its id for a week: it must go before the same id can be queued again.
          if (state === 'completed') await this.deliveries.remove(deliveryJobId(id));
          enqueue.push(id);
        } else if (action === 'fail') {
          const job = await this.deliveries.getJob(deliveryJobId(id));
          if (await this.rows.failPending(id, `job failed without recording it: ${job?.failedReason ?? 'unknown reason'}`, now)) result.failed += 1;
        }
      }
      if (enqueue.length > 0) await this.deliveries.addBulk(deliveryJobs(enqueue, this.settings.retry));
      result.enqueued += enqueue.length;
    }
    if (result.enqueued + result.failed > 0) this.logger.warn(`re-enqueued ${result.enqueued} delivery job(s) Redis no longer had; marked ${result.failed} failed`);
    return result;
  }

  /** Deliveries pending past the stuck threshold and the oldest pending one's age, for /health. */
  async backlog(): Promise<PendingBacklog & { stuckAfterSeconds: number }> {
    const now = this.clock.now();
    const { stuck, oldest } = await this.rows.backlog(new Date(now.getTime() - this.settings.deliveryStuckMs));
    return { ...pendingBacklog(now, stuck, oldest), stuckAfterSeconds: Math.round(this.settings.deliveryStuckMs / 1000) };
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names.js';

export interface QueueLag {
  waiting: number;
  delayed: number;
  failed: number;
  /** How long the oldest waiting job has waited; 0 when nothing waits. */
  lagMs: number;
}

export interface QueueFailure {
  id: string | undefined;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
  data: unknown;
}

export interface QueueStats {
  name: QueueName;
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number; prioritized: number };
  lagMs: number;
  lastFailures: QueueFailure[];
}

/** Read-only view of the queues for /health and the admin queue page. */
@Injectable()
export class QueueMonitor {
  private readonly queues: Queue[];

  constructor(
    @InjectQueue(QueueName.Reminders) reminders: Queue,
    @InjectQueue(QueueName.Notifications) notifications: Queue,
    @InjectQueue(QueueName.Deliveries) deliveries: Queue,
  ) {
    this.queues = [reminders, notifications, deliveries];
  }

  queue(name: QueueName): Queue {
    return this.queues.find((q) => q.name === name)!;
  }

  /** Lag uses the wall clock, not the domain Clock: BullMQ stamps jobs with Date.now(). */
  private async lagOf(queue: Queue): Promise<number> {
    const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
    return oldest ? Math.max(0, Date.now() - oldest.timestamp - (oldest.delay ?? 0)) : 0;
  }

  async lag(): Promise<Record<string, QueueLag>> {
    const entries = await Promise.all(
      this.queues.map(async (q) => {
        const counts = await q.getJobCounts('waiting', 'delayed', 'failed');
        return [q.name, { waiting: counts.waiting ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0, lagMs: await this.lagOf(q) }] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async stats(failures = 10): Promise<QueueStats[]> {
    return Promise.all(
      this.queues.map(async (q) => {
        const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
        const failed = await q.getFailed(0, failures - 1);
        return {
          name: q.name as QueueName,
          counts: { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0, prioritized: c.prioritized ?? 0 },
          lagMs: await this.lagOf(q),
          lastFailures: failed.map((j) => ({
            id: j.id,
            name: j.name,
            failedReason: j.failedReason,
            attemptsMade: j.attemptsMade,
            failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
            data: j.data,
          })),
        };
      }),
    );
  }
}

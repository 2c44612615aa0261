import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DeliveryService, type DeliveryJob } from '#libs/reminders';

/** One delivery over one channel. The attempt number tells the service when a failure is final. */
@Injectable()
export class DeliveryProcessor {
  constructor(private readonly deliveries: DeliveryService) {}

  async process(job: Job<DeliveryJob>): Promise<string> {
    const delivery = await this.deliveries.find(job.data.deliveryId);
    if (!delivery) return 'skipped: delivery deleted';
    if (delivery.status !== 'pending') return `skipped: already ${delivery.status}`;
    return this.deliveries.deliver(delivery, { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 });
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import type { Repository } from 'typeorm';
import { Clock } from '#libs/common';
import { NOTICE_LEVEL_LABELS, RECIPIENT_ROLE_LABELS } from '../rules/index.js';
import { errorText, PermanentDeliveryError } from './channels/delivery-errors.js';
import { EmailChannel } from './channels/email.channel.js';
import { WebhookChannel } from './channels/webhook.channel.js';
import { NotificationDelivery } from './entities/notification-delivery.entity.js';
import { Notification } from './entities/notification.entity.js';

export interface Attempt {
  /** 1-based number of this attempt. */
  number: number;
  max: number;
}

/** The JSON a webhook receives: robot-compatible text (政务钉钉 / 企业微信 read msgtype/text) plus the structured notice. */
export function webhookPayload(n: Notification): object {
  return {
    msgtype: 'text',
    text: { content: n.link ? `${n.title}\n${n.link}` : n.title },
    notification: {
      id: n.id,
      kind: n.kind,
      level: n.level,
      levelLabel: NOTICE_LEVEL_LABELS[n.level],
      recipientRole: n.recipientRole,
      recipientRoleLabel: RECIPIENT_ROLE_LABELS[n.recipientRole],
      title: n.title,
      body: n.body,
      provinceId: n.provinceId,
      departmentId: n.departmentId,
      taskId: n.taskId,
      milestoneId: n.milestoneId,
      period: n.period,
      dueDate: n.dueDate,
      link: n.link,
      createdAt: n.createdAt,
    },
  };
}

/** Sends one delivery and keeps its row true: sent, still pending with the last error, or failed for good. */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Deliveries');

  constructor(
    @InjectRepository(NotificationDelivery) private readonly deliveries: Repository<NotificationDelivery>,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly clock: Clock,
  ) {}

  find(id: string): Promise<NotificationDelivery | null> {
    return this.deliveries.findOneBy({ id });
  }

  /**
   * Permanent errors fail the delivery at once and throw UnrecoverableError so BullMQ does not retry; other
   * errors are rethrown for BullMQ's backoff, and on the last attempt the delivery is marked failed.
   */
  async deliver(delivery: NotificationDelivery, attempt: Attempt): Promise<'sent'> {
    const notification = await this.notifications.findOneByOrFail({ id: delivery.notificationId });
    try {
      if (delivery.channel === 'email') {
        await this.email.send({ deliveryId: delivery.id, to: delivery.target, subject: notification.title, text: notification.body, link: notification.link });
      } else if (delivery.channel === 'webhook') {
        await this.webhook.post(delivery.target, delivery.id, webhookPayload(notification));
      }
    } catch (e) {
      const permanent = e instanceof PermanentDeliveryError;
      const final = permanent || attempt.number >= attempt.max;
      await this.deliveries.update(delivery.id, {
        attempts: attempt.number,
        lastError: errorText(e),
        ...(final ? { status: 'failed' as const, failedAt: this.clock.now() } : {}),
      });
      if (final) this.logger.warn(`delivery ${delivery.id} (${delivery.channel} → ${delivery.target}) failed after ${attempt.number} attempt(s): ${errorText(e)}`);
      throw permanent ? new UnrecoverableError(errorText(e)) : e;
    }
    await this.deliveries.update(delivery.id, { status: 'sent', attempts: attempt.number, lastError: null, sentAt: this.clock.now() });
    return 'sent';
  }
}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#libs/audit';
import { appConfig } from '#libs/common';
import { OrganisationModule } from '#libs/organisation';
import { QueuesModule } from '#libs/queue';
import { TasksModule } from '#libs/tasks';
import { EmailChannel } from './notifications/channels/email.channel.js';
import { WebhookChannel } from './notifications/channels/webhook.channel.js';
import { DeliveryRepository } from './notifications/delivery.repository.js';
import { DeliveryService } from './notifications/delivery.service.js';
import { NotificationDelivery } from './notifications/entities/notification-delivery.entity.js';
import { Notification } from './notifications/entities/notification.entity.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { DeliveryReconciler } from './reconcile/delivery-reconciler.service.js';
import { ReminderConfigService } from './reminder-config.service.js';
import { ReminderSettings } from './reminder-settings.js';
import { NoticeService } from './sweep/notice.service.js';
import { ReminderSweepService } from './sweep/reminder-sweep.service.js';
import { TaskRemindersService } from './task-reminders.service.js';

/**
 * Reminders, escalation and the notification inbox. The api uses the sweep (producer), inbox and admin views;
 * apps/worker adds the processors that call NoticeService and DeliveryService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationDelivery]), QueuesModule, AuditModule, OrganisationModule, TasksModule],
  providers: [
    { provide: ReminderSettings, useFactory: () => ReminderSettings.fromConfig(appConfig()) },
    ReminderConfigService,
    ReminderSweepService,
    NoticeService,
    NotificationsService,
    DeliveryService,
    DeliveryRepository,
    DeliveryReconciler,
    TaskRemindersService,
    EmailChannel,
    WebhookChannel,
  ],
  exports: [QueuesModule, ReminderSettings, ReminderConfigService, ReminderSweepService, NoticeService, NotificationsService, DeliveryService, DeliveryReconciler, TaskRemindersService],
})
export class RemindersModule {}

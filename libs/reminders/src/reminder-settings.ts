import { DEFAULT_REPORTING_WINDOW, type ReportingWindowConfig } from '#libs/calendar';
import type { AppConfig } from '#libs/common';
import type { RetryPolicy } from '#libs/queue';
import { validateReminderConfig, type ReminderConfig } from './rules/index.js';

export interface SmtpSettings {
  /** Unset: email is off and no email deliveries are created. */
  host: string | null;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
  from: string;
}

export interface ReminderSettingsValues {
  sweepCron: string;
  /** Everything in the province's time zone, including when the hourly sweep fires. */
  sweepTimeZone: string;
  /** Used by every province without its own reminder_setting row. */
  defaults: ReminderConfig;
  /** How long after its last ladder step an overdue subject is still swept (covers outages). */
  overdueGraceDays: number;
  reportingWindow: ReportingWindowConfig;
  retry: RetryPolicy;
  publicUrl: string;
  smtp: SmtpSettings;
  webhookSecret: string;
  /** Webhook for the notices addressed to the coordinator and the leaders (their group robot). */
  provinceWebhookUrl: string | null;
  webhookTimeoutMs: number;
  /** A pending delivery younger than this is left alone by the reconciler: its job may not be added yet. */
  deliveryGraceMs: number;
  /** A delivery pending longer than this is stuck: /health counts it and the failures list shows it. */
  deliveryStuckMs: number;
}

/** "0:liaison:remind,3:head:urge" → ladder steps; validateReminderConfig then names any bad field. */
function parseLadder(text: string): unknown[] {
  return text.split(',').map((part) => {
    const [after, recipient, level] = part.trim().split(':');
    return { afterWorkingDays: Number(after), recipient, level };
  });
}

// Declaration merging gives the class every field of ReminderSettingsValues without listing them twice.
export interface ReminderSettings extends ReminderSettingsValues {}

/** Reminder and delivery settings, from the environment; a DI provider so tests can shorten backoffs and point SMTP at a test server. */
export class ReminderSettings {
  constructor(values: ReminderSettingsValues) {
    Object.assign(this, values);
  }

  static fromConfig(c: AppConfig): ReminderSettings {
    const offsets = c.REMINDER_OFFSETS.split(',').map((s) => Number(s.trim()));
    let defaults: ReminderConfig;
    try {
      defaults = validateReminderConfig({ offsets, ladder: parseLadder(c.REMINDER_LADDER) });
    } catch (e) {
      throw new Error(`Invalid environment:\n  - REMINDER_OFFSETS / REMINDER_LADDER: ${(e as Error).message}`);
    }
    return new ReminderSettings({
      sweepCron: c.REMINDER_SWEEP_CRON,
      sweepTimeZone: 'Asia/Shanghai',
      defaults,
      overdueGraceDays: c.REMINDER_OVERDUE_GRACE_DAYS,
      reportingWindow: DEFAULT_REPORTING_WINDOW,
      retry: { attempts: c.NOTIFY_ATTEMPTS, backoffMs: c.NOTIFY_BACKOFF_MS },
      publicUrl: c.PUBLIC_URL.replace(/\/+$/, ''),
      smtp: {
        host: c.SMTP_HOST ?? null,
        port: c.SMTP_PORT,
        secure: c.SMTP_SECURE === 'true',
        user: c.SMTP_USER ?? null,
        pass: c.SMTP_PASS ?? null,
        from: c.SMTP_FROM,
      },
      webhookSecret: c.WEBHOOK_SECRET,
      provinceWebhookUrl: c.PROVINCE_WEBHOOK_URL ?? null,
      webhookTimeoutMs: 10_000,
      deliveryGraceMs: 2 * 60_000,
      deliveryStuckMs: c.DELIVERY_STUCK_MINUTES * 60_000,
    });
  }

  /** The task's page in the web app (history URL: the api answers every app path with the app). */
  taskLink(taskId: string): string {
    return `${this.publicUrl}/tasks/${taskId}`;
  }

  /** The task list narrowed to the tasks 未设时限, where the coordinator sets their dates. */
  withoutDeadlineLink(): string {
    return `${this.publicUrl}/tasks?withoutDeadline=true`;
  }

  /** The quarterly report page of whoever the notice goes to: a department's 进展报送, the coordinator's 进展调度. */
  reportsLink(audience: 'department' | 'coordinator', period: string): string {
    return `${this.publicUrl}/${audience === 'department' ? 'my-reports' : 'reports'}?period=${encodeURIComponent(period)}`;
  }
}

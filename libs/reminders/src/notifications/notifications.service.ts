import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '#libs/audit';
import { Clock, pageOf, type AuthUser, type Page, type PageQueryDto } from '#libs/common';
import { defaultJobOptions, JobName, QueueName } from '#libs/queue';
import type { DeliveryFailureView, NotificationQueryDto, NotificationView } from '../dto/notification.dto.js';
import { deliveryJobId, type DeliveryJob } from '../jobs.js';
import { ReminderSettings } from '../reminder-settings.js';
import { NOTICE_LEVEL_LABELS, RECIPIENT_ROLE_LABELS, type NoticeLevel, type RecipientRole } from '../rules/index.js';
import { EmailChannel } from './channels/email.channel.js';
import type { DeliveryChannel } from './entities/notification-delivery.entity.js';
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from './entities/notification.entity.js';

export interface NoticeInput {
  dedupKey: string;
  kind: NotificationKind;
  level: NoticeLevel;
  recipientRole: RecipientRole;
  provinceId: string;
  departmentId: string | null;
  taskId: string | null;
  milestoneId: string | null;
  period: string | null;
  dueDate: string | null;
  step: number | null;
  title: string;
  body: string;
  link: string | null;
}

export interface PublishResult {
  notificationId: string;
  /** false when the notice was stored before (a re-run job): only its unsent deliveries were re-enqueued. */
  created: boolean;
  deliveriesEnqueued: number;
}

interface InboxRow {
  id: string;
  kind: NotificationKind;
  level: NoticeLevel;
  recipient_role: RecipientRole;
  title: string;
  body: string;
  department_id: string | null;
  task_id: string | null;
  milestone_id: string | null;
  period: string | null;
  due_date: string | null;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

const DEPARTMENT_ROLES: RecipientRole[] = ['liaison', 'head'];

function toView(r: InboxRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: NOTIFICATION_KIND_LABELS[r.kind],
    level: r.level,
    levelLabel: NOTICE_LEVEL_LABELS[r.level],
    recipientRole: r.recipient_role,
    recipientRoleLabel: RECIPIENT_ROLE_LABELS[r.recipient_role],
    title: r.title,
    body: r.body,
    departmentId: r.department_id,
    taskId: r.task_id,
    milestoneId: r.milestone_id,
    period: r.period,
    dueDate: r.due_date,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

/**
 * Which notices a user sees, as SQL over alias n: department users their department's (liaison and head steps),
 * coordinators and leaders the steps addressed to their role in their province. Others (admin, city) have no inbox.
 */
function visibility(user: AuthUser, first: number): { sql: string; params: unknown[] } {
  if (user.role === 'department' && user.departmentId) {
    return { sql: `n.recipient_role IN ('liaison', 'head') AND n.department_id = $${first}`, params: [user.departmentId] };
  }
  if ((user.role === 'coordinator' || user.role === 'leader') && user.provinceId) {
    return { sql: `n.recipient_role = $${first} AND n.province_id = $${first + 1}`, params: [user.role, user.provinceId] };
  }
  return { sql: 'false', params: [] };
}

/** The in-app inbox and the fan-out of each notice to its channels. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Deliveries) private readonly deliveries: Queue<DeliveryJob>,
    private readonly audit: AuditService,
    private readonly email: EmailChannel,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a notice once (unique dedup key), with one delivery row per channel and target and an entry in the
   * history of its task (or department / province), then enqueues the unsent deliveries. Safe to call again for
   * the same key: a job that crashed after the commit re-enqueues what was not sent, under the same job ids.
   */
  async publish(input: NoticeInput): Promise<PublishResult> {
    const now = this.clock.now();
    const { notificationId, created, external } = await this.dataSource.transaction(async (m) => {
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO notification (dedup_key, kind, level, recipient_role, province_id, department_id, task_id, milestone_id, period, due_date, step, title, body, link, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
        [input.dedupKey, input.kind, input.level, input.recipientRole, input.provinceId, input.departmentId, input.taskId, input.milestoneId, input.period, input.dueDate, input.step, input.title.slice(0, 500), input.body, input.link, now],
      );
      if (inserted.length === 0) {
        const [existing]: { id: string }[] = await m.query('SELECT id FROM notification WHERE dedup_key = $1', [input.dedupKey]);
        return { notificationId: existing!.id, created: false, external: true };
      }
      const id = inserted[0]!.id;
      const targets = await this.targetsOf(m, input);
      await m.query(
        `INSERT INTO notification_delivery (notification_id, channel, target, status, attempts, sent_at, created_at, updated_at)
         SELECT $1, t.channel, t.target, CASE WHEN t.channel = 'inbox' THEN 'sent' ELSE 'pending' END, CASE WHEN t.channel = 'inbox' THEN 1 ELSE 0 END,
                CASE WHEN t.channel = 'inbox' THEN $2::timestamptz END, $2, $2
         FROM unnest($3::text[], $4::text[]) AS t(channel, target)
         ON CONFLICT DO NOTHING`,
        [id, now, targets.map((t) => t.channel), targets.map((t) => t.target)],
      );
      const entity = input.taskId ? { entityType: 'task', entityId: input.taskId } : input.departmentId ? { entityType: 'department', entityId: input.departmentId } : { entityType: 'region', entityId: input.provinceId };
      await this.audit.record(m, {
        actor: null,
        ...entity,
        action: `notice_${input.level}`,
        after: { notificationId: id, kind: input.kind, step: input.step, level: input.level, recipientRole: input.recipientRole, milestoneId: input.milestoneId, period: input.period, title: input.title, channels: targets.map((t) => t.channel) },
      });
      return { notificationId: id, created: true, external: targets.some((t) => t.channel !== 'inbox') };
    });
    // A fresh inbox-only notice has nothing to enqueue; a re-run looks for what a crash may have left unsent.
    const pending: { id: string }[] = created && !external ? [] : await this.dataSource.query(`SELECT id FROM notification_delivery WHERE notification_id = $1 AND status = 'pending'`, [notificationId]);
    const options = defaultJobOptions(QueueName.Deliveries, this.settings.retry);
    if (pending.length > 0) await this.deliveries.addBulk(pending.map((d) => ({ name: JobName.Delivery, data: { deliveryId: d.id }, opts: { ...options, jobId: deliveryJobId(d.id) } })));
    return { notificationId, created, deliveriesEnqueued: pending.length };
  }

  /** Inbox always; email to the addressed person(s) when SMTP is configured; the matching group webhook when one is set. */
  private async targetsOf(m: EntityManager, input: NoticeInput): Promise<{ channel: DeliveryChannel; target: string }[]> {
    const targets: { channel: DeliveryChannel; target: string }[] = [];
    if (DEPARTMENT_ROLES.includes(input.recipientRole)) {
      targets.push({ channel: 'inbox', target: `department/${input.departmentId}` });
      const [dept]: { email: string | null; webhook_url: string | null }[] = await m.query(
        `SELECT ${input.recipientRole === 'head' ? 'head_email' : 'liaison_email'} AS email, webhook_url FROM department WHERE id = $1`,
        [input.departmentId],
      );
      if (this.email.enabled && dept?.email?.trim()) targets.push({ channel: 'email', target: dept.email.trim() });
      if (dept?.webhook_url?.trim()) targets.push({ channel: 'webhook', target: dept.webhook_url.trim() });
    } else {
      targets.push({ channel: 'inbox', target: `province/${input.provinceId}/${input.recipientRole}` });
      if (this.email.enabled) {
        const users: { email: string }[] = await m.query(
          `SELECT DISTINCT trim(email) AS email FROM app_user WHERE role = $1 AND region_id = $2 AND active AND coalesce(trim(email), '') <> '' ORDER BY 1`,
          [input.recipientRole, input.provinceId],
        );
        for (const u of users) targets.push({ channel: 'email', target: u.email });
      }
      if (this.settings.provinceWebhookUrl) targets.push({ channel: 'webhook', target: this.settings.provinceWebhookUrl });
    }
    return targets;
  }

  async inbox(user: AuthUser, query: NotificationQueryDto): Promise<Page<NotificationView> & { unread: number }> {
    const v = visibility(user, 2);
    const from = `FROM notification n LEFT JOIN notification_read r ON r.notification_id = n.id AND r.user_id = $1 WHERE ${v.sql}`;
    const params = [user.id, ...v.params];
    const unreadOnly = query.unread ? ' AND r.user_id IS NULL' : '';
    const [rows, [counts]] = await Promise.all([
      this.dataSource.query(
        `SELECT n.id, n.kind, n.level, n.recipient_role, n.title, n.body, n.department_id, n.task_id, n.milestone_id, n.period, n.due_date::text AS due_date, n.link, n.created_at, r.read_at
         ${from}${unreadOnly} ORDER BY n.created_at DESC, n.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
        params,
      ) as Promise<InboxRow[]>,
      // One pass for both numbers the inbox header shows.
      this.dataSource.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE r.user_id IS NULL)::int AS unread ${from}`, params) as Promise<{ total: number; unread: number }[]>,
    ]);
    return { ...pageOf(rows.map(toView), query.unread ? counts!.unread : counts!.total, query), unread: counts!.unread };
  }

  async markRead(user: AuthUser, id: string): Promise<NotificationView> {
    const v = visibility(user, 2);
    return this.dataSource.transaction(async (m) => {
      const found: { id: string }[] = await m.query(`SELECT n.id FROM notification n WHERE n.id = $1 AND ${v.sql}`, [id, ...v.params]);
      if (found.length === 0) throw new NotFoundException(`通知不存在 (notification ${id} not found)`);
      const marked: unknown[] = await m.query(`INSERT INTO notification_read (notification_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [id, user.id, this.clock.now()]);
      if (marked.length > 0) await this.audit.record(m, { actor: user, entityType: 'notification', entityId: id, action: 'read' });
      const [row]: InboxRow[] = await m.query(
        `SELECT n.id, n.kind, n.level, n.recipient_role, n.title, n.body, n.department_id, n.task_id, n.milestone_id, n.period, n.due_date::text AS due_date, n.link, n.created_at, r.read_at
         FROM notification n JOIN notification_read r ON r.notification_id = n.id AND r.user_id = $2 WHERE n.id = $1`,
        [id, user.id],
      );
      return toView(row!);
    });
  }

  async markAllRead(user: AuthUser): Promise<{ marked: number }> {
    const v = visibility(user, 3);
    return this.dataSource.transaction(async (m) => {
      const rows: unknown[] = await m.query(
        `INSERT INTO notification_read (notification_id, user_id, read_at)
         SELECT n.id, $1::uuid, $2::timestamptz FROM notification n WHERE ${v.sql}
         ON CONFLICT DO NOTHING RETURNING 1`,
        [user.id, this.clock.now(), ...v.params],
      );
      if (rows.length > 0) await this.audit.record(m, { actor: user, entityType: 'user', entityId: user.id, action: 'read_all_notifications', after: { marked: rows.length } });
      return { marked: rows.length };
    });
  }

  /** Deliveries that finally failed, newest first; a coordinator sees those of their province. */
  async failures(user: AuthUser, query: PageQueryDto): Promise<Page<DeliveryFailureView>> {
    const scoped = user.role !== 'admin';
    const where = `d.status = 'failed'${scoped ? ' AND n.province_id = $1' : ''}`;
    const params = scoped ? [user.provinceId ?? '00000000-0000-0000-0000-000000000000'] : [];
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id AS "deliveryId", d.notification_id AS "notificationId", d.channel, d.target, d.attempts, d.last_error AS "lastError", d.failed_at AS "failedAt",
                n.title, n.kind, n.recipient_role AS "recipientRole", n.task_id AS "taskId", n.department_id AS "departmentId", dep.name AS "departmentName"
         FROM notification_delivery d JOIN notification n ON n.id = d.notification_id LEFT JOIN department dep ON dep.id = n.department_id
         WHERE ${where} ORDER BY d.failed_at DESC NULLS LAST, d.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
        params,
      ) as Promise<DeliveryFailureView[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return pageOf(rows, count!.n, query);
  }
}

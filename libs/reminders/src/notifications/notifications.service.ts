import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService, auditInsertSql } from '#libs/audit';
import { Clock, pageOf, type AuthUser, type Page } from '#libs/common';
import { queryPrepared } from '#libs/database';
import { QueueName } from '#libs/queue';
import type { DeliveryFailureQueryDto, DeliveryFailureView, NotificationQueryDto, NotificationView } from '../dto/notification.dto.js';
import type { NoticeDeliveryView, TaskNotificationView } from '../dto/task-notification.dto.js';
import { deliveryJobs, type DeliveryJob } from '../jobs.js';
import { ReminderSettings } from '../reminder-settings.js';
import { NOTICE_LEVEL_LABELS, RECIPIENT_ROLE_LABELS, type NoticeLevel, type RecipientRole } from '../rules/index.js';
import { EmailChannel } from './channels/email.channel.js';
import { DeliveryRepository } from './delivery.repository.js';
import type { DeliveryChannel, DeliveryStatus } from './entities/notification-delivery.entity.js';
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
  /** Who sends it by hand (催办, 一键催报): stored on the notice and as the actor of its audit row. Absent: the system. */
  sentBy?: Pick<AuthUser, 'id' | 'username'>;
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

const CHANNEL_LABELS: Record<DeliveryChannel, string> = { inbox: '站内通知', email: '邮件', webhook: '群机器人' };
const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = { pending: '待发送', sent: '已发送', failed: '发送失败' };
/** A pending delivery past the stuck threshold, as the failures list names it. */
const STUCK_LABEL = '长时间未发送';
/** A coordinator without a province sees nothing: no row belongs to this id. */
const NO_PROVINCE = '00000000-0000-0000-0000-000000000000';

/** A group robot's URL carries its access token: everyone who reads the task sees where it went, not the key. */
function shownTarget(channel: DeliveryChannel, target: string): string {
  if (channel !== 'webhook') return target;
  try {
    return `${new URL(target).origin}/…`;
  } catch {
    return '…';
  }
}

interface TaskNoticeRow {
  id: string;
  kind: NotificationKind;
  level: NoticeLevel;
  recipient_role: RecipientRole;
  department: { id: string; name: string } | null;
  title: string;
  body: string;
  sent_by: { id: string; displayName: string } | null;
  created_at: Date;
  reads: { userId: string; displayName: string; readAt: string }[];
  deliveries: (Omit<NoticeDeliveryView, 'channelLabel' | 'statusLabel'>)[];
}

function toTaskNoticeView(r: TaskNoticeRow): TaskNotificationView {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: NOTIFICATION_KIND_LABELS[r.kind],
    manual: r.sent_by !== null || r.kind === 'manual',
    level: r.level,
    levelLabel: NOTICE_LEVEL_LABELS[r.level],
    recipientRole: r.recipient_role,
    recipientRoleLabel: RECIPIENT_ROLE_LABELS[r.recipient_role],
    department: r.department,
    recipientLabel: r.department ? `${r.department.name} ${RECIPIENT_ROLE_LABELS[r.recipient_role]}` : RECIPIENT_ROLE_LABELS[r.recipient_role],
    title: r.title,
    body: r.body,
    sentBy: r.sent_by,
    sentByLabel: r.sent_by?.displayName ?? '系统自动',
    createdAt: new Date(r.created_at).toISOString(),
    read: r.reads.length > 0,
    reads: r.reads,
    deliveries: r.deliveries.map((d) => ({ ...d, target: shownTarget(d.channel, d.target), channelLabel: CHANNEL_LABELS[d.channel], statusLabel: DELIVERY_STATUS_LABELS[d.status] })),
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

/**
 * Stores a batch of notices ($1: NoticeInput[] as JSON) with their deliveries and audit rows, as ONE statement:
 * all or nothing, no transaction round trips. $2 now, $3 email on, $4 the province group webhook.
 * Targets: the inbox always; email to the addressed person(s) when SMTP is configured (the department's liaison or
 * head, or the province's active users of the role); the department's or the province's group webhook when set.
 * Inserting in dedup-key order makes concurrent batches wait for each other's keys in one order, never in a cycle.
 * Returns the notices this statement created; a key it did not return was stored before (a re-run job).
 */
const PUBLISH_SQL = `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS i("dedupKey" text, kind text, level text, "recipientRole" text, "provinceId" uuid, "departmentId" uuid,
      "taskId" uuid, "milestoneId" uuid, period text, "dueDate" date, step int, title text, body text, link text, "sentBy" json)
  ),
  notice AS (
    INSERT INTO notification (dedup_key, kind, level, recipient_role, province_id, department_id, task_id, milestone_id, period, due_date, step, title, body, link, sent_by, created_at)
    SELECT "dedupKey", kind, level, "recipientRole", "provinceId", "departmentId", "taskId", "milestoneId", period, "dueDate", step, left(title, 500), body, link, ("sentBy" ->> 'id')::uuid, $2::timestamptz
    FROM input ORDER BY "dedupKey"
    ON CONFLICT (dedup_key) DO NOTHING
    RETURNING id, dedup_key, kind, level, recipient_role, province_id, department_id, task_id, milestone_id, period, step
  ),
  target AS (
    SELECT n.id AS notification_id, 1 AS rank, 'inbox' AS channel,
           CASE WHEN n.recipient_role IN ('liaison', 'head') THEN 'department/' || n.department_id ELSE 'province/' || n.province_id || '/' || n.recipient_role END AS target
    FROM notice n
    UNION ALL
    SELECT n.id, 2, 'email', trim(CASE n.recipient_role WHEN 'head' THEN d.head_email ELSE d.liaison_email END)
    FROM notice n JOIN department d ON d.id = n.department_id
    WHERE $3 AND n.recipient_role IN ('liaison', 'head') AND trim(CASE n.recipient_role WHEN 'head' THEN d.head_email ELSE d.liaison_email END) <> ''
    UNION ALL
    SELECT DISTINCT n.id, 2, 'email', trim(u.email)
    FROM notice n JOIN app_user u ON u.role = n.recipient_role AND u.region_id = n.province_id AND u.active
    WHERE $3 AND trim(u.email) <> ''
    UNION ALL
    SELECT n.id, 3, 'webhook', trim(d.webhook_url)
    FROM notice n JOIN department d ON d.id = n.department_id
    WHERE n.recipient_role IN ('liaison', 'head') AND trim(d.webhook_url) <> ''
    UNION ALL
    SELECT n.id, 3, 'webhook', $4::text FROM notice n WHERE $4::text <> '' AND n.recipient_role NOT IN ('liaison', 'head')
  ),
  delivery AS (
    INSERT INTO notification_delivery (notification_id, channel, target, status, attempts, sent_at, created_at, updated_at)
    SELECT notification_id, channel, target, CASE WHEN channel = 'inbox' THEN 'sent' ELSE 'pending' END, CASE WHEN channel = 'inbox' THEN 1 ELSE 0 END,
           CASE WHEN channel = 'inbox' THEN $2::timestamptz END, $2::timestamptz, $2::timestamptz
    FROM target
    ON CONFLICT DO NOTHING
  ),
  channels AS (
    SELECT notification_id, jsonb_agg(channel ORDER BY rank, target) AS channels, bool_or(channel <> 'inbox') AS external FROM target GROUP BY notification_id
  ),
  audited AS (${auditInsertSql(`
    SELECT (i."sentBy" ->> 'id')::uuid, i."sentBy" ->> 'username', CASE WHEN n.task_id IS NOT NULL THEN 'task' WHEN n.department_id IS NOT NULL THEN 'department' ELSE 'region' END,
           coalesce(n.task_id, n.department_id, n.province_id), 'notice_' || n.level, NULL::jsonb,
           jsonb_build_object('notificationId', n.id, 'kind', n.kind, 'step', n.step, 'level', n.level, 'recipientRole', n.recipient_role,
             'milestoneId', n.milestone_id, 'period', n.period, 'title', i.title, 'channels', c.channels)
    FROM notice n JOIN input i ON i."dedupKey" = n.dedup_key JOIN channels c ON c.notification_id = n.id`)}
  )
  SELECT n.dedup_key AS "dedupKey", n.id, c.external FROM notice n JOIN channels c ON c.notification_id = n.id`;

/** The in-app inbox and the fan-out of each notice to its channels. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Deliveries) private readonly deliveries: Queue<DeliveryJob>,
    private readonly audit: AuditService,
    private readonly email: EmailChannel,
    private readonly deliveryRows: DeliveryRepository,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  /** One notice: a batch of one, so single notices and batches share the statement that stores them. */
  async publish(input: NoticeInput): Promise<PublishResult> {
    const [result] = await this.publishMany([input]);
    return result!;
  }

  /**
   * Stores each notice once (unique dedup key), with one delivery row per channel and target and an entry in the
   * history of its task (or department / province), all in one statement, then enqueues the unsent deliveries.
   * Safe to call again for the same keys: a job that crashed after the commit re-enqueues what was not sent, under
   * the same job ids. Results are in the order of the inputs.
   */
  async publishMany(inputs: NoticeInput[]): Promise<PublishResult[]> {
    if (inputs.length === 0) return [];
    const now = this.clock.now();
    const stored = await queryPrepared<{ dedupKey: string; id: string; external: boolean }>(
      this.dataSource.manager,
      'notification_publish',
      PUBLISH_SQL,
      // JSON rather than one array per column: JSON.stringify is native, pg builds array literals in JS. One row
      // per key: a key twice in one batch (a stalled job's retry beside it) would be audited twice.
      [JSON.stringify([...new Map(inputs.map((i) => [i.dedupKey, i])).values()]), now, this.email.enabled, this.settings.provinceWebhookUrl],
    );
    const created = new Map(stored.map((r) => [r.dedupKey, r]));
    // A fresh inbox-only notice has nothing to enqueue; a re-run looks for what a crash may have left unsent.
    const recheck = inputs.filter((i) => created.get(i.dedupKey)?.external !== false).map((i) => i.dedupKey);
    const pending = new Map<string, { notificationId: string; deliveryIds: string[] }>();
    if (recheck.length > 0) {
      const found: { dedup_key: string; notification_id: string; delivery_id: string | null }[] = await this.dataSource.query(
        `SELECT n.dedup_key, n.id AS notification_id, d.id AS delivery_id
         FROM notification n LEFT JOIN notification_delivery d ON d.notification_id = n.id AND d.status = 'pending'
         WHERE n.dedup_key = ANY($1)`,
        [recheck],
      );
      for (const f of found) {
        const entry = pending.get(f.dedup_key) ?? { notificationId: f.notification_id, deliveryIds: [] };
        if (f.delivery_id) entry.deliveryIds.push(f.delivery_id);
        pending.set(f.dedup_key, entry);
      }
    }
    const deliveryIds = [...pending.values()].flatMap((p) => p.deliveryIds);
    if (deliveryIds.length > 0) await this.deliveries.addBulk(deliveryJobs(deliveryIds, this.settings.retry));
    return inputs.map((i) => {
      const fresh = created.get(i.dedupKey);
      const again = pending.get(i.dedupKey);
      const notificationId = fresh?.id ?? again?.notificationId;
      // Neither stored here nor found just after: deleted (with its task) in between. The job fails, and its retry skips it.
      if (!notificationId) throw new Error(`notification ${i.dedupKey} was neither stored nor found`);
      return { notificationId, created: fresh !== undefined, deliveriesEnqueued: again?.deliveryIds.length ?? 0 };
    });
  }

  /** The notices about a task, newest first (or the one with `notificationId`), with readers and deliveries. */
  async ofTask(taskId: string, notificationId?: string): Promise<TaskNotificationView[]> {
    const rows: TaskNoticeRow[] = await this.dataSource.query(
      `SELECT n.id, n.kind, n.level, n.recipient_role, n.title, n.body, n.created_at,
              (SELECT json_build_object('id', d.id, 'name', d.name) FROM department d WHERE d.id = n.department_id) AS department,
              (SELECT json_build_object('id', u.id, 'displayName', u.display_name) FROM app_user u WHERE u.id = n.sent_by) AS sent_by,
              (SELECT coalesce(json_agg(json_build_object('userId', r.user_id, 'displayName', u.display_name, 'readAt', r.read_at) ORDER BY r.read_at), '[]'::json)
               FROM notification_read r JOIN app_user u ON u.id = r.user_id WHERE r.notification_id = n.id) AS reads,
              (SELECT coalesce(json_agg(json_build_object('channel', x.channel, 'target', x.target, 'status', x.status, 'attempts', x.attempts,
                        'lastError', x.last_error, 'sentAt', x.sent_at, 'failedAt', x.failed_at) ORDER BY x.channel, x.target), '[]'::json)
               FROM notification_delivery x WHERE x.notification_id = n.id) AS deliveries
       FROM notification n WHERE n.task_id = $1 AND ($2::uuid IS NULL OR n.id = $2)
       ORDER BY n.created_at DESC, n.id`,
      [taskId, notificationId ?? null],
    );
    return rows.map(toTaskNoticeView);
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

  /**
   * Deliveries that failed for good, and those pending past the stuck threshold (whatever holds them up: a lost job
   * not yet re-enqueued, no worker running), newest first; a coordinator sees those of their province.
   */
  async failures(user: AuthUser, query: DeliveryFailureQueryDto): Promise<Page<DeliveryFailureView>> {
    const provinceId = user.role === 'admin' ? (query.provinceId ?? null) : (user.provinceId ?? NO_PROVINCE);
    const stuckBefore = new Date(this.clock.now().getTime() - this.settings.deliveryStuckMs);
    const { rows, total } = await this.deliveryRows.problems(stuckBefore, provinceId, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return pageOf(rows.map((r) => ({ ...r, statusLabel: r.status === 'failed' ? DELIVERY_STATUS_LABELS.failed : STUCK_LABEL })), total, query);
  }

}

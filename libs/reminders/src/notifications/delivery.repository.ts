import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeliveryChannel, DeliveryStatus } from './entities/notification-delivery.entity.js';

/** A row of the failures list: a delivery failed for good, or pending for longer than the stuck threshold. */
export interface DeliveryProblemRow {
  deliveryId: string;
  notificationId: string;
  channel: DeliveryChannel;
  status: Extract<DeliveryStatus, 'failed' | 'pending'>;
  target: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
  createdAt: Date;
  title: string;
  kind: string;
  recipientRole: string;
  taskId: string | null;
  departmentId: string | null;
  departmentName: string | null;
}

export interface PendingCursor {
  id: string;
  createdAt: Date;
}

/** Failed for good, or pending since before $1 (stuck); $2 the province or null for every province. */
const PROBLEM_WHERE = `(d.status = 'failed' OR (d.status = 'pending' AND d.created_at < $1)) AND ($2::uuid IS NULL OR n.province_id = $2)`;

/** The delivery rows' SQL beyond single-row reads and updates: what the reconciler, /health and the failures list read. */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Pending deliveries stored before `before`, oldest first, one page after `after` (keyset: the rows a page
   * re-enqueues stay pending, so an offset would skip or repeat). Partial index ix_notification_delivery_pending.
   */
  pendingStoredBefore(before: Date, after: PendingCursor | null, limit: number): Promise<PendingCursor[]> {
    return this.dataSource.query(
      `SELECT id, created_at AS "createdAt" FROM notification_delivery
       WHERE status = 'pending' AND created_at < $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [before, after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /** Only while still pending: a job that finished meanwhile wrote the truer outcome. Returns whether it changed. */
  async failPending(id: string, error: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE notification_delivery SET status = 'failed', last_error = $2, failed_at = $3, updated_at = $3 WHERE id = $1 AND status = 'pending' RETURNING 1`,
      [id, error, at],
    );
    return rows.length > 0;
  }

  /** How many deliveries are pending since before `stuckBefore`, and when the oldest pending one was stored. */
  async backlog(stuckBefore: Date): Promise<{ stuck: number; oldest: Date | null }> {
    const [row]: { stuck: number; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE created_at < $1)::int AS stuck, min(created_at) AS oldest FROM notification_delivery WHERE status = 'pending'`,
      [stuckBefore],
    );
    return row!;
  }

  /** The failures list, newest problem first: a failure by when it failed, a stuck delivery by when it was stored. */
  async problems(stuckBefore: Date, provinceId: string | null, page: { limit: number; offset: number }): Promise<{ rows: DeliveryProblemRow[]; total: number }> {
    const params = [stuckBefore, provinceId];
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id AS "deliveryId", d.notification_id AS "notificationId", d.channel, d.status, d.target, d.attempts, d.last_error AS "lastError",
                d.failed_at AS "failedAt", d.created_at AS "createdAt", n.title, n.kind, n.recipient_role AS "recipientRole", n.task_id AS "taskId",
                n.department_id AS "departmentId", dep.name AS "departmentName"
         FROM notification_delivery d JOIN notification n ON n.id = d.notification_id LEFT JOIN department dep ON dep.id = n.department_id
         WHERE ${PROBLEM_WHERE} ORDER BY coalesce(d.failed_at, d.created_at) DESC, d.id LIMIT ${page.limit} OFFSET ${page.offset}`,
        params,
      ) as Promise<DeliveryProblemRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE ${PROBLEM_WHERE}`, params) as Promise<{ n: number }[]>,
    ]);
    return { rows, total: count!.n };
  }
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NoticeLevel, RecipientRole } from '../../rules/index.js';

export const NOTIFICATION_KINDS = ['before_due', 'due_day', 'overdue', 'report_due', 'report_missing', 'report_missing_summary', 'deadline_missing', 'manual'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  before_due: '到期前提醒',
  due_day: '到期日提醒',
  overdue: '逾期督办',
  report_due: '季度调度报送提醒',
  report_missing: '季度调度未报送催办',
  report_missing_summary: '季度调度未报送汇总',
  deadline_missing: '未设时限任务提醒',
  manual: '人工催办',
};

/** One notice (提醒 / 催办 / 督办), addressed to a department's liaison or head, or to a province's coordinators or leaders. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'dedup_key' }) dedupKey: string;
  @Column({ type: 'varchar' }) kind: NotificationKind;
  @Column({ type: 'varchar' }) level: NoticeLevel;
  @Column({ name: 'recipient_role', type: 'varchar' }) recipientRole: RecipientRole;
  @Column({ name: 'province_id', type: 'uuid' }) provinceId: string;
  @Column({ name: 'department_id', type: 'uuid', nullable: true }) departmentId: string | null;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId: string | null;
  @Column({ name: 'milestone_id', type: 'uuid', nullable: true }) milestoneId: string | null;
  @Column({ type: 'varchar', nullable: true }) period: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ type: 'int', nullable: true }) step: number | null;
  @Column() title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', nullable: true }) link: string | null;
  /** The user who sent it by hand (催办, 一键催报); null for the sweep's notices. */
  @Column({ name: 'sent_by', type: 'uuid', nullable: true }) sentBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

import type { PlannedNotice } from './rules/index.js';

/** Typed payloads of the jobs in libs/queue's JobName; each job carries ids, the processor reloads the rows. */

/** JobName.ReminderSweep: null = every province (the scheduled sweep). */
export interface ReminderSweepJob {
  provinceId: string | null;
}

export type DeadlineSubjectType = 'task' | 'milestone';

/** JobName.DeadlineNotice: one planned notice of one task or milestone deadline. */
export interface DeadlineNoticeJob {
  dedupKey: string;
  subjectType: DeadlineSubjectType;
  subjectId: string;
  taskId: string;
  dueDate: string;
  notice: PlannedNotice;
}

export type ReportNoticeKind = 'report_due' | 'report_missing' | 'report_missing_summary';

/** JobName.ReportNotice: quarterly scheduling (每季度定期调度). departmentId is null for the coordinator's summary. */
export interface ReportNoticeJob {
  dedupKey: string;
  kind: ReportNoticeKind;
  provinceId: string;
  departmentId: string | null;
  period: string;
}

/** JobName.Delivery: one notification_delivery row. */
export interface DeliveryJob {
  deliveryId: string;
}

/** Colon-free like noticeJobId: BullMQ rejects custom ids with ':' (see rules/schedule.ts). */
export function reportJobId(kind: ReportNoticeKind, ownerId: string, period: string): string {
  return `report|${ownerId}|${period}|${kind}`;
}

export function deliveryJobId(deliveryId: string): string {
  return `delivery|${deliveryId}`;
}

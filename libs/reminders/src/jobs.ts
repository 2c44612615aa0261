import { defaultJobOptions, JobName, QueueName, type RetryPolicy } from '#libs/queue';
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
  /**
   * The lead or co-lead a liaison's or head's step goes to. Absent for the coordinator's and leaders' steps, and in
   * jobs planned before co-leads were chased: the task's lead then.
   */
  departmentId?: string;
}

/** deadline_missing: the coordinator's weekly list of tasks 未设时限, sent as these are (a list per owner and period). */
export type ReportNoticeKind = 'report_due' | 'report_missing' | 'report_missing_summary' | 'deadline_missing';

/**
 * JobName.ReportNotice: quarterly scheduling (每季度定期调度), and the coordinator's lists. departmentId is null for the
 * coordinator's notices; period is the quarter ('2026Q4'), or for deadline_missing the week's Monday ('2026-11-30').
 */
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

/** The jobs that send these deliveries, one each under its deterministic id: adding one twice while it exists is a no-op. */
export function deliveryJobs(deliveryIds: string[], retry: RetryPolicy): { name: JobName.Delivery; data: DeliveryJob; opts: ReturnType<typeof defaultJobOptions> }[] {
  const options = defaultJobOptions(QueueName.Deliveries, retry);
  return deliveryIds.map((id) => ({ name: JobName.Delivery, data: { deliveryId: id }, opts: { ...options, jobId: deliveryJobId(id) } }));
}

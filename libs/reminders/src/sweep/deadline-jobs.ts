import type { DeadlineNoticeJob, DeadlineSubjectType } from '../jobs.js';
import { noticeJobId, type PlannedNotice, type RecipientRole } from '../rules/index.js';

/** The ladder's steps addressed to a department (its liaison, its head); the others go to the province's roles. */
export const DEPARTMENT_ROLES: readonly RecipientRole[] = ['liaison', 'head'];

/** A task or milestone deadline as the sweep reads it. */
export interface DeadlineSubjectRow {
  subject_type: DeadlineSubjectType;
  subject_id: string;
  task_id: string;
  lead_department_id: string | null;
  /** The lead and the co-leads, the lead first. */
  lead_department_ids: string[];
  due_date: string;
}

/**
 * The jobs of a subject's due notices: a liaison's or head's step once for each lead (the lead and every co-lead),
 * the coordinator's and leaders' steps once. Without any lead there is no liaison or head to chase; the province's
 * steps still go. The lead's key is the one these notices have always had, so nothing already sent goes out again.
 */
export function deadlineJobs(s: DeadlineSubjectRow, notices: PlannedNotice[]): DeadlineNoticeJob[] {
  return notices.flatMap((notice) => {
    const dedupKey = noticeJobId(s.subject_id, s.due_date, notice);
    const job = { dedupKey, subjectType: s.subject_type, subjectId: s.subject_id, taskId: s.task_id, dueDate: s.due_date, notice };
    if (!DEPARTMENT_ROLES.includes(notice.recipient)) return [job];
    return s.lead_department_ids.map((departmentId) => ({ ...job, dedupKey: departmentId === s.lead_department_id ? dedupKey : `${dedupKey}|${departmentId}`, departmentId }));
  });
}

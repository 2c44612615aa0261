import type { AuthUser } from '#libs/common';
import { canManageTask, transitionActorFor, type TaskAccessFacts } from '#libs/tasks';

export interface ReportTaskFacts extends TaskAccessFacts {
  participantDepartmentIds: string[];
}

const inProvince = (user: AuthUser, task: TaskAccessFacts) => user.provinceId !== null && user.provinceId === task.regionId;

/** Writing and submitting the report: the lead department's users only — it is their account of the work. */
export function canWriteReport(user: AuthUser, task: TaskAccessFacts): boolean {
  return transitionActorFor(user, task) === 'lead';
}

/** Adding a participating department's part: users of a participating department of the task. */
export function canContribute(user: AuthUser, task: ReportTaskFacts): boolean {
  return user.role === 'department' && user.departmentId !== null && inProvince(user, task) && task.participantDepartmentIds.includes(user.departmentId);
}

/** Accepting or returning a report: the province's coordinator. */
export function canReviewReport(user: AuthUser, task: TaskAccessFacts): boolean {
  return canManageTask(user, task);
}

/** Uploading progress and completion evidence: whoever moves the task (lead department, coordinator); leaders only read. */
export function canUploadTaskEvidence(user: AuthUser, task: TaskAccessFacts): boolean {
  return transitionActorFor(user, task) !== null;
}

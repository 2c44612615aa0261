import { isWithoutDeadline, TASK_DEADLINE_KIND_LABELS, type Task } from './entities/task.entity.js';
import type { Milestone } from './entities/milestone.entity.js';
import type { TaskHistoryEntry } from './task-history.js';
import type { TaskAccessFacts, TaskActions } from './rules/task-access.policy.js';
import { parsePeriod, periodLabel } from '#libs/calendar';
import { REPORT_STATUS_LABELS, type ReportStatus } from './rules/report-status.js';
import { FINISHED_STATUSES, TASK_STATUS_LABELS } from './rules/task-status.machine.js';
import { trafficLight, workingDaysToDeadline, type TrafficLightColour } from './rules/traffic-light.js';

export interface DepartmentRef {
  id: string;
  name: string;
}

export interface TaskView {
  id: string;
  reformItem: { id: string; seq: number; name: string; domain: string | null; batchId: string; batchName: string | null; docNumber: string | null; departmentsOpenGroup: string | null } | null;
  region: { id: string; name: string } | null;
  leadDepartment: DepartmentRef | null;
  /** The other leads ("X、Y牵头"): they lead as leadDepartment does. */
  coLeadDepartments: DepartmentRef[];
  participants: DepartmentRef[];
  scopeText: string | null;
  scope: Task['scope'];
  outcome: string | null;
  deadlineKind: Task['deadlineKind'];
  deadlineKindLabel: string;
  /** 未设时限: to be done by a date that is not set yet (open tasks only). */
  withoutDeadline: boolean;
  deadlineText: string | null;
  dueDate: string | null;
  status: Task['status'];
  statusLabel: string;
  statusReason: string | null;
  notApplicableReason: string | null;
  applicabilityOverridden: boolean;
  /** 待确认: why the coordinator must decide whether the task applies (null when nothing is pending). */
  pendingDecision: string | null;
  overdue: boolean;
  /** Working days until the deadline (0 on the day) for an open dated task not yet overdue. */
  workingDaysLeft: number | null;
  /** Working days past the deadline for an overdue task. */
  workingDaysOverdue: number | null;
  trafficLight: TrafficLightColour | null;
  lastReport: { period: string; periodLabel: string; status: ReportStatus; statusLabel: string } | null;
  submittedAt: Date | null;
  closedAt: Date | null;
  closeNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a task view is built from: a Task entity with its relations, or the rows of the view query. */
export type TaskViewSource = Omit<Task, 'reformItem' | 'region' | 'leadDepartment' | 'participants' | 'milestones'> & {
  reformItem?: { id: string; seq: number; name: string; domain: string | null; batchId: string; departmentsOpenGroup?: string | null; batch?: { name: string; document?: { docNumber: string } | null } | null } | null;
  region?: DepartmentRef | null;
  leadDepartment?: DepartmentRef | null;
  participants?: DepartmentRef[];
  coLeadDepartments?: DepartmentRef[];
  /** The latest progress report by period, when the source is the view query. */
  lastReport?: { period: string; status: ReportStatus } | null;
};

/** Who may do what with a task shown from this source: its lead and co-leads. */
export function accessFactsOf(t: TaskViewSource): TaskAccessFacts {
  return { regionId: t.regionId, leadDepartmentId: t.leadDepartmentId, coLeadDepartmentIds: (t.coLeadDepartments ?? []).map((d) => d.id) };
}

export interface TaskDetailView extends TaskView {
  milestones: MilestoneView[];
  history: TaskHistoryEntry[];
  allowedActions: TaskActions;
}

export interface MilestoneView {
  id: string;
  taskId: string;
  title: string;
  deadlineText: string | null;
  dueDate: string | null;
  doneAt: Date | null;
  overdue: boolean;
}

export function isOverdue(task: Pick<Task, 'deadlineKind' | 'dueDate' | 'status'>, today: string): boolean {
  return task.deadlineKind === 'date' && task.dueDate !== null && task.dueDate < today && !FINISHED_STATUSES.includes(task.status);
}

export function toMilestoneView(m: Milestone, today: string): MilestoneView {
  return { id: m.id, taskId: m.taskId, title: m.title, deadlineText: m.deadlineText, dueDate: m.dueDate, doneAt: m.doneAt, overdue: m.doneAt === null && m.dueDate !== null && m.dueDate < today };
}

export function toTaskView(t: TaskViewSource, today: string): TaskView {
  const item = t.reformItem;
  const days = workingDaysToDeadline(t, today);
  return {
    id: t.id,
    reformItem: item
      ? { id: item.id, seq: item.seq, name: item.name, domain: item.domain, batchId: item.batchId, batchName: item.batch?.name ?? null, docNumber: item.batch?.document?.docNumber ?? null, departmentsOpenGroup: item.departmentsOpenGroup ?? null }
      : null,
    region: t.region ? { id: t.region.id, name: t.region.name } : null,
    leadDepartment: t.leadDepartment ? { id: t.leadDepartment.id, name: t.leadDepartment.name } : null,
    coLeadDepartments: (t.coLeadDepartments ?? []).map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    participants: (t.participants ?? []).map((d) => ({ id: d.id, name: d.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    scopeText: t.scopeText,
    scope: t.scope,
    outcome: t.outcome,
    deadlineKind: t.deadlineKind,
    deadlineKindLabel: t.deadlineKind === 'date' && !t.dueDate ? '未设时限' : TASK_DEADLINE_KIND_LABELS[t.deadlineKind],
    withoutDeadline: isWithoutDeadline(t),
    deadlineText: t.deadlineText,
    dueDate: t.dueDate,
    status: t.status,
    statusLabel: TASK_STATUS_LABELS[t.status],
    statusReason: t.statusReason,
    notApplicableReason: t.notApplicableReason,
    applicabilityOverridden: t.applicabilityOverridden,
    pendingDecision: t.status === 'not_applicable' ? null : t.pendingDecision,
    overdue: isOverdue(t, today),
    workingDaysLeft: days.left,
    workingDaysOverdue: days.overdue,
    trafficLight: trafficLight(t, today),
    lastReport: t.lastReport
      ? { period: t.lastReport.period, periodLabel: periodLabel(parsePeriod(t.lastReport.period)), status: t.lastReport.status, statusLabel: REPORT_STATUS_LABELS[t.lastReport.status] }
      : null,
    submittedAt: t.submittedAt,
    closedAt: t.closedAt,
    closeNote: t.closeNote,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

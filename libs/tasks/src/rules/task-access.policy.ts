import type { AuthUser } from '#libs/common';
import { allowedTransitionRules, TRANSITION_ACTION_LABELS, type TaskStatus, type TransitionActor } from './task-status.machine.js';

/** The facts about a task that decide who may see or change it. */
export interface TaskAccessFacts {
  regionId: string;
  leadDepartmentId: string | null;
  /** Co-leads ("X、Y牵头"): they lead as the lead does. */
  coLeadDepartmentIds?: string[];
}

/** The department leads the task: its lead or one of its co-leads. */
export function isLeadDepartment(departmentId: string | null, task: TaskAccessFacts): boolean {
  return departmentId !== null && (departmentId === task.leadDepartmentId || (task.coLeadDepartmentIds ?? []).includes(departmentId));
}

const inProvince = (user: AuthUser, task: TaskAccessFacts) => user.provinceId !== null && user.provinceId === task.regionId;

/** Everyone in the province reads its tasks; admins read all. */
export function canReadTask(user: AuthUser, task: TaskAccessFacts): boolean {
  return user.role === 'admin' || inProvince(user, task);
}

/**
 * Assigning departments, deadlines, scope and outcome: the province's coordinator. Not the system administrator, who
 * reads every province but makes no business write (三员分立).
 */
export function canManageTask(user: AuthUser, task: TaskAccessFacts): boolean {
  return user.role === 'coordinator' && inProvince(user, task);
}

/**
 * Moving a task along and keeping its milestones: the coordinator, or users of a lead department (lead or co-lead).
 * Participating departments read but don't write (they report through progress reports).
 */
export function transitionActorFor(user: AuthUser, task: TaskAccessFacts): TransitionActor | null {
  if (canManageTask(user, task)) return 'coordinator';
  if (user.role === 'department' && isLeadDepartment(user.departmentId, task) && inProvince(user, task)) return 'lead';
  return null;
}

export interface TaskTransitionOption {
  to: TaskStatus;
  action: string;
  label: string;
  reasonRequired: boolean;
}

/** What the caller may do with one task, so a client shows only the buttons the api will accept. */
export interface TaskActions {
  /** Assign lead, participants, deadline; send 催办 (coordinator). */
  manage: boolean;
  /** Keep milestones, upload evidence, submit completion (lead department, coordinator). */
  work: boolean;
  /** The status moves open to the caller from the task's current status. */
  transitions: TaskTransitionOption[];
}

export function taskActionsFor(user: AuthUser, task: TaskAccessFacts & { status: TaskStatus }): TaskActions {
  const actor = transitionActorFor(user, task);
  const transitions = actor
    ? allowedTransitionRules(task.status, actor).map((r) => ({ to: r.to, action: r.action, label: TRANSITION_ACTION_LABELS[r.action], reasonRequired: r.reasonRequired }))
    : [];
  return { manage: canManageTask(user, task), work: actor !== null, transitions };
}

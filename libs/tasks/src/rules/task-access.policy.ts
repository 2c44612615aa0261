import type { AuthUser } from '#libs/common';
import type { TransitionActor } from './task-status.machine.js';

/** The facts about a task that decide who may see or change it. */
export interface TaskAccessFacts {
  regionId: string;
  leadDepartmentId: string | null;
}

const inProvince = (user: AuthUser, task: TaskAccessFacts) => user.provinceId !== null && user.provinceId === task.regionId;

/** Everyone in the province reads its tasks; admins read all. */
export function canReadTask(user: AuthUser, task: TaskAccessFacts): boolean {
  return user.role === 'admin' || inProvince(user, task);
}

/** Assigning departments, deadlines, scope and outcome: the province's coordinator (and admins). */
export function canManageTask(user: AuthUser, task: TaskAccessFacts): boolean {
  return user.role === 'admin' || (user.role === 'coordinator' && inProvince(user, task));
}

/**
 * Moving a task along and keeping its milestones: the coordinator, or users of the lead department.
 * Participating departments read but don't write (they report through progress reports).
 */
export function transitionActorFor(user: AuthUser, task: TaskAccessFacts): TransitionActor | null {
  if (canManageTask(user, task)) return 'coordinator';
  if (user.role === 'department' && user.departmentId !== null && user.departmentId === task.leadDepartmentId && inProvince(user, task)) return 'lead';
  return null;
}

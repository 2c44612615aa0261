import { addDays, workingDaysBetween } from '#libs/calendar';
import type { Task } from '../entities/task.entity.js';
import { FINISHED_STATUSES } from './task-status.machine.js';

export const TRAFFIC_LIGHT_COLOURS = ['red', 'yellow', 'green'] as const;
export type TrafficLightColour = (typeof TRAFFIC_LIGHT_COLOURS)[number];
/** "Due soon" looks this many days ahead, today included — the dashboards' 14天内到期 and yellow light. */
export const DUE_SOON_WINDOW_DAYS = 14;

/**
 * An open task's light, as the traffic-light dashboard colours it: red = overdue; yellow = due within
 * DUE_SOON_WINDOW_DAYS and not yet submitted for close-out; green otherwise. Closed and not-applicable tasks have none.
 */
export function trafficLight(task: Pick<Task, 'deadlineKind' | 'dueDate' | 'status'>, today: string): TrafficLightColour | null {
  if (FINISHED_STATUSES.includes(task.status)) return null;
  if (task.deadlineKind !== 'date' || task.dueDate === null) return 'green';
  if (task.dueDate < today) return 'red';
  return task.dueDate <= addDays(today, DUE_SOON_WINDOW_DAYS) && task.status !== 'submitted' ? 'yellow' : 'green';
}

/** Working days to an open dated task's deadline (0 on the day), or past it when overdue; null when there is no count to give. */
export function workingDaysToDeadline(task: Pick<Task, 'deadlineKind' | 'dueDate' | 'status'>, today: string): { left: number | null; overdue: number | null } {
  if (FINISHED_STATUSES.includes(task.status) || task.deadlineKind !== 'date' || task.dueDate === null) return { left: null, overdue: null };
  return task.dueDate < today ? { left: null, overdue: workingDaysBetween(task.dueDate, today) } : { left: workingDaysBetween(today, task.dueDate), overdue: null };
}

import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '#libs/common';
import { canReadTask, Task, type TaskAccessFacts, type TaskStatus } from '#libs/tasks';
import type { ReportTaskFacts } from './rules/progress-access.policy.js';

export interface TaskFacts extends ReportTaskFacts {
  id: string;
  status: TaskStatus;
  outcome: string | null;
}

/**
 * What reports and evidence need to know about a task: where it is, who leads and participates, its status.
 * Read through the exported Task entity (TasksService.accessFacts lacks participants and status).
 */
export async function loadTaskFacts(m: EntityManager, id: string): Promise<TaskFacts> {
  const task = await m.findOne(Task, { where: { id }, relations: { participants: true } });
  if (!task) throw new NotFoundException(`任务不存在 (task ${id} not found)`);
  // The participants relation holds co-leads too (role co_lead): they lead, they do not contribute a part.
  const coLeads: { department_id: string }[] = await m.query(`SELECT department_id FROM task_participant WHERE task_id = $1 AND role = 'co_lead'`, [id]);
  const coLeadDepartmentIds = coLeads.map((r) => r.department_id);
  return {
    id,
    regionId: task.regionId,
    leadDepartmentId: task.leadDepartmentId,
    coLeadDepartmentIds,
    status: task.status,
    outcome: task.outcome,
    participantDepartmentIds: (task.participants ?? []).map((d) => d.id).filter((d) => !coLeadDepartmentIds.includes(d)),
  };
}

/** A task (and its reports and files) of another province is reported as missing rather than forbidden. */
export function requireRead(user: AuthUser, task: TaskAccessFacts, notFound = '任务不存在 (task not found)'): void {
  if (!canReadTask(user, task)) throw new NotFoundException(notFound);
}

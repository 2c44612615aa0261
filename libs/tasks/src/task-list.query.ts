import type { SelectQueryBuilder } from 'typeorm';
import type { TaskQueryDto } from './dto/task.dto.js';
import { leadsTaskSql, pendingDecisionSql, withoutDeadlineSql, type Task } from './entities/task.entity.js';

const SORT_COLUMNS: Record<TaskQueryDto['sort'], string> = {
  dueDate: 't.due_date',
  status: 't.status',
  seq: 'i.seq',
  updatedAt: 't.updated_at',
  createdAt: 't.created_at',
};

/**
 * The task list's filters as SQL. Overdue and due-soon compare against `today` (the province's date)
 * because "overdue" is derived, never stored.
 */
export function applyTaskFilters(qb: SelectQueryBuilder<Task>, query: TaskQueryDto, today: string, visibleRegionId: string | null): SelectQueryBuilder<Task> {
  if (visibleRegionId) qb.andWhere('t.region_id = :visibleRegionId', { visibleRegionId });
  if (query.regionId) qb.andWhere('t.region_id = :regionId', { regionId: query.regionId });
  if (query.batchId) qb.andWhere('i.batch_id = :batchId', { batchId: query.batchId });
  if (query.reformItemId) qb.andWhere('t.reform_item_id = :reformItemId', { reformItemId: query.reformItemId });
  if (query.departmentId) {
    const lead = leadsTaskSql('t', ':departmentId');
    const participant = `EXISTS (SELECT 1 FROM task_participant tp WHERE tp.task_id = t.id AND tp.department_id = :departmentId AND tp.role = 'participant')`;
    const match = query.departmentRole === 'lead' ? lead : query.departmentRole === 'participant' ? participant : `(${lead} OR ${participant})`;
    qb.andWhere(match, { departmentId: query.departmentId });
  }
  if (query.completionReturned !== undefined) {
    // The latest 销号申请 decides: returned means the lead owes a new submission (a later one supersedes it).
    const returned = `(SELECT c.status FROM task_completion c WHERE c.task_id = t.id ORDER BY c.submitted_at DESC, c.id DESC LIMIT 1) = 'returned'`;
    qb.andWhere(query.completionReturned ? `${returned} AND t.status NOT IN ('submitted', 'closed', 'not_applicable')` : `NOT coalesce(${returned}, false)`);
  }
  if (query.pendingDecision !== undefined) qb.andWhere(`${query.pendingDecision ? '' : 'NOT '}${pendingDecisionSql('t')}`);
  if (query.status?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: query.status });
  if (query.overdue === true) {
    qb.andWhere(`t.deadline_kind = 'date' AND t.due_date < :today AND t.status NOT IN ('closed', 'not_applicable')`, { today });
  } else if (query.overdue === false) {
    qb.andWhere(`NOT (t.deadline_kind = 'date' AND t.due_date IS NOT NULL AND t.due_date < :today AND t.status NOT IN ('closed', 'not_applicable'))`, { today });
  }
  if (query.withoutDeadline === true) qb.andWhere(withoutDeadlineSql('t'));
  else if (query.withoutDeadline === false) qb.andWhere(`NOT ${withoutDeadlineSql('t')}`);
  if (query.dueWithinDays !== undefined) {
    qb.andWhere(
      `t.deadline_kind = 'date' AND t.due_date >= :today AND t.due_date <= (:today::date + :dueWithinDays::int) AND t.status NOT IN ('closed', 'not_applicable')`,
      { today, dueWithinDays: query.dueWithinDays },
    );
  }
  if (query.q) qb.andWhere('i.name ILIKE :q', { q: `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  qb.orderBy(SORT_COLUMNS[query.sort], direction, direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST');
  if (query.sort !== 'seq') qb.addOrderBy('i.seq', 'ASC');
  return qb.addOrderBy('t.id', 'ASC');
}

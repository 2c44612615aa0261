import type { EntityManager } from 'typeorm';
import type { HistoryActor, HistoryNames } from './task-history.js';
import type { TaskViewSource } from './task.view.js';

/**
 * The select for tasks with everything their view shows, in one statement the planner handles in well under a millisecond: the
 * task row plus one single-table subquery per relation. The same data as a seven-way join (what the query
 * builder's leftJoinAndSelect chain produced) cost ≈ 1.5 ms of planning per call at national scale — more than
 * executing it — on every task detail, list page and status transition. `from` names task rows as alias t.
 */
export const taskViewSelect = (from: string) => `
  SELECT t.id, t.reform_item_id AS "reformItemId", t.region_id AS "regionId", t.lead_department_id AS "leadDepartmentId",
         t.scope_text AS "scopeText", t.scope, t.outcome, t.deadline_kind AS "deadlineKind", t.deadline_text AS "deadlineText",
         t.due_date::text AS "dueDate", t.status, t.status_reason AS "statusReason", t.not_applicable_reason AS "notApplicableReason",
         t.applicability_overridden AS "applicabilityOverridden", t.pending_decision AS "pendingDecision", t.submitted_at AS "submittedAt", t.closed_at AS "closedAt",
         t.close_note AS "closeNote", t.created_at AS "createdAt", t.updated_at AS "updatedAt",
         (SELECT json_build_object('id', i.id, 'seq', i.seq, 'name', i.name, 'domain', i.domain, 'batchId', i.batch_id, 'departmentsOpenGroup', i.departments_open_group,
                   'batch', (SELECT json_build_object('name', b.name, 'document', (SELECT json_build_object('docNumber', d.doc_number) FROM policy_document d WHERE d.id = b.document_id))
                             FROM batch b WHERE b.id = i.batch_id))
          FROM reform_item i WHERE i.id = t.reform_item_id) AS "reformItem",
         (SELECT json_build_object('id', r.id, 'name', r.name) FROM region r WHERE r.id = t.region_id) AS region,
         (SELECT json_build_object('id', l.id, 'name', l.name) FROM department l WHERE l.id = t.lead_department_id) AS "leadDepartment",
         (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name)), '[]'::json)
          FROM task_participant tp JOIN department p ON p.id = tp.department_id WHERE tp.task_id = t.id AND tp.role = 'participant') AS participants,
         (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name)), '[]'::json)
          FROM task_participant tp JOIN department p ON p.id = tp.department_id WHERE tp.task_id = t.id AND tp.role = 'co_lead') AS "coLeadDepartments",
         (SELECT json_build_object('period', pr.period, 'status', pr.status) FROM progress_report pr
          WHERE pr.task_id = t.id ORDER BY pr.period DESC LIMIT 1) AS "lastReport"
  FROM ${from}`;

/** The view sources of these tasks, in no particular order; missing ids are simply absent. */
export function loadTaskViewSources(m: EntityManager, ids: string[]): Promise<TaskViewSource[]> {
  return ids.length ? m.query(taskViewSelect('task t WHERE t.id = ANY($1::uuid[])'), [ids]) : Promise.resolve([]);
}

/**
 * The names behind a history's ids in one statement: each actor with their department (or, for coordinators,
 * leaders and city users, their region), and the departments its changes name.
 */
export async function loadHistoryNames(m: EntityManager, ids: { actorIds: string[]; departmentIds: string[] }): Promise<HistoryNames> {
  if (ids.actorIds.length === 0 && ids.departmentIds.length === 0) return { actors: new Map(), departments: new Map() };
  const rows: { kind: 'actor' | 'department'; id: string; username: string | null; name: string; organisation: string | null }[] = await m.query(
    `SELECT 'actor' AS kind, u.id, u.username, u.display_name AS name, coalesce(d.name, r.name) AS organisation
     FROM app_user u LEFT JOIN department d ON d.id = u.department_id LEFT JOIN region r ON r.id = u.region_id WHERE u.id = ANY($1::uuid[])
     UNION ALL
     SELECT 'department', d.id, NULL, d.name, NULL FROM department d WHERE d.id = ANY($2::uuid[])`,
    [ids.actorIds, ids.departmentIds],
  );
  const actors = new Map<string, HistoryActor>();
  const departments = new Map<string, string>();
  for (const r of rows) {
    if (r.kind === 'actor') actors.set(r.id, { id: r.id, username: r.username ?? '', displayName: r.name, organisation: r.organisation });
    else departments.set(r.id, r.name);
  }
  return { actors, departments };
}

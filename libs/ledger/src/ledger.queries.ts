import type { EntityManager } from 'typeorm';
import { latestReportJoin, overdueSql, SqlParams, taskScopeWhere, type DashboardScope } from '#libs/dashboards';
import { pendingDecisionSql, taskLeadNamesSql, withoutDeadlineSql, type TaskDeadlineKind, type TaskStatus } from '#libs/tasks';
import type { LedgerTaskFilters } from './dto/ledger-export-query.dto.js';

export interface LedgerRow {
  id: string;
  itemName: string;
  batchName: string;
  docNumber: string;
  leadDepartment: string | null;
  participants: string | null;
  scopeText: string | null;
  deadlineKind: TaskDeadlineKind;
  deadlineText: string | null;
  dueDate: string | null;
  outcome: string | null;
  reportPeriod: string | null;
  progress: string | null;
  problems: string | null;
  status: TaskStatus;
  overdue: boolean;
  closedOn: string | null;
}

/**
 * The ledger's task ids in ledger order (batch publication, document number, item number). Only ids: a province's
 * list is small, and the wide rows are then read a chunk at a time so the export never holds them all.
 */
export async function ledgerTaskIds(m: EntityManager, scope: DashboardScope, filters: LedgerTaskFilters = {}): Promise<string[]> {
  const p = new SqlParams();
  const rows: { id: string }[] = await m.query(
    `SELECT t.id FROM task t JOIN reform_item i ON i.id = t.reform_item_id JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id
     WHERE ${[taskScopeWhere(scope, p), ...ledgerFilterWhere(filters, scope.today, p)].join(' AND ')}
     ORDER BY b.published_on NULLS LAST, d.doc_number, b.name, i.seq, t.id`,
    p.values,
  );
  return rows.map((r) => r.id);
}

/** The 任务台账 page's own filters, meaning what GET /api/tasks means by them (today is the injected clock's). */
function ledgerFilterWhere(f: LedgerTaskFilters, today: string, p: SqlParams): string[] {
  const where: string[] = [];
  const open = `t.status NOT IN ('closed', 'not_applicable')`;
  if (f.status?.length) where.push(`t.status = ANY(${p.add(f.status, 'text[]')})`);
  if (f.overdue !== undefined) where.push(`${f.overdue ? '' : 'NOT '}coalesce(${overdueSql('t', p.add(today, 'date'))}, false)`);
  if (f.withoutDeadline !== undefined) where.push(`${f.withoutDeadline ? '' : 'NOT '}${withoutDeadlineSql('t')}`);
  if (f.pendingDecision !== undefined) where.push(`${f.pendingDecision ? '' : 'NOT '}${pendingDecisionSql('t')}`);
  if (f.dueWithinDays !== undefined) {
    const day = p.add(today, 'date');
    where.push(`t.deadline_kind = 'date' AND t.due_date >= ${day} AND t.due_date <= ${day} + ${p.add(f.dueWithinDays, 'int')} AND ${open}`);
  }
  if (f.q) where.push(`i.name ILIKE ${p.add(`%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)}`);
  return where;
}

/** The ledger columns of some tasks; overdue uses the same definition as the dashboards, latest progress is up to the period. */
export async function ledgerRows(m: EntityManager, scope: DashboardScope, ids: string[]): Promise<LedgerRow[]> {
  const p = new SqlParams();
  const today = p.add(scope.today, 'date');
  const idList = p.add(ids, 'uuid[]');
  return m.query(
    `SELECT t.id, i.name AS "itemName", b.name AS "batchName", d.doc_number AS "docNumber",
            -- co-leads ("X、Y牵头") are written after the lead, as the documents write them
            ${taskLeadNamesSql('t', 'ld.name')} AS "leadDepartment",
            (SELECT string_agg(pd.name, '、' ORDER BY pd.name) FROM task_participant tp JOIN department pd ON pd.id = tp.department_id WHERE tp.task_id = t.id AND tp.role = 'participant') AS participants,
            coalesce(t.scope_text, i.scope_text) AS "scopeText", t.deadline_kind AS "deadlineKind", coalesce(t.deadline_text, i.deadline_text) AS "deadlineText",
            t.due_date::text AS "dueDate", coalesce(t.outcome, i.outcome) AS outcome,
            lr.period AS "reportPeriod", lr.progress, lr.problems, t.status,
            ${overdueSql('t', today)} AS overdue,
            CASE WHEN t.status = 'closed' THEN (t.closed_at AT TIME ZONE 'Asia/Shanghai')::date::text END AS "closedOn"
     FROM task t JOIN reform_item i ON i.id = t.reform_item_id JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id
     LEFT JOIN department ld ON ld.id = t.lead_department_id
     ${latestReportJoin('t', scope.period.key, p)}
     WHERE t.id = ANY(${idList})`,
    p.values,
  );
}

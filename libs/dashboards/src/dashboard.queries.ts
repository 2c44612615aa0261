import type { Period } from '#libs/calendar';
import type { SqlRunner } from '#libs/database';
import { leadsTaskSql, pendingDecisionSql, withoutDeadlineSql, type TaskStatus } from '#libs/tasks';
import type { TrafficLight } from './dto/dashboard-filter.dto.js';

/**
 * Every dashboard figure as SQL aggregates, in one place so the definitions in docs/dashboards.md can be checked
 * against one file. Each query starts from `task.region_id = <province>` (ix_task_region_status) so a province's
 * figures never scan another province's rows; the other filters narrow from there.
 */

/** Items without a domain are grouped (and filtered) under this label. */
export const UNCLASSIFIED_DOMAIN = '未分类';
/** "Due soon" (14天内到期) and the yellow light look this many days ahead, today included. */
export const DUE_SOON_DAYS = 14;

/** Who and what a dashboard request covers, resolved from the filters and the caller. */
export interface DashboardScope {
  provinceId: string;
  provinceName: string;
  /** A city of the province: task figures count only tasks rolled out there, rollout figures only that city. */
  cityId: string | null;
  cityName: string | null;
  batchId: string | null;
  domain: string | null;
  departmentId: string | null;
  /** The reporting quarter: reports missing, closed/adopted in period, latest progress, end of the trend. */
  period: Period;
  today: string;
}

export interface Figures {
  total: number;
  applicable: number;
  closed: number;
  completionRate: number | null;
  overdue: number;
  dueSoon: number;
  /** 未设时限: open tasks to be done by a date that has none yet. */
  withoutDeadline: number;
  closedInPeriod: number;
}

export interface BatchFigures extends Figures {
  batchId: string;
  batchName: string;
  docNumber: string;
}

export interface DepartmentFigures {
  rank: number;
  departmentId: string;
  departmentName: string;
  assigned: number;
  closed: number;
  completionRate: number | null;
  closedOnTime: number;
  onTimeRate: number | null;
  overdue: number;
  closedInPeriod: number;
  reportsMissing: number;
}

export interface RegionFigures {
  rank: number;
  regionId: string;
  regionName: string;
  total: number;
  adopted: number;
  implemented: number;
  adoptionRate: number | null;
  implementationRate: number | null;
  adoptedInPeriod: number;
  implementedInPeriod: number;
}

export interface DomainFigures extends Figures {
  domain: string;
}

export interface LatestReport {
  period: string;
  status: string;
  progress: string;
  problems: string | null;
}

export interface TrafficLightItem {
  taskId: string;
  seq: number;
  itemName: string;
  batchName: string;
  leadDepartment: { id: string; name: string } | null;
  deadlineKind: string;
  dueDate: string | null;
  status: TaskStatus;
  light: TrafficLight;
  daysOverdue: number | null;
  daysLeft: number | null;
  reportedInPeriod: boolean;
  latestReport: LatestReport | null;
}

export interface QuarterEndFigures {
  total: number;
  applicable: number;
  closed: number;
  overdue: number;
}

export interface SnapshotRow extends QuarterEndFigures {
  period: string;
  completionRate: number | null;
  takenAt: Date;
}

/** Positional parameters for hand-built SQL: `p.add(v, 'date')` → `$3::date`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

/** closed / applicable style ratios: null rather than a division by zero, 4 decimals. */
const rate = (num: string, den: string) => `round((${num})::numeric / nullif(${den}, 0), 4)::float8`;

/**
 * The WHERE over `task t JOIN reform_item i` for a scope; the ledger export shares it so its rows are the
 * dashboards' tasks. A city narrows to tasks with a rollout in the city or one of its counties.
 */
export function taskScopeWhere(scope: Pick<DashboardScope, 'provinceId' | 'cityId' | 'batchId' | 'domain' | 'departmentId'>, p: SqlParams): string {
  const where = [`t.region_id = ${p.add(scope.provinceId, 'uuid')}`];
  if (scope.batchId) where.push(`i.batch_id = ${p.add(scope.batchId, 'uuid')}`);
  if (scope.domain) where.push(scope.domain === UNCLASSIFIED_DOMAIN ? 'i.domain IS NULL' : `i.domain = ${p.add(scope.domain)}`);
  if (scope.departmentId) where.push(leadsTaskSql('t', p.add(scope.departmentId, 'uuid')));
  if (scope.cityId) {
    const city = p.add(scope.cityId, 'uuid');
    where.push(`EXISTS (SELECT 1 FROM rollout ro JOIN region rg ON rg.id = ro.region_id WHERE ro.task_id = t.id AND (rg.id = ${city} OR rg.parent_id = ${city}))`);
  }
  return where.join(' AND ');
}

const OPEN = (t: string) => `${t}.status NOT IN ('closed', 'not_applicable')`;

/** Overdue is derived, never stored: a dated deadline before today on a task neither closed nor not applicable. */
export const overdueSql = (t: string, today: string) => `(${OPEN(t)} AND ${t}.deadline_kind = 'date' AND ${t}.due_date < ${today})`;

/**
 * The latest submitted or accepted report up to a period, as a LATERAL join aliased `lr`; the unique
 * (task_id, period) index serves the ORDER BY period DESC LIMIT 1.
 */
export function latestReportJoin(taskAlias: string, period: string, p: SqlParams): string {
  return `LEFT JOIN LATERAL (
      SELECT pr.period, pr.status, pr.progress, pr.problems FROM progress_report pr
      WHERE pr.task_id = ${taskAlias}.id AND pr.status IN ('submitted', 'accepted') AND pr.period <= ${p.add(period)}
      ORDER BY pr.period DESC LIMIT 1) lr ON true`;
}

/**
 * The scoped tasks with every derived flag computed once, so all figures share one definition of
 * applicable, closed, open, overdue, due soon, closed in period and reported for the period.
 */
function scopedTasks(scope: DashboardScope, p: SqlParams): string {
  const today = p.add(scope.today, 'date');
  // MATERIALIZED: a province has hundreds of tasks but tens of thousands of rollouts; computed once, the set is
  // hash-joined, instead of the planner re-joining reform_item for every rollout row (measured: regions 115 → see docs/benchmarks.md).
  return `scoped AS MATERIALIZED (
    SELECT t.id, t.status, t.deadline_kind, t.due_date, t.lead_department_id, t.closed_at, t.reform_item_id,
           i.batch_id, coalesce(i.domain, ${p.add(UNCLASSIFIED_DOMAIN)}) AS domain,
           t.status <> 'not_applicable' AS applicable,
           ${pendingDecisionSql('t')} AS pending_decision,
           t.status = 'closed' AS closed,
           ${OPEN('t')} AS open,
           ${overdueSql('t', today)} AS overdue,
           (${OPEN('t')} AND t.deadline_kind = 'date' AND t.due_date BETWEEN ${today} AND ${today} + ${DUE_SOON_DAYS}) AS due_soon,
           ${withoutDeadlineSql('t')} AS without_deadline,
           (t.status = 'closed' AND (t.closed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${p.add(scope.period.start, 'date')} AND ${p.add(scope.period.end, 'date')}) AS closed_in_period,
           EXISTS (SELECT 1 FROM progress_report pr WHERE pr.task_id = t.id AND pr.period = ${p.add(scope.period.key)} AND pr.status IN ('submitted', 'accepted')) AS reported
    FROM task t JOIN reform_item i ON i.id = t.reform_item_id
    WHERE ${taskScopeWhere(scope, p)})`;
}

/** The headline figures over any group of scoped tasks. */
const FIGURES = `
  count(*)::int AS total,
  count(*) FILTER (WHERE s.applicable)::int AS applicable,
  count(*) FILTER (WHERE s.closed)::int AS closed,
  ${rate('count(*) FILTER (WHERE s.closed)', 'count(*) FILTER (WHERE s.applicable)')} AS "completionRate",
  count(*) FILTER (WHERE s.overdue)::int AS overdue,
  count(*) FILTER (WHERE s.due_soon)::int AS "dueSoon",
  count(*) FILTER (WHERE s.without_deadline)::int AS "withoutDeadline",
  count(*) FILTER (WHERE s.closed_in_period)::int AS "closedInPeriod"`;

/** red = overdue; yellow = due within DUE_SOON_DAYS and not yet submitted for close-out; green otherwise. */
const LIGHT = `CASE WHEN s.overdue THEN 'red' WHEN s.due_soon AND s.status <> 'submitted' THEN 'yellow' ELSE 'green' END`;

/** Every figure the dashboards show, as SQL; built on the pool by DashboardsModule, on a bare pg client by the bench. */
export class DashboardQueries {
  constructor(private readonly db: SqlRunner) {}

  async headline(scope: DashboardScope): Promise<Figures & { reportsMissing: number; pendingDecision: number }> {
    const p = new SqlParams();
    const [row] = await this.db.query(
      `WITH ${scopedTasks(scope, p)}
       SELECT ${FIGURES}, count(*) FILTER (WHERE s.open AND s.lead_department_id IS NOT NULL AND NOT s.reported AND NOT s.pending_decision)::int AS "reportsMissing",
              count(*) FILTER (WHERE s.pending_decision)::int AS "pendingDecision"
       FROM scoped s`,
      p.values,
    );
    return row;
  }

  async statusCounts(scope: DashboardScope): Promise<{ status: TaskStatus; count: number }[]> {
    const p = new SqlParams();
    return this.db.query(`WITH ${scopedTasks(scope, p)} SELECT s.status, count(*)::int AS count FROM scoped s GROUP BY s.status`, p.values);
  }

  /** Per batch, in publication order (the order of the documents on a leader's desk). */
  async batches(scope: DashboardScope): Promise<BatchFigures[]> {
    const p = new SqlParams();
    return this.db.query(
      `WITH ${scopedTasks(scope, p)}
       SELECT b.id AS "batchId", b.name AS "batchName", d.doc_number AS "docNumber", ${FIGURES}
       FROM scoped s JOIN batch b ON b.id = s.batch_id JOIN policy_document d ON d.id = b.document_id
       GROUP BY b.id, b.name, b.published_on, d.doc_number
       ORDER BY b.published_on NULLS LAST, d.doc_number, b.name`,
      p.values,
    );
  }

  /**
   * Per lead department (a task with co-leads counts once for each of its leads), ranked by completion rate, then fewer overdue, then fewer missing reports (ties share a
   * rank). On time = closed on or before the due date (in the province's time zone) or closed with no due date.
   */
  async departments(scope: DashboardScope): Promise<DepartmentFigures[]> {
    const p = new SqlParams();
    return this.db.query(
      `WITH ${scopedTasks(scope, p)},
       per_department AS (
         SELECT l.department_id AS id,
                count(*) FILTER (WHERE s.applicable)::int AS assigned,
                count(*) FILTER (WHERE s.closed)::int AS closed,
                count(*) FILTER (WHERE s.closed AND (s.deadline_kind <> 'date' OR s.due_date IS NULL
                                 OR (s.closed_at AT TIME ZONE 'Asia/Shanghai')::date <= s.due_date))::int AS closed_on_time,
                count(*) FILTER (WHERE s.overdue)::int AS overdue,
                count(*) FILTER (WHERE s.closed_in_period)::int AS closed_in_period,
                count(*) FILTER (WHERE s.open AND NOT s.reported AND NOT s.pending_decision)::int AS reports_missing
         FROM scoped s
         JOIN LATERAL (SELECT s.lead_department_id AS department_id WHERE s.lead_department_id IS NOT NULL
                       UNION SELECT tp.department_id FROM task_participant tp WHERE tp.task_id = s.id AND tp.role = 'co_lead') l ON true
         GROUP BY l.department_id)
       SELECT (rank() OVER (ORDER BY x.closed::numeric / nullif(x.assigned, 0) DESC NULLS LAST, x.overdue, x.reports_missing))::int AS rank,
              d.id AS "departmentId", d.name AS "departmentName", x.assigned, x.closed,
              ${rate('x.closed', 'x.assigned')} AS "completionRate",
              x.closed_on_time AS "closedOnTime", ${rate('x.closed_on_time', 'x.closed')} AS "onTimeRate",
              x.overdue, x.closed_in_period AS "closedInPeriod", x.reports_missing AS "reportsMissing"
       FROM per_department x JOIN department d ON d.id = x.id
       ORDER BY rank, d.name`,
      p.values,
    );
  }

  /**
   * The replication map: every city of the province with its rollouts (a county's rollouts count for its city) of
   * applicable scoped tasks. Total leaves out rollouts marked not applicable; adopted includes implemented.
   * Ranked by implementation rate, then adoption rate; cities without rollouts come last.
   */
  async regions(scope: DashboardScope): Promise<RegionFigures[]> {
    const p = new SqlParams();
    const province = p.add(scope.provinceId, 'uuid');
    const onlyCity = scope.cityId ? `AND c.id = ${p.add(scope.cityId, 'uuid')}` : '';
    const [start, end] = [p.add(scope.period.start, 'date'), p.add(scope.period.end, 'date')];
    return this.db.query(
      `WITH ${scopedTasks(scope, p)},
       cities AS (SELECT c.id, c.name, c.code FROM region c WHERE c.parent_id = ${province} AND c.level = 'city' ${onlyCity}),
       places AS (SELECT id, id AS city_id FROM cities
                  UNION ALL SELECT r.id, r.parent_id FROM region r JOIN cities c ON r.parent_id = c.id WHERE r.level = 'county'),
       per_city AS (
         SELECT pl.city_id,
                count(*) FILTER (WHERE ro.status <> 'not_applicable')::int AS total,
                count(*) FILTER (WHERE ro.status IN ('adopted', 'implemented'))::int AS adopted,
                count(*) FILTER (WHERE ro.status = 'implemented')::int AS implemented,
                count(*) FILTER (WHERE ro.status IN ('adopted', 'implemented') AND ro.adopted_on BETWEEN ${start} AND ${end})::int AS adopted_in_period,
                count(*) FILTER (WHERE ro.status = 'implemented' AND ro.implemented_on BETWEEN ${start} AND ${end})::int AS implemented_in_period
         FROM rollout ro JOIN places pl ON pl.id = ro.region_id JOIN scoped s ON s.id = ro.task_id AND s.applicable
         GROUP BY pl.city_id)
       SELECT (rank() OVER (ORDER BY x.implemented::numeric / nullif(x.total, 0) DESC NULLS LAST, x.adopted::numeric / nullif(x.total, 0) DESC NULLS LAST))::int AS rank,
              c.id AS "regionId", c.name AS "regionName",
              coalesce(x.total, 0) AS total, coalesce(x.adopted, 0) AS adopted, coalesce(x.implemented, 0) AS implemented,
              ${rate('x.adopted', 'x.total')} AS "adoptionRate", ${rate('x.implemented', 'x.total')} AS "implementationRate",
              coalesce(x.adopted_in_period, 0) AS "adoptedInPeriod", coalesce(x.implemented_in_period, 0) AS "implementedInPeriod"
       FROM cities c LEFT JOIN per_city x ON x.city_id = c.id
       ORDER BY rank, c.code`,
      p.values,
    );
  }

  /** Completion per domain (领域), best first. */
  async domains(scope: DashboardScope): Promise<DomainFigures[]> {
    const p = new SqlParams();
    return this.db.query(
      `WITH ${scopedTasks(scope, p)}
       SELECT s.domain, ${FIGURES} FROM scoped s GROUP BY s.domain
       ORDER BY "completionRate" DESC NULLS LAST, s.domain`,
      p.values,
    );
  }

  async trafficLightCounts(scope: DashboardScope): Promise<Record<TrafficLight, number>> {
    const p = new SqlParams();
    const [row] = await this.db.query(
      `WITH ${scopedTasks(scope, p)}, lit AS (SELECT ${LIGHT} AS light FROM scoped s WHERE s.open)
       SELECT count(*) FILTER (WHERE light = 'red')::int AS red, count(*) FILTER (WHERE light = 'yellow')::int AS yellow,
              count(*) FILTER (WHERE light = 'green')::int AS green FROM lit`,
      p.values,
    );
    return row;
  }

  /** Open tasks with their light: most overdue first, then the nearest deadlines, then undated tasks. */
  async trafficLightItems(scope: DashboardScope, lights: TrafficLight[] | null): Promise<TrafficLightItem[]> {
    const p = new SqlParams();
    const today = p.add(scope.today, 'date');
    const cte = scopedTasks(scope, p);
    const onlyLights = lights?.length ? `WHERE x.light = ANY(${p.add(lights, 'text[]')})` : '';
    const rows: (Omit<TrafficLightItem, 'leadDepartment' | 'latestReport'> & { leadId: string | null; leadName: string | null; report: LatestReport | null })[] =
      await this.db.query(
        `WITH ${cte},
         lit AS (SELECT s.*, ${LIGHT} AS light FROM scoped s WHERE s.open)
         SELECT x.id AS "taskId", i.seq, i.name AS "itemName", b.name AS "batchName", d.id AS "leadId", d.name AS "leadName",
                x.deadline_kind AS "deadlineKind", x.due_date::text AS "dueDate", x.status, x.light,
                CASE WHEN x.light = 'red' THEN ${today} - x.due_date END AS "daysOverdue",
                CASE WHEN x.light <> 'red' AND x.deadline_kind = 'date' THEN x.due_date - ${today} END AS "daysLeft",
                x.reported AS "reportedInPeriod",
                CASE WHEN lr.period IS NOT NULL THEN json_build_object('period', lr.period, 'status', lr.status, 'progress', lr.progress, 'problems', lr.problems) END AS report
         FROM lit x JOIN reform_item i ON i.id = x.reform_item_id JOIN batch b ON b.id = i.batch_id
         LEFT JOIN department d ON d.id = x.lead_department_id
         ${latestReportJoin('x', scope.period.key, p)}
         ${onlyLights}
         ORDER BY array_position(ARRAY['red', 'yellow', 'green'], x.light), x.due_date NULLS LAST, i.seq, x.id`,
        p.values,
      );
    return rows.map(({ leadId, leadName, report, ...r }) => ({ ...r, leadDepartment: leadId ? { id: leadId, name: leadName! } : null, latestReport: report }));
  }

  /**
   * A quarter's figures as they stood at 24:00 on its last day, rebuilt from timestamps: tasks that existed by then,
   * closed by then (closed_at), and overdue = due on or before that day and not closed by then.
   */
  async quarterEndFigures(scope: DashboardScope, period: Period): Promise<QuarterEndFigures> {
    const p = new SqlParams();
    const end = p.add(period.end, 'date');
    const boundary = `((${end} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    const where = taskScopeWhere(scope, p);
    const closedByEnd = `(t.status = 'closed' AND t.closed_at < ${boundary})`;
    const [row] = await this.db.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE t.status <> 'not_applicable')::int AS applicable,
              count(*) FILTER (WHERE ${closedByEnd})::int AS closed,
              count(*) FILTER (WHERE t.status <> 'not_applicable' AND NOT ${closedByEnd} AND t.deadline_kind = 'date' AND t.due_date <= ${end})::int AS overdue
       FROM task t JOIN reform_item i ON i.id = t.reform_item_id
       WHERE ${where} AND t.created_at < ${boundary}`,
      p.values,
    );
    return row;
  }

  snapshots(provinceId: string, filterKey: string, periods: string[]): Promise<SnapshotRow[]> {
    return this.db.query(
      `SELECT period, total, applicable, closed, overdue, ${rate('closed', 'applicable')} AS "completionRate", taken_at AS "takenAt" FROM quarter_snapshot
       WHERE province_id = $1 AND filter_key = $2 AND period = ANY($3::text[])`,
      [provinceId, filterKey, periods],
    );
  }

  /** Provinces that have tasks: the ones whose quarters are worth freezing. */
  async provincesWithTasks(): Promise<{ id: string; name: string }[]> {
    return this.db.query(`SELECT r.id, r.name FROM region r WHERE r.level = 'province' AND EXISTS (SELECT 1 FROM task t WHERE t.region_id = r.id) ORDER BY r.code`);
  }

  /** First writer wins: two leaders opening the trend at once must not freeze two different versions. */
  async saveSnapshot(provinceId: string, filterKey: string, period: string, f: QuarterEndFigures): Promise<void> {
    await this.db.query(
      `INSERT INTO quarter_snapshot (province_id, period, filter_key, total, applicable, closed, overdue)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT uq_quarter_snapshot_province_period_filter DO NOTHING`,
      [provinceId, period, filterKey, f.total, f.applicable, f.closed, f.overdue],
    );
  }
}

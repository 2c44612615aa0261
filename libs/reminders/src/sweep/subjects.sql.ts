import { addDays } from '#libs/calendar';
import { pendingDecisionSql } from '#libs/tasks';

/**
 * SQL shared by the sweep (which plans) and the notice jobs (which re-check before sending), so both agree on
 * what is chased. Tasks are per province: task.region_id is the province.
 */

/** The ladder stops once the task is submitted for close-out, closed or not applicable. */
export const CHASED_TASK_STATUSES = ['not_started', 'in_progress', 'blocked'] as const;
export const CHASED_STATUS_SQL = `('not_started', 'in_progress', 'blocked')`;

/**
 * A task the sweep chases: open, and not 待确认 — nobody is chased for a task that may not apply to the province at
 * all; once the coordinator decides it applies, it is chased like any other.
 */
export const chasedTaskSql = (t: string) => `(${t}.status IN ${CHASED_STATUS_SQL} AND NOT ${pendingDecisionSql(t)})`;

/** The week a weekly notice belongs to, named by its Monday: the sweep's dedup key sends it once a week. */
export function weekOf(today: string): string {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday);
}

/** A task that reports each quarter: still open, or ongoing (持续实施) and not closed; never one 待确认. */
export const REPORTABLE_TASK_SQL = `(NOT ${pendingDecisionSql('t')} AND (t.status IN ${CHASED_STATUS_SQL} OR (t.deadline_kind = 'ongoing' AND t.status NOT IN ('closed', 'not_applicable'))))`;

/**
 * A task that owes a report for the period (a text parameter such as $2 = '2026Q4'): it existed by the end of the
 * period ('YYYYQn' strings compare in time order) and has no submitted or accepted report — drafts and returned
 * reports do not count.
 */
export function missingReportSql(periodParam: string): string {
  return `(to_char(t.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY"Q"Q') <= ${periodParam}::text
    AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.task_id = t.id AND r.period = ${periodParam}::text AND r.status IN ('submitted', 'accepted')))`;
}

import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogService } from '#libs/catalog';
import { OrganisationService, type Department, type Region } from '#libs/organisation';
import { CloseOutService, EvidenceService, ProgressService } from '#libs/progress';
import { NoticeService, NotificationsService, ReminderConfigService, ReminderSettings } from '#libs/reminders';
import { RolloutService } from '#libs/rollout';
import { TasksService, type TaskStatus } from '#libs/tasks';
import type { DemoActors } from './demo-actors.js';
import type { DemoPlan } from './demo-plan.js';
import type { DemoTimeline } from './demo-timeline.js';
import type { Tally } from './tally.js';

/** The product's services the demo seed acts through. */
export function demoServices(app: INestApplicationContext) {
  return {
    tasks: app.get(TasksService),
    catalog: app.get(CatalogService),
    organisation: app.get(OrganisationService),
    progress: app.get(ProgressService),
    closeOut: app.get(CloseOutService),
    evidence: app.get(EvidenceService),
    rollouts: app.get(RolloutService),
    notices: app.get(NoticeService),
    notifications: app.get(NotificationsService),
    reminderConfigs: app.get(ReminderConfigService),
    reminderSettings: app.get(ReminderSettings),
  };
}

export interface DemoContext {
  db: DataSource;
  services: ReturnType<typeof demoServices>;
  plan: DemoPlan;
  timeline: DemoTimeline;
  actors: DemoActors;
  tally: Tally;
  province: Region;
  /** The province's own departments by name. */
  departments: Map<string, Department>;
}

/** A task of the demo province as the seed needs it. */
export interface DemoTask {
  id: string;
  seq: number;
  name: string;
  status: TaskStatus;
  deadlineKind: string;
  dueDate: string | null;
  scopeText: string | null;
  leadDepartmentId: string | null;
  leadName: string | null;
  participantIds: string[];
  milestones: number;
  completions: number;
}

/** The province's tasks for the items of one document, by item seq. */
export async function demoTasksOf(ctx: Pick<DemoContext, 'db' | 'province'>, docNumber: string): Promise<Map<number, DemoTask>> {
  const rows: DemoTask[] = await ctx.db.query(
    `SELECT t.id, i.seq, i.name, t.status, t.deadline_kind AS "deadlineKind", t.due_date::text AS "dueDate", t.scope_text AS "scopeText",
            t.lead_department_id AS "leadDepartmentId", ld.name AS "leadName",
            coalesce((SELECT array_agg(tp.department_id ORDER BY tp.department_id) FROM task_participant tp WHERE tp.task_id = t.id), '{}') AS "participantIds",
            (SELECT count(*)::int FROM milestone m WHERE m.task_id = t.id) AS milestones,
            (SELECT count(*)::int FROM task_completion c WHERE c.task_id = t.id) AS completions
     FROM task t JOIN reform_item i ON i.id = t.reform_item_id JOIN batch b ON b.id = i.batch_id JOIN policy_document d ON d.id = b.document_id
     LEFT JOIN department ld ON ld.id = t.lead_department_id
     WHERE d.doc_number = $1 AND t.region_id = $2 ORDER BY i.seq`,
    [docNumber, ctx.province.id],
  );
  return new Map(rows.map((r) => [r.seq, r]));
}

/** A department of the province named in the plan; a name the reference data lacks is a mistake in the plan. */
export function departmentNamed(ctx: Pick<DemoContext, 'departments' | 'province'>, name: string): Department {
  const d = ctx.departments.get(name);
  if (!d) throw new Error(`seeds/data/demo/plan.json names ${name}, which is not a department of ${ctx.province.name} in seeds/data/departments.json`);
  return d;
}

/**
 * Dates the tasks' rows to the day the province took them on. created_at is the database's clock, not the
 * injected one, and the quarterly trend and the missing-report rule count a task from it: without this the
 * demo's history would seem to begin on the day the seed ran. Only moves rows back, so a rerun changes nothing.
 */
export async function backdateTasks(ctx: Pick<DemoContext, 'db' | 'tally'>, taskIds: string[], date: string): Promise<void> {
  const [, changed]: [unknown, number] = await ctx.db.query(
    `UPDATE task SET created_at = ($2::date + time '09:00') AT TIME ZONE 'Asia/Shanghai' WHERE id = ANY($1) AND created_at > ($2::date + time '09:00') AT TIME ZONE 'Asia/Shanghai'`,
    [taskIds, date],
  );
  ctx.tally.add('task date', 'updated', changed);
  ctx.tally.add('task date', 'unchanged', taskIds.length - changed);
}

import { addDays, isWorkingDay, nextWorkingDay, periodOf, previousPeriod, reportingWindow } from '#libs/calendar';
import type { AuthUser } from '#libs/common';
import { chasedTaskSql, deadlineJobs, noticesDue, reportJobId, type DeadlineNoticeJob, type DeadlineSubjectRow, type ReportNoticeKind } from '#libs/reminders';
import { taskLeadIdsSql } from '#libs/tasks';
import type { DemoContext } from './demo-context.js';

/** Notices older than this many days have been read; newer ones wait unread in the inbox. */
const READ_AFTER_DAYS = 7;

/**
 * The notices the worker would have sent over the last weeks: each day's deadline reminders and escalations (the
 * sweep's rules, noticesDue, applied day by day) and the quarterly "report due" / "not reported" notices, each
 * published through NoticeService on the day it fell due — the same texts, deduplication keys and inbox rows as the
 * worker's. Then the demo users have read what is more than a week old.
 */
export async function playNotices(ctx: DemoContext): Promise<void> {
  await sendDeadlineNotices(ctx);
  await sendReportNotices(ctx);
  const { named } = ctx.actors;
  for (const user of [named.department, named.department2, named.coordinator, named.leader]) await readOldNotices(ctx, user);
}

async function sendDeadlineNotices(ctx: DemoContext): Promise<void> {
  const { timeline } = ctx;
  const { notices, reminderConfigs, reminderSettings } = ctx.services;
  const config = (await reminderConfigs.all()).get(ctx.province.id) ?? reminderSettings.defaults;
  const first = timeline.day(-ctx.plan.notices.sweepDays);
  const subjects: DeadlineSubjectRow[] = await ctx.db.query(
    `SELECT 'task' AS subject_type, t.id AS subject_id, t.id AS task_id, t.lead_department_id, ${taskLeadIdsSql('t')} AS lead_department_ids, t.due_date::text AS due_date FROM task t
     WHERE t.region_id = $1 AND t.deadline_kind = 'date' AND ${chasedTaskSql('t')} AND t.due_date >= $2
     UNION ALL
     SELECT 'milestone', m.id, m.task_id, t.lead_department_id, ${taskLeadIdsSql('t')}, m.due_date::text FROM milestone m JOIN task t ON t.id = m.task_id
     WHERE t.region_id = $1 AND m.done_at IS NULL AND m.due_date >= $2 AND ${chasedTaskSql('t')}
     ORDER BY 2`,
    [ctx.province.id, addDays(first, -60)],
  );
  // Each notice goes out on the first day the sweep would have planned it.
  const byDay = new Map<string, DeadlineNoticeJob[]>();
  const planned = new Set<string>();
  for (let day = first; day <= timeline.today; day = addDays(day, 1)) {
    for (const s of subjects) {
      const due = noticesDue({ dueDate: s.due_date }, day, config).filter((n) => isWorkingDay(day) || n.scheduledFor === day);
      for (const job of deadlineJobs(s, due)) {
        if (planned.has(job.dedupKey)) continue;
        planned.add(job.dedupKey);
        byDay.set(day, [...(byDay.get(day) ?? []), job]);
      }
    }
  }
  for (const [day, jobs] of byDay) {
    const outcomes = await timeline.at(day, () => notices.sendDeadlines(jobs), 5);
    for (const o of outcomes) ctx.tally.add('notice', o.status === 'fulfilled' && o.value.status === 'sent' && o.value.created ? 'created' : 'unchanged');
  }
}

/** The last two quarters' reporting windows: "report due" when one opened, "not reported" the day after it closed. */
async function sendReportNotices(ctx: DemoContext): Promise<void> {
  const { timeline } = ctx;
  const departments: { id: string }[] = await ctx.db.query(
    `SELECT DISTINCT lead_department_id AS id FROM task WHERE region_id = $1 AND lead_department_id IS NOT NULL AND status NOT IN ('closed', 'not_applicable') ORDER BY 1`,
    [ctx.province.id],
  );
  const current = periodOf(timeline.today);
  for (const period of [previousPeriod(current), current]) {
    const window = reportingWindow(period, ctx.services.reminderSettings.reportingWindow);
    const missingOn = nextWorkingDay(window.closes);
    const sends: { on: string; kind: ReportNoticeKind; ownerId: string; departmentId: string | null }[] = [
      ...departments.map((d) => ({ on: window.opens, kind: 'report_due' as const, ownerId: d.id, departmentId: d.id })),
      ...departments.map((d) => ({ on: missingOn, kind: 'report_missing' as const, ownerId: d.id, departmentId: d.id })),
      { on: missingOn, kind: 'report_missing_summary', ownerId: ctx.province.id, departmentId: null },
    ];
    for (const s of sends.filter((x) => x.on <= timeline.today)) {
      const job = { dedupKey: reportJobId(s.kind, s.ownerId, period.key), kind: s.kind, provinceId: ctx.province.id, departmentId: s.departmentId, period: period.key };
      const outcome = await timeline.at(s.on, () => ctx.services.notices.sendReport(job), 15);
      ctx.tally.add('notice', outcome.status === 'sent' && outcome.created ? 'created' : 'unchanged');
    }
  }
}

async function readOldNotices(ctx: DemoContext, user: AuthUser): Promise<void> {
  const { notifications } = ctx.services;
  const cutoff = ctx.timeline.day(-READ_AFTER_DAYS);
  const unread = await notifications.inbox(user, { page: 1, pageSize: 200, unread: true });
  for (const n of unread.items) {
    const sent = n.createdAt.toISOString().slice(0, 10);
    if (sent >= cutoff) continue;
    await ctx.timeline.at(addDays(sent, 1), () => notifications.markRead(user, n.id), 30);
    ctx.tally.add('notice read', 'created');
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parsePeriod, reportingWindow } from '#libs/calendar';
import { Clock } from '#libs/common';
import { queryPrepared } from '#libs/database';
import { leadsTaskSql, TASK_LEADS_SQL, taskLeadIdsSql, taskLeadNamesSql, TASK_STATUS_LABELS, withoutDeadlineSql, type TaskStatus } from '#libs/tasks';
import type { DeadlineNoticeJob, ReportNoticeJob } from '../jobs.js';
import { deadlineBody, reportDueText, reportMissingSummaryText, reportMissingText, shortName, withoutDeadlineText, type ReportTaskLine } from '../notice-text.js';
import { NotificationsService, type NoticeInput, type PublishResult } from '../notifications/notifications.service.js';
import { ReminderSettings } from '../reminder-settings.js';
import { noticeTitle } from '../rules/index.js';
import { DEPARTMENT_ROLES } from './deadline-jobs.js';
import { CHASED_TASK_STATUSES, missingReportSql, REPORTABLE_TASK_SQL } from './subjects.sql.js';

/** The subject of a deadline notice as it is now, not as it was when the sweep planned the notice. */
export interface DeadlineSubject {
  taskId: string;
  status: TaskStatus;
  deadlineKind: string;
  taskDue: string | null;
  provinceId: string;
  leadDepartmentId: string | null;
  /** The lead and the co-leads, the lead first. */
  leadDepartmentIds: string[];
  /** 待确认: why the coordinator must still decide whether the task applies; null once decided. */
  pendingDecision: string | null;
  taskName: string;
  /** Every lead's name, the lead first ("X、Y"). */
  departmentName: string | null;
  milestoneId: string | null;
  milestoneTitle: string | null;
  milestoneDue: string | null;
  milestoneDone: boolean;
}

export type NoticeOutcome = ({ status: 'sent' } & PublishResult) | { status: 'skipped'; reason: string };

/** Turns a planned notice into a stored, delivered notification — after checking it still applies. */
@Injectable()
export class NoticeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  /** The subjects of the given notices as they are now, in the order of the notices; null where one is gone. */
  async loadDeadlineSubjects(jobs: DeadlineNoticeJob[]): Promise<(DeadlineSubject | null)[]> {
    const milestoneOf = (j: DeadlineNoticeJob) => (j.subjectType === 'milestone' ? j.subjectId : null);
    const keyOf = (j: DeadlineNoticeJob) => `${j.taskId}|${milestoneOf(j) ?? ''}`;
    // The ladder's steps of one subject are planned together, so a batch often holds several notices of one subject.
    // Keyed by the ids as the jobs spell them (text, not uuid, in and out of the query).
    const subjects = [...new Map(jobs.map((j) => [keyOf(j), j])).values()];
    const rows = await queryPrepared<DeadlineSubject & { key: string }>(
      this.dataSource.manager,
      'notice_subjects',
      `SELECT s.task_id || '|' || coalesce(s.milestone_id, '') AS key, t.id AS "taskId", t.status, t.deadline_kind AS "deadlineKind", t.due_date::text AS "taskDue",
              t.region_id AS "provinceId", t.lead_department_id AS "leadDepartmentId", ${taskLeadIdsSql('t')} AS "leadDepartmentIds",
              t.pending_decision AS "pendingDecision", ri.name AS "taskName", ${taskLeadNamesSql('t', 'd.name')} AS "departmentName",
              m.id AS "milestoneId", m.title AS "milestoneTitle", m.due_date::text AS "milestoneDue", (m.done_at IS NOT NULL) AS "milestoneDone"
       FROM unnest($1::text[], $2::text[]) AS s(task_id, milestone_id)
       JOIN task t ON t.id = s.task_id::uuid JOIN reform_item ri ON ri.id = t.reform_item_id
       LEFT JOIN department d ON d.id = t.lead_department_id
       LEFT JOIN milestone m ON m.id = s.milestone_id::uuid AND m.task_id = t.id`,
      [subjects.map((j) => j.taskId), subjects.map(milestoneOf)],
    );
    const byKey = new Map(rows.map(({ key, ...subject }) => [key, subject]));
    return jobs.map((j) => {
      const s = byKey.get(keyOf(j));
      return s && (j.subjectType === 'task' || s.milestoneId) ? s : null;
    });
  }

  /** Why a planned notice must not go out any more, or null when it still applies. */
  stopReason(job: DeadlineNoticeJob, s: DeadlineSubject): string | null {
    if (!(CHASED_TASK_STATUSES as readonly string[]).includes(s.status)) return `task ${s.status}`;
    if (s.pendingDecision) return 'task pending an applicability decision';
    const due = job.subjectType === 'milestone' ? s.milestoneDue : s.deadlineKind === 'date' ? s.taskDue : null;
    if (due !== job.dueDate) return 'due date changed';
    if (job.subjectType === 'milestone' && s.milestoneDone) return 'milestone done';
    if (DEPARTMENT_ROLES.includes(job.notice.recipient)) {
      const department = this.addressee(job, s);
      if (!department) return 'no lead department';
      if (!s.leadDepartmentIds.includes(department)) return 'department no longer leads the task';
    }
    return null;
  }

  /** The department a notice is about: the lead or co-lead the job names, else the task's lead. */
  private addressee(job: DeadlineNoticeJob, s: DeadlineSubject): string | null {
    return job.departmentId ?? s.leadDepartmentId;
  }

  /** The notification a deadline notice stores, its texts counted from `today`, the day it actually goes out. */
  deadlineNotice(job: DeadlineNoticeJob, s: DeadlineSubject, today: string): NoticeInput {
    const n = job.notice;
    const subjectName = shortName(job.subjectType === 'milestone' ? s.milestoneTitle! : s.taskName);
    // A notice delayed by an outage states the real delay.
    const title = noticeTitle(n, subjectName, job.dueDate, today);
    const link = this.settings.taskLink(s.taskId);
    const body = deadlineBody(title, n, { taskName: s.taskName, milestoneTitle: s.milestoneTitle, departmentName: s.departmentName, dueDate: job.dueDate, statusLabel: TASK_STATUS_LABELS[s.status], link });
    return {
      dedupKey: job.dedupKey,
      kind: n.kind,
      level: n.level,
      recipientRole: n.recipient,
      provinceId: s.provinceId,
      departmentId: this.addressee(job, s),
      taskId: s.taskId,
      milestoneId: s.milestoneId,
      period: null,
      dueDate: job.dueDate,
      step: n.offset,
      title,
      body,
      link,
    };
  }

  /**
   * Deadline notices processed together: one query reloads every subject, one statement stores every notice that
   * still applies. Outcomes are in the order of the jobs; a notice whose text cannot be built fails alone. Throws
   * when the batch could not be stored, and then nothing of it was.
   */
  async sendDeadlines(jobs: DeadlineNoticeJob[]): Promise<PromiseSettledResult<NoticeOutcome>[]> {
    const subjects = await this.loadDeadlineSubjects(jobs);
    const today = this.clock.today();
    const outcomes: PromiseSettledResult<NoticeOutcome>[] = [];
    const toPublish: { index: number; input: NoticeInput }[] = [];
    for (const [index, job] of jobs.entries()) {
      const s = subjects[index];
      const reason = s ? this.stopReason(job, s) : `${job.subjectType} deleted`;
      if (reason) {
        outcomes[index] = { status: 'fulfilled', value: { status: 'skipped', reason } };
        continue;
      }
      try {
        toPublish.push({ index, input: this.deadlineNotice(job, s!, today) });
      } catch (reason) {
        outcomes[index] = { status: 'rejected', reason };
      }
    }
    const published = await this.notifications.publishMany(toPublish.map((p) => p.input));
    for (const [k, { index }] of toPublish.entries()) outcomes[index] = { status: 'fulfilled', value: { status: 'sent', ...published[k]! } };
    return outcomes;
  }

  /** The coordinator's list of the province's open tasks 未设时限, as they are when the notice goes out. */
  private async sendWithoutDeadline(job: ReportNoticeJob): Promise<NoticeOutcome> {
    const rows: { id: string; name: string; batch: string; department: string | null }[] = await this.dataSource.query(
      `SELECT t.id, ri.name, b.name AS batch, d.name AS department
       FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id JOIN batch b ON b.id = ri.batch_id LEFT JOIN department d ON d.id = t.lead_department_id
       WHERE t.region_id = $1 AND ${withoutDeadlineSql('t')}
       ORDER BY b.published_on NULLS LAST, b.name, ri.seq`,
      [job.provinceId],
    );
    if (rows.length === 0) return { status: 'skipped', reason: 'every task has a deadline' };
    const link = this.settings.withoutDeadlineLink();
    const text = withoutDeadlineText(rows.map((r) => ({ ...r, link: this.settings.taskLink(r.id) })), link);
    const notice = { dedupKey: job.dedupKey, kind: job.kind, provinceId: job.provinceId, taskId: null, milestoneId: null, period: null, dueDate: null, step: null, link };
    return { status: 'sent', ...(await this.notifications.publish({ ...notice, level: 'remind', recipientRole: 'coordinator', departmentId: null, ...text })) };
  }

  /** The department's reportable tasks; for report_missing only those without a report for the period. */
  private async reportTasks(job: ReportNoticeJob, missingOnly: boolean): Promise<ReportTaskLine[]> {
    const rows: { id: string; name: string; due_date: string | null }[] = await this.dataSource.query(
      `SELECT t.id, ri.name, t.due_date::text AS due_date FROM task t JOIN reform_item ri ON ri.id = t.reform_item_id
       WHERE ${leadsTaskSql('t', '$1::uuid')} AND t.region_id = $2 AND ${REPORTABLE_TASK_SQL}${missingOnly ? ` AND ${missingReportSql('$3')}` : ''}
       ORDER BY t.due_date NULLS LAST, ri.name`,
      missingOnly ? [job.departmentId, job.provinceId, job.period] : [job.departmentId, job.provinceId],
    );
    return rows.map((r) => ({ name: r.name, dueDate: r.due_date, link: this.settings.taskLink(r.id) }));
  }

  async sendReport(job: ReportNoticeJob): Promise<NoticeOutcome> {
    if (job.kind === 'deadline_missing') return this.sendWithoutDeadline(job);
    const period = parsePeriod(job.period);
    const base = { dedupKey: job.dedupKey, kind: job.kind, provinceId: job.provinceId, taskId: null, milestoneId: null, period: job.period, dueDate: null, step: null, link: this.settings.reportsLink(job.kind === 'report_missing_summary' ? 'coordinator' : 'department', job.period) };
    if (job.kind === 'report_missing_summary') {
      // Per department, how many of its reportable tasks have no report for the period.
      const departments: { name: string; missing: number }[] = await this.dataSource.query(
        `SELECT d.name, count(*)::int AS missing FROM task t JOIN ${TASK_LEADS_SQL} l ON l.task_id = t.id JOIN department d ON d.id = l.department_id
         WHERE t.region_id = $1 AND ${REPORTABLE_TASK_SQL} AND ${missingReportSql('$2')}
         GROUP BY d.name ORDER BY missing DESC, d.name`,
        [job.provinceId, job.period],
      );
      if (departments.length === 0) return { status: 'skipped', reason: 'every department has reported' };
      const text = reportMissingSummaryText(period, departments, base.link);
      return { status: 'sent', ...(await this.notifications.publish({ ...base, level: 'remind', recipientRole: 'coordinator', departmentId: null, ...text })) };
    }
    const missingOnly = job.kind === 'report_missing';
    const tasks = await this.reportTasks(job, missingOnly);
    if (tasks.length === 0) return { status: 'skipped', reason: missingOnly ? 'reported meanwhile' : 'no reportable task' };
    const text = missingOnly ? reportMissingText(period, tasks) : reportDueText(period, reportingWindow(period, this.settings.reportingWindow).closes, tasks);
    return { status: 'sent', ...(await this.notifications.publish({ ...base, level: missingOnly ? 'urge' : 'remind', recipientRole: 'liaison', departmentId: job.departmentId, ...text })) };
  }
}

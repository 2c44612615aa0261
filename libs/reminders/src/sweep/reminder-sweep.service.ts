import { InjectQueue } from '@nestjs/bullmq';
import { ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addDays, isWorkingDay } from '#libs/calendar';
import { Clock, type AuthUser } from '#libs/common';
import { defaultJobOptions, JobName, QueueName, REMINDER_SWEEP_SCHEDULER_ID } from '#libs/queue';
import type { SweepNoticeView, SweepResultDto } from '../dto/reminders.dto.js';
import { reportJobId, type DeadlineNoticeJob, type ReminderSweepJob, type ReportNoticeJob } from '../jobs.js';
import { quarterlyPhase } from '../quarterly.js';
import { ReminderConfigService } from '../reminder-config.service.js';
import { ReminderSettings } from '../reminder-settings.js';
import { noticesDue, type ReminderConfig } from '../rules/index.js';
import { TASK_LEADS_SQL, taskLeadIdsSql, withoutDeadlineSql } from '#libs/tasks';
import { deadlineJobs, type DeadlineSubjectRow } from './deadline-jobs.js';
import { chasedTaskSql, missingReportSql, REPORTABLE_TASK_SQL, weekOf } from './subjects.sql.js';

type PlannedJob = { name: JobName.DeadlineNotice; data: DeadlineNoticeJob; view: SweepNoticeView } | { name: JobName.ReportNotice; data: ReportNoticeJob; view: SweepNoticeView };

interface SubjectRow extends DeadlineSubjectRow {
  province_id: string;
}

const RESULT_LIST_LIMIT = 1000;
const CHUNK = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The earliest due date still worth sweeping for overdue steps: the last ladder step of a subject due then
 * fired at most `graceDays` ago. Older subjects have had their whole ladder; skipping them keeps the hourly
 * sweep a range scan instead of a pass over every overdue task since the system started.
 */
export function overdueHorizon(today: string, maxStep: number, graceDays: number): string {
  let d = addDays(today, -graceDays);
  for (let left = Math.max(maxStep, 1); left > 0; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left -= 1;
  }
  return addDays(d, -1);
}

/**
 * Plans today's notices and enqueues one job per notice under a deterministic id. Runs hourly in the worker
 * (job scheduler) and on demand from the api; any number of concurrent or repeated runs send each notice once:
 * the job id dedups what is still queued, the notification table's unique key everything ever sent.
 */
@Injectable()
export class ReminderSweepService {
  private readonly logger = new Logger('ReminderSweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Reminders) private readonly reminders: Queue<ReminderSweepJob>,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue<DeadlineNoticeJob | ReportNoticeJob>,
    private readonly configs: ReminderConfigService,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  /** The repeatable sweep; upserting is idempotent, so every worker may do it at boot. */
  async ensureScheduler(): Promise<void> {
    await this.reminders.upsertJobScheduler(
      REMINDER_SWEEP_SCHEDULER_ID,
      { pattern: this.settings.sweepCron, tz: this.settings.sweepTimeZone },
      { name: JobName.ReminderSweep, data: { provinceId: null }, opts: defaultJobOptions(QueueName.Reminders, this.settings.retry) },
    );
  }

  /** A sweep asked for over the api: a coordinator sweeps their own province, an admin any one or all. */
  sweepFor(user: AuthUser, provinceId: string | null): Promise<SweepResultDto> {
    if (user.role === 'admin') return this.sweep(provinceId);
    if (!user.provinceId || (provinceId && provinceId !== user.provinceId)) throw new ForbiddenException('只能扫描本省 (you may only sweep your own province)');
    return this.sweep(user.provinceId);
  }

  async sweep(provinceId: string | null): Promise<SweepResultDto> {
    const today = this.clock.today();
    const workingDay = isWorkingDay(today);
    const configs = await this.configs.all();
    const { subjects, jobs: deadlineJobs } = await this.planDeadlines(today, workingDay, configs, provinceId);
    const jobs = [...deadlineJobs, ...(workingDay ? [...(await this.planQuarterly(today, provinceId)), ...(await this.planWithoutDeadline(today, provinceId))] : [])];

    const sent = new Set<string>();
    for (const part of chunks(jobs.map((j) => j.data.dedupKey), 5 * CHUNK)) {
      const rows: { dedup_key: string }[] = await this.dataSource.query('SELECT dedup_key FROM notification WHERE dedup_key = ANY($1::text[])', [part]);
      for (const r of rows) sent.add(r.dedup_key);
    }
    const toEnqueue = jobs.filter((j) => !sent.has(j.data.dedupKey));
    const options = defaultJobOptions(QueueName.Notifications, this.settings.retry);
    for (const part of chunks(toEnqueue, CHUNK)) {
      await this.notifications.addBulk(part.map((j) => ({ name: j.name, data: j.data, opts: { ...options, jobId: j.data.dedupKey } })));
    }
    if (toEnqueue.length > 0) this.logger.log(`sweep ${today}${provinceId ? ` (province ${provinceId})` : ''}: ${toEnqueue.length} notice job(s) enqueued, ${sent.size} already sent`);
    return {
      today,
      workingDay,
      subjects,
      due: jobs.length,
      alreadySent: sent.size,
      enqueued: toEnqueue.length,
      notices: toEnqueue.slice(0, RESULT_LIST_LIMIT).map((j) => j.view),
      truncated: toEnqueue.length > RESULT_LIST_LIMIT,
    };
  }

  private async planDeadlines(today: string, workingDay: boolean, configs: Map<string, ReminderConfig>, provinceId: string | null): Promise<{ subjects: number; jobs: PlannedJob[] }> {
    const all = [this.settings.defaults, ...configs.values()];
    const maxOffset = Math.max(0, ...all.flatMap((c) => c.offsets));
    const maxStep = Math.max(0, ...all.flatMap((c) => c.ladder.map((s) => s.afterWorkingDays)));
    const from = overdueHorizon(today, maxStep, this.settings.overdueGraceDays);
    const to = addDays(today, maxOffset);
    // Set-based: one range scan over open dated tasks and open milestones (partial indexes on due_date).
    const rows: SubjectRow[] = await this.dataSource.query(
      `SELECT 'task' AS subject_type, t.id AS subject_id, t.id AS task_id, t.region_id AS province_id, t.lead_department_id, ${taskLeadIdsSql('t')} AS lead_department_ids, t.due_date::text AS due_date
       FROM task t
       WHERE t.deadline_kind = 'date' AND ${chasedTaskSql('t')} AND t.due_date BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR t.region_id = $3)
       UNION ALL
       SELECT 'milestone', m.id, m.task_id, t.region_id, t.lead_department_id, ${taskLeadIdsSql('t')}, m.due_date::text
       FROM milestone m JOIN task t ON t.id = m.task_id
       WHERE m.done_at IS NULL AND m.due_date BETWEEN $1 AND $2 AND ${chasedTaskSql('t')} AND ($3::uuid IS NULL OR t.region_id = $3)`,
      [from, to, provinceId],
    );
    const jobs: PlannedJob[] = [];
    for (const s of rows) {
      const config = configs.get(s.province_id) ?? this.settings.defaults;
      // On a rest day only the due-day notice goes out; everything else waits for the next working day.
      const due = noticesDue({ dueDate: s.due_date }, today, config).filter((n) => workingDay || n.scheduledFor === today);
      for (const data of deadlineJobs(s, due)) {
        const { notice } = data;
        jobs.push({
          name: JobName.DeadlineNotice,
          data,
          view: { jobId: data.dedupKey, kind: notice.kind, provinceId: s.province_id, subjectType: s.subject_type, subjectId: s.subject_id, taskId: s.task_id, departmentId: data.departmentId ?? s.lead_department_id, recipient: notice.recipient, level: notice.level, scheduledFor: notice.scheduledFor, dueDate: s.due_date },
        });
      }
    }
    return { subjects: rows.length, jobs };
  }

  /**
   * Each province with open tasks 未设时限 (an item without a 时限, adopted without a provincial default): its
   * coordinators get the list once a week, on the week's first working day the sweep runs, until every task is dated.
   */
  private async planWithoutDeadline(today: string, provinceId: string | null): Promise<PlannedJob[]> {
    const rows: { province_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT t.region_id AS province_id FROM task t WHERE ${withoutDeadlineSql('t')} AND ($1::uuid IS NULL OR t.region_id = $1)`,
      [provinceId],
    );
    const week = weekOf(today);
    return rows.map((r) => {
      const dedupKey = reportJobId('deadline_missing', r.province_id, week);
      return {
        name: JobName.ReportNotice,
        data: { dedupKey, kind: 'deadline_missing', provinceId: r.province_id, departmentId: null, period: week },
        view: { jobId: dedupKey, kind: 'deadline_missing', provinceId: r.province_id, departmentId: null, recipient: 'coordinator', level: 'remind', period: week },
      };
    });
  }

  private async planQuarterly(today: string, provinceId: string | null): Promise<PlannedJob[]> {
    const phase = quarterlyPhase(today, this.settings.reportingWindow);
    const jobs: PlannedJob[] = [];
    const departmentJob = (kind: 'report_due' | 'report_missing', r: { province_id: string; department_id: string }, period: string): PlannedJob => {
      const dedupKey = reportJobId(kind, r.department_id, period);
      const level = kind === 'report_due' ? 'remind' : 'urge';
      return { name: JobName.ReportNotice, data: { dedupKey, kind, provinceId: r.province_id, departmentId: r.department_id, period }, view: { jobId: dedupKey, kind, provinceId: r.province_id, departmentId: r.department_id, recipient: 'liaison', level, period } };
    };
    if (phase.open) {
      // One row per lead department with something to report.
      const rows: { province_id: string; department_id: string }[] = await this.dataSource.query(
        `SELECT DISTINCT t.region_id AS province_id, l.department_id FROM task t JOIN ${TASK_LEADS_SQL} l ON l.task_id = t.id
         WHERE ${REPORTABLE_TASK_SQL} AND ($1::uuid IS NULL OR t.region_id = $1)`,
        [provinceId],
      );
      jobs.push(...rows.map((r) => departmentJob('report_due', r, phase.open!.period.key)));
    }
    if (phase.closed) {
      const period = phase.closed;
      // Departments with at least one task that owes a report for the period.
      const rows: { province_id: string; department_id: string }[] = await this.dataSource.query(
        `SELECT DISTINCT t.region_id AS province_id, l.department_id FROM task t JOIN ${TASK_LEADS_SQL} l ON l.task_id = t.id
         WHERE ${REPORTABLE_TASK_SQL} AND ($1::uuid IS NULL OR t.region_id = $1) AND ${missingReportSql('$2')}`,
        [provinceId, period.key],
      );
      jobs.push(...rows.map((r) => departmentJob('report_missing', r, period.key)));
      for (const province of new Set(rows.map((r) => r.province_id))) {
        const dedupKey = reportJobId('report_missing_summary', province, period.key);
        jobs.push({
          name: JobName.ReportNotice,
          data: { dedupKey, kind: 'report_missing_summary', provinceId: province, departmentId: null, period: period.key },
          view: { jobId: dedupKey, kind: 'report_missing_summary', provinceId: province, departmentId: null, recipient: 'coordinator', level: 'remind', period: period.key },
        });
      }
    }
    return jobs;
  }
}

import { Injectable } from '@nestjs/common';
import { periodLabel } from '#libs/calendar';
import { Clock, type AuthUser } from '#libs/common';
import { NotificationsService, ReminderSettings, reportChaseText, type NoticeInput } from '#libs/reminders';
import type { ReportChaseResult } from './dto/report-chase.dto.js';
import { ProgressService, type MissingReportRow } from './progress.service.js';

/**
 * 一键催报: one 催办 to each lead department that owes reports for a quarter — the tasks of the missing-report list —
 * through the notices' store and channels. A department is chased at most once a day per period: the dedup key
 * holds the day, so a second click the same day sends nothing and a click the next day chases again.
 */
@Injectable()
export class ReportChaseService {
  constructor(
    private readonly progress: ProgressService,
    private readonly notifications: NotificationsService,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  async chase(periodKey: string, user: AuthUser): Promise<ReportChaseResult> {
    const period = this.progress.reportablePeriod(periodKey);
    const rows = await this.progress.missingTasks(period, user);
    const byDepartment = new Map<string, MissingReportRow[]>();
    for (const row of rows) byDepartment.set(row.departmentId, [...(byDepartment.get(row.departmentId) ?? []), row]);
    const today = this.clock.today();
    const inputs: NoticeInput[] = [...byDepartment.entries()].map(([departmentId, tasks]) => ({
      dedupKey: `chase|${departmentId}|${period.key}|${today}`,
      kind: 'report_missing',
      level: 'urge',
      recipientRole: 'liaison',
      provinceId: tasks[0]!.provinceId,
      departmentId,
      taskId: null,
      milestoneId: null,
      period: period.key,
      dueDate: null,
      step: null,
      ...reportChaseText(period, tasks.map((t) => ({ name: t.reformItemName, dueDate: t.dueDate, link: this.settings.taskLink(t.taskId) }))),
      link: this.settings.reportsLink('department', period.key),
      sentBy: user,
    }));
    const results = await this.notifications.publishMany(inputs);
    const sent = results.filter((r) => r.created).length;
    return { period: period.key, periodLabel: periodLabel(period), departments: byDepartment.size, tasks: rows.length, sent, alreadySent: results.length - sent };
  }
}

import { ConflictException, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { formatDateZh } from '#libs/calendar';
import { Clock, type AuthUser } from '#libs/common';
import { FINISHED_STATUSES, TasksService } from '#libs/tasks';
import type { TaskNotificationView, TaskReminderDto } from './dto/task-notification.dto.js';
import { manualNoticeText } from './notice-text.js';
import { NotificationsService, type PublishResult } from './notifications/notifications.service.js';
import { ReminderSettings } from './reminder-settings.js';
import type { NoticeLevel, RecipientRole } from './rules/index.js';

/** 提醒 reaches the liaison who does the work; 催办 and 督办 the head who answers for it, as on the escalation ladder. */
const MANUAL_RECIPIENT: Record<NoticeLevel, RecipientRole> = { remind: 'liaison', urge: 'head', supervise: 'head' };

/** 催办 by hand: a coordinator's notice about one task, through the same store and channels as the sweep's. */
@Injectable()
export class TaskRemindersService {
  constructor(
    private readonly tasks: TasksService,
    private readonly notifications: NotificationsService,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends the notice now to each lead of the task: the lead department and every co-lead, one notice each. The same
   * level and message about the same task on the same day is one notice per lead (a double click, a retried request):
   * the second call answers the lead's first notice.
   */
  async send(taskId: string, dto: TaskReminderDto, user: AuthUser): Promise<TaskNotificationView> {
    const task = await this.tasks.viewToManage(taskId, user, '只有省商务厅可以催办任务 (only the coordinator can chase a task)');
    if (FINISHED_STATUSES.includes(task.status)) {
      throw new ConflictException(`任务已“${task.statusLabel}”，无需催办 (the task is ${task.status}: there is nothing to chase)`);
    }
    if (!task.leadDepartment) throw new ConflictException('任务尚未指定牵头部门，无法催办 (the task has no lead department to chase)');
    const recipient = MANUAL_RECIPIENT[dto.level];
    const message = dto.message.trim();
    const link = this.settings.taskLink(task.id);
    const text = manualNoticeText(
      { recipient, level: dto.level },
      {
        taskName: task.reformItem?.name ?? '',
        departmentName: [task.leadDepartment, ...task.coLeadDepartments].map((d) => d.name).join('、'),
        due: task.dueDate ? formatDateZh(task.dueDate) : (task.deadlineText ?? task.deadlineKindLabel),
        statusLabel: task.statusLabel,
        link,
        message,
        senderName: user.displayName,
      },
    );
    const digest = createHash('sha256').update(message).digest('hex').slice(0, 32);
    const dedupKey = `manual|${task.id}|${dto.level}|${digest}|${this.clock.today()}`;
    const notice = { kind: 'manual' as const, level: dto.level, recipientRole: recipient, provinceId: task.region!.id, taskId: task.id, milestoneId: null, period: null, dueDate: task.dueDate, step: null, ...text, link, sentBy: user };
    // The lead's key is the one a 催办 has always had; each co-lead's names the department.
    const [{ notificationId }] = (await this.notifications.publishMany([
      { ...notice, dedupKey, departmentId: task.leadDepartment.id },
      ...task.coLeadDepartments.map((d) => ({ ...notice, dedupKey: `${dedupKey}|${d.id}`, departmentId: d.id })),
    ])) as [PublishResult, ...PublishResult[]];
    const [view] = await this.notifications.ofTask(task.id, notificationId);
    return view!;
  }

  /** Every notice about the task, for anyone who may read it. */
  async list(taskId: string, user: AuthUser): Promise<TaskNotificationView[]> {
    await this.tasks.view(taskId, user);
    return this.notifications.ofTask(taskId);
  }
}

import { addDays, addWorkingDays, assertIsoDate, nextWorkingDay } from '#libs/calendar';
import { DEFAULT_REMINDER_CONFIG, validateReminderConfig, type ReminderConfig } from './config.js';
import type { NoticeLevel, RecipientRole } from './levels.js';

/** A task or milestone deadline. */
export interface DueSubject {
  dueDate: string;
}

export type NoticeKind = 'before_due' | 'due_day' | 'overdue';

export interface PlannedNotice {
  kind: NoticeKind;
  /** Calendar days before the due date for before_due / due_day (0); working days overdue for overdue. */
  offset: number;
  recipient: RecipientRole;
  level: NoticeLevel;
  /** The date on which the notice fires. */
  scheduledFor: string;
  /** `${kind}:${offset}` — unique per subject and due date; see noticeJobId. */
  key: string;
}

const NORMALIZED_DEFAULT = validateReminderConfig(DEFAULT_REMINDER_CONFIG);

function resolveConfig(config: ReminderConfig | undefined): ReminderConfig {
  return config === undefined || config === DEFAULT_REMINDER_CONFIG ? NORMALIZED_DEFAULT : validateReminderConfig(config);
}

function notice(kind: NoticeKind, offset: number, recipient: RecipientRole, level: NoticeLevel, scheduledFor: string): PlannedNotice {
  return { kind, offset, recipient, level, scheduledFor, key: `${kind}:${offset}` };
}

/**
 * The notices that are still live for a subject as of `today`, in firing order — both those
 * already due and those yet to come. Use it to preview a subject's reminders or to schedule
 * delayed jobs; the hourly sweep should send noticesDue, which also applies supersession.
 *
 * Rules:
 * - Before-due notices (offset > 0) go to the liaison at 'remind'. One that would fall on a
 *   non-working day moves to the next working day, but never past the due date: it is then
 *   clamped to the due date.
 * - The due-day notice (offset 0) fires on the due date even if that is a holiday — the
 *   deadline does not move, so neither does the warning.
 * - When two before-due notices land on the same day (T-3 on a Saturday moved onto T-1's
 *   Monday), only the nearer one is kept: two reminders on one day would only differ in
 *   a stale "还有N天".
 * - Before-due and due-day notices lapse once today is past the due date; the overdue ladder
 *   takes over.
 * - Overdue step k fires on the first working day on which the subject has been overdue for
 *   at least k working days, counted as workingDaysBetween(dueDate, day). The due date
 *   itself is not overdue, and a step never fires on a non-working day, so k = 0 and k = 1
 *   both mean the first working day after the due date. Ladder steps never lapse.
 */
export function plannedNotices(subject: DueSubject, today: string, config?: ReminderConfig): PlannedNotice[] {
  const due = subject?.dueDate;
  assertIsoDate(due, 'dueDate');
  assertIsoDate(today, 'today');
  const cfg = resolveConfig(config);
  const result: PlannedNotice[] = [];

  if (today <= due) {
    // offsets are sorted furthest first, so scheduled dates are non-decreasing.
    const beforeDue = cfg.offsets.map((offset) => {
      if (offset === 0) return notice('due_day', 0, 'liaison', 'remind', due);
      const moved = nextWorkingDay(addDays(due, -offset));
      return notice('before_due', offset, 'liaison', 'remind', moved > due ? due : moved);
    });
    beforeDue.forEach((n, i) => {
      if (beforeDue[i + 1]?.scheduledFor !== n.scheduledFor) result.push(n);
    });
  }

  // ladder is sorted by afterWorkingDays, so scheduled dates are non-decreasing.
  const ladder = cfg.ladder.map((step) =>
    notice('overdue', step.afterWorkingDays, step.recipient, step.level, addWorkingDays(due, Math.max(step.afterWorkingDays, 1))),
  );
  ladder.forEach((n, i) => {
    // Steps 0 and 1 for the same person land on the same day; that person gets the stronger one.
    const laterSameDay = ladder.slice(i + 1).some((m) => m.recipient === n.recipient && m.scheduledFor === n.scheduledFor);
    if (!laterSameDay) result.push(n);
  });

  return result;
}

/**
 * What the hourly sweep should send today: every live notice with scheduledFor <= today that
 * has not been superseded. Sending is idempotent through the key, so the same notice is
 * returned on every sweep until it is superseded or lapses.
 *
 * - Of the before-due / due-day notices that are due, only the nearest one is returned: after
 *   an outage spanning T-7 and T-3 the liaison gets the T-3 reminder, not both. A missed T-7
 *   is still sent on T-6 (nothing newer is due yet), but nothing before-due after the due date.
 * - Every overdue step reached is returned, because each step normally addresses a different
 *   person (an outage must not mean the head never hears of it). When several reached steps
 *   address the same role, only the highest is returned.
 */
export function noticesDue(subject: DueSubject, today: string, config?: ReminderConfig): PlannedNotice[] {
  const due = plannedNotices(subject, today, config).filter((n) => n.scheduledFor <= today);
  const reminders = due.filter((n) => n.kind !== 'overdue');
  const overdue = due.filter((n) => n.kind === 'overdue');
  const latestReminder = reminders.at(-1);
  const highestPerRecipient = overdue.filter((n, i) => !overdue.slice(i + 1).some((m) => m.recipient === n.recipient));
  return [...(latestReminder ? [latestReminder] : []), ...highestPerRecipient];
}

/**
 * A BullMQ job id for one notice of one subject. BullMQ rejects custom ids containing ':'
 * (unless they split into exactly three parts, a legacy repeatable-job format), so the
 * notice key's ':' cannot be used as-is; '%' and ':' in the subject id are percent-encoded
 * to keep ids collision-free.
 */
export function noticeJobId(subjectId: string, dueDate: string, n: Pick<PlannedNotice, 'kind' | 'offset'>): string {
  if (typeof subjectId !== 'string' || subjectId === '') throw new RangeError('noticeJobId: subjectId must be a non-empty string');
  assertIsoDate(dueDate, 'dueDate');
  const safeId = subjectId.replace(/%/g, '%25').replace(/:/g, '%3A');
  return `notice|${safeId}|${dueDate}|${n.kind}|${n.offset}`;
}

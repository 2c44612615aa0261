import { daysBetween, formatDateZh, workingDaysBetween } from '#libs/calendar';
import { NOTICE_LEVEL_LABELS } from './levels.js';
import type { PlannedNotice } from './schedule.js';

/**
 * The notice title, e.g. 【提醒】“…”将于2026年12月3日到期（还有7天） or 【催办】“…”已逾期3个工作日.
 * Counts are computed from the day the notice is actually sent (default: its scheduledFor),
 * not from the nominal offset: a T-7 reminder moved past a holiday, or an overdue step sent
 * late after an outage, must not state a wrong number of days.
 */
export function noticeTitle(n: PlannedNotice, subjectName: string, dueDate: string, sentOn: string = n.scheduledFor): string {
  const tag = `【${NOTICE_LEVEL_LABELS[n.level]}】`;
  const subject = `“${subjectName.trim()}”`;
  const dueZh = formatDateZh(dueDate);

  if (n.kind === 'overdue') {
    const late = workingDaysBetween(dueDate, sentOn);
    return late > 0 ? `${tag}${subject}已逾期${late}个工作日（到期日：${dueZh}）` : `${tag}${subject}已逾期（到期日：${dueZh}）`;
  }
  const left = daysBetween(sentOn, dueDate);
  if (left <= 0) return `${tag}${subject}今天（${dueZh}）到期`;
  return `${tag}${subject}将于${dueZh}到期（还有${left}天）`;
}

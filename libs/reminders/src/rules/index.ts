export {
  NOTICE_LEVELS,
  NOTICE_LEVEL_LABELS,
  RECIPIENT_ROLES,
  RECIPIENT_ROLE_LABELS,
  isNoticeLevel,
  isRecipientRole,
  type NoticeLevel,
  type RecipientRole,
} from './levels.js';
export {
  DEFAULT_REMINDER_CONFIG,
  MAX_OFFSET_DAYS,
  MAX_LADDER_WORKING_DAYS,
  ReminderConfigError,
  validateReminderConfig,
  type LadderStep,
  type ReminderConfig,
} from './config.js';
export { plannedNotices, noticesDue, noticeJobId, type DueSubject, type NoticeKind, type PlannedNotice } from './schedule.js';
export { noticeTitle } from './notice-text.js';

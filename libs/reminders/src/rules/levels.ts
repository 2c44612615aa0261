/** Notice levels in escalating order: 提醒 < 催办 < 督办. */
export const NOTICE_LEVELS = ['remind', 'urge', 'supervise'] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];

export const NOTICE_LEVEL_LABELS: Record<NoticeLevel, string> = Object.freeze({
  remind: '提醒',
  urge: '催办',
  supervise: '督办',
});

/** Who a notice goes to, from the department's liaison up to the provincial leadership. */
export const RECIPIENT_ROLES = ['liaison', 'head', 'coordinator', 'leader'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export const RECIPIENT_ROLE_LABELS: Record<RecipientRole, string> = Object.freeze({
  liaison: '联络员',
  head: '负责人',
  coordinator: '协调机制办公室',
  leader: '领导',
});

export function isNoticeLevel(value: unknown): value is NoticeLevel {
  return typeof value === 'string' && (NOTICE_LEVELS as readonly string[]).includes(value);
}

export function isRecipientRole(value: unknown): value is RecipientRole {
  return typeof value === 'string' && (RECIPIENT_ROLES as readonly string[]).includes(value);
}

export function levelRank(level: NoticeLevel): number {
  return NOTICE_LEVELS.indexOf(level);
}

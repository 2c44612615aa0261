import {
  NOTICE_LEVELS,
  RECIPIENT_ROLES,
  isNoticeLevel,
  isRecipientRole,
  levelRank,
  type NoticeLevel,
  type RecipientRole,
} from './levels.js';

export interface LadderStep {
  /** Working days past the due date; 0 = as soon as the subject is overdue. */
  afterWorkingDays: number;
  recipient: RecipientRole;
  level: NoticeLevel;
}

export interface ReminderConfig {
  /** Calendar days before the due date on which the liaison is reminded; 0 = on the due date. */
  offsets: number[];
  ladder: LadderStep[];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Frozen because it is shared by every caller that omits a config. */
export const DEFAULT_REMINDER_CONFIG: ReminderConfig = deepFreeze({
  offsets: [14, 7, 3, 1, 0],
  ladder: [
    { afterWorkingDays: 0, recipient: 'liaison', level: 'remind' },
    { afterWorkingDays: 3, recipient: 'head', level: 'urge' },
    { afterWorkingDays: 7, recipient: 'coordinator', level: 'supervise' },
    { afterWorkingDays: 14, recipient: 'leader', level: 'supervise' },
  ],
});

/** Bounds are sanity limits against typos (a 3650-day reminder), not policy. */
export const MAX_OFFSET_DAYS = 366;
export const MAX_LADDER_WORKING_DAYS = 250;

/**
 * Carries the offending field path so an admin API can point at the form field; the message is bilingual,
 * "中文 (english)", so the web app shows its Chinese part.
 */
export class ReminderConfigError extends Error {
  override readonly name = 'ReminderConfigError';
  constructor(
    readonly field: string,
    chinese: string,
    english: string,
  ) {
    super(`提醒规则配置无效：${chinese} (invalid reminder config: ${field} ${english})`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new ReminderConfigError(path ? `${path}.${key}` : key, `${key} 不是可设置的项`, 'is not a known field');
  }
}

function checkInt(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ReminderConfigError(field, `天数应为 0–${max} 的整数`, `must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks a config that came from outside (DB JSON, admin form) and returns a normalized copy:
 * offsets sorted from furthest to nearest, ladder sorted by afterWorkingDays. Duplicates are
 * errors rather than silently merged because each offset/step is a notice key — two steps at
 * the same point would compete for one job id. Unknown fields are rejected so a typo such as
 * `offset` does not silently fall back to nothing.
 */
export function validateReminderConfig(c: unknown): ReminderConfig {
  if (!isPlainObject(c)) throw new ReminderConfigError('(root)', '应包含到期前提醒天数和逾期升级阶梯', 'must be an object with offsets and ladder');
  rejectUnknownKeys(c, ['offsets', 'ladder'], '');

  if (!Array.isArray(c.offsets)) throw new ReminderConfigError('offsets', '到期前提醒应为天数列表', 'must be an array of day counts');
  const offsets = c.offsets.map((o, i) => checkInt(o, `offsets[${i}]`, MAX_OFFSET_DAYS));
  offsets.forEach((o, i) => {
    if (offsets.indexOf(o) !== i) throw new ReminderConfigError(`offsets[${i}]`, `到期前 ${o} 天的提醒重复了`, `duplicates ${o}`);
  });

  if (!Array.isArray(c.ladder)) throw new ReminderConfigError('ladder', '逾期升级阶梯应为步骤列表', 'must be an array of steps');
  const ladder: LadderStep[] = c.ladder.map((step, i) => {
    const path = `ladder[${i}]`;
    if (!isPlainObject(step)) throw new ReminderConfigError(path, `第 ${i + 1} 级应包含逾期工作日、接收对象和级别`, 'must be an object with afterWorkingDays, recipient and level');
    rejectUnknownKeys(step, ['afterWorkingDays', 'recipient', 'level'], path);
    const afterWorkingDays = checkInt(step.afterWorkingDays, `${path}.afterWorkingDays`, MAX_LADDER_WORKING_DAYS);
    if (!isRecipientRole(step.recipient)) {
      throw new ReminderConfigError(`${path}.recipient`, `第 ${i + 1} 级的接收对象应为联络员、负责人、协调机制办公室或领导`, `must be one of ${RECIPIENT_ROLES.join(', ')}, got ${JSON.stringify(step.recipient)}`);
    }
    if (!isNoticeLevel(step.level)) {
      throw new ReminderConfigError(`${path}.level`, `第 ${i + 1} 级的级别应为提醒、催办或督办`, `must be one of ${NOTICE_LEVELS.join(', ')}, got ${JSON.stringify(step.level)}`);
    }
    return { afterWorkingDays, recipient: step.recipient, level: step.level };
  });
  ladder.forEach((s, i) => {
    if (ladder.findIndex((t) => t.afterWorkingDays === s.afterWorkingDays) !== i) {
      throw new ReminderConfigError(`ladder[${i}].afterWorkingDays`, `逾期 ${s.afterWorkingDays} 个工作日的升级重复了`, `duplicates ${s.afterWorkingDays}`);
    }
  });

  const sortedLadder = [...ladder].sort((a, b) => a.afterWorkingDays - b.afterWorkingDays);
  // A ladder that steps down (督办 then 提醒) is almost certainly a data-entry mistake.
  for (let i = 1; i < sortedLadder.length; i++) {
    const prev = sortedLadder[i - 1]!;
    const cur = sortedLadder[i]!;
    if (levelRank(cur.level) < levelRank(prev.level)) {
      const index = ladder.indexOf(cur);
      throw new ReminderConfigError(
        `ladder[${index}].level`,
        `逾期 ${cur.afterWorkingDays} 个工作日的级别低于之前的级别，升级只能逐级提高`,
        `must not de-escalate: ${cur.level} after ${cur.afterWorkingDays} working days follows ${prev.level} after ${prev.afterWorkingDays}`,
      );
    }
  }

  return { offsets: [...offsets].sort((a, b) => b - a), ladder: sortedLadder };
}

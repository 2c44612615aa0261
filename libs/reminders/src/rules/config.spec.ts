import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REMINDER_CONFIG, ReminderConfigError, validateReminderConfig } from './config.js';
import { NOTICE_LEVEL_LABELS, RECIPIENT_ROLE_LABELS } from './levels.js';

const ladder = [
  { afterWorkingDays: 0, recipient: 'liaison', level: 'remind' },
  { afterWorkingDays: 3, recipient: 'head', level: 'urge' },
];

function errorOf(c: unknown): ReminderConfigError {
  try {
    validateReminderConfig(c);
  } catch (e) {
    if (e instanceof ReminderConfigError) return e;
    throw e;
  }
  throw new Error('expected validateReminderConfig to throw');
}

describe('labels', () => {
  it('are the Chinese terms used in notices', () => {
    expect(NOTICE_LEVEL_LABELS).toEqual({ remind: '提醒', urge: '催办', supervise: '督办' });
    expect(RECIPIENT_ROLE_LABELS).toEqual({ liaison: '联络员', head: '负责人', coordinator: '协调机制办公室', leader: '领导' });
  });
});

describe('DEFAULT_REMINDER_CONFIG', () => {
  it('reminds 14/7/3/1/0 days ahead and escalates at 0/3/7/14 working days overdue', () => {
    expect(DEFAULT_REMINDER_CONFIG.offsets).toEqual([14, 7, 3, 1, 0]);
    expect(DEFAULT_REMINDER_CONFIG.ladder).toEqual([
      { afterWorkingDays: 0, recipient: 'liaison', level: 'remind' },
      { afterWorkingDays: 3, recipient: 'head', level: 'urge' },
      { afterWorkingDays: 7, recipient: 'coordinator', level: 'supervise' },
      { afterWorkingDays: 14, recipient: 'leader', level: 'supervise' },
    ]);
  });

  it('is frozen, so one caller cannot change another caller’s default', () => {
    expect(Object.isFrozen(DEFAULT_REMINDER_CONFIG.offsets)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REMINDER_CONFIG.ladder[0])).toBe(true);
  });

  it('is valid', () => {
    expect(validateReminderConfig(DEFAULT_REMINDER_CONFIG)).toEqual(DEFAULT_REMINDER_CONFIG);
  });
});

describe('validateReminderConfig', () => {
  it('returns a sorted copy', () => {
    const input = { offsets: [1, 30, 0, 7], ladder: [...ladder].reverse() };
    const out = validateReminderConfig(input);
    expect(out.offsets).toEqual([30, 7, 1, 0]);
    expect(out.ladder.map((s) => s.afterWorkingDays)).toEqual([0, 3]);
    expect(input.offsets).toEqual([1, 30, 0, 7]);
  });

  it('accepts empty offsets and an empty ladder', () => {
    expect(validateReminderConfig({ offsets: [], ladder: [] })).toEqual({ offsets: [], ladder: [] });
  });

  it.each([
    [null, '(root)'],
    [[], '(root)'],
    ['{}', '(root)'],
    [{ ladder }, 'offsets'],
    [{ offsets: '14,7', ladder }, 'offsets'],
    [{ offsets: [14, -1], ladder }, 'offsets[1]'],
    [{ offsets: [14, 1.5], ladder }, 'offsets[1]'],
    [{ offsets: ['7'], ladder }, 'offsets[0]'],
    [{ offsets: [400], ladder }, 'offsets[0]'],
    [{ offsets: [7, 3, 7], ladder }, 'offsets[2]'],
    [{ offsets: [7] }, 'ladder'],
    [{ offsets: [7], ladder: {} }, 'ladder'],
    [{ offsets: [7], ladder: [null] }, 'ladder[0]'],
    [{ offsets: [7], ladder: [{ ...ladder[0], afterWorkingDays: -1 }] }, 'ladder[0].afterWorkingDays'],
    [{ offsets: [7], ladder: [ladder[0], { ...ladder[1], recipient: 'boss' }] }, 'ladder[1].recipient'],
    [{ offsets: [7], ladder: [ladder[0], { ...ladder[1], level: 'yell' }] }, 'ladder[1].level'],
    [{ offsets: [7], ladder: [ladder[0], { ...ladder[1], afterWorkingDays: 0 }] }, 'ladder[1].afterWorkingDays'],
    [{ offsets: [7], ladder: [ladder[0], { ...ladder[1], recipients: 'head' }] }, 'ladder[1].recipients'],
    [{ offsets: [7], ladder, offset: [3] }, 'offset'],
  ])('rejects %j naming %s', (input, field) => {
    const e = errorOf(input);
    expect(e.field).toBe(field);
    expect(e.message).toContain(field);
    expect(e.message).toContain('invalid reminder config');
  });

  it('rejects a ladder that de-escalates, naming the offending step', () => {
    const e = errorOf({
      offsets: [],
      ladder: [
        { afterWorkingDays: 7, recipient: 'leader', level: 'remind' },
        { afterWorkingDays: 3, recipient: 'head', level: 'supervise' },
      ],
    });
    expect(e.field).toBe('ladder[0].level');
    expect(e.message).toMatch(/de-escalate/);
    // The Chinese part, which the web app shows, comes first; the English detail follows in parentheses.
    expect(e.message).toMatch(/^提醒规则配置无效：逾期 7 个工作日的级别低于之前的级别，升级只能逐级提高 \(invalid reminder config: ladder\[0\]\.level must not de-escalate[^()]*\)$/);
  });
});

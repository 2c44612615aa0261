import { describe, expect, it } from '@jest/globals';
import { workingDaysBetween } from '#libs/calendar';
import type { ReminderConfig } from './config.js';
import { noticeJobId, noticesDue, plannedNotices, type PlannedNotice } from './schedule.js';

const brief = (ns: PlannedNotice[]) => ns.map((n) => `${n.key}@${n.scheduledFor}`);
const keys = (ns: PlannedNotice[]) => ns.map((n) => n.key);

// 2026-12-03 is a Thursday with no holidays nearby: nothing moves.
const plain = { dueDate: '2026-12-03' };

describe('plannedNotices', () => {
  it('plans the default schedule in firing order', () => {
    expect(plannedNotices(plain, '2026-11-01')).toEqual([
      { kind: 'before_due', offset: 14, recipient: 'liaison', level: 'remind', scheduledFor: '2026-11-19', key: 'before_due:14' },
      { kind: 'before_due', offset: 7, recipient: 'liaison', level: 'remind', scheduledFor: '2026-11-26', key: 'before_due:7' },
      { kind: 'before_due', offset: 3, recipient: 'liaison', level: 'remind', scheduledFor: '2026-11-30', key: 'before_due:3' },
      { kind: 'before_due', offset: 1, recipient: 'liaison', level: 'remind', scheduledFor: '2026-12-02', key: 'before_due:1' },
      { kind: 'due_day', offset: 0, recipient: 'liaison', level: 'remind', scheduledFor: '2026-12-03', key: 'due_day:0' },
      { kind: 'overdue', offset: 0, recipient: 'liaison', level: 'remind', scheduledFor: '2026-12-04', key: 'overdue:0' },
      { kind: 'overdue', offset: 3, recipient: 'head', level: 'urge', scheduledFor: '2026-12-08', key: 'overdue:3' },
      { kind: 'overdue', offset: 7, recipient: 'coordinator', level: 'supervise', scheduledFor: '2026-12-14', key: 'overdue:7' },
      { kind: 'overdue', offset: 14, recipient: 'leader', level: 'supervise', scheduledFor: '2026-12-23', key: 'overdue:14' },
    ]);
  });

  it('moves a before-due notice off a Saturday to the next working day; the due-day notice stays', () => {
    // Due Saturday 2026-12-12: T-14 (11-28) and T-7 (12-05) are Saturdays.
    expect(brief(plannedNotices({ dueDate: '2026-12-12' }, '2026-11-01').slice(0, 5))).toEqual([
      'before_due:14@2026-11-30',
      'before_due:7@2026-12-07',
      'before_due:3@2026-12-09',
      'before_due:1@2026-12-11',
      'due_day:0@2026-12-12',
    ]);
  });

  it('moves notices off holidays and keeps only the nearest when several land on one day', () => {
    // Due 2026-10-09: T-14 is Mid-Autumn (9-25) → Monday 9-28; T-7 (10-2) and T-3 (10-6) fall in
    // the National Day break and move to 10-8, which is T-1 itself.
    expect(brief(plannedNotices({ dueDate: '2026-10-09' }, '2026-09-01').filter((n) => n.kind !== 'overdue'))).toEqual([
      'before_due:14@2026-09-28',
      'before_due:1@2026-10-08',
      'due_day:0@2026-10-09',
    ]);
  });

  it('fires on a 调休 Sunday because it is a working day', () => {
    // Due 2026-10-04: T-14 is Sunday 9-20, a working day before National Day.
    expect(plannedNotices({ dueDate: '2026-10-04' }, '2026-09-01')[0]).toMatchObject({ key: 'before_due:14', scheduledFor: '2026-09-20' });
  });

  it('never moves a before-due notice past the due date', () => {
    // Due Sunday 2026-10-04 in the National Day break: T-1 and T-3 have no working day before it.
    const cfg: ReminderConfig = { offsets: [3], ladder: [] };
    expect(brief(plannedNotices({ dueDate: '2026-10-04' }, '2026-09-01', cfg))).toEqual(['before_due:3@2026-10-04']);
    // With a due-day notice on the same date, the clamped ones give way to it.
    expect(brief(plannedNotices({ dueDate: '2026-10-04' }, '2026-09-01').filter((n) => n.kind !== 'overdue'))).toEqual([
      'before_due:14@2026-09-20',
      'before_due:7@2026-09-28',
      'due_day:0@2026-10-04',
    ]);
  });

  it('fires the due-day notice on the due date even when that is a holiday', () => {
    const planned = plannedNotices({ dueDate: '2026-10-01' }, '2026-09-01');
    expect(planned.find((n) => n.kind === 'due_day')?.scheduledFor).toBe('2026-10-01');
    expect(noticesDue({ dueDate: '2026-10-01' }, '2026-10-01').map((n) => n.key)).toEqual(['due_day:0']);
  });

  it('counts the overdue ladder in working days, across holidays and 调休', () => {
    // Due National Day 10-01: first working day after is 10-08; the 3rd is Saturday 10-10 (调休).
    const overdue = plannedNotices({ dueDate: '2026-10-01' }, '2026-09-01').filter((n) => n.kind === 'overdue');
    expect(brief(overdue)).toEqual(['overdue:0@2026-10-08', 'overdue:3@2026-10-10', 'overdue:7@2026-10-15', 'overdue:14@2026-10-26']);
    for (const n of overdue) {
      expect(workingDaysBetween('2026-10-01', n.scheduledFor)).toBe(Math.max(n.offset, 1));
    }
  });

  it('drops before-due and due-day notices once the due date has passed', () => {
    expect(keys(plannedNotices(plain, '2026-12-04'))).toEqual(['overdue:0', 'overdue:3', 'overdue:7', 'overdue:14']);
    expect(keys(plannedNotices(plain, '2026-12-03'))).toContain('due_day:0');
  });

  it('uses deterministic keys', () => {
    const a = plannedNotices(plain, '2026-11-01');
    expect(new Set(keys(a)).size).toBe(a.length);
    expect(plannedNotices(plain, '2026-11-01')).toEqual(a);
  });

  it('validates its inputs', () => {
    expect(() => plannedNotices({ dueDate: '2026-13-01' }, '2026-11-01')).toThrow(/dueDate/);
    expect(() => plannedNotices(plain, '2026/11/01')).toThrow(/today/);
    expect(() => plannedNotices(plain, '2026-11-01', { offsets: [-1], ladder: [] })).toThrow(/offsets\[0\]/);
  });
});

describe('noticesDue', () => {
  const due = (today: string, subject = plain, cfg?: ReminderConfig) => keys(noticesDue(subject, today, cfg));

  it('returns nothing before the first reminder', () => {
    expect(due('2026-11-18')).toEqual([]);
  });

  it('returns the current before-due reminder, to the liaison at 提醒 level', () => {
    expect(noticesDue(plain, '2026-11-19')).toEqual([
      { kind: 'before_due', offset: 14, recipient: 'liaison', level: 'remind', scheduledFor: '2026-11-19', key: 'before_due:14' },
    ]);
    expect(due('2026-11-26')).toEqual(['before_due:7']);
    expect(due('2026-11-30')).toEqual(['before_due:3']);
    expect(due('2026-12-02')).toEqual(['before_due:1']);
    expect(due('2026-12-03')).toEqual(['due_day:0']);
  });

  it('still sends a missed T-7 on T-6, but only the newest reminder after a longer outage', () => {
    expect(due('2026-11-27')).toEqual(['before_due:7']);
    expect(due('2026-12-01')).toEqual(['before_due:3']);
  });

  it('sends nothing before-due after the due date', () => {
    for (const today of ['2026-12-04', '2026-12-05', '2026-12-31']) {
      expect(noticesDue(plain, today).every((n) => n.kind === 'overdue')).toBe(true);
    }
  });

  it('does not fire a moved notice before its working day', () => {
    // Due Saturday 12-12: T-7 (Saturday 12-05) moves to Monday 12-07; on Sunday the T-14 one is still current.
    expect(due('2026-12-06', { dueDate: '2026-12-12' })).toEqual(['before_due:14']);
    expect(due('2026-12-07', { dueDate: '2026-12-12' })).toEqual(['before_due:7']);
  });

  it('climbs the ladder at 0, 3, 7 and 14 working days overdue', () => {
    expect(due('2026-12-04')).toEqual(['overdue:0']); // 1st working day overdue
    expect(due('2026-12-05')).toEqual(['overdue:0']); // Saturday
    expect(workingDaysBetween('2026-12-03', '2026-12-07')).toBe(2);
    expect(due('2026-12-07')).toEqual(['overdue:0']);
    expect(workingDaysBetween('2026-12-03', '2026-12-08')).toBe(3);
    expect(due('2026-12-08')).toEqual(['overdue:0', 'overdue:3']);
    expect(workingDaysBetween('2026-12-03', '2026-12-14')).toBe(7);
    expect(due('2026-12-11')).toEqual(['overdue:0', 'overdue:3']);
    expect(due('2026-12-14')).toEqual(['overdue:0', 'overdue:3', 'overdue:7']);
    expect(workingDaysBetween('2026-12-03', '2026-12-23')).toBe(14);
    expect(due('2026-12-22')).toEqual(['overdue:0', 'overdue:3', 'overdue:7']);
    expect(noticesDue(plain, '2026-12-23').map((n) => [n.key, n.recipient, n.level])).toEqual([
      ['overdue:0', 'liaison', 'remind'],
      ['overdue:3', 'head', 'urge'],
      ['overdue:7', 'coordinator', 'supervise'],
      ['overdue:14', 'leader', 'supervise'],
    ]);
    // Ladder steps never lapse: the caller dedups by key.
    expect(due('2027-06-01')).toEqual(['overdue:0', 'overdue:3', 'overdue:7', 'overdue:14']);
  });

  it('does not call a subject overdue over the weekend right after its due date', () => {
    // Due Friday 12-04: Saturday and Sunday are 0 working days overdue; the first step fires Monday.
    expect(due('2026-12-05', { dueDate: '2026-12-04' })).toEqual([]);
    expect(due('2026-12-07', { dueDate: '2026-12-04' })).toEqual(['overdue:0']);
  });

  it('sends only the highest reached step when several address the same role', () => {
    const cfg: ReminderConfig = {
      offsets: [],
      ladder: [
        { afterWorkingDays: 0, recipient: 'liaison', level: 'remind' },
        { afterWorkingDays: 1, recipient: 'liaison', level: 'urge' },
        { afterWorkingDays: 3, recipient: 'liaison', level: 'supervise' },
        { afterWorkingDays: 5, recipient: 'head', level: 'supervise' },
      ],
    };
    // Steps 0 and 1 fall on the same day for the same person: only the stronger is planned.
    expect(keys(plannedNotices(plain, '2026-12-01', cfg))).toEqual(['overdue:1', 'overdue:3', 'overdue:5']);
    expect(due('2026-12-04', plain, cfg)).toEqual(['overdue:1']);
    expect(due('2026-12-08', plain, cfg)).toEqual(['overdue:3']);
    expect(due('2026-12-10', plain, cfg)).toEqual(['overdue:3', 'overdue:5']);
  });

  it('respects a custom config', () => {
    const cfg: ReminderConfig = { offsets: [30, 5], ladder: [{ afterWorkingDays: 2, recipient: 'coordinator', level: 'urge' }] };
    expect(due('2026-11-03', plain, cfg)).toEqual(['before_due:30']);
    expect(due('2026-11-28', plain, cfg)).toEqual(['before_due:30']); // T-5 is a Saturday
    expect(due('2026-11-30', plain, cfg)).toEqual(['before_due:5']);
    expect(due('2026-12-03', plain, cfg)).toEqual(['before_due:5']);
    expect(due('2026-12-04', plain, cfg)).toEqual([]);
    expect(due('2026-12-07', plain, cfg)).toEqual(['overdue:2']);
  });
});

describe('noticeJobId', () => {
  it('builds a colon-free id, because BullMQ rejects most custom ids containing ":"', () => {
    const [n] = noticesDue(plain, '2026-11-26');
    const id = noticeJobId('task-42', plain.dueDate, n!);
    expect(id).toBe('notice|task-42|2026-12-03|before_due|7');
    expect(id).not.toContain(':');
  });

  it('encodes colons in subject ids without collisions', () => {
    const n = { kind: 'overdue' as const, offset: 3 };
    expect(noticeJobId('task:42', '2026-12-03', n)).toBe('notice|task%3A42|2026-12-03|overdue|3');
    expect(noticeJobId('task%3A42', '2026-12-03', n)).not.toBe(noticeJobId('task:42', '2026-12-03', n));
    expect(() => noticeJobId('', '2026-12-03', n)).toThrow(RangeError);
  });

  it('changes when the due date changes, so an extension gets fresh notices', () => {
    const n = { kind: 'due_day' as const, offset: 0 };
    expect(noticeJobId('task-42', '2026-12-03', n)).not.toBe(noticeJobId('task-42', '2026-12-17', n));
  });
});
